#include "sim/model/employment.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/geography.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/population.hpp"

#include <algorithm>
#include <cmath>
#include <array>
#include <utility>
#include <vector>

namespace ittsim {

bool prefers_partnership_schools(Route route) noexcept {
  return route == Route::school_direct_fee || route == Route::school_direct_salaried || route == Route::teach_first;
}

void adjust_posts_to_pupils(World& world, const Parameters& p) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  for_each_agent(schools.size(), [&](std::size_t school) {
    const Phase phase = schools.phase[school];
    const double trend = phase == Phase::primary     ? p.employment.primary_pupil_trend
                         : phase == Phase::secondary ? p.employment.secondary_pupil_trend
                                                     : 0.0;
    schools.pupils[school] = static_cast<std::int32_t>(std::max(10.0, std::round(schools.pupils[school] * (1.0 + trend))));
    const std::int32_t needed =
        std::min(posts_needed(schools.pupils[school], pupils_per_teacher(p.population, phase)), schools.post_count[school]);
    const TeacherId first = schools.first_post[school];
    const TeacherId end = schools.posts_end(static_cast<SchoolId>(school));
    std::int32_t established = 0;
    for (TeacherId post = first; post < end; ++post) established += teachers.established[post];
    for (TeacherId post = first; post < end && established < needed; ++post) {
      if (!teachers.established[post]) {
        teachers.established[post] = 1;
        ++established;
      }
    }
    // Falling rolls drop vacant posts first; a teacher in a post no longer needed stays
    // until they leave, and the post is not refilled.
    for (int pass = 0; pass < 2; ++pass) {
      for (TeacherId post = end; post-- > first && established > needed;) {
        if (teachers.established[post] && (pass == 1 || !teachers.filled[post])) {
          teachers.established[post] = 0;
          --established;
        }
      }
    }
  });
}

namespace {

// A vacant post has no roles left (Teachers::vacate); the hire brings only their own attributes.
void hire_new_teacher(Teachers& teachers, TeacherId post, const Clock& clock, double skill) {
  teachers.filled[post] = 1;
  teachers.experience_years[post] = 0;
  teachers.entry_year[post] = static_cast<std::int32_t>(clock.academic_year + 1);
  teachers.wellbeing[post] = resting_wellbeing;
  teachers.skill[post] = skill;
  teachers.induction_support[post] = -1;
}

bool is_vacancy(const Teachers& teachers, TeacherId post) { return teachers.established[post] && !teachers.filled[post]; }

// Vacancies by region, phase and subject, each list in post id order, with how many are
// still open, in all and in each school; posts taken through a partnership are skipped when
// their turn comes.
class VacancyBoard {
 public:
  explicit VacancyBoard(const World& world) : open_in_school_(world.schools.size() * subject_count, 0) {
    const auto& teachers = world.teachers;
    for (TeacherId post = 0; post < teachers.size(); ++post) {
      if (!is_vacancy(teachers, post)) continue;
      const SchoolId school = teachers.school[post];
      const auto key = index(world.schools.region[school], world.schools.phase[school], teachers.subject[post]);
      lists_[key].push_back(post);
      open_[key] += 1;
      open_in_school_[in_school(school, teachers.subject[post])] += 1;
    }
  }

  TeacherId take(const World& world, Region region, Phase phase, Subject subject) {
    const auto& teachers = world.teachers;
    const auto key = index(region, phase, subject);
    auto& list = lists_[key];
    while (next_[key] < list.size()) {
      const TeacherId post = list[next_[key]++];
      if (is_vacancy(teachers, post)) {
        open_[key] -= 1;
        open_in_school_[in_school(teachers.school[post], subject)] -= 1;
        return post;
      }
    }
    return no_id;
  }

  void taken_elsewhere(const World& world, TeacherId post) {
    const SchoolId school = world.teachers.school[post];
    const Subject subject = world.teachers.subject[post];
    open_[index(world.schools.region[school], world.schools.phase[school], subject)] -= 1;
    open_in_school_[in_school(school, subject)] -= 1;
  }

  std::int64_t open(Region region, Phase phase, Subject subject) const { return open_[index(region, phase, subject)]; }
  bool open_in(SchoolId school, Subject subject) const { return open_in_school_[in_school(school, subject)] > 0; }

 private:
  static std::size_t index(Region region, Phase phase, Subject subject) {
    return (static_cast<std::size_t>(region) * 3 + static_cast<std::size_t>(phase)) * subject_count +
           static_cast<std::size_t>(subject);
  }
  static constexpr std::size_t cells = region_count * 3 * subject_count;
  std::array<std::vector<TeacherId>, cells> lists_{};
  std::array<std::size_t, cells> next_{};
  std::array<std::int64_t, cells> open_{};
  static std::size_t in_school(SchoolId school, Subject subject) {
    return static_cast<std::size_t>(school) * subject_count + static_cast<std::size_t>(subject);
  }
  std::vector<std::int32_t> open_in_school_;
};

TeacherId vacancy_in_school(const World& world, const VacancyBoard& board, SchoolId school, Subject subject, Phase phase) {
  if (school == no_id || world.schools.phase[school] != phase || !board.open_in(school, subject)) return no_id;
  const auto& teachers = world.teachers;
  const TeacherId end = world.schools.posts_end(school);
  for (TeacherId post = world.schools.first_post[school]; post < end; ++post) {
    if (is_vacancy(teachers, post) && teachers.subject[post] == subject) return post;
  }
  return no_id;
}

// An employment-based or school-led trainee's own schools: employer, last placement school,
// then the provider's partner schools in the trainee's region.
TeacherId partnership_vacancy(const World& world, const VacancyBoard& board, TraineeId id) {
  const auto& trainees = world.trainees;
  const Phase phase = trainees.phase[id];
  const Subject subject = trainees.subject[id];
  for (const SchoolId school : {trainees.employer[id], trainees.last_school[id]}) {
    if (const TeacherId post = vacancy_in_school(world, board, school, subject, phase); post != no_id) return post;
  }
  for (const auto& partner : world.local_partners[trainees.provider[id]][World::local_list(trainees.region[id], phase)]) {
    if (const TeacherId post = vacancy_in_school(world, board, partner.school, subject, phase); post != no_id) return post;
  }
  return no_id;
}

// The nearest school of the trainee's region, phase and subject with an open vacancy within
// employment.job_search_km of its home (the lower id among equals), and its first vacancy.
TeacherId nearby_vacancy(const World& world, const Parameters& p, const VacancyBoard& board, TraineeId id) {
  const auto& trainees = world.trainees;
  const auto& schools = world.schools;
  const Subject subject = trainees.subject[id];
  const double easting = trainees.home_easting_km[id];
  const double northing = trainees.home_northing_km[id];
  const double radius = scaled_km(p.population, p.employment.job_search_km);
  const SchoolId nearest = world.school_grid.nearest(schools, trainees.region[id], trainees.phase[id], easting, northing, radius,
                                                     [&](SchoolId school) { return board.open_in(school, subject); });
  return vacancy_in_school(world, board, nearest, subject, trainees.phase[id]);
}

}  // namespace

JobMarket run_job_market(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  JobMarket result;
  auto& teachers = world.teachers;
  const auto& trainees = world.trainees;
  const auto& schools = world.schools;
  const auto week = static_cast<std::uint64_t>(clock.absolute_week);
  // The year end has changed partnerships since September.
  list_local_partners(world);
  build_school_grid(world, p);
  std::vector<std::pair<std::uint64_t, TraineeId>> seekers;
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    if (trainees.status[id] != TraineeStatus::qts) continue;
    auto rng = streams.stream(Purpose::job_market_order, id, week);
    const std::uint64_t priority = rng();
    if (rng.uniform() < p.employment.qts_job_seeking_rate) seekers.emplace_back(priority, id);
  }
  std::sort(seekers.begin(), seekers.end());

  VacancyBoard board(world);
  for (const auto& [priority, id] : seekers) {
    const Phase phase = trainees.phase[id];
    const Subject subject = trainees.subject[id];
    TeacherId post = no_id;
    if (prefers_partnership_schools(trainees.route[id])) {
      post = partnership_vacancy(world, board, id);
      if (post != no_id) board.taken_elsewhere(world, post);
    }
    if (post == no_id) {
      post = nearby_vacancy(world, p, board, id);
      if (post != no_id) board.taken_elsewhere(world, post);
    }
    if (post == no_id) {
      // No post within reach of home: a mobile trainee moves, within its region if it can.
      auto rng = streams.stream(Purpose::job_choice, id, week);
      if (rng.uniform() < p.employment.mobility) {
        post = board.take(world, trainees.region[id], phase, subject);
        Region best = trainees.region[id];
        for (std::size_t r = 0; r < region_count && post == no_id; ++r) {
          if (board.open(static_cast<Region>(r), phase, subject) > board.open(best, phase, subject)) best = static_cast<Region>(r);
        }
        if (post == no_id) post = board.take(world, best, phase, subject);
      }
    }
    if (post == no_id) {
      result.qts_unemployed += 1;
      continue;
    }
    hire_new_teacher(teachers, post, clock, p.cpd.new_teacher_skill);
    result.new_teachers.add(schools.region[teachers.school[post]], schools.phase[teachers.school[post]]);
    result.new_teachers_by_authority[static_cast<std::size_t>(schools.local_authority[teachers.school[post]])] += 1;
  }

  const auto left_for_others = static_cast<std::int64_t>(
      deterministic_sum(teachers.size(), [&](std::size_t id) { return is_vacancy(teachers, static_cast<TeacherId>(id)) ? 1.0 : 0.0; }));
  for_each_agent(teachers.size(), [&](std::size_t id) {
    if (!is_vacancy(teachers, static_cast<TeacherId>(id))) return;
    auto rng = streams.stream(Purpose::vacancy_filling, id, week);
    if (rng.uniform() >= p.employment.other_entrant_fill_rate) return;
    // Returners and entrants from other routes are past induction.
    const std::int32_t experience = std::max(2, draw_experience(rng, p));
    const double collaborative = world.schools.collaborative_cpd[teachers.school[id]];
    hire_new_teacher(teachers, static_cast<TeacherId>(id), clock, skill_for_experience(p.cpd, experience, collaborative));
    teachers.experience_years[id] = experience;
    teachers.entry_year[id] = -1;
  });
  // Each school's vacancies and teachers, then both by region and phase.
  auto& vacancies_by_school = world.schools.vacancies_last_year;
  std::vector<std::int32_t> in_post(schools.size(), 0);
  for_each_agent(schools.size(), [&](std::size_t school) {
    std::int32_t vacancies = 0;
    std::int32_t filled = 0;
    for (TeacherId post = schools.first_post[school]; post < schools.posts_end(static_cast<SchoolId>(school)); ++post) {
      vacancies += is_vacancy(teachers, post);
      filled += teachers.filled[post];
    }
    vacancies_by_school[school] = vacancies;
    in_post[school] = filled;
  });
  const auto by_region_phase = [&](const std::vector<std::int32_t>& per_school) {
    return parallel_tally<RegionPhaseCounts>(schools.size(), [&](std::size_t school, RegionPhaseCounts& counts) {
      counts.add(schools.region[school], schools.phase[school], per_school[school]);
    });
  };
  result.vacancies_unfilled = by_region_phase(vacancies_by_school);
  for (SchoolId school = 0; school < schools.size(); ++school)
    result.vacancies_unfilled_by_authority[static_cast<std::size_t>(schools.local_authority[school])] += vacancies_by_school[school];
  result.teachers_in_post = by_region_phase(in_post);
  result.other_entrants = left_for_others - result.vacancies_unfilled.total();
  return result;
}

}  // namespace ittsim
