#include "sim/io/command_line.hpp"

#include "sim/core/errors.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

// Whether path is folder or lies beneath it, once both are made absolute and resolved.
bool is_within(const fs::path& path, const fs::path& folder) {
  std::error_code ec;
  const fs::path inner = fs::weakly_canonical(fs::absolute(path), ec);
  fs::path outer = fs::weakly_canonical(fs::absolute(folder), ec);
  if (!outer.has_filename()) outer = outer.parent_path();  // "DIR/": no empty last element
  if (std::distance(inner.begin(), inner.end()) < std::distance(outer.begin(), outer.end())) return false;
  return std::equal(outer.begin(), outer.end(), inner.begin());
}

}  // namespace

std::int64_t whole_number_option(const std::string& option, const std::string& text, std::int64_t minimum,
                                 std::int64_t maximum) {
  std::size_t used = 0;
  long long value = 0;
  bool too_large = false;
  try {
    value = std::stoll(text, &used);
  } catch (const std::out_of_range&) {
    too_large = text.find_first_not_of(" \t0123456789+") == std::string::npos;
    used = too_large ? text.size() : 0;
  } catch (const std::exception&) {
    used = 0;
  }
  const auto expected = fmt::format("expected a whole number of at least {} and at most {}", minimum, maximum);
  if (used != text.size() || text.empty()) throw InputError(fmt::format("{} = '{}': {}", option, text, expected));
  if (too_large || value > maximum) throw InputError(fmt::format("{} = {}: too large: {}", option, text, expected));
  if (value < minimum) throw InputError(fmt::format("{} = {}: {}", option, value, expected));
  return value;
}

void check_output_path(const fs::path& output, const std::vector<NamedPath>& inputs,
                       const std::vector<NamedPath>& owned_folders) {
  if (output.empty()) throw InputError("--output: expected a file name");
  std::error_code ec;
  const auto status = fs::status(output, ec);
  if (fs::is_directory(status)) throw InputError(fmt::format("--output {}: is a directory, expected a file name", output.string()));
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    throw InputError(fmt::format("--output {}: exists and is not a regular file (a device, FIFO or socket); expected "
                                 "a file name to write",
                                 output.string()));
  }
  for (const auto& input : inputs) {
    if (fs::exists(status) && fs::equivalent(output, input.path, ec)) {
      throw InputError(fmt::format("--output {}: is {} ({}), which writing the output would destroy; choose another "
                                   "output file",
                                   output.string(), input.what, input.path.string()));
    }
  }
  for (const auto& folder : owned_folders) {
    if (is_within(output, folder.path)) {
      throw InputError(fmt::format("--output {}: lies inside {} ({}), whose files this command manages; choose an "
                                   "output file outside it",
                                   output.string(), folder.what, folder.path.string()));
    }
  }
  const fs::path folder = output.has_parent_path() ? output.parent_path() : fs::path(".");
  if (!fs::is_directory(folder)) {
    throw InputError(fmt::format("--output {}: folder {} does not exist; ittsim does not create it: create it first, "
                                 "or choose a file in an existing folder",
                                 output.string(), folder.string()));
  }
  if (access(folder.c_str(), W_OK) != 0) {
    throw OutputError(fmt::format("--output {}: folder {} is not writable", output.string(), folder.string()));
  }
}

}  // namespace ittsim
