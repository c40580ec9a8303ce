// Calibration on a reduced England (London and the South East, at full density) over
// replicates: every target must be met, as the full-England check in ittsim_bench does.

#include "sim/calibration/calibration.hpp"
#include "sim/model/population.hpp"
#include "sim/params/regions.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string_view>
#include <type_traits>

using namespace ittsim;

namespace {

CalibrationTargets england_targets() { return load_calibration_targets(test::source_dir / "calibration" / "england.ini"); }

}  // namespace

TEST_CASE("a reduced England meets the calibration targets over replicates", "[calibration][statistical]") {
  const auto targets = england_targets();
  const Parameters p =
      Scenario::load(test::baseline, {{"population.regions", "192", "test"}, {"run.years", "7", "test"}}).parameters();
  std::vector<ReplicateYears> replicates;
  for (std::uint64_t replicate = 0; replicate < 4; ++replicate) replicates.push_back(test::run_in_memory(p, replicate, 2).years);
  for (const auto& result : evaluate_calibration(targets, replicates, england_fraction(p))) {
    const std::string name(result.target->name);
    INFO(name << ": mean " << result.mean << ", band " << result.target->low << " to " << result.target->high);
    CHECK(result.met);
  }
}

TEST_CASE("every calibration target measures its series, ignoring the warm-up years and undefined values", "[calibration]") {
  const auto targets = england_targets();
  const auto calibration_warm_up_years = targets.warm_up_years;
  REQUIRE(calibration_warm_up_years == 2);
  ReplicateYears years(calibration_warm_up_years + 2);
  // Warm-up years: nothing in them may count.
  for (std::size_t y = 0; y < calibration_warm_up_years; ++y) {
    years[y].trainees_recruited = years[y].qts_awarded = years[y].withdrawals = 1'000'000;
    years[y].teacher_leavers = years[y].teachers_in_post = 1'000'000;
    years[y].retention_1y = years[y].retention_5y = years[y].share_hosting_multi_provider = 1e6;
    years[y].training_school_trainees_mean = years[y].primary_trainees_per_host_at_once = 1e6;
  }
  auto& first = years[calibration_warm_up_years];
  auto& second = years[calibration_warm_up_years + 1];
  for (auto* year : {&first, &second}) {
    year->trainees_recruited = 27000;
    year->qts_awarded = 93;
    year->trainees_failed = 7;
    year->withdrawals = 1350;
    year->teacher_leavers = 40000;
    year->teacher_retirements = 4000;
    year->share_hosting_multi_provider_primary = 0.5;
    year->share_secondary_schools_offering = 0.8;
  }
  // A series' values in the two measured years.
  const auto both = [&](auto member, double in_first, double in_second) {
    first.*member = static_cast<std::remove_reference_t<decltype(first.*member)>>(in_first);
    second.*member = static_cast<std::remove_reference_t<decltype(second.*member)>>(in_second);
  };
  both(&YearlyIndicators::academic_year, 2024, 2025);
  both(&YearlyIndicators::teachers_in_post, 430000, 450000);
  both(&YearlyIndicators::teacher_moves, 43000, 45000);
  both(&YearlyIndicators::retention_1y, not_available, 0.9);  // only the second year has one
  both(&YearlyIndicators::retention_5y, 0.6, 0.7);
  both(&YearlyIndicators::share_hosting_multi_provider, 0.6, 0.8);
  both(&YearlyIndicators::share_hosting_multi_provider_secondary, 0.85, 0.95);
  both(&YearlyIndicators::training_school_providers_mean, 5, 6);
  both(&YearlyIndicators::training_school_trainees_mean, 30, 40);
  both(&YearlyIndicators::primary_trainees_per_host_at_once, 1.25, 1.75);

  // Every target by name, with its mean on half of England (counts are doubled): a target
  // renamed, added or dropped fails here rather than going unchecked.
  const std::map<std::string_view, double> expected{
      {"trainees_recruited", 54000},
      {"qts_rate", 0.93},
      {"withdrawal_rate", 0.05},
      {"leaving_rate", 0.1},
      {"retention_1y", 0.9},
      {"retention_5y", 0.65},
      {"teachers_in_post", 860000},  // only the years up to 2024/25, which the figure describes
      {"move_rate", 0.1},
      {"share_hosting_multi_provider", 0.7},
      {"share_hosting_multi_provider_primary", 0.5},
      {"share_hosting_multi_provider_secondary", 0.9},
      {"share_secondary_schools_offering", 0.8},
      {"training_school_providers", 5.5},
      {"training_school_trainees", 35},
      {"primary_trainees_at_once", 1.5},
  };
  const auto results = evaluate_calibration(targets, {years}, 0.5);
  std::set<std::string_view> checked;
  for (const auto& result : results) {
    const std::string_view name = result.target->name;
    INFO(name);
    const auto target = expected.find(name);
    REQUIRE(target != expected.end());
    CHECK(result.mean == Approx(target->second));
    CHECK(checked.insert(name).second);
  }
  CHECK(checked.size() == expected.size());
}

TEST_CASE("implausibility weighs the distance from the figure by every uncertainty", "[calibration]") {
  auto targets = parse_calibration_targets("[calibration]\nwarm_up_years = 0\n[recruits]\nmeasure = trainees_recruited\n"
                                           "observed = 100\nobservation_sd = 3\ndiscrepancy_sd = 4\nband = 90:110\n"
                                           "source = a test\n",
                                           "t.ini");
  std::vector<ReplicateYears> replicates;
  for (const std::int64_t recruited : {110, 120, 130}) {
    ReplicateYears years(1);
    years[0].academic_year = 2024;
    years[0].trainees_recruited = recruited;
    replicates.push_back(years);
  }
  const auto result = evaluate_calibration(targets, replicates, 1.0).front();
  CHECK(result.mean == Approx(120));
  CHECK(result.sd == Approx(10));
  // |120 - 100| / sqrt(9 + 16 + 100 / 3)
  CHECK(result.implausibility == Approx(20 / std::sqrt(25 + 100.0 / 3)));
  CHECK_FALSE(result.met);
  // Years outside the target's years do not count; a count is scaled to England.
  targets.targets.front().first_year = 2025;
  CHECK(std::isnan(evaluate_calibration(targets, replicates, 1.0).front().mean));
  targets.targets.front().first_year = 2024;
  CHECK(evaluate_calibration(targets, replicates, 0.5).front().mean == Approx(240));
}

TEST_CASE("a bad targets file is refused with its line, key and what was expected", "[calibration][errors]") {
  const std::string good = "[a]\nmeasure = qts_rate\nobserved = 0.9\nobservation_sd = 0.01\ndiscrepancy_sd = 0\nband = 0.8:1\nsource = s\n";
  CHECK(parse_calibration_targets(good, "t.ini").targets.front().description == "QTS awarded over trainees with an outcome (QTS or fail)");
  const std::vector<std::pair<std::string, std::string>> cases{
      {"[a]\nmeasure = qts_rat\n", "t.ini:2: a.measure = 'qts_rat': no such measure; the measures are trainees_recruited, qts_rate"},
      {"[a]\nmeasure = qts_rate\nobserved = lots\n", "t.ini:3: a.observed = 'lots': expected a number"},
      {"[a]\nobservation_sd = -1\n", "t.ini:2: a.observation_sd = '-1': expected a number of at least 0"},
      {"[a]\nband = 1:0.5\n", "t.ini:2: a.band = '1:0.5': expected LOW:HIGH, two numbers with LOW below HIGH"},
      {"[a]\nyears = 2025:2024\n", "t.ini:2: a.years = '2025:2024': the first year comes after the last"},
      {"[a]\nyears = 2024\n", "t.ini:2: a.years = '2024': expected FIRST:LAST academic years"},
      {"[a]\nwieght = 2\n", "t.ini:2: unknown key 'wieght' in [a]; expected measure, description"},
      {"[calibration]\nwarm_up_years = 1.5\n", "t.ini:2: calibration.warm_up_years = '1.5': expected a whole number"},
      {"observed = 1\n", "t.ini:1: 'observed' comes before any [section]"},
      {"[a]\nmeasure = qts_rate\n", "t.ini:2: target [a] has no observed"},
      {"[calibration]\nwarm_up_years = 2\n", "t.ini: declares no target"},
      {good + "[b]\nmeasure = qts_rate\n[a]\ndescription = again\n", "t.ini:11: target [a] is declared twice"},
  };
  for (const auto& [text, message] : cases) {
    INFO(text);
    CHECK_THROWS_WITH(parse_calibration_targets(text, "t.ini"), Catch::Contains(message));
  }
}
