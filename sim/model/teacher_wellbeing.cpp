#include "sim/model/teacher_wellbeing.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/mentoring.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/policy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace ittsim {
namespace {

// The weekly equation's constants for one post, fixed while its load is.
struct PostPath {
  double resting;           // R
  double strain;            // c L
  double recovery;          // r
  double settles_at() const noexcept { return resting - strain / recovery; }  // R', when r > 0
  // True when the path can reach 0, so that it is summed one by one.
  bool clamped() const noexcept { return strain > 0 && (recovery <= 0 || settles_at() < 0); }
  // Wellbeing after `weeks` weeks from `wellbeing`; kept[n] is (1 - r)^n.
  double advance(double wellbeing, int weeks, const std::vector<double>& kept) const {
    if (weeks == 0) return wellbeing;
    if (recovery <= 0) return std::max(0.0, wellbeing - weeks * strain);
    const double target = settles_at();
    return std::max(0.0, target + kept[static_cast<std::size_t>(weeks)] * (wellbeing - target));
  }
  // What the post adds to its region's resting_sum and gap_sum (not clamped): R' and W - R';
  // with r = 0 and no load, W stays put: W and 0.
  double resting_term(double wellbeing) const noexcept { return recovery > 0 ? settles_at() : wellbeing; }
};

PostPath path_of(const World& world, const Parameters& p, TeacherId post) {
  const auto& teachers = world.teachers;
  const double relief = protected_time_relief(world.policy);
  return {resting_wellbeing_with_cpd(p.cpd, world.schools.collaborative_cpd[teachers.school[post]]),
          p.career.mentoring_wellbeing_strain * (1.0 - relief) * mentoring_load(teachers, post, p.placement),
          p.career.teacher_wellbeing_recovery};
}

RegionTeacherLoad& region_of(World& world, TeacherId post) {
  return world.teacher_wellbeing.regions[static_cast<std::size_t>(world.schools.region[world.teachers.school[post]])];
}

// A post's part in its region's sums, added (sign +1) or taken away (-1), at its wellbeing now.
void count_post(RegionTeacherLoad& region, const PostPath& path, double wellbeing, int sign) {
  if (path.clamped()) {
    region.clamped_posts += sign;
    return;
  }
  const double resting = path.resting_term(wellbeing);
  region.resting_sum += sign * resting;
  region.gap_sum += sign * (wellbeing - resting);
}

bool loaded(const Teachers& teachers, TeacherId post, const Parameters& p) {
  return mentoring_load(teachers, post, p.placement) > 0;
}

// Brings one post up to the state's week: its wellbeing and its year's mentoring load.
void settle_post(World& world, const Parameters& p, TeacherId post, const PostPath& path) {
  auto& teachers = world.teachers;
  auto& state = world.teacher_wellbeing;
  const int weeks = state.week - state.settled_week[post];
  teachers.wellbeing[post] = path.advance(teachers.wellbeing[post], weeks, state.kept);
  teachers.mentoring_load_this_year[post] += weeks * mentoring_load(teachers, post, p.placement);
  state.settled_week[post] = state.week;
}

}  // namespace

void start_teacher_wellbeing_year(World& world, const Parameters& p) {
  auto& state = world.teacher_wellbeing;
  if (!state.settled) throw std::logic_error("start_teacher_wellbeing_year: the year before was not settled");
  if (!world.mentor_posts.covers(world.schools)) throw std::logic_error("start_teacher_wellbeing_year: mentor index not built");
  const auto& teachers = world.teachers;
  state.week = 0;
  state.settled = false;
  state.kept.resize(weeks_per_year + 1);
  for (std::size_t weeks = 0; weeks < state.kept.size(); ++weeks)
    state.kept[weeks] = std::pow(1.0 - p.career.teacher_wellbeing_recovery, static_cast<double>(weeks));
  state.settled_week.assign(teachers.size(), 0);
  state.regions = {};
  // Each school's posts in post order, then the schools in id order within each region, so
  // that the sums are the same for any thread count.
  const auto& schools = world.schools;
  std::vector<RegionTeacherLoad> of_school(schools.size());
  std::vector<std::uint8_t> unfit(schools.size(), 0);
  for_each_agent(schools.size(), [&](std::size_t school) {
    auto& sums = of_school[school];
    for (TeacherId post = schools.first_post[school]; post < schools.posts_end(static_cast<SchoolId>(school)); ++post) {
      if (!teachers.filled[post]) continue;
      const PostPath path = path_of(world, p, post);
      // A resting value above 1, where the closed form would clamp at 1 (the parameters'
      // ranges keep 0.7 + cpd.collaborative_wellbeing_gain <= 1).
      unfit[school] |= path.resting > 1.0;
      sums.filled_posts += 1;
      sums.mentees += teachers.mentees[post];
      sums.posts_with_mentees += teachers.mentees[post] > 0;
      sums.ect_mentees += teachers.ect_mentees[post];
      sums.loaded_mentors += loaded(teachers, post, p);
      count_post(sums, path, teachers.wellbeing[post], 1);
    }
  });
  for (SchoolId school = 0; school < schools.size(); ++school) {
    if (unfit[school]) throw std::logic_error("start_teacher_wellbeing_year: a resting wellbeing exceeds 1");
    state.regions[static_cast<std::size_t>(schools.region[school])] += of_school[school];
  }
}

void change_mentees(World& world, const Parameters& p, TeacherId post, std::int32_t delta) {
  if (world.teacher_wellbeing.settled) throw std::logic_error("change_mentees: the year was not started");
  auto& teachers = world.teachers;
  auto& region = region_of(world, post);
  const PostPath before = path_of(world, p, post);
  settle_post(world, p, post, before);
  count_post(region, before, teachers.wellbeing[post], -1);
  const bool had_mentees = teachers.mentees[post] > 0;
  const bool was_loaded = loaded(teachers, post, p);
  teachers.mentees[post] += delta;
  region.mentees += delta;
  region.posts_with_mentees += (teachers.mentees[post] > 0) - had_mentees;
  region.loaded_mentors += loaded(teachers, post, p) - was_loaded;
  count_post(region, path_of(world, p, post), teachers.wellbeing[post], 1);
}

void update_teacher_wellbeing(World& world, const Parameters& p) {
  auto& state = world.teacher_wellbeing;
  if (state.settled) throw std::logic_error("update_teacher_wellbeing: the year was not started");
  if (state.week == weeks_per_year) throw std::logic_error("update_teacher_wellbeing: the year has only 52 weeks");
  const double kept = 1.0 - p.career.teacher_wellbeing_recovery;
  for (auto& region : state.regions) region.gap_sum *= kept;
  state.week += 1;
}

void settle_teacher_wellbeing(World& world, const Parameters& p) {
  auto& state = world.teacher_wellbeing;
  if (state.settled) return;
  const auto& teachers = world.teachers;
  for_each_agent(teachers.size(), [&](std::size_t id) {
    const auto post = static_cast<TeacherId>(id);
    if (teachers.filled[post]) settle_post(world, p, post, path_of(world, p, post));
  });
  state.settled = true;
}

TeacherWeek teacher_week(const World& world, const Parameters& p) {
  const auto& state = world.teacher_wellbeing;
  TeacherWeek week;
  std::int64_t clamped_posts = 0;
  for (const auto& region : state.regions) {
    week.filled_posts += region.filled_posts;
    week.posts_with_mentees += region.posts_with_mentees;
    week.loaded_mentors += region.loaded_mentors;
    week.load_sum += static_cast<double>(region.mentees) + p.placement.ect_mentoring_load * static_cast<double>(region.ect_mentees);
    week.wellbeing_sum += region.resting_sum + region.gap_sum;
    clamped_posts += region.clamped_posts;
  }
  if (clamped_posts == 0) return week;
  // Only mentors carry load, so the clamped posts are among them.
  const auto& teachers = world.teachers;
  for (const TeacherId post : world.mentor_posts.all()) {
    const PostPath path = path_of(world, p, post);
    if (path.clamped()) week.wellbeing_sum += path.advance(teachers.wellbeing[post], state.week - state.settled_week[post], state.kept);
  }
  return week;
}

}  // namespace ittsim
