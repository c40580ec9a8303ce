// Fuzz target for the scenario parser: any text must give either a valid Scenario or an
// InputError (exit code 2 in the command). A crash, a sanitizer report, a hang or any other
// exception is a finding; each one found is kept in regressions/scenario/ and replayed by ctest.

#include "sim/core/errors.hpp"
#include "sim/params/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto scenario = ittsim::Scenario::from_text(text, "fuzz.ini", "fuzz");
    // A valid scenario must also reproduce itself: its resolved text loads to the same values.
    const auto again = ittsim::Scenario::from_text(scenario.resolved_text(), "resolved.ini", "fuzz");
    if (again.values_text() != scenario.values_text()) __builtin_trap();
  } catch (const ittsim::InputError&) {
  }
  return 0;
}
