#include "sim/io/command_line.hpp"

#include "sim/core/errors.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace ittsim {

std::int64_t whole_number_option(const std::string& option, const std::string& text, std::int64_t minimum) {
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty()) {
    throw InputError(fmt::format("{} = '{}': expected a whole number of at least {}", option, text, minimum));
  }
  if (value < minimum) throw InputError(fmt::format("{} = {}: expected a whole number of at least {}", option, value, minimum));
  return value;
}

void check_output_path(const std::filesystem::path& output) {
  namespace fs = std::filesystem;
  if (output.empty()) throw InputError("--output: expected a file name");
  if (fs::is_directory(output)) throw InputError(fmt::format("--output {}: is a directory, expected a file name", output.string()));
  const fs::path folder = output.has_parent_path() ? output.parent_path() : fs::path(".");
  if (!fs::is_directory(folder)) {
    throw InputError(fmt::format("--output {}: folder {} does not exist", output.string(), folder.string()));
  }
  if (access(folder.c_str(), W_OK) != 0) {
    throw OutputError(fmt::format("--output {}: folder {} is not writable", output.string(), folder.string()));
  }
}

}  // namespace ittsim
