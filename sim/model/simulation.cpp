#include "sim/model/simulation.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/assessment.hpp"
#include "sim/model/careers.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/population.hpp"
#include "sim/model/progress.hpp"
#include "sim/model/recruitment.hpp"

namespace ittsim {

Simulation::Simulation(const Parameters& parameters, std::uint64_t replicate)
    : parameters_(parameters),
      streams_(static_cast<std::uint64_t>(parameters.run.seed), replicate),
      world_(synthesise_population(parameters_, streams_)) {
  clock_.academic_year = parameters_.run.start_year;
  weeks_.reserve(weeks_per_year);
}

void Simulation::step() {
  const auto& p = parameters_;
  const int week = clock_.week_of_year;

  // 1. Calendar events.
  if (week == 0) start_academic_year();
  const PlacementWeek placement = run_placement_market(world_, p, streams_, clock_);
  year_.placement_weeks_offered += placement.places_offered;
  year_.placement_weeks_filled += placement.on_placement;
  year_.placement_weeks_demanded += placement.on_placement + placement.unplaced;
  year_.trainees_unplaced += placement.first_time_unplaced;
  year_.new_partnerships += placement.new_partnerships;
  if (week == p.progress.assessment_week) assess_trainees(world_, p, clock_);

  // 2. Weekly agent updates, each parallel over its own agents.
  update_trainee_progress(world_, p, streams_, clock_);
  update_teacher_wellbeing(world_, p);

  // 3. Collection, then the year end on the last week.
  collect_week(placement);
  if (week == weeks_per_year - 1) close_academic_year();

  ++clock_.absolute_week;
  clock_.week_of_year = clock_.absolute_week % weeks_per_year;
  if (clock_.week_of_year == 0) ++clock_.academic_year;
}

void Simulation::start_academic_year() {
  year_ = YearlyIndicators{};
  year_.academic_year = clock_.academic_year;
  world_.academic_year = clock_.academic_year;
  weeks_.clear();
  year_.trainees_recruited = recruit_cohort(world_, parameters_, streams_, clock_);
  decide_hosting(world_, parameters_, streams_, clock_);
}

void Simulation::collect_week(const PlacementWeek& placement) {
  const auto& trainees = world_.trainees;
  const auto& teachers = world_.teachers;
  const std::size_t trainee_count = trainees.size();
  const auto count_trainees = [&](auto&& predicate) {
    return static_cast<std::int64_t>(
        deterministic_sum(trainee_count, [&](std::size_t id) { return predicate(id) ? 1.0 : 0.0; }));
  };
  WeeklyIndicators row;
  row.week = clock_.absolute_week;
  row.trainees_active = count_trainees([&](std::size_t id) { return is_active(trainees.status[id]); });
  // As the market left them: a trainee who withdraws later in the week still had that week's place.
  row.trainees_on_placement = placement.on_placement;
  row.trainees_unplaced = placement.unplaced;
  row.placement_places_offered = placement.places_offered;
  row.mentors_with_mentees = static_cast<std::int64_t>(
      deterministic_sum(teachers.size(), [&](std::size_t id) { return teachers.mentees[id] > 0 ? 1.0 : 0.0; }));
  if (row.trainees_active > 0) {
    const auto active = static_cast<double>(row.trainees_active);
    row.trainee_competence_mean = deterministic_sum(trainee_count, [&](std::size_t id) {
                                    return is_active(trainees.status[id]) ? trainees.competence[id] : 0.0;
                                  }) / active;
    row.trainee_wellbeing_mean = deterministic_sum(trainee_count, [&](std::size_t id) {
                                   return is_active(trainees.status[id]) ? trainees.wellbeing[id] : 0.0;
                                 }) / active;
  }
  const double in_post = deterministic_sum(teachers.size(), [&](std::size_t id) { return teachers.filled[id] * 1.0; });
  if (in_post > 0) {
    row.teacher_wellbeing_mean =
        deterministic_sum(teachers.size(), [&](std::size_t id) { return teachers.filled[id] ? teachers.wellbeing[id] : 0.0; }) /
        in_post;
  }
  if (clock_.week_of_year == census_week) year_.trainees_in_training = row.trainees_active;
  // Withdrawals from the market (too long unplaced) and from the weekly hazard alike.
  year_.withdrawals += count_trainees([&](std::size_t id) {
    return trainees.status[id] == TraineeStatus::withdrawn && trainees.status_week[id] == clock_.absolute_week;
  });
  weeks_.push_back(row);
}

void Simulation::close_academic_year() {
  const auto& trainees = world_.trainees;
  const auto count_status = [&](TraineeStatus status) {
    return static_cast<std::int64_t>(
        deterministic_sum(trainees.size(), [&](std::size_t id) { return trainees.status[id] == status ? 1.0 : 0.0; }));
  };
  year_.qts_awarded = count_status(TraineeStatus::qts);
  year_.trainees_failed = count_status(TraineeStatus::failed);
  year_.schools_hosting = static_cast<std::int64_t>(deterministic_sum(
      world_.schools.size(), [&](std::size_t id) { return world_.schools.hosted_this_year[id] * 1.0; }));
  const YearEnd year_end = run_year_end(world_, parameters_, streams_, clock_);
  year_.mentors_active = year_end.mentors_active;
  year_.mentors_trained = year_end.mentors_trained;
  year_.teacher_leavers = year_end.leavers;
  year_.teacher_retirements = year_end.retirements;
  year_.new_teachers_employed = year_end.new_teachers_employed;
  year_.other_entrants_employed = year_end.other_entrants_employed;
  year_.vacancies_unfilled = year_end.vacancies_unfilled;
  year_.teachers_in_post = year_end.teachers_in_post;
  last_year_ = year_;
  last_year_weeks_ = weeks_;
}

}  // namespace ittsim
