// Calibration on a reduced England (London and the South East, at full density) over
// replicates: every target must be met, as the full-England check in ittsim_bench does.

#include "sim/calibration/calibration.hpp"
#include "sim/params/regions.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace ittsim;

TEST_CASE("a reduced England meets the calibration targets over replicates", "[calibration][statistical]") {
  const Parameters p =
      Scenario::load(test::baseline, {{"population.regions", "192", "test"}, {"run.years", "7", "test"}}).parameters();
  std::vector<ReplicateYears> replicates;
  for (std::uint64_t replicate = 0; replicate < 4; ++replicate) replicates.push_back(test::run_in_memory(p, replicate, 2).years);
  for (const auto& result : evaluate_calibration(replicates, england_fraction(p.population))) {
    const std::string name(result.target->name);
    INFO(name << ": mean " << result.mean << ", band " << result.target->low << " to " << result.target->high);
    CHECK(result.met);
  }
}

TEST_CASE("calibration measures ignore the warm-up years and undefined values", "[calibration]") {
  ReplicateYears years(calibration_warm_up_years + 2);
  years[0].trainees_recruited = 1'000'000;  // a warm-up year: must not count
  for (std::size_t y = calibration_warm_up_years; y < years.size(); ++y) {
    years[y].trainees_recruited = 27000;
    years[y].qts_awarded = 93;
    years[y].trainees_failed = 7;
  }
  years.back().retention_1y = 0.9;  // the earlier counted year has none (NaN)
  const auto results = evaluate_calibration({years}, 1.0);
  for (const auto& result : results) {
    if (result.target->name == "trainees_recruited") CHECK(result.mean == Approx(27000));
    if (result.target->name == "qts_rate") CHECK(result.mean == Approx(0.93));
    if (result.target->name == "retention_1y") CHECK(result.mean == Approx(0.9));
  }
}
