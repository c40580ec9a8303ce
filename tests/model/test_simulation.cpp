#include "sim/model/mentoring.hpp"
#include "sim/params/regions.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

using namespace ittsim;

TEST_CASE("a run is bitwise identical on 1, 2 and 8 threads", "[simulation][threads]") {
  const Parameters p = test::small_scenario().parameters();
  const auto one = test::run_in_memory(p, 0, 1);
  REQUIRE(one.years.size() == 2);
  REQUIRE(one.weeks.size() == 2 * weeks_per_year);
  CHECK(test::same_rows(one, test::run_in_memory(p, 0, 2)));
  CHECK(test::same_rows(one, test::run_in_memory(p, 0, 8)));
}

TEST_CASE("a world of every region, whose markets run at once, is bitwise identical on 1, 2 and 8 threads",
          "[simulation][threads]") {
  const Parameters p =
      test::small_scenario({{"population.regions", "511", "test"}, {"population.scale", "0.05", "test"}}).parameters();
  const auto one = test::run_in_memory(p, 0, 1);
  CHECK(test::same_rows(one, test::run_in_memory(p, 0, 2)));
  CHECK(test::same_rows(one, test::run_in_memory(p, 0, 8)));
}

TEST_CASE("a run repeats exactly for its seed and replicate, and differs for another", "[simulation]") {
  const Parameters p = test::small_scenario().parameters();
  const auto first = test::run_in_memory(p, 0, 2);
  CHECK(test::same_rows(first, test::run_in_memory(p, 0, 2)));
  CHECK_FALSE(test::same_rows(first, test::run_in_memory(p, 1, 2)));
  const Parameters other_seed = test::small_scenario({{"run.seed", "7", "test"}}).parameters();
  CHECK_FALSE(test::same_rows(first, test::run_in_memory(other_seed, 0, 2)));
}

TEST_CASE("the series add up", "[simulation]") {
  const Parameters p = test::small_scenario({{"run.years", "3", "test"}}).parameters();
  const auto run = test::run_in_memory(p, 0, 2);
  for (const auto& year : run.years) {
    CHECK(year.trainees_recruited > 0);
    // Every recruit ends the year with QTS, failed or withdrawn.
    CHECK(year.qts_awarded + year.trainees_failed + year.withdrawals == year.trainees_recruited);
    CHECK(year.placement_weeks_filled <= year.placement_weeks_demanded);
    CHECK(year.placement_weeks_filled <= year.placement_weeks_offered);
    // This year's QTS holders employed and not seeking are among those awarded it.
    CHECK(year.new_teachers_employed - year.earlier_qts_employed + year.qts_not_seeking <= year.qts_awarded);
    CHECK(year.teacher_moves <= year.teacher_moves_sought);
    CHECK(year.mentors_active <= year.mentors_trained + year.teacher_leavers + year.teacher_retirements);
  }
  for (std::size_t y = 1; y < run.years.size(); ++y) {
    // Posts change hands only by leavers, retirements and hires (a move between schools adds no one).
    const auto& year = run.years[y];
    CHECK(year.teachers_in_post == run.years[y - 1].teachers_in_post - year.teacher_leavers - year.teacher_retirements +
                                       year.new_teachers_employed + year.returners_employed + year.other_entrants_employed);
  }
  std::int64_t filled_weeks = 0;
  for (std::size_t w = 0; w < weeks_per_year; ++w) filled_weeks += run.weeks[w].trainees_on_placement;
  CHECK(filled_weeks == run.years[0].placement_weeks_filled);
}

TEST_CASE("fewer schools willing to host leave more trainees unplaced and more withdraw", "[simulation][statistical]") {
  // Over 6 replicates each, the mean number unplaced must rise when hosting becomes rarer; the
  // gap is far larger than the replicate spread at these settings.
  const auto mean_of = [](const Parameters& p, auto&& value) {
    double total = 0;
    for (std::uint64_t replicate = 0; replicate < 6; ++replicate) total += value(test::run_in_memory(p, replicate, 2).years[0]);
    return total / 6;
  };
  const Parameters usual = test::small_scenario({{"run.years", "1", "test"}}).parameters();
  const Parameters scarce = test::small_scenario({{"run.years", "1", "test"},
                                             {"placement.primary_hosting_intercept", "-2", "test"},
                                             {"placement.secondary_hosting_intercept", "-2", "test"}})
                           .parameters();
  const auto unplaced = [](const YearlyIndicators& y) { return static_cast<double>(y.trainees_unplaced); };
  const auto withdrawals = [](const YearlyIndicators& y) { return static_cast<double>(y.withdrawals); };
  CHECK(mean_of(scarce, unplaced) > 2 * mean_of(usual, unplaced) + 5);
  CHECK(mean_of(scarce, withdrawals) > mean_of(usual, withdrawals));
}

TEST_CASE("a higher QTS threshold lowers the number awarded QTS", "[simulation][statistical]") {
  const Parameters usual = test::small_scenario({{"run.years", "1", "test"}}).parameters();
  const Parameters strict = test::small_scenario({{"run.years", "1", "test"}, {"progress.qts_threshold", "0.9", "test"}}).parameters();
  for (std::uint64_t replicate = 0; replicate < 3; ++replicate) {
    // Same replicate, same streams: only the threshold differs, so the effect is exact.
    CHECK(test::run_in_memory(strict, replicate, 2).years[0].qts_awarded <
          test::run_in_memory(usual, replicate, 2).years[0].qts_awarded);
  }
}

TEST_CASE("every week, placements, mentors and capacity stay consistent", "[simulation][conservation]") {
  // Every region, so that the regions' markets run at once.
  const Parameters p = test::small_scenario({{"run.years", "2", "test"},
                                             {"population.regions", "511", "test"},
                                             {"population.scale", "0.05", "test"}})
                           .parameters();
  Simulation simulation(p, 0);
  while (!simulation.finished()) {
    simulation.step();
    const int this_week = simulation.weeks_done() - 1;
    const auto& world = simulation.world();
    const auto& trainees = world.trainees;
    const auto& teachers = world.teachers;
    const auto& schools = world.schools;
    const auto& row = simulation.year_completed() ? simulation.last_year_weeks().back() : WeeklyIndicators{};
    std::vector<std::int32_t> mentees(teachers.size(), 0);
    std::vector<std::int32_t> hosted(schools.size(), 0);
    for (TraineeId id = 0; id < trainees.size(); ++id) {
      const bool placed = trainees.status[id] == TraineeStatus::on_placement;
      // A trainee has a school and mentor while on placement, and keeps them until the next
      // week's market releases them if they withdrew this week; the mentor is a mentor in
      // post at that school.
      REQUIRE((trainees.school[id] != no_id) == (trainees.mentor[id] != no_id));
      if (trainees.mentor[id] == no_id) {
        REQUIRE(!placed);
        continue;
      }
      const bool withdrew_this_week = trainees.status[id] == TraineeStatus::withdrawn && trainees.status_week[id] == this_week;
      REQUIRE((placed || withdrew_this_week));
      const TeacherId mentor = trainees.mentor[id];
      REQUIRE(teachers.is_mentor[mentor] == 1);
      REQUIRE(teachers.filled[mentor] == 1);
      REQUIRE(teachers.school[mentor] == trainees.school[id]);
      mentees[mentor] += 1;
      hosted[trainees.school[id]] += 1;
    }
    // The counts the market keeps up to date equal a recount from the trainees.
    for (TeacherId post = 0; post < teachers.size(); ++post) {
      REQUIRE(teachers.mentees[post] == mentees[post]);
      REQUIRE(mentees[post] <= p.placement.mentor_capacity);
    }
    for (SchoolId school = 0; school < schools.size(); ++school) {
      REQUIRE(schools.trainees_on_placement[school] == hosted[school]);
      // The year end's departures and new mentors change places: they are counted afresh in September.
      if (simulation.year_completed()) continue;
      std::int32_t free = 0;
      std::array<std::int32_t, subject_count> free_by_subject{};
      for (TeacherId post = schools.first_post[school]; post < schools.posts_end(school); ++post) {
        free += free_mentor_places(teachers, post, p.placement);
        free_by_subject[static_cast<std::size_t>(teachers.subject[post])] += free_mentor_places(teachers, post, p.placement);
      }
      REQUIRE(schools.free_mentor_places[school] == free);
      for (std::size_t subject = 0; subject < subject_count; ++subject)
        REQUIRE(world.free_places_by_subject[World::school_subject(school, static_cast<Subject>(subject))] == free_by_subject[subject]);
    }
    if (simulation.year_completed()) CHECK(row.trainees_on_placement <= row.placement_places_offered);
  }
}

TEST_CASE("the clearing-house leaves nobody unplaced while a school within reach has room for them; competition does",
          "[simulation][statistical]") {
  // A year in the North East under each regime, checked after every week's market: an unplaced
  // trainee with a willing school of its phase within reach that has a free place with a mentor
  // of its subject (and is not its first block's school) was missed. The clearing-house looks
  // at every such school; competition samples wider_search_attempts of them at random.
  const auto missed_trainee_weeks = [](const Parameters& p) {
    std::int64_t missed = 0;
    std::int64_t unplaced = 0;
    Simulation simulation(p, 0);
    while (!simulation.finished()) {
      simulation.step();
      const auto& world = simulation.world();
      const auto& trainees = world.trainees;
      const auto& schools = world.schools;
      for (TraineeId id = 0; id < trainees.size(); ++id) {
        if (trainees.status[id] != TraineeStatus::unplaced) continue;
        unplaced += 1;
        const auto& candidates = world.schools_by_region_phase[static_cast<std::size_t>(trainees.region[id])][static_cast<std::size_t>(trainees.phase[id])];
        missed += std::any_of(candidates.begin(), candidates.end(), [&](SchoolId school) {
          return schools.willing_to_host[school] && schools.free_mentor_places[school] > 0 &&
                 world.free_places_by_subject[World::school_subject(school, trainees.subject[id])] > 0 &&
                 school != trainees.first_school[id] && within_travel_distance(world, p, id, school);
        });
      }
    }
    INFO("unplaced trainee-weeks " << unplaced << ", missed " << missed);
    CHECK(unplaced > 100);
    return missed;
  };
  const auto one_year = [](std::vector<Override> overrides) {
    overrides.push_back({"run.years", "1", "test"});
    return test::small_scenario(std::move(overrides)).parameters();
  };
  CHECK(missed_trainee_weeks(one_year({{"collaboration.start_year", "2022", "test"}})) == 0);
  CHECK(missed_trainee_weeks(one_year({})) > 0);
}

TEST_CASE("placement weeks filled never exceed those offered, in any world, year, week, region or phase",
          "[simulation][conservation]") {
  // Employer placements skip the hosting decision, and mentors' places shrink as early-career
  // teachers arrive: "offered" must still count every place taken. Worlds of other seeds,
  // sizes and regions, and levers at their extremes (Market Review costs at their maximum, so
  // that no school is willing and only employers place; the clearing-house; no willing school).
  const std::vector<std::vector<Override>> worlds = {
      {},
      {{"run.seed", "11", "test"}},
      {{"population.scale", "0.2", "test"}, {"population.regions", "6", "test"}},
      {{"population.scale", "0.01", "test"}, {"population.regions", "511", "test"}},
      {{"market_review.start_year", "2022", "test"},
       {"market_review.training_time_cost", "20", "test"},
       {"market_review.mentoring_time_cost", "20", "test"},
       {"market_review.lead_mentor_cost", "20", "test"}},
      {{"population.scale", "0.3", "test"},
       {"run.seed", "5", "test"},
       {"market_review.start_year", "2022", "test"},
       {"market_review.training_time_cost", "20", "test"},
       {"market_review.mentoring_time_cost", "20", "test"},
       {"market_review.lead_mentor_cost", "20", "test"},
       {"market_review.minimum_placement_weeks", "0", "test"}},
      {{"collaboration.start_year", "2022", "test"}, {"placement.mentor_capacity", "1", "test"}},
      {{"placement.primary_hosting_intercept", "-10", "test"}, {"placement.secondary_hosting_intercept", "-10", "test"}},
  };
  bool employer_only_world_places = false;
  for (std::size_t w = 0; w < worlds.size(); ++w) {
    INFO("world " << w);
    const Parameters p = test::small_scenario(worlds[w]).parameters();
    Simulation simulation(p, 0);
    while (!simulation.finished()) {
      simulation.step();
      if (!simulation.year_completed()) continue;
      const auto& year = simulation.last_year();
      INFO("year " << year.academic_year);
      CHECK(year.placement_weeks_filled <= year.placement_weeks_offered);
      const auto& breakdowns = simulation.last_year_breakdowns();
      for (std::size_t r = 0; r < region_count; ++r)
        CHECK(breakdowns.placement_weeks_filled.by_region[r] <= breakdowns.placement_weeks_offered.by_region[r]);
      for (std::size_t phase = 0; phase < phase_names.size(); ++phase)
        CHECK(breakdowns.placement_weeks_filled.by_phase[phase] <= breakdowns.placement_weeks_offered.by_phase[phase]);
      for (const auto& week : simulation.last_year_weeks()) {
        INFO("week " << week.week);
        CHECK(week.trainees_on_placement <= week.placement_places_offered);
      }
      if (w == 4 && year.placement_weeks_filled > 0) employer_only_world_places = true;
    }
  }
  // The world that once showed filled > offered still places trainees (with their employers).
  CHECK(employer_only_world_places);
}

TEST_CASE("extreme worlds: one school awards QTS; only special schools recruit nobody", "[simulation]") {
  // One primary school in the North East: the second block falls back to that school.
  Parameters one_school = test::small_scenario({{"run.years", "3", "test"},
                                                {"population.secondary_schools", "0", "test"},
                                                {"population.special_schools", "0", "test"}})
                              .parameters();
  one_school.population.primary_schools = std::llround(1.0 / england_fraction(one_school.population));
  std::int64_t awarded = 0;
  std::int64_t recruited = 0;
  for (std::uint64_t replicate = 0; replicate < 3; ++replicate) {
    const auto run = test::run_in_memory(one_school, replicate, 1);
    for (const auto& year : run.years) {
      awarded += year.qts_awarded;
      recruited += year.trainees_recruited;
    }
  }
  REQUIRE(recruited > 0);
  CHECK(awarded > 0);

  // Special schools never host, so no trainee could be placed: none is recruited.
  const Parameters special_only = test::small_scenario({{"population.primary_schools", "0", "test"},
                                                        {"population.secondary_schools", "0", "test"}})
                                      .parameters();
  for (const auto& year : test::run_in_memory(special_only, 0, 1).years) {
    CHECK(year.trainees_recruited == 0);
    CHECK(year.withdrawals == 0);
  }
}

namespace {

// The partnership graph: each school's partners (home first, never lost) and hosted flags in
// step; each provider's partner schools, home schools first; the two sides the same relation.
void check_partnerships(const World& world) {
  const auto& schools = world.schools;
  const auto& providers = world.providers;
  std::vector<std::set<SchoolId>> listed(providers.size());
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    const auto& partner_schools = providers.partner_schools[provider];
    listed[provider] = std::set<SchoolId>(partner_schools.begin(), partner_schools.end());
    REQUIRE(listed[provider].size() == partner_schools.size());
    REQUIRE(providers.home_school_count[provider] <= partner_schools.size());
    for (std::size_t k = 0; k < partner_schools.size(); ++k) {
      const auto& partners = schools.partners[partner_schools[k]];
      const bool home = k < providers.home_school_count[provider];
      REQUIRE((partners.front() == provider) == home);
    }
    // A provider that lost its accreditation hands its partnerships to its lead partner.
    if (!providers.recruits(provider) && providers.lead_partner[provider] != no_id) REQUIRE(partner_schools.empty());
  }
  std::size_t partnerships = 0;
  for (SchoolId school = 0; school < schools.size(); ++school) {
    const auto& partners = schools.partners[school];
    REQUIRE(!partners.empty());
    REQUIRE(schools.partner_hosted[school].size() == partners.size());
    REQUIRE(std::set<ProviderId>(partners.begin(), partners.end()).size() == partners.size());
    for (const ProviderId provider : partners) REQUIRE(listed[provider].count(school) == 1);
    partnerships += partners.size();
  }
  std::size_t listed_partnerships = 0;
  for (const auto& schools_of_provider : listed) listed_partnerships += schools_of_provider.size();
  REQUIRE(listed_partnerships == partnerships);
}

}  // namespace

TEST_CASE("the partnership graph stays consistent every year of a run: churn, recruitment, placements, re-accreditation",
          "[simulation][conservation]") {
  // The Market Review's re-accreditation in the first year moves failing providers'
  // partnerships to lead partners; a high bar makes many fail.
  const Parameters p = test::small_scenario({{"run.years", "4", "test"},
                                             {"market_review.start_year", "2023", "test"},
                                             {"market_review.accreditation_quality_bar", "0.65", "test"},
                                             {"placement.hei_partnership_churn", "0.3", "test"}})
                           .parameters();
  Simulation simulation(p, 0);
  check_partnerships(simulation.world());
  std::int64_t changes = 0;
  while (!simulation.finished()) {
    simulation.step();
    if (!simulation.year_completed()) continue;
    INFO("year " << simulation.last_year().academic_year);
    check_partnerships(simulation.world());
    const auto& year = simulation.last_year();
    changes += year.partnerships_dropped + year.partnerships_recruited + year.new_partnerships + year.providers_demoted + year.providers_closed;
  }
  CHECK(changes > 0);
}

TEST_CASE("every parameter's default lies inside its declared range", "[params]") {
  const Parameters defaults = Scenario::from_defaults().parameters();
  std::size_t parameters = 0;
  visit_parameters(defaults, [&](const auto& value, const ParameterInfo& info) {
    INFO(info.key());
    parameters += 1;
    if constexpr (is_path_parameter<decltype(value)>) {
      CHECK(value.empty());  // a path's default is always none
    } else {
      CHECK(info.minimum <= info.maximum);
      CHECK(info.default_value >= info.minimum);
      CHECK(info.default_value <= info.maximum);
      CHECK(static_cast<double>(value) == info.default_value);
    }
  });
  CHECK(parameters > 150);
}
