// Fuzz target for the checkpoint reader: any file must be refused with an InputError (exit
// code 2 in `ittsim resume`) or give a state that a Simulation accepts. A crash, a sanitizer
// report, a hang or any other exception is a finding, kept in regressions/checkpoint/.
// Inputs are written to a file first: HDF5 is touched only through sim/io/hdf5_file.cpp.

#include "sim/core/errors.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/model/simulation.hpp"
#include "fuzz_file.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = ittsim::fuzz::write_input(data, size, "checkpoint.h5");
  try {
    // Seeds outlive the commit that wrote them: the build is not checked, all else is.
    const auto checkpoint = ittsim::read_checkpoint(path, ittsim::CheckpointBuild::any);
    if (auto state = checkpoint.read_state()) {
      const ittsim::Simulation simulation(checkpoint.scenario.parameters(), checkpoint.position.replicate, std::move(*state));
    }
  } catch (const ittsim::InputError&) {
  }
  return 0;
}
