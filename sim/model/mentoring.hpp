#pragma once
// Mentoring: how effective a mentor is, and what mentoring load they carry. Shared by the
// placement market (capacity), trainee progress (effectiveness) and careers (load).

#include "sim/core/agents.hpp"
#include "sim/params/parameters.hpp"

#include <algorithm>
#include <cmath>

namespace ittsim {

// Mentoring load of a post: ITT trainees count 1 each, early-career teachers less.
inline double mentoring_load(const Teachers& teachers, TeacherId post, const PlacementParameters& placement) {
  return teachers.mentees[post] + placement.ect_mentoring_load * teachers.ect_mentees[post];
}

// Trainee places a mentor offers beside the early-career teachers they induct, taken or free.
inline std::int32_t mentor_trainee_places(const Teachers& teachers, TeacherId post, const PlacementParameters& placement) {
  if (!teachers.filled[post] || !teachers.is_mentor[post]) return 0;
  const double room = placement.mentor_capacity - placement.ect_mentoring_load * teachers.ect_mentees[post];
  return std::max(0, static_cast<std::int32_t>(std::floor(room + 1e-9)));
}

// Trainee places a mentor can still take this week.
inline std::int32_t free_mentor_places(const Teachers& teachers, TeacherId post, const PlacementParameters& placement) {
  return std::max(0, mentor_trainee_places(teachers, post, placement) - teachers.mentees[post]);
}

// The share of the gain from training a mentor has reached (0 ... 1).
inline double mentor_training_gain(const MentoringParameters& m, double training_hours) {
  return 1.0 - std::exp(-training_hours / m.training_hours_scale);
}

// What training and experience make of a mentor, each adding a gain with diminishing returns:
// the mentor's effectiveness before their load dilutes it. Fixed for a placement, since hours
// and years change only in September and at the year end.
inline double mentor_skill(const MentoringParameters& m, double training_hours, std::int32_t mentoring_years) {
  const double trained = m.training_gain * mentor_training_gain(m, training_hours);
  const double experienced = m.experience_gain * (1.0 - std::exp(-mentoring_years / 3.0));
  return m.base_effectiveness + trained + experienced;
}

// Effectiveness as a progress multiplier: a load above one trainee dilutes the mentor's
// time, less so with protected time (relief 0 ... 1).
inline double effectiveness_under_load(const MentoringParameters& m, double skill, double load, double relief = 0.0) {
  return skill / (1.0 + m.load_penalty * (1.0 - relief) * std::max(0.0, load - 1.0));
}

inline double mentor_effectiveness(const MentoringParameters& m, double training_hours, std::int32_t mentoring_years,
                                   double load, double relief = 0.0) {
  return effectiveness_under_load(m, mentor_skill(m, training_hours, mentoring_years), load, relief);
}

}  // namespace ittsim
