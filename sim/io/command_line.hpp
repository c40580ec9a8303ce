#pragma once
// Checks of command-line values shared by `ittsim` and `ittsim_bench`. Each throws an
// InputError that names the option and what was expected.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace ittsim {

// Parses a whole number given for option, from minimum to maximum. The default maximum is
// the largest int, so that callers keeping the value in an int cannot see it wrap.
std::int64_t whole_number_option(const std::string& option, const std::string& text, std::int64_t minimum,
                                 std::int64_t maximum = std::numeric_limits<int>::max());

// The most worker threads --threads accepts: beyond any machine's cores, and far below the
// number at which creating them fails.
inline constexpr std::int64_t max_threads = 1024;

// A path a command reads or manages, with what it is, for messages ("the scenario file").
struct NamedPath {
  std::filesystem::path path;
  std::string what;
};

// An output file must be creatable before anything runs, so that a bad path fails at once,
// and must not destroy what the command works from. Refused with InputError: a folder, a
// path that exists and is not a regular file (a device, a FIFO), a folder that does not
// exist, one of inputs (the same file by any name: links included), or a path inside one of
// owned_folders (folders whose files the command reads, writes or removes). A folder that
// cannot be written is an OutputError (exit 3), like any other failure to write.
void check_output_path(const std::filesystem::path& output, const std::vector<NamedPath>& inputs = {},
                       const std::vector<NamedPath>& owned_folders = {});

}  // namespace ittsim
