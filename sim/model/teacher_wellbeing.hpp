#pragma once
// Teachers' weekly wellbeing under mentoring load, advanced in closed form. Each week a filled
// post's wellbeing W moves as docs/ODD.md states,
//     W' = clamp(W + r (R - W) - c L, 0, 1),   c = career.mentoring_wellbeing_strain (1 - relief),
// with R <= 1 its resting wellbeing (fixed for the year; so W never reaches 1 from below
// except where it already is) and L its mentoring load, which changes only
// when the market gives or takes a trainee (ECT loads are fixed in September), and is zero for
// most posts. While L is fixed, n weeks of it are, exactly (r > 0),
//     W_n = max(0, R' + (1 - r)^n (W - R')),   R' = R - c L / r,
// and W_n = max(0, W - n c L) when r = 0. So a post's wellbeing is brought up to date only when
// its load changes and at the year end, and the weekly sum over posts is kept per region: the
// posts whose path cannot reach 0 (R' >= 0) as resting_sum + gap_sum, gap_sum shrinking by
// (1 - r) each week; the few that can (none under the default parameters) are summed one by one.

#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <cstdint>

namespace ittsim {

// September, once the year's mentors and ECT loads are set and world.mentor_posts is built:
// every post's wellbeing starts from its value now. Throws std::logic_error if the year
// before was not settled, or a resting wellbeing exceeds 1 (the closed form would clamp at 1).
void start_teacher_wellbeing_year(World& world, const Parameters& parameters);

// The market's only way to change a mentor's trainees (delta +1 or -1): brings the post's
// wellbeing up to this week, then changes its load. Touches only the post and its region's sums.
void change_mentees(World& world, const Parameters& parameters, TeacherId post, std::int32_t delta);

// Weekly, after the market: one more week of wellbeing for every filled post.
void update_teacher_wellbeing(World& world, const Parameters& parameters);

// Brings every post's wellbeing and its year's mentoring load up to date; at the year end,
// before anything reads them.
void settle_teacher_wellbeing(World& world, const Parameters& parameters);

// What the weekly indicators need of teachers, as of this week.
struct TeacherWeek {
  std::int64_t filled_posts = 0;
  std::int64_t posts_with_mentees = 0;
  std::int64_t loaded_mentors = 0;  // mentors with any load, ITT or ECT
  double load_sum = 0;              // their loads summed
  double wellbeing_sum = 0;         // over filled posts
};
TeacherWeek teacher_week(const World& world, const Parameters& parameters);

}  // namespace ittsim
