// Fuzz target for the sweep parser: the input is written as sweep.ini beside a small base
// scenario (base.ini), then loaded as `ittsim sweep` loads it. Any text must give either a
// valid SweepDefinition or an InputError; anything else is a finding, kept in
// regressions/sweep/ and replayed by ctest.

#include "sim/core/errors.hpp"
#include "sim/sweep/definition.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

// Loading validates every point's scenario (about 0.25 ms a point under the sanitizers), so a
// lower limit than the command's 100,000 keeps any one input well inside libFuzzer's timeout;
// the limit's own check is the same code either way.
constexpr std::size_t max_points = 10'000;

void write(const fs::path& path, const char* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
}

// One folder per process, removed at exit.
const fs::path& work_folder() {
  static const fs::path folder = [] {
    std::string name = (fs::temp_directory_path() / "ittsim-fuzz-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) std::abort();
    const std::string base = "[population]\nregions = 1\n[run]\nyears = 2\n";
    write(fs::path(name) / "base.ini", base.data(), base.size());
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(work_folder(), ignored);
    });
    return fs::path(name);
  }();
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path sweep_file = work_folder() / "sweep.ini";
  write(sweep_file, reinterpret_cast<const char*>(data), size);
  try {
    const auto sweep = ittsim::SweepDefinition::load(sweep_file, max_points);
    (void)sweep.point_table_csv();
    if (!sweep.points().empty()) (void)sweep.scenario(sweep.points().back());
  } catch (const ittsim::InputError&) {
  }
  return 0;
}
