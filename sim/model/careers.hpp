#pragma once
// Teachers' careers: induction mentoring of early-career teachers from the same mentor pool
// that ITT uses and the year-end transitions: leaving, retirement, experience and mentor
// training. Their weekly wellbeing is in sim/model/teacher_wellbeing.hpp.

#include "sim/core/random_stream.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <vector>

namespace ittsim {

// Week 0: every early-career teacher (experience 0 or 1) gets an induction mentor from the
// mentors of their own school, the one with most spare load; none if no mentor has room.
// Returns the number of early-career teachers left without one.
std::int64_t assign_induction_mentors(World& world, const Parameters& parameters);

// Mentoring culture: a mentor trained in developmental mentoring (with the lever's share)
// takes its style; all mentors in post when the lever starts, and each new mentor after.
void train_in_developmental_mentoring(Teachers& teachers, const Parameters& parameters, TeacherId mentor, RandomStream& rng);
void adopt_developmental_mentoring(World& world, const Parameters& parameters, const RandomStreams& streams,
                                   const Clock& clock);

// Yearly leaving probability of a teacher, before retirement is considered: by the phase of
// their school and their subject group as well as experience. induction_support is the style
// of the induction mentoring an early-career teacher had, or -1 for none.
class LeavingProbability {
 public:
  explicit LeavingProbability(const CareerParameters& career);
  double operator()(Phase phase, Subject subject, std::int32_t experience_years, double wellbeing, double mentoring_load,
                    double cpd_culture, double induction_support) const;

 private:
  // The factors that depend on experience alone (the base rate and the early- and
  // late-career excesses), for a career's every year, worked out once for all teachers.
  double experience_factor(std::int32_t experience_years) const;

  const CareerParameters& career_;
  std::vector<double> by_experience_;
};

struct Departures {
  std::int64_t mentors_active = 0;
  RegionPhaseCounts leavers;
  std::int64_t retirements = 0;
};

// Year end: each teacher leaves, retires or stays; stayers gain a year of experience and
// may train as mentors.
Departures run_departures(World& world, const Parameters& parameters, const RandomStreams& streams, const Clock& clock);

}  // namespace ittsim
