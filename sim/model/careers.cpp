#include "sim/model/careers.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/mentoring.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/population.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ittsim {

void train_in_developmental_mentoring(Teachers& teachers, const Parameters& p, TeacherId mentor, RandomStream& rng) {
  const auto& culture = p.mentoring_culture;
  if (rng.uniform() < culture.developmental_share)
    teachers.mentoring_style[mentor] = std::max(teachers.mentoring_style[mentor], culture.developmental_style);
}

void adopt_developmental_mentoring(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  auto& teachers = world.teachers;
  for_each_agent(teachers.size(), [&](std::size_t id) {
    if (!teachers.filled[id] || !teachers.is_mentor[id]) return;
    auto rng = streams.stream(Purpose::mentoring_culture, id, static_cast<std::uint64_t>(clock.absolute_week));
    train_in_developmental_mentoring(teachers, p, static_cast<TeacherId>(id), rng);
  });
}

std::int64_t assign_induction_mentors(World& world, const Parameters& p) {
  auto& teachers = world.teachers;
  const auto& schools = world.schools;
  const auto& placement = p.placement;
  for_each_agent(schools.size(), [&](std::size_t school) {
    const TeacherId first = schools.first_post[school];
    const TeacherId end = schools.posts_end(static_cast<SchoolId>(school));
    // The school's mentors in post, in post order: the candidates for every early-career teacher.
    thread_local std::vector<TeacherId> mentors;
    mentors.clear();
    for (TeacherId post = first; post < end; ++post) {
      teachers.ect_mentees[post] = 0;
      if (teachers.filled[post] && teachers.is_mentor[post]) mentors.push_back(post);
    }
    for (TeacherId ect = first; ect < end; ++ect) {
      if (!teachers.filled[ect] || teachers.experience_years[ect] > 1) {
        teachers.induction_mentor[ect] = no_id;
        continue;
      }
      TeacherId best = no_id;
      double best_room = placement.ect_mentoring_load - 1e-9;
      for (const TeacherId mentor : mentors) {
        if (mentor == ect) continue;
        const double room = placement.mentor_capacity - mentoring_load(teachers, mentor, placement);
        if (room > best_room) {
          best = mentor;
          best_room = room;
        }
      }
      teachers.induction_mentor[ect] = best;
      const double style = best == no_id ? -1.0 : teachers.mentoring_style[best];
      if (best != no_id) teachers.ect_mentees[best] += 1;
      // The second year averages the mentoring of both years; a second year without a mentor
      // keeps the first year's support.
      const double earlier = teachers.induction_support[ect];
      if (teachers.experience_years[ect] == 0 || earlier < 0) {
        teachers.induction_support[ect] = style;
      } else if (style >= 0) {
        teachers.induction_support[ect] = (earlier + style) / 2.0;
      }
    }
  });
  return static_cast<std::int64_t>(deterministic_sum(teachers.size(), [&](std::size_t id) {
    return teachers.filled[id] && teachers.experience_years[id] <= 1 && teachers.induction_mentor[id] == no_id ? 1.0 : 0.0;
  }));
}

LeavingProbability::LeavingProbability(const CareerParameters& career) : career_(career) {
  by_experience_.resize(static_cast<std::size_t>(std::max<std::int64_t>(0, career.retirement_experience)) + 1);
  for (std::size_t years = 0; years < by_experience_.size(); ++years)
    by_experience_[years] = experience_factor(static_cast<std::int32_t>(years));
}

double LeavingProbability::experience_factor(std::int32_t experience_years) const {
  const double early_career =
      1.0 + career_.early_career_leaving_excess * std::exp(-static_cast<double>(experience_years) / career_.early_career_decay_years);
  const double late_career = experience_years >= career_.late_career_experience ? 1.0 + career_.late_career_leaving_excess : 1.0;
  return career_.leaving_rate * early_career * late_career;
}

double LeavingProbability::operator()(Phase phase, Subject subject, std::int32_t experience_years, double wellbeing,
                                      double mentoring_load, double cpd_culture, double induction_support) const {
  const auto& career = career_;
  double post = 1.0;
  if (phase == Phase::secondary) post = career.secondary_leaving_ratio * (subject == Subject::shortage ? career.shortage_leaving_ratio : 1.0);
  double log_effect = career.leaving_wellbeing_slope * (resting_wellbeing - wellbeing) +
                      career.leaving_load_slope * mentoring_load - career.cpd_culture_effect * (cpd_culture - 0.5);
  double unsupported = 1.0;
  if (experience_years <= 1) {
    if (induction_support < 0) {
      unsupported += career.unsupported_ect_excess;
    } else {
      log_effect -= career.induction_support_effect * (induction_support - 0.5);
    }
  }
  const bool tabled = experience_years >= 0 && static_cast<std::size_t>(experience_years) < by_experience_.size();
  const double by_experience =
      tabled ? by_experience_[static_cast<std::size_t>(experience_years)] : experience_factor(experience_years);
  return std::min(1.0, post * by_experience * unsupported * std::exp(log_effect));
}

Departures run_departures(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  Departures result;
  auto& teachers = world.teachers;
  const auto& schools = world.schools;
  const auto& career = p.career;
  const auto week = static_cast<std::uint64_t>(clock.absolute_week);
  result.mentors_active = static_cast<std::int64_t>(
      deterministic_sum(teachers.size(), [&](std::size_t id) { return teachers.mentored_this_year[id] * 1.0; }));

  // A training school trains enough of its experienced teachers who are not mentors to bring
  // its share of mentors back to population.training_school_mentor_share, so that leavers and
  // moves do not wear its capacity down to other schools' (the chance each such teacher trains).
  std::vector<double> training_school_top_up(schools.size(), 0.0);
  for_each_agent(schools.size(), [&](std::size_t school) {
    if (!schools.training_school[school]) return;
    std::int32_t experienced = 0;
    std::int32_t mentors = 0;
    for (TeacherId post = schools.first_post[school]; post < schools.posts_end(static_cast<SchoolId>(school)); ++post) {
      if (!teachers.filled[post] || teachers.experience_years[post] + 1 < mentor_experience_years) continue;
      experienced += 1;
      mentors += teachers.is_mentor[post];
    }
    const double short_of_share = p.population.training_school_mentor_share * experienced - mentors;
    if (short_of_share > 0) training_school_top_up[school] = std::min(1.0, short_of_share / (experienced - mentors));
  });
  const LeavingProbability leaving(career);
  for_each_agent(teachers.size(), [&](std::size_t id) {
    teachers.departure[id] = Departure::none;
    if (!teachers.filled[id]) return;
    // One stream serves the post's year end: the leaving draw, then the mentor-training draw
    // and, for a new mentor, the style.
    auto rng = streams.stream(Purpose::teacher_leaving, id, week);
    const double leaving_draw = rng.uniform();
    const double load = teachers.mentoring_load_this_year[id] / weeks_per_year;
    teachers.mentoring_load_this_year[id] = 0;
    if (teachers.experience_years[id] + 1 >= career.retirement_experience) {
      teachers.departure[id] = Departure::retired;
    } else if (leaving_draw < leaving(schools.phase[teachers.school[id]], teachers.subject[id], teachers.experience_years[id],
                                      teachers.wellbeing[id], load, schools.cpd_culture[teachers.school[id]],
                                      teachers.induction_support[id])) {
      teachers.departure[id] = Departure::left;
    }
    if (teachers.departure[id] != Departure::none) {
      teachers.vacate(static_cast<TeacherId>(id));
      return;
    }
    teachers.experience_years[id] += 1;
    if (teachers.is_mentor[id] && teachers.mentored_this_year[id]) teachers.mentoring_years[id] += 1;
    const double training_rate = std::max(career.mentor_training_rate, training_school_top_up[teachers.school[id]]);
    if (!teachers.is_mentor[id] && teachers.experience_years[id] >= mentor_experience_years &&
        rng.uniform() < training_rate) {
      teachers.is_mentor[id] = 1;
      teachers.mentor_training_hours[id] = p.mentoring.new_mentor_training_hours;
      teachers.mentoring_years[id] = 0;
      teachers.mentoring_style[id] = draw_mentoring_style(rng, p);
      if (world.policy.developmental_training) train_in_developmental_mentoring(teachers, p, static_cast<TeacherId>(id), rng);
    }
  });
  // An induction mentor who left frees their early-career teachers for reassignment next
  // September; the mentees keep the support they had.
  for_each_agent(teachers.size(), [&](std::size_t post) {
    const TeacherId mentor = teachers.induction_mentor[post];
    if (mentor != no_id && !teachers.filled[mentor]) teachers.induction_mentor[post] = no_id;
  });
  // Leavers by region and phase, and retirements, in one pass.
  struct Counted {
    RegionPhaseCounts leavers;
    std::int64_t retirements = 0;
    Counted& operator+=(const Counted& other) noexcept {
      leavers += other.leavers;
      retirements += other.retirements;
      return *this;
    }
  };
  const auto counted = parallel_tally<Counted>(teachers.size(), [&](std::size_t post, Counted& counts) {
    const SchoolId school = teachers.school[post];
    if (teachers.departure[post] == Departure::left) counts.leavers.add(schools.region[school], schools.phase[school]);
    counts.retirements += teachers.departure[post] == Departure::retired;
  });
  result.leavers = counted.leavers;
  result.retirements = counted.retirements;
  return result;
}

}  // namespace ittsim
