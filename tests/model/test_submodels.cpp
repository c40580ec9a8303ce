// Each submodel on a small hand-built world, where the right answer can be worked out.

#include "sim/model/assessment.hpp"
#include "sim/model/careers.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/progress.hpp"
#include "sim/params/scenario.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace ittsim;

namespace {

// Adds a school with the given number of posts, the first `mentors` of them held by mentors.
SchoolId add_school(World& world, Phase phase, int posts, int mentors, ProviderId provider) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  const auto id = static_cast<SchoolId>(schools.size());
  schools.phase.push_back(phase);
  schools.region.push_back(Region::london);
  schools.pupils.push_back(posts * 20);
  schools.first_post.push_back(static_cast<TeacherId>(teachers.size()));
  schools.post_count.push_back(posts);
  schools.home_provider.push_back(provider);
  schools.partners.push_back({provider});
  schools.willing_to_host.push_back(1);
  schools.free_mentor_places.push_back(0);
  schools.hosted_this_year.push_back(0);
  world.schools_by_region_phase[static_cast<std::size_t>(Region::london)][static_cast<std::size_t>(phase)].push_back(id);
  world.providers.partner_schools[provider].push_back(id);
  for (int post = 0; post < posts; ++post) {
    teachers.school.push_back(id);
    teachers.filled.push_back(1);
    teachers.experience_years.push_back(10);
    teachers.wellbeing.push_back(0.7);
    teachers.is_mentor.push_back(post < mentors);
    teachers.mentees.push_back(0);
    teachers.mentored_this_year.push_back(0);
    teachers.departure.push_back(Departure::none);
  }
  return id;
}

World world_with_provider() {
  World world;
  world.providers.type.push_back(ProviderType::scitt);
  world.providers.region.push_back(Region::london);
  world.providers.size_weight.push_back(1.0);
  world.providers.partner_schools.emplace_back();
  return world;
}

Parameters test_parameters() {
  Parameters p = Scenario::from_defaults().parameters();
  p.placement.wider_search_attempts = 0;
  return p;
}

Clock week(int week_of_year) { return Clock{week_of_year, week_of_year, 2022}; }

}  // namespace

TEST_CASE("the placement market gives each mentor place to one trainee and leaves the rest unplaced", "[placement]") {
  World world = world_with_provider();
  add_school(world, Phase::primary, 5, 1, 0);
  add_school(world, Phase::primary, 5, 1, 0);
  add_school(world, Phase::secondary, 5, 3, 0);  // wrong phase for primary trainees
  for (int i = 0; i < 3; ++i) world.trainees.add(0, Phase::primary, Region::london, 1.0, recruit_wellbeing);
  const Parameters p = test_parameters();
  const RandomStreams streams(1, 0);
  const auto clock = week(static_cast<int>(p.placement.first_block_start_week));
  const PlacementWeek result = run_placement_market(world, p, streams, clock);
  CHECK(result.on_placement == 2);
  CHECK(result.unplaced == 1);
  CHECK(result.first_time_unplaced == 1);
  CHECK(result.places_offered == 5);  // every willing school's mentors, whatever the phase
  for (TraineeId t = 0; t < 3; ++t) {
    if (world.trainees.status[t] != TraineeStatus::on_placement) continue;
    const TeacherId mentor = world.trainees.mentor[t];
    CHECK(world.teachers.is_mentor[mentor] == 1);
    CHECK(world.teachers.school[mentor] == world.trainees.school[t]);
    CHECK(world.schools.phase[world.trainees.school[t]] == Phase::primary);
  }
}

TEST_CASE("nobody is placed before the first block's start week", "[placement]") {
  World world = world_with_provider();
  add_school(world, Phase::primary, 5, 2, 0);
  world.trainees.add(0, Phase::primary, Region::london, 1.0, recruit_wellbeing);
  const Parameters p = test_parameters();
  const auto result = run_placement_market(world, p, RandomStreams(1, 0), week(static_cast<int>(p.placement.first_block_start_week) - 1));
  CHECK(result.on_placement == 0);
  CHECK(world.trainees.status[0] == TraineeStatus::in_training);
}

TEST_CASE("an unplaced trainee withdraws after the set number of weeks", "[placement]") {
  World world = world_with_provider();
  add_school(world, Phase::primary, 5, 0, 0);  // no mentors: no places
  world.trainees.add(0, Phase::primary, Region::london, 1.0, recruit_wellbeing);
  Parameters p = test_parameters();
  p.placement.unplaced_withdrawal_weeks = 4;
  const RandomStreams streams(1, 0);
  const int start = static_cast<int>(p.placement.first_block_start_week);
  for (int w = start; w < start + 3; ++w) {
    run_placement_market(world, p, streams, week(w));
    REQUIRE(world.trainees.status[0] == TraineeStatus::unplaced);
  }
  run_placement_market(world, p, streams, week(start + 3));
  CHECK(world.trainees.status[0] == TraineeStatus::withdrawn);
  CHECK(world.trainees.status_week[0] == start + 3);
}

TEST_CASE("the wider search places an unplaced trainee and forms a partnership", "[placement]") {
  World world = world_with_provider();
  add_school(world, Phase::primary, 5, 0, 0);
  const SchoolId outside = add_school(world, Phase::primary, 5, 1, 0);
  // Make the second school a stranger to the provider.
  world.schools.partners[outside] = {};
  world.providers.partner_schools[0] = {0};
  world.trainees.add(0, Phase::primary, Region::london, 1.0, recruit_wellbeing);
  Parameters p = test_parameters();
  p.placement.wider_search_attempts = 50;  // two candidates: missing one in 50 tries is impossible in practice
  const auto result = run_placement_market(world, p, RandomStreams(1, 0), week(static_cast<int>(p.placement.first_block_start_week)));
  CHECK(result.on_placement == 1);
  CHECK(result.new_partnerships == 1);
  CHECK(world.trainees.school[0] == outside);
  CHECK(world.schools.partners[outside] == std::vector<ProviderId>{0});
}

TEST_CASE("the second block is in a different school and a finished block frees its mentor", "[placement]") {
  World world = world_with_provider();
  add_school(world, Phase::primary, 5, 1, 0);
  add_school(world, Phase::primary, 5, 1, 0);
  world.trainees.add(0, Phase::primary, Region::london, 1.0, recruit_wellbeing);
  const Parameters p = test_parameters();
  const RandomStreams streams(1, 0);
  run_placement_market(world, p, streams, week(static_cast<int>(p.placement.first_block_start_week)));
  const SchoolId first = world.trainees.school[0];
  const TeacherId first_mentor = world.trainees.mentor[0];
  world.trainees.block_weeks_done[0] = static_cast<std::int32_t>(p.placement.first_block_weeks);
  run_placement_market(world, p, streams, week(static_cast<int>(p.placement.second_block_start_week)));
  CHECK(world.trainees.block[0] == 1);
  CHECK(world.trainees.status[0] == TraineeStatus::on_placement);
  CHECK(world.trainees.school[0] != first);
  CHECK(world.teachers.mentees[first_mentor] == 0);
}

TEST_CASE("assessment gives QTS only for both blocks and enough competence", "[assessment]") {
  World world = world_with_provider();
  const Parameters p = test_parameters();
  for (int i = 0; i < 3; ++i) world.trainees.add(0, Phase::primary, Region::london, 1.0, recruit_wellbeing);
  world.trainees.block = {2, 2, 1};
  world.trainees.competence = {p.progress.qts_threshold, p.progress.qts_threshold - 0.01, 1.0};
  assess_trainees(world, p, week(static_cast<int>(p.progress.assessment_week)));
  CHECK(world.trainees.status[0] == TraineeStatus::qts);
  CHECK(world.trainees.status[1] == TraineeStatus::failed);
  CHECK(world.trainees.status[2] == TraineeStatus::failed);
}

TEST_CASE("withdrawal and leaving hazards move the way the mechanism says", "[progress][careers]") {
  const Parameters p = test_parameters();
  CHECK(withdrawal_hazard(p.progress, 0.7) == Approx(p.progress.withdrawal_hazard_per_week));
  CHECK(withdrawal_hazard(p.progress, 0.3) > withdrawal_hazard(p.progress, 0.7));
  CHECK(leaving_probability(p.career, 0, 0.7) > leaving_probability(p.career, 10, 0.7));
  CHECK(leaving_probability(p.career, 30, 0.7) == Approx(p.career.leaving_rate).epsilon(0.01));
  CHECK(leaving_probability(p.career, 10, 0.4) > leaving_probability(p.career, 10, 0.7));
  CHECK(leaving_probability(p.career, 0, 0.0) <= 1.0);
}

TEST_CASE("a week on placement adds competence and counts towards the block", "[progress]") {
  World world = world_with_provider();
  Parameters p = test_parameters();
  p.progress.progress_noise_sd = 0;
  p.progress.withdrawal_hazard_per_week = 0;
  world.trainees.add(0, Phase::primary, Region::london, 1.5, recruit_wellbeing);
  world.trainees.add(0, Phase::primary, Region::london, 1.0, recruit_wellbeing);
  world.trainees.status[0] = TraineeStatus::on_placement;
  update_trainee_progress(world, p, RandomStreams(1, 0), week(10));
  CHECK(world.trainees.competence[0] == Approx(1.5 * p.progress.placement_progress_per_week));
  CHECK(world.trainees.competence[1] == Approx(p.progress.taught_progress_per_week));
  CHECK(world.trainees.block_weeks_done[0] == 1);
  CHECK(world.trainees.block_weeks_done[1] == 0);
}

TEST_CASE("mentoring strains a teacher's wellbeing", "[careers]") {
  World world = world_with_provider();
  add_school(world, Phase::primary, 2, 2, 0);
  world.teachers.mentees[0] = 1;
  update_teacher_wellbeing(world, test_parameters());
  CHECK(world.teachers.wellbeing[0] < world.teachers.wellbeing[1]);
}

TEST_CASE("new QTS holders fill vacancies in their region and phase first", "[careers]") {
  World world = world_with_provider();
  Parameters p = test_parameters();
  p.career.leaving_rate = 0;
  p.career.early_career_leaving_excess = 0;
  p.career.other_entrant_fill_rate = 0;
  p.career.qts_job_seeking_rate = 1;
  add_school(world, Phase::primary, 3, 0, 0);
  world.teachers.filled[1] = 0;
  world.teachers.filled[2] = 0;
  world.trainees.add(0, Phase::primary, Region::london, 1.0, recruit_wellbeing);
  world.trainees.status[0] = TraineeStatus::qts;
  const YearEnd result = run_year_end(world, p, RandomStreams(1, 0), week(51));
  CHECK(result.new_teachers_employed == 1);
  CHECK(result.teachers_in_post == 2);
  CHECK(result.vacancies_unfilled == 1);
  CHECK(world.teachers.experience_years[1] == 0);  // the first vacancy went to the new teacher
  CHECK(world.teachers.experience_years[0] == 11);
}
