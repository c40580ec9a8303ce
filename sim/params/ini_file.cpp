#include "sim/params/ini_file.hpp"

#include "sim/core/errors.hpp"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

// Boost's config-file parser gives keys and values but not line numbers; this scan follows
// the same rules (# comments, [section] headers, key = value) to find the line of each key,
// so that messages can point at it. It also rejects, with its line, anything Boost would.
struct KeyLines {
  std::map<std::string, int> line_of_key;
  std::vector<std::pair<std::string, int>> duplicates;
};

KeyLines scan_lines(const std::string& text, const std::string& file) {
  KeyLines result;
  std::istringstream lines(text);
  std::string line;
  std::string section;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const std::string content = trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    const auto equals = content.find('=');
    const bool is_section = content.front() == '[';
    if (is_section && content.back() == ']' && content.size() > 2) {
      section = trim(std::string_view(content).substr(1, content.size() - 2));
      continue;
    }
    if (is_section || equals == std::string::npos || equals == 0) {
      throw InputError(fmt::format("{}:{}: cannot parse '{}': expected '[group]', 'key = value' or a # comment", file,
                                   number, content));
    }
    std::string key = trim(std::string_view(content).substr(0, equals));
    if (!section.empty()) key = section + "." + key;
    if (!result.line_of_key.emplace(key, number).second) result.duplicates.emplace_back(key, number);
  }
  return result;
}

std::string read_text(const fs::path& path, std::string_view kind, const std::string& referrer) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(fmt::format("{}{} not found: {}", referrer, kind, path.string()));
  if (fs::is_directory(path, ec)) {
    throw InputError(fmt::format("{}{} is a directory, expected a {}", referrer, path.string(), kind));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}cannot read {} {}", referrer, kind, path.string()));
  return read_text_file(path);
}

}  // namespace

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::string read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read {}", path.string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<IniSetting> read_ini_file(const fs::path& path, std::string_view kind, const std::string& referrer) {
  return parse_ini_text(read_text(path, kind, referrer), path.string());
}

std::vector<IniSetting> parse_ini_text(const std::string& text, const std::string& file) {
  const KeyLines lines = scan_lines(text, file);
  std::istringstream in(text);
  boost::program_options::parsed_options parsed(nullptr);
  try {
    parsed = boost::program_options::parse_config_file(in, boost::program_options::options_description{}, true);
  } catch (const boost::program_options::error& error) {
    throw InputError(fmt::format("{}: {}", file, error.what()));
  }
  if (!lines.duplicates.empty()) {
    const auto& [key, line] = lines.duplicates.front();
    throw InputError(fmt::format("{}:{}: '{}' is set twice in this file (first on line {})", file, line, key,
                                 lines.line_of_key.at(key)));
  }
  std::vector<IniSetting> settings;
  for (const auto& option : parsed.options) {
    const auto found = lines.line_of_key.find(option.string_key);
    settings.push_back({option.string_key, option.value.empty() ? std::string{} : trim(option.value.front()),
                        found == lines.line_of_key.end() ? file : fmt::format("{}:{}", file, found->second)});
  }
  return settings;
}

}  // namespace ittsim
