// Fuzz target for the output reader of `ittsim summary`: any file must give a summary or an
// InputError (exit code 2). A crash, a sanitizer report, a hang or any other exception is a
// finding, kept in regressions/output/. Inputs are written to a file first: HDF5 is touched
// only through sim/io/hdf5_file.cpp.

#include "sim/core/errors.hpp"
#include "sim/io/summary.hpp"
#include "fuzz_file.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = ittsim::fuzz::write_input(data, size, "output.h5");
  try {
    const auto summary = ittsim::read_summary(path);
    (void)ittsim::format_summary(summary);
  } catch (const ittsim::InputError&) {
  }
  return 0;
}
