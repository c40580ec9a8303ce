// Each submodel on a small hand-built world, where the right answer can be worked out.

#include "sim/model/assessment.hpp"
#include "sim/model/careers.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/employment.hpp"
#include "sim/model/geography.hpp"
#include "sim/model/population.hpp"
#include "sim/model/mentoring.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/progress.hpp"
#include "sim/model/simulation.hpp"
#include "sim/model/teacher_wellbeing.hpp"
#include "sim/params/scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
#include <stdexcept>
#include <vector>

using namespace ittsim;

namespace {

ProviderId add_provider(World& world, ProviderType type, double prescriptiveness = 0.5) {
  return world.providers.add(type, Region::london, 1.0, 0.6, prescriptiveness);
}

// Adds a school with the given number of posts, the first `mentors` of them held by mentors,
// in partnership with `provider` (its home provider).
SchoolId add_school(World& world, Phase phase, int posts, int mentors, ProviderId provider) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  const SchoolId id = schools.add(phase, Region::london, posts * 20, static_cast<TeacherId>(teachers.size()), posts);
  schools.partners[id] = {provider};
  schools.partner_hosted[id] = {0};
  schools.willing_to_host[id] = 1;
  world.schools_by_region_phase[static_cast<std::size_t>(Region::london)][static_cast<std::size_t>(phase)].push_back(id);
  auto& listed = world.providers.partner_schools[provider];
  listed.push_back(id);
  world.providers.home_school_count[provider] = listed.size();
  for (int post = 0; post < posts; ++post) {
    const TeacherId t = teachers.add_post(id, phase == Phase::secondary ? Subject::shortage : Subject::general, true, resting_wellbeing);
    teachers.filled[t] = 1;
    teachers.experience_years[t] = 10;
    if (post < mentors) {
      teachers.is_mentor[t] = 1;
      teachers.mentor_training_hours[t] = 20;
      teachers.mentoring_years[t] = 2;
      teachers.mentoring_style[t] = 0.5;
    }
  }
  return id;
}

TraineeId add_trainee(World& world, ProviderId provider, Route route = Route::hei, Phase phase = Phase::primary) {
  const Subject subject = phase == Phase::secondary ? Subject::shortage : Subject::general;
  return world.trainees.add(provider, route, phase, subject, Region::london, recruit_wellbeing);
}

Parameters test_parameters() {
  Parameters p = Scenario::from_defaults().parameters();
  p.placement.wider_search_attempts = 0;
  return p;
}

// A hand-built world under the default policy of 2022 (no lever in force).
World test_world() {
  World world;
  world.policy = policy_in_force(test_parameters(), 2022);
  return world;
}

Clock week(int week_of_year) { return Clock{week_of_year, week_of_year, 2022}; }

int first_block(const Parameters& p) { return static_cast<int>(p.placement.first_block_start_week); }

// What September does once hosting is decided: the market's and the teachers' year start.
void start_placement_year(World& world, const Parameters& p) {
  prepare_placement_year(world, p);
  start_teacher_wellbeing_year(world, p);
}

}  // namespace

TEST_CASE("the coordination cost rises with each extra provider and common paperwork cuts it", "[placement]") {
  World world = test_world();
  const ProviderId home = add_provider(world, ProviderType::scitt);
  const SchoolId school = add_school(world, Phase::primary, 10, 2, home);
  Parameters p = test_parameters();
  std::vector<double> costs{coordination_cost(world, p, school)};
  for (int extra = 0; extra < 3; ++extra) {
    world.schools.partners[school].push_back(add_provider(world, ProviderType::hei, 0.8));
    costs.push_back(coordination_cost(world, p, school));
  }
  CHECK(costs[0] == 0.0);  // the home provider alone costs nothing extra
  for (std::size_t k = 1; k < costs.size(); ++k) CHECK(costs[k] == Approx(costs[k - 1] + p.placement.coordination_cost * 0.8));
  world.policy.common_paperwork = true;
  CHECK(coordination_cost(world, p, school) == Approx(costs.back() * (1.0 - p.collaboration.paperwork_reduction)));
  // A school weighing more providers sees less utility in hosting.
  world.policy.common_paperwork = false;
  const double with_four = hosting_utility(world, p, school);
  world.schools.partners[school].resize(1);
  CHECK(hosting_utility(world, p, school) > with_four);
}

TEST_CASE("a critical mass of trainees last year makes hosting more attractive; accountability less", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  const SchoolId school = add_school(world, Phase::secondary, 40, 6, provider);
  const Parameters p = test_parameters();
  const double none = hosting_utility(world, p, school);
  world.schools.trainees_hosted_last_year[school] = 2;
  const double some = hosting_utility(world, p, school);
  world.schools.trainees_hosted_last_year[school] = 40;
  const double many = hosting_utility(world, p, school);
  CHECK(some > none);
  CHECK(many > some);
  CHECK(many == Approx(none + p.placement.discourse_benefit));  // the benefit saturates at the critical mass
  world.schools.accountability_pressure[school] = 1.0;
  CHECK(hosting_utility(world, p, school) < many);
}

TEST_CASE("only a school with a mentor in post can be willing to host", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  const SchoolId without = add_school(world, Phase::primary, 5, 0, provider);
  const SchoolId with = add_school(world, Phase::primary, 5, 1, provider);
  Parameters p = test_parameters();
  p.placement.primary_hosting_intercept = 10;  // every school with a mentor wants to host
  decide_hosting(world, p, RandomStreams(1, 0), week(0));
  CHECK(world.schools.willing_to_host[without] == 0);
  CHECK(world.schools.willing_to_host[with] == 1);
  CHECK(staffing_of(world, p, with).mentors == 1);
  CHECK(staffing_of(world, p, with).established_posts == 5);
}

TEST_CASE("mentor effectiveness rises with training hours, with diminishing returns", "[mentoring]") {
  const auto m = test_parameters().mentoring;
  const double untrained = mentor_effectiveness(m, 0, 0, 1);
  const double ten = mentor_effectiveness(m, 10, 0, 1);
  const double twenty = mentor_effectiveness(m, 20, 0, 1);
  CHECK(untrained == Approx(m.base_effectiveness));
  CHECK(ten > untrained);
  CHECK(twenty > ten);
  CHECK(twenty - ten < ten - untrained);
  CHECK(mentor_effectiveness(m, 1000, 0, 1) == Approx(m.base_effectiveness + m.training_gain).epsilon(1e-6));
  CHECK(mentor_effectiveness(m, 20, 0, 2) < twenty);  // a heavier load dilutes the mentor's time
}

TEST_CASE("the market copies the mentor's skill and style to the trainee it places", "[placement][mentoring]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 5, 1, provider);
  world.teachers.mentoring_style[0] = 0.9;
  world.teachers.mentor_training_hours[0] = 35;
  world.teachers.mentoring_years[0] = 4;
  add_trainee(world, provider);
  const Parameters p = test_parameters();
  start_placement_year(world, p);
  run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p)));
  REQUIRE(world.trainees.mentor[0] == 0);
  CHECK(world.trainees.mentor_style[0] == 0.9);
  CHECK(world.trainees.mentor_skill[0] == mentor_skill(p.mentoring, 35, 4));
}

TEST_CASE("judgemental mentoring lowers a trainee's wellbeing, developmental mentoring raises it", "[progress][mentoring]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 4, 2, provider);
  Parameters p = test_parameters();
  p.progress.withdrawal_hazard_per_week = 0;
  for (TeacherId mentor = 0; mentor < 2; ++mentor) {
    const TraineeId trainee = add_trainee(world, provider);
    world.trainees.status[trainee] = TraineeStatus::on_placement;
    world.trainees.school[trainee] = 0;
    world.trainees.mentor[trainee] = mentor;
    world.trainees.mentor_skill[trainee] = mentor_skill(p.mentoring, 20, 2);
    world.teachers.mentees[mentor] = 1;
  }
  world.trainees.mentor_style[0] = 0.0;  // judgemental, as the market copies it from the mentor
  world.trainees.mentor_style[1] = 1.0;  // developmental
  world.schools.trainees_on_placement[0] = 2;
  for (int w = 6; w < 16; ++w) update_trainee_progress(world, p, RandomStreams(1, 0), week(w));
  CHECK(world.trainees.wellbeing[0] < world.trainees.wellbeing[1]);
  CHECK(world.trainees.wellbeing[0] < recruit_wellbeing);
}

TEST_CASE("the placement market gives each mentor one trainee and leaves the rest unplaced", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 5, 1, provider);
  add_school(world, Phase::primary, 5, 1, provider);
  add_school(world, Phase::secondary, 5, 3, provider);  // wrong phase for primary trainees
  for (int i = 0; i < 3; ++i) add_trainee(world, provider);
  const Parameters p = test_parameters();
  start_placement_year(world, p);
  const PlacementWeek result = run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p)));
  CHECK(result.on_placement.total() == 2);
  CHECK(result.unplaced.total() == 1);
  CHECK(result.on_placement.by_region[static_cast<std::size_t>(Region::london)] == 2);
  CHECK(result.first_time_unplaced == 1);
  CHECK(result.offered.total() == 5);  // every willing school's mentors, whatever the phase
  CHECK(result.offered.by_phase[static_cast<std::size_t>(Phase::secondary)] == 3);
  CHECK(result.offered.by_region[static_cast<std::size_t>(Region::london)] == 5);
  for (TraineeId t = 0; t < 3; ++t) {
    if (world.trainees.status[t] != TraineeStatus::on_placement) continue;
    const TeacherId mentor = world.trainees.mentor[t];
    CHECK(world.teachers.is_mentor[mentor] == 1);
    CHECK(world.teachers.school[mentor] == world.trainees.school[t]);
    CHECK(world.schools.phase[world.trainees.school[t]] == Phase::primary);
  }
}

TEST_CASE("a secondary trainee needs a mentor of their subject", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::secondary, 5, 2, provider);  // shortage-subject mentors
  const TraineeId trainee = add_trainee(world, provider, Route::hei, Phase::secondary);
  world.trainees.subject[trainee] = Subject::non_ebacc;
  const Parameters p = test_parameters();
  start_placement_year(world, p);
  run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p)));
  CHECK(world.trainees.status[trainee] == TraineeStatus::unplaced);
}

TEST_CASE("an employed trainee takes the first placement in their own school", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 5, 2, provider);
  const SchoolId employer = add_school(world, Phase::primary, 5, 1, provider);
  world.schools.willing_to_host[employer] = 0;  // not hosting others, but mentoring its own trainee
  const TraineeId trainee = add_trainee(world, provider, Route::school_direct_salaried);
  world.trainees.employer[trainee] = employer;
  const Parameters p = test_parameters();
  start_placement_year(world, p);
  run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p)));
  CHECK(world.trainees.school[trainee] == employer);
}

TEST_CASE("nobody is placed before the first block's start week", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 5, 2, provider);
  add_trainee(world, provider);
  const Parameters p = test_parameters();
  start_placement_year(world, p);
  const auto result = run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p) - 1));
  CHECK(result.on_placement.total() == 0);
  CHECK(world.trainees.status[0] == TraineeStatus::in_training);
}

TEST_CASE("an unplaced trainee withdraws after the set number of weeks", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 5, 0, provider);  // no mentors: no places
  add_trainee(world, provider);
  Parameters p = test_parameters();
  p.placement.unplaced_withdrawal_weeks = 4;
  const RandomStreams streams(1, 0);
  const int start = first_block(p);
  start_placement_year(world, p);
  for (int w = start; w < start + 3; ++w) {
    run_placement_market(world, p, streams, week(w));
    REQUIRE(world.trainees.status[0] == TraineeStatus::unplaced);
  }
  run_placement_market(world, p, streams, week(start + 3));
  CHECK(world.trainees.status[0] == TraineeStatus::withdrawn);
  CHECK(world.trainees.status_week[0] == start + 3);
}

TEST_CASE("the wider search places an unplaced trainee and forms a partnership", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::hei);
  const ProviderId stranger = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 5, 0, provider);
  const SchoolId outside = add_school(world, Phase::primary, 5, 1, stranger);
  add_trainee(world, provider);
  Parameters p = test_parameters();
  p.placement.wider_search_attempts = 50;  // two candidates: missing one in 50 tries is impossible in practice
  start_placement_year(world, p);
  const auto result = run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p)));
  CHECK(result.on_placement.total() == 1);
  CHECK(result.new_partnerships == 1);
  CHECK(world.trainees.school[0] == outside);
  CHECK(world.schools.partners[outside] == std::vector<ProviderId>{stranger, provider});
}

TEST_CASE("under collaboration the clearing-house places a trainee beyond the partnership", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::hei);
  const ProviderId other = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 5, 0, provider);
  const SchoolId outside = add_school(world, Phase::primary, 5, 1, other);
  add_trainee(world, provider);
  Parameters p = test_parameters();
  world.policy.clearing_house = true;
  start_placement_year(world, p);
  run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p)));
  CHECK(world.trainees.school[0] == outside);
}

TEST_CASE("the second block is in a different school and a finished block frees its mentor", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 5, 1, provider);
  add_school(world, Phase::primary, 5, 1, provider);
  add_trainee(world, provider);
  const Parameters p = test_parameters();
  const RandomStreams streams(1, 0);
  start_placement_year(world, p);
  run_placement_market(world, p, streams, week(first_block(p)));
  const SchoolId first = world.trainees.school[0];
  const TeacherId first_mentor = world.trainees.mentor[0];
  world.trainees.block_weeks_done[0] = static_cast<std::int32_t>(p.placement.first_block_weeks);
  run_placement_market(world, p, streams, week(static_cast<int>(p.placement.second_block_start_week)));
  CHECK(world.trainees.block[0] == 1);
  CHECK(world.trainees.status[0] == TraineeStatus::on_placement);
  CHECK(world.trainees.school[0] != first);
  CHECK(world.teachers.mentees[first_mentor] == 0);
}

TEST_CASE("HEIs drop unused satellite partnerships; home and SCITT partnerships stay", "[placement]") {
  World world = test_world();
  const ProviderId home = add_provider(world, ProviderType::scitt);
  const ProviderId hei = add_provider(world, ProviderType::hei);
  const ProviderId scitt = add_provider(world, ProviderType::scitt);
  const SchoolId school = add_school(world, Phase::primary, 5, 1, home);
  world.schools.partners[school] = {home, hei, scitt};
  world.schools.partner_hosted[school] = {0, 0, 0};
  world.providers.partner_schools[hei] = {school};
  world.providers.partner_schools[scitt] = {school};
  Parameters p = test_parameters();
  p.placement.hei_partnership_churn = 1.0;
  p.placement.partnership_formation_rate = 0.0;
  const auto changes = review_partnerships(world, p, RandomStreams(1, 0), week(51));
  CHECK(world.schools.partners[school] == std::vector<ProviderId>{home, scitt});
  CHECK(world.providers.partner_schools[hei].empty());
  CHECK(changes.dropped == 1);

}

TEST_CASE("providers recruit partners, larger schools more often", "[placement][statistical]") {
  // 300 large and 300 small schools partnered only with their home SCITT; the region's one
  // other provider is an HEI of the same size, so a large school at rate 1 draws it with
  // probability 1/2 (expected 150, sd 8.7) and a school of 100 pupils with probability
  // 1/20 (expected 15, sd 3.8). The bounds are five standard deviations.
  World world = test_world();
  const ProviderId home = add_provider(world, ProviderType::scitt);
  const ProviderId other = add_provider(world, ProviderType::hei);
  std::vector<SchoolId> large;
  std::vector<SchoolId> small;
  for (int n = 0; n < 300; ++n) {
    large.push_back(add_school(world, Phase::secondary, 5, 1, home));
    world.schools.pupils[large.back()] = 1000;
    small.push_back(add_school(world, Phase::primary, 5, 1, home));
    world.schools.pupils[small.back()] = 100;
  }
  Parameters p = test_parameters();
  p.placement.partnership_formation_rate = 1.0;
  const auto changes = review_partnerships(world, p, RandomStreams(1, 0), week(51));
  const auto gained = [&](const std::vector<SchoolId>& schools) {
    int count = 0;
    for (const SchoolId school : schools) {
      const auto& partners = world.schools.partners[school];
      REQUIRE(world.schools.partner_hosted[school].size() == partners.size());
      REQUIRE(partners.front() == home);
      if (partners.size() == 2) {
        REQUIRE(partners[1] == other);
        ++count;
      }
    }
    return count;
  };
  const int large_gains = gained(large);
  const int small_gains = gained(small);
  CHECK(large_gains >= 107);
  CHECK(large_gains <= 193);
  CHECK(small_gains >= 1);
  CHECK(small_gains <= 34);
  CHECK(changes.recruited == large_gains + small_gains);
  CHECK(world.providers.partner_schools[other].size() == static_cast<std::size_t>(changes.recruited));
}

TEST_CASE("assessment gives QTS, an extension near the threshold, or a fail", "[assessment]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  const Parameters p = test_parameters();
  for (int i = 0; i < 4; ++i) add_trainee(world, provider);
  const double threshold = p.progress.qts_threshold;
  world.trainees.block = {2, 2, 2, 1};
  world.trainees.competence = {threshold, threshold - p.progress.extension_margin / 2, threshold - 2 * p.progress.extension_margin, 1.0};
  assess_trainees(world, p, week(static_cast<int>(p.progress.assessment_week)));
  CHECK(world.trainees.status[0] == TraineeStatus::qts);
  CHECK(world.trainees.status[1] == TraineeStatus::in_training);
  CHECK(world.trainees.extended[1] == 1);
  CHECK(world.trainees.status[2] == TraineeStatus::failed);
  CHECK(world.trainees.status[3] == TraineeStatus::failed);  // placements unfinished
  world.trainees.competence[1] = threshold + 0.01;
  assess_trainees(world, p, week(extension_assessment_week(p.progress)));
  CHECK(world.trainees.status[1] == TraineeStatus::qts);
}

TEST_CASE("withdrawal and leaving hazards move the way the mechanism says", "[progress][careers]") {
  const Parameters p = test_parameters();
  const auto& c = p.career;
  CHECK(withdrawal_hazard(p.progress, 0.7, 0) == Approx(p.progress.withdrawal_hazard_per_week));
  CHECK(withdrawal_hazard(p.progress, 0.3, 0) > withdrawal_hazard(p.progress, 0.7, 0));
  CHECK(withdrawal_hazard(p.progress, 0.7, 0.2) > withdrawal_hazard(p.progress, 0.7, 0));
  const LeavingProbability leaving(c);
  const auto primary = [&](std::int32_t experience, double wellbeing, double load, double culture, double induction) {
    return leaving(Phase::primary, Subject::general, experience, wellbeing, load, culture, induction);
  };
  const double established = primary(10, 0.7, 0, 0.5, -1);
  CHECK(established == Approx(c.leaving_rate).epsilon(0.01));
  CHECK(primary(0, 0.7, 0, 0.5, 0.5) > established);          // early career
  CHECK(primary(10, 0.4, 0, 0.5, -1) > established);          // low wellbeing
  CHECK(primary(10, 0.7, 1.5, 0.5, -1) > established);        // mentoring load
  CHECK(primary(10, 0.7, 0, 0.9, -1) < established);          // collaborative CPD culture
  CHECK(primary(0, 0.7, 0, 0.5, 1.0) < primary(0, 0.7, 0, 0.5, 0.0));  // developmental induction
  CHECK(primary(0, 0.7, 0, 0.5, -1) > primary(0, 0.7, 0, 0.5, 0.5));   // no induction mentor
  CHECK(primary(30, 0.7, 0, 0.5, -1) > established);          // late career
  // By phase and subject group: the ratios multiply the hazard.
  const double secondary = leaving(Phase::secondary, Subject::other_ebacc, 10, 0.7, 0, 0.5, -1);
  CHECK(secondary == Approx(established * c.secondary_leaving_ratio));
  CHECK(leaving(Phase::secondary, Subject::shortage, 10, 0.7, 0, 0.5, -1) == Approx(secondary * c.shortage_leaving_ratio));
  CHECK(leaving(Phase::special, Subject::general, 10, 0.7, 0, 0.5, -1) == Approx(established));
}

TEST_CASE("early-career teachers get induction mentors from the ITT mentor pool", "[careers]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 6, 1, provider);
  Parameters p = test_parameters();
  // Posts 4 and 5 hold early-career teachers; the one mentor (post 0) has room for both.
  world.teachers.experience_years[4] = 0;
  world.teachers.experience_years[5] = 1;
  CHECK(assign_induction_mentors(world, p) == 0);
  CHECK(world.teachers.induction_mentor[4] == 0);
  CHECK(world.teachers.ect_mentees[0] == 2);
  CHECK(mentoring_load(world.teachers, 0, p.placement) == Approx(2 * p.placement.ect_mentoring_load));
  // With both ECTs, the mentor has no room left for an ITT trainee at capacity 1.5.
  CHECK(free_mentor_places(world.teachers, 0, p.placement) == 0);

  SECTION("a retiring mentor frees their mentees for reassignment") {
    world.teachers.is_mentor[1] = 1;
    world.teachers.experience_years[0] = static_cast<std::int32_t>(p.career.retirement_experience);
    run_departures(world, p, RandomStreams(1, 0), week(51));
    CHECK(world.teachers.filled[0] == 0);
    CHECK(world.teachers.induction_mentor[4] == no_id);
    assign_induction_mentors(world, p);
    CHECK(world.teachers.induction_mentor[4] == 1);  // now in their second year, with a new mentor
    CHECK(world.teachers.induction_mentor[5] == no_id);  // induction over after two years
  }
}

TEST_CASE("mentoring load strains a teacher's wellbeing", "[careers]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  add_school(world, Phase::primary, 2, 2, provider);
  const Parameters p = test_parameters();
  start_placement_year(world, p);
  change_mentees(world, p, 0, +1);
  update_teacher_wellbeing(world, p);
  CHECK_THROWS_AS(start_teacher_wellbeing_year(world, p), std::logic_error);  // a year starts only from a settled one
  settle_teacher_wellbeing(world, p);
  CHECK(world.teachers.wellbeing[0] < world.teachers.wellbeing[1]);
  CHECK(world.teachers.mentoring_load_this_year[0] == 1.0);
}

TEST_CASE("wellbeing in closed form equals the weekly equation, post by post and summed, as loads change",
          "[careers]") {
  // Four regimes: the defaults (no path reaches 0), a strain that drives loaded mentors to 0,
  // no recovery at all, and early-career teachers who add no load.
  struct Regime {
    double recovery, strain, ect_load;
  };
  for (const auto& [recovery, strain, ect_load] :
       {Regime{0.1, 0.005, 0.5}, Regime{0.15, 0.2, 0.5}, Regime{0.0, 0.03, 0.5}, Regime{0.1, 0.005, 0.0}}) {
    World world = test_world();
    const ProviderId provider = add_provider(world, ProviderType::scitt);
    add_school(world, Phase::primary, 6, 3, provider);  // posts 0-2 mentors, 3-5 not
    add_school(world, Phase::secondary, 4, 2, provider);  // posts 6-7 mentors, 8-9 not
    auto& teachers = world.teachers;
    world.schools.collaborative_cpd[1] = 0.8;  // another resting value
    const std::vector<double> start{0.9, 0.2, 0.05, 1.0, 0.6, 0.3, 0.1, 0.99, 0.4, 0.7};
    for (TeacherId post = 0; post < teachers.size(); ++post) teachers.wellbeing[post] = start[post];
    teachers.filled[5] = 0;  // a vacancy: no wellbeing of its own to count
    teachers.ect_mentees[6] = 1;  // a load all year
    Parameters p = test_parameters();
    p.career.teacher_wellbeing_recovery = recovery;
    p.career.mentoring_wellbeing_strain = strain;
    p.placement.ect_mentoring_load = ect_load;
    world.policy.protected_hours = 0;
    start_placement_year(world, p);
    // The equation of docs/ODD.md, week by week, with the loads the market sets each week.
    std::vector<double> expected = start;
    std::vector<double> load_this_year(teachers.size(), 0.0);
    for (int w = 0; w < 52; ++w) {
      if (w == 3) change_mentees(world, p, 0, +1);
      if (w == 5) change_mentees(world, p, 7, +1);
      if (w == 9) change_mentees(world, p, 0, -1);
      if (w == 12) change_mentees(world, p, 1, +1);
      if (w == 30) change_mentees(world, p, 7, -1);
      update_teacher_wellbeing(world, p);
      double sum = 0;
      std::int64_t loaded = 0;
      for (TeacherId post = 0; post < teachers.size(); ++post) {
        if (!teachers.filled[post]) continue;
        loaded += mentoring_load(teachers, post, p.placement) > 0;
        const double resting = resting_wellbeing_with_cpd(p.cpd, world.schools.collaborative_cpd[teachers.school[post]]);
        const double load = mentoring_load(teachers, post, p.placement);
        expected[post] = std::clamp(expected[post] + recovery * (resting - expected[post]) - strain * load, 0.0, 1.0);
        load_this_year[post] += load;
        sum += expected[post];
      }
      const TeacherWeek week = teacher_week(world, p);
      REQUIRE(week.filled_posts == 9);
      REQUIRE(week.loaded_mentors == loaded);
      REQUIRE(week.wellbeing_sum == Approx(sum).epsilon(1e-12));
      REQUIRE(week.load_sum == Approx(teachers.mentees[0] + teachers.mentees[1] + teachers.mentees[7] + ect_load));
    }
    CHECK(teachers.wellbeing[3] == start[3]);  // a post without load is brought up to date only when settled
    settle_teacher_wellbeing(world, p);
    for (TeacherId post = 0; post < teachers.size(); ++post) {
      if (!teachers.filled[post]) continue;
      INFO("post " << post << ", recovery " << recovery << ", strain " << strain);
      CHECK(teachers.wellbeing[post] == Approx(expected[post]).margin(1e-12));
      CHECK(teachers.mentoring_load_this_year[post] == Approx(load_this_year[post]));
    }
    CHECK(teachers.wellbeing[5] == start[5]);  // the vacancy is left alone
    if (strain > 0.1) CHECK(teachers.wellbeing[1] == 0.0);  // the regime where paths reach 0 did reach it
    // The year is over: nothing moves until the next one starts.
    CHECK_THROWS_AS(change_mentees(world, p, 1, -1), std::logic_error);
    CHECK_THROWS_AS(update_teacher_wellbeing(world, p), std::logic_error);
  }
}

namespace {
// Only the QTS holders seek posts: no moves, returners or other entrants.
void without_other_applicants(Parameters& p) {
  p.moves.primary_rate = 0;
  p.moves.secondary_rate = 0;
  p.employment.returner_applicant_rate = 0;
  p.employment.other_entrant_applicant_rate = 0;
}
}  // namespace

TEST_CASE("school-led trainees take posts in their partnership's schools first", "[employment]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  const ProviderId other = add_provider(world, ProviderType::hei);
  add_school(world, Phase::primary, 3, 0, other);                          // posts 0-2: not a partner
  const SchoolId partner = add_school(world, Phase::primary, 3, 0, provider);  // posts 3-5
  world.teachers.filled[0] = 0;  // the region's first vacancy
  world.teachers.filled[4] = 0;  // a vacancy in the partnership
  Parameters p = test_parameters();
  p.employment.qts_job_seeking_rate = 1;
  without_other_applicants(p);
  const TraineeId led = add_trainee(world, provider, Route::school_direct_fee);
  world.trainees.status[led] = TraineeStatus::qts;
  const JobMarket result = run_job_market(world, p, RandomStreams(1, 0), week(51));
  CHECK(result.new_teachers.total() == 1);
  CHECK(world.teachers.filled[4] == 1);
  CHECK(world.teachers.school[4] == partner);
  CHECK(world.teachers.entry_year[4] == 2023);
  CHECK(result.vacancies_unfilled.total() == 1);
  CHECK(result.qts_unemployed == 0);
}

TEST_CASE("falling rolls drop vacant posts first, rising rolls establish new ones", "[employment]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  const SchoolId school = add_school(world, Phase::primary, 10, 0, provider);
  Parameters p = test_parameters();
  world.schools.pupils[school] = static_cast<std::int32_t>(8 * p.population.primary_pupils_per_teacher);
  for (TeacherId post = 8; post < 10; ++post) world.teachers.established[post] = 0;
  world.teachers.filled[3] = 0;
  p.pupil_trends = {};                       // no regional offsets
  p.employment.primary_pupil_trend = -0.2;  // 8 posts' worth of pupils falls to 6.4: 6 posts
  adjust_posts_to_pupils(world, p, 2022);
  CHECK(world.teachers.established[3] == 0);  // the vacant post went first
  int established = 0;
  for (TeacherId post = 0; post < 10; ++post) established += world.teachers.established[post];
  CHECK(established == 6);
  p.employment.primary_pupil_trend = 0.2;
  adjust_posts_to_pupils(world, p, 2023);
  established = 0;
  for (TeacherId post = 0; post < 10; ++post) established += world.teachers.established[post];
  CHECK(established == 8);
}

TEST_CASE("with no other school of its phase in the region, the second block is in the first school", "[placement]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::scitt);
  const SchoolId only = add_school(world, Phase::primary, 5, 1, provider);
  add_school(world, Phase::secondary, 5, 1, provider);  // another school, of another phase
  add_trainee(world, provider);
  const Parameters p = test_parameters();
  const RandomStreams streams(1, 0);
  start_placement_year(world, p);
  run_placement_market(world, p, streams, week(first_block(p)));
  REQUIRE(world.trainees.school[0] == only);
  world.trainees.block_weeks_done[0] = static_cast<std::int32_t>(p.placement.first_block_weeks);
  run_placement_market(world, p, streams, week(static_cast<int>(p.placement.second_block_start_week)));
  CHECK(world.trainees.block[0] == 1);
  CHECK(world.trainees.status[0] == TraineeStatus::on_placement);
  CHECK(world.trainees.school[0] == only);
}

namespace {

SchoolId add_school_at(World& world, Phase phase, int mentors, ProviderId provider, double easting_km, double northing_km) {
  const SchoolId id = add_school(world, phase, 5, mentors, provider);
  world.schools.easting_km[id] = easting_km;
  world.schools.northing_km[id] = northing_km;
  return id;
}

std::int64_t sum_of(const std::array<std::int64_t, travel_distance_bands>& bands) {
  std::int64_t sum = 0;
  for (const auto count : bands) sum += count;
  return sum;
}

}  // namespace

TEST_CASE("a placement lies within the trainee's travel distance of home, by phase; an employer always does", "[placement][geography]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::hei);
  const SchoolId far = add_school_at(world, Phase::primary, 1, provider, 40, 0);          // 40 km east of the home
  const SchoolId near = add_school_at(world, Phase::primary, 1, provider, 0, 34);         // 34 km north
  const SchoolId far_secondary = add_school_at(world, Phase::secondary, 1, provider, 0, -45);
  const SchoolId distant_employer = add_school_at(world, Phase::primary, 1, provider, 300, 300);
  world.schools.willing_to_host[distant_employer] = 0;
  const TraineeId first = add_trainee(world, provider);
  const TraineeId second = add_trainee(world, provider);
  const TraineeId secondary = add_trainee(world, provider, Route::hei, Phase::secondary);
  const TraineeId employed = add_trainee(world, provider, Route::school_direct_salaried);
  world.trainees.employer[employed] = distant_employer;
  world.trainees.home_easting_km[employed] = 300;
  world.trainees.home_northing_km[employed] = 300;
  Parameters p = test_parameters();
  p.placement.primary_max_travel_km = 35;
  p.placement.secondary_max_travel_km = 50;
  CHECK(within_travel_distance(world, p, first, near));
  CHECK_FALSE(within_travel_distance(world, p, first, far));
  CHECK(within_travel_distance(world, p, secondary, far_secondary));
  start_placement_year(world, p);
  const PlacementWeek result = run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p)));
  // One primary place within reach for two trainees: the one at 40 km is never offered.
  CHECK(world.trainees.school[employed] == distant_employer);
  CHECK(world.trainees.school[secondary] == far_secondary);
  const bool first_placed = world.trainees.school[first] == near;
  CHECK(first_placed != (world.trainees.school[second] == near));
  CHECK(world.trainees.status[first_placed ? second : first] == TraineeStatus::unplaced);
  CHECK(world.schools.trainees_on_placement[far] == 0);
  // Three placements: the employer's at 0 km, the secondary trainee's at 45 km, the primary one's at 34 km.
  CHECK(sum_of(result.placements_by_travel_distance) == 3);
  CHECK(result.placements_by_travel_distance[travel_distance_band(0)] == 1);
  CHECK(result.placements_by_travel_distance[travel_distance_band(45)] == 1);
  CHECK(result.placements_by_travel_distance[travel_distance_band(34)] == 1);
  // Requests: schools asked within reach, the employer excluded; two were granted.
  CHECK(result.requests_granted.total() == 2);
  CHECK(result.requests.total() > result.requests_granted.total());
}

TEST_CASE("the wider search and the clearing-house look only within the travel distance", "[placement][geography]") {
  for (const bool collaboration : {false, true}) {
    INFO((collaboration ? "clearing-house" : "wider search"));
    World world = test_world();
    const ProviderId provider = add_provider(world, ProviderType::hei);
    const ProviderId stranger = add_provider(world, ProviderType::scitt);
    add_school_at(world, Phase::primary, 0, provider, 0, 0);  // the provider's own partner, with no mentor
    const SchoolId beyond = add_school_at(world, Phase::primary, 2, stranger, 36, 0);
    const SchoolId within = add_school_at(world, Phase::primary, 1, stranger, -20, -20);
    add_trainee(world, provider);
    add_trainee(world, provider);
    Parameters p = test_parameters();
    p.placement.primary_max_travel_km = 35;
    p.placement.wider_search_attempts = 50;
    world.policy.clearing_house = collaboration;
    start_placement_year(world, p);
    const PlacementWeek result = run_placement_market(world, p, RandomStreams(1, 0), week(first_block(p)));
    // The school 36 km away has two free places, the one 28 km away one: one trainee is placed.
    CHECK(result.on_placement.total() == 1);
    CHECK(world.schools.trainees_on_placement[within] == 1);
    CHECK(world.schools.trainees_on_placement[beyond] == 0);
    CHECK(result.unplaced.total() == 1);
  }
}

TEST_CASE("every placement in a synthetic region lies within the travel distance", "[placement][geography][statistical]") {
  for (const double reach : {15.0, 35.0}) {
    Parameters p = test::small_scenario({{"placement.primary_max_travel_km", std::to_string(reach), "test"},
                                         {"placement.secondary_max_travel_km", std::to_string(reach), "test"},
                                         {"run.years", "1", "test"}})
                       .parameters();
    Simulation simulation(p, 0);
    std::int64_t placement_weeks = 0;
    std::int64_t beyond_reach = 0;
    while (!simulation.finished()) {
      simulation.step();
      const auto& world = simulation.world();
      for (TraineeId id = 0; id < world.trainees.size(); ++id) {
        const SchoolId school = world.trainees.school[id];
        if (school == no_id || school == world.trainees.employer[id]) continue;
        placement_weeks += 1;
        beyond_reach += !within_travel_distance(world, p, id, school);
      }
    }
    INFO("reach " << reach << " km");
    const auto& bands = simulation.last_year_distributions().placements_by_travel_distance;
    CHECK(placement_weeks > 10000);
    CHECK(beyond_reach == 0);
    for (std::size_t band = travel_distance_band(reach) + 1; band < travel_distance_bands; ++band) CHECK(bands[band] == 0);
  }
}

TEST_CASE("a new teacher takes the nearest vacancy within the job search distance; beyond it only if mobile", "[employment][geography]") {
  for (const double mobility : {0.0, 1.0}) {
    INFO("mobility " << mobility);
    World world = test_world();
    const ProviderId provider = add_provider(world, ProviderType::hei);
    const SchoolId far = add_school_at(world, Phase::primary, 0, provider, 0, 40);   // 40 km north: beyond 25 km
    const SchoolId mid = add_school_at(world, Phase::primary, 0, provider, 0, 20);   // 20 km
    const SchoolId near = add_school_at(world, Phase::primary, 0, provider, 12, 0);  // 12 km
    const auto vacate_first_post = [&](SchoolId school) { world.teachers.filled[world.schools.first_post[school]] = 0; };
    for (const SchoolId school : {far, mid, near}) vacate_first_post(school);
    world.schools.willing_to_host.assign(world.schools.size(), 0);
    Parameters p = test_parameters();
    p.employment.qts_job_seeking_rate = 1;
    without_other_applicants(p);
    p.employment.job_search_km = 25;
    p.employment.mobility = mobility;
    std::vector<TraineeId> qualified;
    for (int n = 0; n < 3; ++n) {
      qualified.push_back(add_trainee(world, provider));
      world.trainees.status[qualified.back()] = TraineeStatus::qts;
    }
    prepare_placement_year(world, p);
    const JobMarket result = run_job_market(world, p, RandomStreams(1, 0), week(51));
    // The two posts within 25 km go first, the nearer to whoever is served first; the post 40
    // km away goes only to a mobile teacher.
    CHECK(world.teachers.filled[world.schools.first_post[near]] == 1);
    CHECK(world.teachers.filled[world.schools.first_post[mid]] == 1);
    CHECK(world.teachers.filled[world.schools.first_post[far]] == (mobility > 0 ? 1 : 0));
    CHECK(result.new_teachers.total() == (mobility > 0 ? 3 : 2));
    CHECK(result.qts_unemployed == (mobility > 0 ? 0 : 1));
  }
}

namespace {

// What the labour-market tests share: every new QTS holder seeks a post, schools rank
// applicants by skill alone, and nobody but those set up seeks one.
Parameters labour_market_parameters() {
  Parameters p = test_parameters();
  p.employment.qts_job_seeking_rate = 1;
  p.employment.hiring_noise_sd = 0;
  p.employment.mobility = 0;
  without_other_applicants(p);
  return p;
}

TraineeId add_qts_holder(World& world, ProviderId provider, Phase phase, Subject subject, double easting_km, double northing_km) {
  const TraineeId id = world.trainees.add(provider, Route::hei, phase, subject, Region::london, recruit_wellbeing);
  world.trainees.status[id] = TraineeStatus::qts;
  world.trainees.home_easting_km[id] = easting_km;
  world.trainees.home_northing_km[id] = northing_km;
  return id;
}

struct PostCounts {
  std::int64_t established = 0;
  std::int64_t filled = 0;
  std::int64_t vacant = 0;
};
PostCounts count_posts(const Teachers& teachers) {
  PostCounts counts;
  for (TeacherId post = 0; post < teachers.size(); ++post) {
    counts.established += teachers.established[post];
    counts.filled += teachers.filled[post];
    counts.vacant += teachers.established[post] && !teachers.filled[post];
  }
  return counts;
}

}  // namespace

TEST_CASE("schools rank applicants by score, then kind, then id", "[employment]") {
  CHECK(ranks_before({0.8, ApplicantKind::mover, 5}, {0.35, ApplicantKind::new_qts, 1}));
  CHECK_FALSE(ranks_before({0.35, ApplicantKind::new_qts, 1}, {0.8, ApplicantKind::mover, 5}));
  CHECK(ranks_before({0.5, ApplicantKind::new_qts, 9}, {0.5, ApplicantKind::returner, 1}));
  CHECK(ranks_before({0.5, ApplicantKind::returner, 1}, {0.5, ApplicantKind::returner, 2}));
  CHECK_FALSE(ranks_before({0.5, ApplicantKind::returner, 2}, {0.5, ApplicantKind::returner, 2}));
}

TEST_CASE("a moving teacher takes the post schools offer them first, and the post they leave is filled in turn", "[employment]") {
  for (const double mover_skill : {0.8, 0.2}) {
    INFO("mover's skill " << mover_skill << " against a new teacher's 0.35");
    World world = test_world();
    const ProviderId provider = add_provider(world, ProviderType::hei);
    const SchoolId from = add_school_at(world, Phase::primary, 0, provider, 0, 0);
    const SchoolId to = add_school_at(world, Phase::primary, 0, provider, 10, 0);
    auto& teachers = world.teachers;
    // Only teachers of five or more years seek a move, and every one of them does: the first
    // post of `from` holds the only one. The first post of `to` is the only vacancy.
    for (TeacherId post = 0; post < teachers.size(); ++post) teachers.experience_years[post] = 2;
    const TeacherId mover = world.schools.first_post[from];
    teachers.experience_years[mover] = 10;
    teachers.skill[mover] = mover_skill;
    teachers.entry_year[mover] = 2020;
    teachers.is_mentor[mover] = 1;
    const TeacherId vacancy = world.schools.first_post[to];
    teachers.filled[vacancy] = 0;
    Parameters p = labour_market_parameters();
    p.moves.primary_rate = 1;
    p.moves.early_career_ratio = 0;
    p.moves.early_career_years = 5;
    add_qts_holder(world, provider, Phase::primary, Subject::general, 1, 0);  // lives 1 km from `from`
    prepare_placement_year(world, p);
    const PostCounts before = count_posts(teachers);
    const JobMarket result = run_job_market(world, p, RandomStreams(1, 0), week(51));
    const PostCounts after = count_posts(teachers);
    CHECK(after.established == before.established);
    CHECK(after.filled + after.vacant == after.established);
    CHECK(after.filled == before.filled + result.new_teachers.total());  // a move adds no one
    CHECK(result.moves_sought == 1);
    CHECK(result.new_teachers.total() == 1);
    CHECK(result.qts_unemployed == 0);
    CHECK(teachers.filled[vacancy] == 1);
    if (mover_skill > p.cpd.new_teacher_skill) {
      // The mover, ranked first, takes the vacancy; their post goes to the new teacher, who lives nearer it.
      CHECK(result.moves.total() == 1);
      CHECK(teachers.experience_years[vacancy] == 10);
      CHECK(teachers.entry_year[vacancy] == 2020);  // still in their cohort: retained, not a leaver
      CHECK(teachers.skill[vacancy] == mover_skill);
      CHECK(teachers.is_mentor[vacancy] == 1);
      CHECK(teachers.filled[mover] == 1);
      CHECK(teachers.experience_years[mover] == 0);
      CHECK(teachers.entry_year[mover] == 2023);
      CHECK(teachers.departure[mover] == Departure::moved);
      CHECK(teachers.is_mentor[mover] == 0);
      CHECK(result.filled_by_source[1][static_cast<std::size_t>(Subject::general)] == 1);
      CHECK(result.moves_by_experience[2] == 0);
      CHECK(result.moves_by_experience[3] == 1);
    } else {
      // The new teacher, ranked first, takes the only vacancy; the mover finds none and stays.
      CHECK(result.moves.total() == 0);
      CHECK(teachers.experience_years[vacancy] == 0);
      CHECK(teachers.filled[mover] == 1);
      CHECK(teachers.experience_years[mover] == 10);
    }
  }
}

TEST_CASE("a secondary post no specialist takes goes out of field only as often as out_of_field_rate says", "[employment]") {
  for (const double rate : {0.0, 1.0}) {
    INFO("out_of_field_rate " << rate);
    World world = test_world();
    const ProviderId provider = add_provider(world, ProviderType::hei);
    const SchoolId school = add_school_at(world, Phase::secondary, 0, provider, 0, 0);  // shortage-subject posts
    world.teachers.filled[world.schools.first_post[school]] = 0;
    Parameters p = labour_market_parameters();
    p.employment.out_of_field_rate = rate;
    add_qts_holder(world, provider, Phase::secondary, Subject::other_ebacc, 2, 0);
    prepare_placement_year(world, p);
    const JobMarket result = run_job_market(world, p, RandomStreams(1, 0), week(51));
    const auto shortage = static_cast<std::size_t>(Subject::shortage);
    CHECK(result.new_teachers.total() == (rate > 0 ? 1 : 0));
    CHECK(result.out_of_field_by_subject[shortage] == (rate > 0 ? 1 : 0));
    CHECK(result.unfilled_by_subject[shortage] == (rate > 0 ? 0 : 1));
    CHECK(result.qts_unemployed == (rate > 0 ? 0 : 1));
    REQUIRE(world.job_seekers.size() == (rate > 0 ? 0U : 1U));
    if (rate == 0) {
      CHECK(world.job_seekers.subject[0] == Subject::other_ebacc);
      CHECK(world.job_seekers.qualified_year[0] == 2022);
    }
  }
}

TEST_CASE("QTS holders left without a post seek again the next year or leave teaching", "[employment]") {
  for (const double retry : {0.0, 1.0}) {
    INFO("unemployed_retry_rate " << retry);
    World world = test_world();
    const ProviderId provider = add_provider(world, ProviderType::hei);
    const SchoolId school = add_school_at(world, Phase::primary, 0, provider, 0, 0);
    world.teachers.filled[world.schools.first_post[school]] = 0;
    world.job_seekers.add(Phase::primary, Subject::general, Region::london, Route::scitt, 3, 0, 0, 2021);
    Parameters p = labour_market_parameters();
    p.employment.unemployed_retry_rate = retry;
    prepare_placement_year(world, p);
    const JobMarket result = run_job_market(world, p, RandomStreams(1, 0), week(51));
    CHECK(result.earlier_qts_employed == (retry > 0 ? 1 : 0));
    CHECK(result.new_teachers.total() == (retry > 0 ? 1 : 0));
    CHECK(result.qts_gave_up == (retry > 0 ? 0 : 1));
    CHECK(world.job_seekers.size() == 0);
    if (retry > 0) CHECK(world.teachers.entry_year[world.schools.first_post[school]] == 2023);
  }
  SECTION("one who seeks again and finds nothing stays a seeker, with the year of their QTS") {
    World world = test_world();
    const ProviderId provider = add_provider(world, ProviderType::hei);
    add_school_at(world, Phase::primary, 0, provider, 0, 0);  // no vacancy
    world.job_seekers.add(Phase::primary, Subject::general, Region::london, Route::scitt, 3, 0, 0, 2021);
    Parameters p = labour_market_parameters();
    p.employment.unemployed_retry_rate = 1;
    prepare_placement_year(world, p);
    const JobMarket result = run_job_market(world, p, RandomStreams(1, 0), week(51));
    CHECK(result.qts_unemployed == 1);
    CHECK(result.new_qts_unemployed.total() == 0);  // not one of this year's
    REQUIRE(world.job_seekers.size() == 1);
    CHECK(world.job_seekers.qualified_year[0] == 2021);
    CHECK(world.job_seekers.route[0] == Route::scitt);
  }
}

TEST_CASE("with no post of its phase within reach, an applicant takes a special school's; a mover never their own school's", "[employment]") {
  World world = test_world();
  const ProviderId provider = add_provider(world, ProviderType::hei);
  const SchoolId primary = add_school_at(world, Phase::primary, 0, provider, 0, 0);
  const SchoolId special = add_school_at(world, Phase::special, 0, provider, 5, 0);
  auto& teachers = world.teachers;
  for (TeacherId post = 0; post < teachers.size(); ++post) teachers.experience_years[post] = 2;
  const TeacherId mover = world.schools.first_post[primary];
  teachers.experience_years[mover] = 10;
  teachers.skill[mover] = 0.8;
  const TeacherId own_vacancy = mover + 1;  // in the mover's own school
  teachers.filled[own_vacancy] = 0;
  const TeacherId special_vacancy = world.schools.first_post[special];
  teachers.filled[special_vacancy] = 0;
  Parameters p = labour_market_parameters();
  p.moves.primary_rate = 1;  // the special school's teachers move at the primary rate: none has 5 years
  p.moves.early_career_ratio = 0;
  p.moves.early_career_years = 5;
  add_qts_holder(world, provider, Phase::primary, Subject::general, 20, 0);  // nearer the special school
  prepare_placement_year(world, p);
  const JobMarket result = run_job_market(world, p, RandomStreams(1, 0), week(51));
  // The mover, ranked first, passes over their own school's vacancy for the special school's;
  // the new teacher then takes the post the mover left or the one beside it.
  CHECK(result.moves.total() == 1);
  CHECK(teachers.experience_years[special_vacancy] == 10);
  CHECK(teachers.filled[mover] + teachers.filled[own_vacancy] == 1);
  CHECK(result.new_teachers.total() == 1);
  CHECK(result.vacancies_unfilled.total() == 1);
}

TEST_CASE("pupil trends follow the national projection, its peak year and each region's offset", "[employment]") {
  Parameters p = test_parameters();
  p.employment.primary_pupil_trend = -0.01;
  p.employment.secondary_pupil_trend = 0.02;
  p.employment.secondary_pupil_peak_year = 2024;
  p.employment.secondary_pupil_trend_after_peak = -0.005;
  p.pupil_trends = {};
  p.pupil_trends.primary_offset[static_cast<std::size_t>(Region::london)] = -0.01;
  CHECK(pupil_trend(p, 2022, Region::london, Phase::primary) == Approx(-0.02));
  CHECK(pupil_trend(p, 2022, Region::north_east, Phase::primary) == Approx(-0.01));
  CHECK(pupil_trend(p, 2023, Region::london, Phase::secondary) == Approx(0.02));   // into 2024/25, the peak
  CHECK(pupil_trend(p, 2024, Region::london, Phase::secondary) == Approx(-0.005)); // into 2025/26
  CHECK(pupil_trend(p, 2024, Region::london, Phase::special) == 0);
}

TEST_CASE("trainees live near their provider's schools, employed ones at their school", "[recruitment][geography]") {
  const Parameters p = Scenario::from_defaults({{"population.scale", "0.2", "test"}, {"population.regions", "6", "test"}}).parameters();
  Simulation simulation(p, 0);
  simulation.step();  // week 0: hosting, the year's partner lists and recruitment
  const World& world = simulation.world();
  const auto& trainees = world.trainees;
  const auto& schools = world.schools;
  const double spread = scaled_km(p.population, p.placement.home_spread_km);
  std::int64_t checked = 0;
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    const double east = trainees.home_easting_km[id];
    const double north = trainees.home_northing_km[id];
    const SchoolId employer = trainees.employer[id];
    if (employer != no_id) {
      REQUIRE(east == schools.easting_km[employer]);
      REQUIRE(north == schools.northing_km[employer]);
      continue;
    }
    const ProviderId provider = trainees.provider[id];
    if (is_national(world.providers.type[provider])) {
      const auto& candidates = world.schools_by_region_phase[static_cast<std::size_t>(trainees.region[id])][static_cast<std::size_t>(trainees.phase[id])];
      REQUIRE(std::any_of(candidates.begin(), candidates.end(),
                          [&](SchoolId school) { return schools.easting_km[school] == east && schools.northing_km[school] == north; }));
      continue;
    }
    const auto& local = world.local_partners[provider][World::local_list(trainees.region[id], trainees.phase[id])];
    REQUIRE_FALSE(local.empty());
    REQUIRE(std::any_of(local.begin(), local.end(), [&](const World::LocalPartner& partner) {
      return distance_km(east, north, partner.easting_km, partner.northing_km) <= spread;
    }));
    ++checked;
  }
  CHECK(checked > 500);
}

TEST_CASE("each SCITT is led by a school of its own, its home school", "[geography]") {
  const Parameters p = Scenario::from_defaults({{"population.scale", "0.3", "test"}}).parameters();
  const World world = synthesise_population(p, RandomStreams(p.run.seed, 2));
  const auto& providers = world.providers;
  std::set<std::pair<double, double>> bases;
  std::int64_t scitts = 0;
  for (ProviderId id = 0; id < providers.size(); ++id) {
    if (providers.type[id] != ProviderType::scitt) continue;
    ++scitts;
    bases.insert({providers.base_easting_km[id], providers.base_northing_km[id]});
  }
  CHECK(scitts > 30);
  CHECK(static_cast<std::int64_t>(bases.size()) == scitts);  // no two SCITTs share a lead school
}

TEST_CASE("the year-end review adds partners based within reach only", "[placement][geography]") {
  World world = test_world();
  const ProviderId home = add_provider(world, ProviderType::scitt);
  const ProviderId far = add_provider(world, ProviderType::hei);
  world.providers.base_easting_km[far] = 100;  // 100 km from every school
  std::vector<SchoolId> ids;
  for (int n = 0; n < 200; ++n) ids.push_back(add_school_at(world, Phase::primary, 1, home, 0, 0));
  Parameters p = test_parameters();
  p.placement.partnership_formation_rate = 1;
  p.geography.provider_reach_km = 35;
  for (const SchoolId school : ids) world.schools.pupils[school] = 1000;
  const PartnershipChanges changes = review_partnerships(world, p, RandomStreams(1, 0), week(51));
  CHECK(changes.recruited == 0);  // the only other provider is beyond reach
  for (const SchoolId school : ids) CHECK(world.schools.partners[school] == std::vector<ProviderId>{home});
  world.providers.base_easting_km[far] = 30;
  const PartnershipChanges within = review_partnerships(world, p, RandomStreams(1, 0), week(103));
  CHECK(within.recruited > 50);
}
