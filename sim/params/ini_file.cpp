#include "sim/params/ini_file.hpp"

#include "sim/core/errors.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

// A section or key name: parts of letters, digits and _, joined by single dots.
bool is_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() { ::close(fd_); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

std::string too_large(const fs::path& path, std::string_view kind, std::size_t max_bytes) {
  return fmt::format("{} is larger than a {} may be ({} bytes at most)", path.string(), kind, max_bytes);
}

}  // namespace

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::string excerpt(std::string_view text) {
  constexpr std::size_t shown = 60;
  if (text.size() <= shown) return std::string(text);
  return fmt::format("{}… ({} characters)", text.substr(0, shown), text.size());
}

std::string read_text_file(const fs::path& path, std::string_view kind, std::size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) throw InputError(fmt::format("{} not found: {}", kind, path.string()));
    throw InputError(fmt::format("cannot read {} {}: {}", kind, path.string(), std::strerror(error)));
  }
  const FileDescriptor file(fd);
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) {
    throw InputError(fmt::format("cannot read {} {}: {}", kind, path.string(), std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) throw InputError(fmt::format("{} is a directory, expected a {}", path.string(), kind));
  if (!S_ISREG(info.st_mode)) {
    throw InputError(fmt::format("{} is not a regular file (a device, FIFO or socket), expected a {}", path.string(), kind));
  }
  if (static_cast<std::uint64_t>(info.st_size) > max_bytes) throw InputError(too_large(path, kind, max_bytes));
  // Files under /proc claim size 0, so the bound is checked while reading too.
  std::string text;
  std::array<char, 64 * 1024> buffer{};
  while (true) {
    const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw InputError(fmt::format("cannot read {} {}: {}", kind, path.string(), std::strerror(errno)));
    if (got == 0) return text;
    text.append(buffer.data(), static_cast<std::size_t>(got));
    if (text.size() > max_bytes) throw InputError(too_large(path, kind, max_bytes));
  }
}

std::vector<IniSetting> read_ini_file(const fs::path& path, std::string_view kind, const std::string& referrer) {
  std::string text;
  try {
    text = read_text_file(path, kind, max_ini_file_bytes);
  } catch (const InputError& error) {
    throw InputError(referrer + error.what());
  }
  return parse_ini_text(text, path.string());
}

std::vector<IniSetting> parse_ini_text(const std::string& text, const std::string& file) {
  std::vector<IniSetting> settings;
  std::map<std::string, int, std::less<>> line_of_key;
  std::string section;
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    const std::string_view line = std::string_view(text).substr(start, end - start);
    start = end + 1;
    ++number;
    if (line.size() > max_ini_line_length) {
      throw InputError(fmt::format("{}:{}: line of {} characters; lines may have at most {}", file, number, line.size(),
                                   max_ini_line_length));
    }
    const std::string content = trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    const auto equals = content.find('=');
    if (content.front() == '[' && content.back() == ']' && equals == std::string::npos) {
      section = trim(std::string_view(content).substr(1, content.size() - 2));
      if (section.size() > max_ini_key_length || !is_name(section)) {
        throw InputError(fmt::format("{}:{}: '{}': expected a section name of at most {} letters, digits and _, parts "
                                     "joined by single dots, e.g. [run]",
                                     file, number, excerpt(content), max_ini_key_length));
      }
      continue;
    }
    if (content.front() == '[' || equals == std::string::npos || equals == 0) {
      throw InputError(fmt::format("{}:{}: cannot parse '{}': expected '[group]', 'key = value' or a # comment", file,
                                   number, excerpt(content)));
    }
    const std::string name = trim(std::string_view(content).substr(0, equals));
    if (name.size() > max_ini_key_length || !is_name(name)) {
      throw InputError(fmt::format("{}:{}: key '{}': expected a name of at most {} letters, digits and _, parts joined "
                                   "by single dots, e.g. years or run.years",
                                   file, number, excerpt(name), max_ini_key_length));
    }
    std::string key = section.empty() ? name : section + "." + name;
    if (const auto [found, added] = line_of_key.emplace(key, number); !added) {
      throw InputError(
          fmt::format("{}:{}: '{}' is set twice in this file (first on line {})", file, number, key, found->second));
    }
    settings.push_back({std::move(key), trim(std::string_view(content).substr(equals + 1)), fmt::format("{}:{}", file, number)});
  }
  return settings;
}

}  // namespace ittsim
