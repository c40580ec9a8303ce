#pragma once
// Reading INI files (scenarios and sweeps): # comments, [section] headers and key = value
// lines, each setting with the file and line it came from so that messages can point at it.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ittsim {

struct IniSetting {
  std::string key;     // "section.key", or "key" before any section
  std::string value;   // trimmed
  std::string origin;  // "file:line", or how it was given ("--set")
};

// Reads path's settings in file order. kind names the file in messages ("scenario file");
// referrer prefixes them (e.g. "base.ini:3: extends: "). Throws InputError naming the file
// and line of anything unreadable, unparseable or set twice.
std::vector<IniSetting> read_ini_file(const std::filesystem::path& path, std::string_view kind,
                                      const std::string& referrer = {});

// The same, from text already read; source names it in messages ("checkpoint.h5:/scenario").
std::vector<IniSetting> parse_ini_text(const std::string& text, const std::string& source);

std::string trim(std::string_view text);

// The whole of a text file; InputError naming it when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace ittsim
