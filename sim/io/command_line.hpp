#pragma once
// Checks of command-line values shared by `ittsim` and `ittsim_bench`. Each throws an
// InputError that names the option and what was expected.

#include <cstdint>
#include <filesystem>
#include <string>

namespace ittsim {

// Parses a whole number given for option, at least minimum.
std::int64_t whole_number_option(const std::string& option, const std::string& text, std::int64_t minimum);

// An output file must be creatable before anything runs, so that a bad path fails at once:
// not a folder (InputError), in a folder that exists (InputError) and can be written
// (OutputError, exit 3, like any other failure to write).
void check_output_path(const std::filesystem::path& output);

}  // namespace ittsim
