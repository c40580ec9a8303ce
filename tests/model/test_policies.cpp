// Directions of effect of the policy levers (MODEL.md §5.8-5.9, §6), over replicates on the
// North East: each test pairs a policy run with the baseline run of the same seed and
// replicate, and asks that the 95% interval of the mean paired difference exclude zero.

#include "sim/model/accreditation.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/policy.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <numeric>

using namespace ittsim;

namespace {

constexpr std::uint64_t replicates = 10;

struct Interval {
  double mean = 0;
  double low = 0;
  double high = 0;
};

std::ostream& operator<<(std::ostream& out, const Interval& interval) {
  return out << interval.mean << " [" << interval.low << ", " << interval.high << "]";
}

// Mean and 95% interval (Student's t) of paired differences.
Interval interval_of(const std::vector<double>& differences) {
  const auto n = static_cast<double>(differences.size());
  const double mean = std::accumulate(differences.begin(), differences.end(), 0.0) / n;
  double squares = 0;
  for (const double d : differences) squares += (d - mean) * (d - mean);
  const double standard_error = std::sqrt(squares / (n - 1) / n);
  // t(0.975) for 5 ... 15 degrees of freedom.
  constexpr std::array<double, 11> t975{2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131};
  const double t = t975.at(differences.size() - 6);
  return {mean, mean - t * standard_error, mean + t * standard_error};
}

using Measure = std::function<double(const test::RunRecord&)>;

// Replicates 0 ... replicates - 1 of a scenario on the North East, for `years` years.
using Runs = std::vector<test::RunRecord>;
Runs scenario(int years, std::vector<Override> overrides = {}) {
  overrides.push_back({"run.years", std::to_string(years), "test"});
  const Parameters parameters = test::small_scenario(overrides).parameters();
  Runs runs;
  for (std::uint64_t replicate = 0; replicate < replicates; ++replicate) runs.push_back(test::run_in_memory(parameters, replicate, 2));
  return runs;
}

// Per replicate: measure(policy run) - measure(baseline run), over the same seeds.
Interval paired_difference(const Runs& policy, const Runs& baseline, const Measure& measure) {
  std::vector<double> differences;
  for (std::size_t replicate = 0; replicate < policy.size(); ++replicate)
    differences.push_back(measure(policy[replicate]) - measure(baseline[replicate]));
  return interval_of(differences);
}

// Sum of a yearly series over years [first, last] of the run (0 is 2022/23).
Measure sum_of(std::int64_t YearlyIndicators::*series, std::size_t first, std::size_t last) {
  return [=](const test::RunRecord& run) {
    double total = 0;
    for (std::size_t year = first; year <= last; ++year) total += static_cast<double>(run.years.at(year).*series);
    return total;
  };
}

}  // namespace

TEST_CASE("the Market Review without mentor funding lowers placement weeks offered in its first two years; funding shrinks the dip",
          "[policy][statistical]") {
  const Runs baseline = scenario(3);
  const Runs review = scenario(3, {{"market_review.start_year", "2023", "test"}});
  const Runs funded =
      scenario(3, {{"market_review.start_year", "2023", "test"}, {"market_review.mentor_funding", "1", "test"}});
  const Measure offered = sum_of(&YearlyIndicators::placement_weeks_offered, 1, 2);
  const Interval dip = paired_difference(review, baseline, offered);
  INFO("Market Review minus baseline, placement weeks offered in 2023/24 and 2024/25: " << dip);
  CHECK(dip.high < 0);
  const Interval funding_effect = paired_difference(funded, review, offered);
  INFO("funded minus unfunded Market Review: " << funding_effect);
  CHECK(funding_effect.low > 0);
}

TEST_CASE("group accountability gives more cross-school CPD ties than individual accountability", "[policy][statistical]") {
  const Runs individual =
      scenario(3, {{"accountability.start_year", "2022", "test"}, {"accountability.group_share", "0", "test"}});
  const Runs group =
      scenario(3, {{"accountability.start_year", "2022", "test"}, {"accountability.group_share", "1", "test"}});
  const Interval more_ties = paired_difference(group, individual, sum_of(&YearlyIndicators::cross_school_ties, 0, 2));
  INFO("group minus individual accountability, ties over three years: " << more_ties);
  CHECK(more_ties.low > 0);
}

TEST_CASE("funded networks are added while funded and shrink after the funding ends unless they built capacity",
          "[policy][statistical]") {
  // Funded for 2023/24 to 2025/26; the last funded review is year 3, the run ends in year 7.
  const auto funded = [](const std::string& capacity_building) {
    return scenario(8, {{"network_funding.start_year", "2023", "test"},
                        {"network_funding.capacity_building_rate", capacity_building, "test"}});
  };
  const Runs baseline = scenario(8);
  const Runs without_capacity = funded("0");
  const Runs with_capacity = funded("2");
  const auto networks_in = [](std::size_t year) {
    return [=](const test::RunRecord& run) { return static_cast<double>(run.years.at(year).networks); };
  };
  const Interval while_funded = paired_difference(without_capacity, baseline, networks_in(3));
  INFO("networks at the last funded review, programme minus baseline: " << while_funded);
  CHECK(while_funded.low > 0);
  const auto change_after_funding = [&](const test::RunRecord& run) {
    return networks_in(7)(run) - networks_in(3)(run);
  };
  // Against the baseline's own change over the same years, so that only the funded networks count.
  const Interval shrink = paired_difference(without_capacity, baseline, change_after_funding);
  INFO("change in networks after funding ends, no capacity built, minus baseline's change: " << shrink);
  CHECK(shrink.high < 0);
  const Interval capacity_keeps = paired_difference(with_capacity, without_capacity, change_after_funding);
  INFO("change after funding, capacity built minus none built: " << capacity_keeps);
  CHECK(capacity_keeps.low > 0);
}

TEST_CASE("developmental mentoring lowers withdrawals and raises one-year retention", "[policy][statistical]") {
  const Runs baseline = scenario(4);
  const Runs developmental = scenario(4, {{"mentoring_culture.start_year", "2022", "test"}});
  const Interval withdrawals = paired_difference(developmental, baseline, sum_of(&YearlyIndicators::withdrawals, 0, 3));
  INFO("developmental minus baseline, withdrawals over four years: " << withdrawals);
  CHECK(withdrawals.high < 0);
  const Measure retention = [](const test::RunRecord& run) {
    double total = 0;
    for (std::size_t year = 1; year < run.years.size(); ++year) total += run.years[year].retention_1y;
    return total / static_cast<double>(run.years.size() - 1);
  };
  const Interval retained = paired_difference(developmental, baseline, retention);
  INFO("developmental minus baseline, mean one-year retention of the 2023-2025 cohorts: " << retained);
  CHECK(retained.low > 0);
}

TEST_CASE("re-accreditation cuts accredited providers without losing any trainee already in training",
          "[policy][statistical]") {
  // The Market Review with every part but re-accreditation switched off.
  const Runs baseline = scenario(2);
  const Runs reaccreditation = scenario(2, {{"market_review.start_year", "2023", "test"},
                                                   {"market_review.mentor_initial_training_hours", "0", "test"},
                                                   {"market_review.mentor_refresher_training_hours", "0", "test"},
                                                   {"market_review.lead_mentor_required", "0", "test"},
                                                   {"market_review.mentoring_hours_per_trainee", "1", "test"},
                                                   {"market_review.minimum_placement_weeks", "0", "test"},
                                                   {"market_review.itap_weeks", "0", "test"}});
  const Interval fewer = paired_difference(reaccreditation, baseline, [](const test::RunRecord& run) {
    return static_cast<double>(run.years.at(1).accredited_providers);
  });
  INFO("accredited providers after re-accreditation, minus baseline: " << fewer);
  CHECK(fewer.high < 0);
  // The cohort in training when the outcomes take effect finishes exactly as it would have.
  for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
    const auto& with = reaccreditation[replicate].years.at(1);
    const auto& without = baseline[replicate].years.at(1);
    CHECK(with.qts_awarded == without.qts_awarded);
    CHECK(with.withdrawals == without.withdrawals);
    CHECK(with.trainees_failed == without.trainees_failed);
  }
}
