#pragma once
// Reading INI files (scenarios and sweeps): # comments, [section] headers and key = value
// lines, each setting with the file and line it came from so that messages can point at it.
// Only regular files are read, of bounded size, with bounded lines and keys: a scenario is
// outside input, and a device, a FIFO or a huge file must fail at once, not hang or exhaust.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ittsim {

// A scenario or sweep file is a few kilobytes; a sweep listing many values a few hundred.
inline constexpr std::size_t max_ini_file_bytes = 1024 * 1024;
inline constexpr std::size_t max_ini_line_length = 64 * 1024;
// Parameter keys ("group.name") are under 60 characters; a longer one is no key.
inline constexpr std::size_t max_ini_key_length = 128;

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
// Section and key names are letters, digits and _, in parts joined by single dots, so that
// one key has one spelling: [run.] or [ run ] cannot alias [run].
std::vector<IniSetting> parse_ini_text(const std::string& text, const std::string& source);

std::string trim(std::string_view text);

// Text quoted in a message: at most 60 characters, then '…', so that a huge value or key
// given as input is not echoed back whole.
std::string excerpt(std::string_view text);

// The whole of a regular file of at most max_bytes; InputError naming it (as kind) when it is
// missing, not a regular file (opened without blocking, so a FIFO cannot hang), too large or
// unreadable.
std::string read_text_file(const std::filesystem::path& path, std::string_view kind = "file",
                           std::size_t max_bytes = std::size_t{256} * 1024 * 1024);

}  // namespace ittsim
