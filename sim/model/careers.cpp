#include "sim/model/careers.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/population.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ittsim {

void update_teacher_wellbeing(World& world, const Parameters& p) {
  auto& teachers = world.teachers;
  const auto& career = p.career;
  for_each_agent(teachers.size(), [&](std::size_t id) {
    if (!teachers.filled[id]) return;
    const double wellbeing = teachers.wellbeing[id];
    const double next = wellbeing + career.teacher_wellbeing_recovery * (resting_wellbeing - wellbeing) -
                        career.mentoring_wellbeing_strain * teachers.mentees[id];
    teachers.wellbeing[id] = std::clamp(next, 0.0, 1.0);
  });
}

double leaving_probability(const CareerParameters& career, std::int32_t experience_years, double wellbeing) {
  const double early_career = 1.0 + career.early_career_leaving_excess *
                                        std::exp(-static_cast<double>(experience_years) / career.early_career_decay_years);
  const double wellbeing_effect = std::exp(career.leaving_wellbeing_slope * (resting_wellbeing - wellbeing));
  return std::min(1.0, career.leaving_rate * early_career * wellbeing_effect);
}

namespace {

// Posts vacant after departures, grouped by region and phase, each list in post id order.
using VacancyLists = std::array<std::array<std::vector<TeacherId>, 3>, region_count>;

void fill_with_new_teacher(Teachers& teachers, TeacherId post) {
  teachers.filled[post] = 1;
  teachers.experience_years[post] = 0;
  teachers.wellbeing[post] = resting_wellbeing;
  teachers.is_mentor[post] = 0;
  teachers.mentees[post] = 0;
}

// New QTS holders, in a random order, take a vacancy of their phase in their region if one is
// left, otherwise in the region with most such vacancies left (lowest region index on ties).
std::int64_t employ_qts_holders(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock,
                                VacancyLists& vacancies) {
  const auto& trainees = world.trainees;
  std::vector<std::pair<std::uint64_t, TraineeId>> seekers;
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    if (trainees.status[id] != TraineeStatus::qts) continue;
    auto rng = streams.stream(Purpose::job_market_order, id, static_cast<std::uint64_t>(clock.absolute_week));
    const std::uint64_t priority = rng();
    if (rng.uniform() < p.career.qts_job_seeking_rate) seekers.emplace_back(priority, id);
  }
  std::sort(seekers.begin(), seekers.end());
  std::array<std::array<std::size_t, 3>, region_count> next{};
  std::int64_t employed = 0;
  for (const auto& [priority, id] : seekers) {
    const auto phase = static_cast<std::size_t>(trainees.phase[id]);
    auto region = static_cast<std::size_t>(trainees.region[id]);
    auto left = [&](std::size_t r) { return vacancies[r][phase].size() - next[r][phase]; };
    if (left(region) == 0) {
      for (std::size_t r = 0; r < region_count; ++r) {
        if (left(r) > left(region)) region = r;
      }
      if (left(region) == 0) continue;
    }
    fill_with_new_teacher(world.teachers, vacancies[region][phase][next[region][phase]++]);
    employed += 1;
  }
  return employed;
}

}  // namespace

YearEnd run_year_end(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  YearEnd result;
  auto& teachers = world.teachers;
  const auto& career = p.career;
  const auto week = static_cast<std::uint64_t>(clock.absolute_week);
  result.mentors_active =
      static_cast<std::int64_t>(deterministic_sum(teachers.size(), [&](std::size_t id) { return teachers.mentored_this_year[id] * 1.0; }));

  for_each_agent(teachers.size(), [&](std::size_t id) {
    teachers.departure[id] = Departure::none;
    if (!teachers.filled[id]) return;
    auto rng = streams.stream(Purpose::teacher_leaving, id, week);
    const double draw = rng.uniform();
    if (teachers.experience_years[id] + 1 >= career.retirement_experience) {
      teachers.departure[id] = Departure::retired;
    } else if (draw < leaving_probability(career, teachers.experience_years[id], teachers.wellbeing[id])) {
      teachers.departure[id] = Departure::left;
    }
    if (teachers.departure[id] != Departure::none) {
      teachers.filled[id] = 0;
      teachers.is_mentor[id] = 0;
      teachers.mentees[id] = 0;
      return;
    }
    teachers.experience_years[id] += 1;
    auto training_rng = streams.stream(Purpose::mentor_training, id, week);
    if (!teachers.is_mentor[id] && teachers.experience_years[id] >= mentor_experience_years &&
        training_rng.uniform() < career.mentor_training_rate) {
      teachers.is_mentor[id] = 1;
    }
  });
  result.leavers = static_cast<std::int64_t>(
      deterministic_sum(teachers.size(), [&](std::size_t id) { return teachers.departure[id] == Departure::left ? 1.0 : 0.0; }));
  result.retirements = static_cast<std::int64_t>(deterministic_sum(
      teachers.size(), [&](std::size_t id) { return teachers.departure[id] == Departure::retired ? 1.0 : 0.0; }));

  VacancyLists vacancies;
  for (TeacherId post = 0; post < teachers.size(); ++post) {
    if (teachers.filled[post]) continue;
    const SchoolId school = teachers.school[post];
    vacancies[static_cast<std::size_t>(world.schools.region[school])][static_cast<std::size_t>(world.schools.phase[school])]
        .push_back(post);
  }
  result.new_teachers_employed = employ_qts_holders(world, p, streams, clock, vacancies);

  std::vector<std::uint8_t> filled_by_other(teachers.size(), 0);
  for_each_agent(teachers.size(), [&](std::size_t id) {
    if (teachers.filled[id]) return;
    auto rng = streams.stream(Purpose::vacancy_filling, id, week);
    if (rng.uniform() >= career.other_entrant_fill_rate) return;
    const std::int32_t experience = draw_experience(rng, p);
    teachers.filled[id] = 1;
    teachers.experience_years[id] = experience;
    teachers.wellbeing[id] = resting_wellbeing;
    teachers.is_mentor[id] = 0;
    teachers.mentees[id] = 0;
    filled_by_other[id] = 1;
  });
  result.other_entrants_employed =
      static_cast<std::int64_t>(deterministic_sum(teachers.size(), [&](std::size_t id) { return filled_by_other[id] * 1.0; }));
  result.teachers_in_post =
      static_cast<std::int64_t>(deterministic_sum(teachers.size(), [&](std::size_t id) { return teachers.filled[id] * 1.0; }));
  result.vacancies_unfilled = static_cast<std::int64_t>(teachers.size()) - result.teachers_in_post;
  result.mentors_trained = static_cast<std::int64_t>(deterministic_sum(
      teachers.size(), [&](std::size_t id) { return teachers.filled[id] && teachers.is_mentor[id] ? 1.0 : 0.0; }));
  return result;
}

}  // namespace ittsim
