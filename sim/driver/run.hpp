#pragma once
// Runs a validated scenario: every replicate in turn, each stepped week by week inside a
// oneTBB arena of the requested size, writing each completed year to the output file.

#include "sim/params/scenario.hpp"

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

namespace ittsim {

struct RunProgress {
  std::uint64_t replicate = 0;
  std::uint64_t replicates = 0;
  int weeks_done = 0;
  int total_weeks = 0;
  double elapsed_seconds = 0;
};

struct RunOptions {
  std::filesystem::path output;
  int threads = 1;
  std::string command_line;                          // recorded under /provenance
  std::function<void(const RunProgress&)> progress;  // called after every week, if set
  const std::atomic<bool>* stop_requested = nullptr; // checked every week; throws Interrupted
};

// Writes options.output (through a .part file) or throws, leaving no output behind.
void run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace ittsim
