#pragma once
// Error kinds, each with the exit code the command line gives it.

#include <stdexcept>
#include <string>

namespace ittsim {

// Bad input from the user: a scenario file, an override or a command-line value. Exit 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An output could not be written or read (HDF5 failure, full disk, unwritable folder). Exit 3.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The run was stopped by SIGINT or SIGTERM before it finished.
class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace exit_code {
inline constexpr int success = 0;
inline constexpr int internal_error = 1;
inline constexpr int bad_input = 2;
inline constexpr int output_error = 3;
inline constexpr int points_failed = 4;  // a sweep ran, but some of its points failed
inline constexpr int out_of_memory = 5;  // an allocation failed during the work, after the estimate let it start
inline constexpr int interrupted = 130;
}  // namespace exit_code

}  // namespace ittsim
