#pragma once
// For the fuzz targets of file readers: an input written to a file of this process's own, in
// the temporary folder, replaced by each input.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace ittsim::fuzz {

// The file, removed when the process exits.
class InputFile {
 public:
  explicit InputFile(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("ittsim-fuzz-" + std::to_string(getpid()) + "-" + name)) {}
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline const std::filesystem::path& write_input(const std::uint8_t* data, std::size_t size, const std::string& name) {
  static const InputFile file(name);
  std::ofstream(file.path(), std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return file.path();
}

}  // namespace ittsim::fuzz
