#pragma once
// Teachers' careers: weekly wellbeing under mentoring load, and the year-end transitions
// (leaving, retirement, experience, mentor training) followed by the job market, in which new
// QTS holders and then other entrants fill the posts that fell vacant. Only primary and
// secondary trainees are recruited, so special schools' vacancies go to other entrants.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

struct YearEnd {
  std::int64_t mentors_active = 0;
  std::int64_t leavers = 0;
  std::int64_t retirements = 0;
  std::int64_t new_teachers_employed = 0;
  std::int64_t other_entrants_employed = 0;
  std::int64_t vacancies_unfilled = 0;
  std::int64_t teachers_in_post = 0;
  std::int64_t mentors_trained = 0;
};

void update_teacher_wellbeing(World& world, const Parameters& parameters);

// Yearly leaving probability of a teacher, before retirement is considered.
double leaving_probability(const CareerParameters& career, std::int32_t experience_years, double wellbeing);

YearEnd run_year_end(World& world, const Parameters& parameters, const RandomStreams& streams, const Clock& clock);

}  // namespace ittsim
