// Statistical tests of the teacher labour market (sim/model/employment.cpp): over replicates of
// reduced worlds, its outputs move the way the mechanisms say when supply, mobility and moves
// change. Each compares two scenarios on the same seeds and replicates, with a margin of
// several standard errors of the difference.

#include "sim/model/simulation.hpp"
#include "sim/params/scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <vector>

using namespace ittsim;

namespace {

struct YearRecord {
  YearlyIndicators year;
  YearlyBreakdowns breakdowns;
  YearlyDistributions distributions;
};

std::vector<YearRecord> run_years(const Parameters& p, std::uint64_t replicate) {
  std::vector<YearRecord> years;
  Simulation simulation(p, replicate);
  while (!simulation.finished()) {
    simulation.step();
    if (simulation.year_completed())
      years.push_back({simulation.last_year(), simulation.last_year_breakdowns(), simulation.last_year_distributions()});
  }
  return years;
}

// A measure of each replicate's run, for a scenario given as overrides of a reduced world.
template <typename Measure>
std::vector<double> over_replicates(std::vector<Override> overrides, int replicates, Measure measure) {
  const Parameters p = test::small_scenario(std::move(overrides)).parameters();
  std::vector<double> values;
  for (int replicate = 0; replicate < replicates; ++replicate) values.push_back(measure(run_years(p, static_cast<std::uint64_t>(replicate))));
  return values;
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (const double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

// The standard error of the difference of two means.
double difference_se(const std::vector<double>& a, const std::vector<double>& b) {
  const auto variance = [](const std::vector<double>& values) {
    const double m = mean(values);
    double sum = 0;
    for (const double value : values) sum += (value - m) * (value - m);
    return sum / static_cast<double>(values.size() - 1);
  };
  return std::sqrt(variance(a) / static_cast<double>(a.size()) + variance(b) / static_cast<double>(b.size()));
}

constexpr std::size_t primary = 0;
constexpr std::size_t secondary = 1;

}  // namespace

TEST_CASE("an oversupply of primary trainees leaves more primary QTS holders unemployed, and not secondary ones", "[labour_market][statistical]") {
  const int replicates = 4;
  const auto unemployed = [](std::size_t phase) {
    return [phase](const std::vector<YearRecord>& years) {
      double count = 0;
      for (const auto& year : years) count += static_cast<double>(year.breakdowns.new_qts_unemployed.by_phase[phase]);
      return count;
    };
  };
  const std::vector<Override> base{{"run.years", "3", "test"}};
  std::vector<Override> oversupply = base;
  oversupply.push_back({"recruitment.primary_fill_rate", "1.4", "test"});
  const auto base_primary = over_replicates(base, replicates, unemployed(primary));
  const auto more_primary = over_replicates(oversupply, replicates, unemployed(primary));
  const auto base_secondary = over_replicates(base, replicates, unemployed(secondary));
  const auto more_secondary = over_replicates(oversupply, replicates, unemployed(secondary));
  INFO("primary unemployed " << mean(base_primary) << " -> " << mean(more_primary) << "; secondary " << mean(base_secondary)
                             << " -> " << mean(more_secondary));
  // About half as many primary trainees again, with the same posts: most of the extra are left without one.
  CHECK(mean(more_primary) > mean(base_primary) + std::max(4 * difference_se(more_primary, base_primary), 0.2 * mean(base_primary) + 20));
  CHECK(std::abs(mean(more_secondary) - mean(base_secondary)) <= 4 * difference_se(more_secondary, base_secondary) + 10);
}

TEST_CASE("higher mobility sends new teachers further from home and across regions", "[labour_market][statistical]") {
  const int replicates = 6;
  // New teachers hired 35 km or more from home; and hires whose school's region is not the
  // trainee's (half the absolute differences by region, in the first year, before any
  // earlier year's QTS holder seeks again).
  const auto far_from_home = [](const std::vector<YearRecord>& years) {
    double count = 0;
    for (const auto& year : years) {
      const auto& bands = year.distributions.new_teachers_by_travel_distance;
      for (std::size_t band = travel_distance_band(35); band < bands.size(); ++band) count += static_cast<double>(bands[band]);
    }
    return count;
  };
  const auto across_regions = [](const std::vector<YearRecord>& years) {
    const auto& first = years.front().breakdowns;
    double difference = 0;
    for (std::size_t region = 0; region < region_count; ++region)
      difference += std::abs(static_cast<double>(first.new_teachers_employed.by_region[region] - first.new_qts_employed.by_region[region]));
    return difference / 2;
  };
  // North East and North West, primary oversupplied so that some have no post within reach.
  const std::vector<Override> stay{{"population.regions", "3", "test"}, {"population.scale", "0.5", "test"},
                                   {"run.years", "3", "test"}, {"employment.mobility", "0", "test"}};
  std::vector<Override> move = stay;
  move.back() = {"employment.mobility", "1", "test"};
  const auto far_staying = over_replicates(stay, replicates, far_from_home);
  const auto far_moving = over_replicates(move, replicates, far_from_home);
  const auto across_staying = over_replicates(stay, replicates, across_regions);
  const auto across_moving = over_replicates(move, replicates, across_regions);
  INFO("hired 35 km or more from home: " << mean(far_staying) << " -> " << mean(far_moving) << " (standard error "
                                         << difference_se(far_moving, far_staying) << "); across regions "
                                         << mean(across_staying) << " -> " << mean(across_moving));
  CHECK(mean(far_moving) > mean(far_staying) + std::max(4 * difference_se(far_moving, far_staying), 20.0));
  // Without mobility every search stays within the trainee's region.
  CHECK(mean(across_staying) == 0);
  CHECK(mean(across_moving) > 0);
}

TEST_CASE("a teacher who moves school still counts as retained", "[labour_market][statistical]") {
  const int replicates = 4;
  const auto moves = [](const std::vector<YearRecord>& years) {
    double count = 0;
    for (const auto& year : years) count += static_cast<double>(year.year.teacher_moves);
    return count;
  };
  // Retention two and three years on (DfE's measure): a cohort can first move at the year end
  // after its one-year measurement, so these are the first shares a move could lower.
  const auto retention = [](const Parameters& p, std::uint64_t replicate) {
    Simulation simulation(p, replicate);
    while (!simulation.finished()) simulation.step();
    const CohortRetention cohorts = simulation.cohort_retention();
    double sum = 0;
    int count = 0;
    for (std::size_t cohort = 0; cohort < cohorts.entry_year.size(); ++cohort) {
      for (std::size_t k = 1; k < 3; ++k) {
        const double share = cohorts.curve[cohort * retention_curve_years + k];
        if (std::isnan(share)) continue;
        sum += share;
        ++count;
      }
    }
    REQUIRE(count >= 3);
    return sum / count;
  };
  const std::vector<Override> still{{"run.years", "4", "test"}, {"moves.primary_rate", "0", "test"}, {"moves.secondary_rate", "0", "test"}};
  const std::vector<Override> restless{{"run.years", "4", "test"}, {"moves.primary_rate", "0.3", "test"},
                                       {"moves.secondary_rate", "0.3", "test"}, {"moves.early_career_ratio", "1", "test"}};
  CHECK(mean(over_replicates(still, 1, moves)) == 0);
  const auto moved = over_replicates(restless, 1, moves);
  std::vector<double> retained_still;
  std::vector<double> retained_restless;
  for (int replicate = 0; replicate < replicates; ++replicate) {
    retained_still.push_back(retention(test::small_scenario(still).parameters(), static_cast<std::uint64_t>(replicate)));
    retained_restless.push_back(retention(test::small_scenario(restless).parameters(), static_cast<std::uint64_t>(replicate)));
  }
  INFO("moves " << mean(moved) << "; retention two and three years on " << mean(retained_still) << " -> "
                << mean(retained_restless));
  CHECK(mean(moved) > 1000);
  // Were a move counted as leaving, 30% of each cohort moving every year would take these
  // shares down by a quarter or more.
  CHECK(std::abs(mean(retained_restless) - mean(retained_still)) <= 4 * difference_se(retained_restless, retained_still) + 0.01);
}
