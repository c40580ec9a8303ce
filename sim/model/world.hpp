#pragma once
// The running state of one replicate: every agent store and the indexes built over them.
// Submodels receive the World, the validated Parameters and the replicate's random streams.

#include "sim/core/agents.hpp"
#include "sim/core/mentor_posts.hpp"
#include "sim/core/school_grid.hpp"
#include "sim/core/types.hpp"
#include "sim/model/local_authorities.hpp"
#include "sim/model/policy.hpp"

#include <array>
#include <vector>

namespace ittsim {

// Per region, what the week's indicators need of teachers, kept up to date as mentoring loads
// change (sim/model/teacher_wellbeing.hpp explains the sums).
struct alignas(64) RegionTeacherLoad {  // apart in memory: each region's market writes its own
  std::int64_t filled_posts = 0;
  std::int64_t mentees = 0;      // trainees held by the region's mentors
  std::int64_t ect_mentees = 0;  // early-career teachers they induct
  std::int64_t posts_with_mentees = 0;
  std::int64_t loaded_mentors = 0;
  std::int64_t clamped_posts = 0;  // posts whose wellbeing can reach 0: summed one by one
  double resting_sum = 0;          // R' summed over the other posts
  double gap_sum = 0;              // W - R' summed over them, as of this week

  RegionTeacherLoad& operator+=(const RegionTeacherLoad& other) noexcept {
    filled_posts += other.filled_posts;
    mentees += other.mentees;
    ect_mentees += other.ect_mentees;
    posts_with_mentees += other.posts_with_mentees;
    loaded_mentors += other.loaded_mentors;
    clamped_posts += other.clamped_posts;
    resting_sum += other.resting_sum;
    gap_sum += other.gap_sum;
    return *this;
  }
};

// Teachers' wellbeing between the points where a post's load changes.
struct TeacherWellbeingState {
  int week = 0;  // weeks of the academic year applied to the sums
  bool settled = true;  // every post's teachers.wellbeing is as of `week`
  std::vector<std::int32_t> settled_week;  // per post: the week its teachers.wellbeing is as of
  std::vector<double> kept;                // kept[n] = (1 - r)^n for n = 0 ... weeks_per_year
  std::array<RegionTeacherLoad, region_count> regions;
};

struct World {
  Schools schools;
  Teachers teachers;
  Providers providers;
  Trainees trainees;
  Networks networks;
  JobSeekers job_seekers;
  // What the levers add up to this academic year (set each September).
  PolicyInForce policy;
  // Schools of each region and phase in id order, for searches beyond a provider's partners.
  std::array<std::array<std::vector<SchoolId>, 3>, region_count> schools_by_region_phase;
  // The same schools in squares of the British National Grid, for the searches within reach
  // of a trainee's home (built by prepare_placement_year when missing: it is not saved).
  SchoolGrid school_grid;
  // Per school, the last (week, trainee) whose search asked it for a placement, so that a
  // school asked twice in one search counts as one request (set each September; a region's
  // market writes only its own schools' entries).
  std::vector<std::uint64_t> placement_request_stamps;
  // The mentors in post this academic year, and the trainee places they offer in each school,
  // taken or free (both set each September by prepare_placement_year).
  MentorPosts mentor_posts;
  std::vector<std::int32_t> mentor_places;
  // The places offered by the schools willing to host, by region and phase: fixed for the year.
  std::array<std::array<std::int64_t, 3>, region_count> willing_schools_places{};
  // The same by local authority (local_authorities() order).
  std::array<std::int64_t, local_authority_count> willing_schools_places_by_authority{};
  // Each school's free mentor places by subject (school_subject), set each September by
  // prepare_placement_year and kept up to date by the market: a school with none in the
  // trainee's subject is passed over without visiting its mentors.
  std::vector<std::int32_t> free_places_by_subject;
  static constexpr std::size_t school_subject(SchoolId school, Subject subject) noexcept {
    return static_cast<std::size_t>(school) * subject_count + static_cast<std::size_t>(subject);
  }
  // Each provider's partner schools of each region and phase, with their positions in
  // providers.partner_schools, in that order: the market and the job market search only those
  // a trainee could go to. Built each September and again for the year end's job market; a
  // region's market adds the partnerships it forms to its own region's lists, at positions
  // past the end of the provider's list.
  struct LocalPartner {
    std::size_t position;
    SchoolId school;
    // The school's location, beside its id so that a scan for schools within a trainee's
    // reach reads the list alone.
    double easting_km;
    double northing_km;
  };
  static constexpr std::size_t local_lists = region_count * 3;
  static constexpr std::size_t local_list(Region region, Phase phase) noexcept {
    return static_cast<std::size_t>(region) * 3 + static_cast<std::size_t>(phase);
  }
  std::vector<std::array<std::vector<LocalPartner>, local_lists>> local_partners;
  // The trainees of each region in id order, rebuilt by each week's market (kept to reuse its memory).
  std::array<std::vector<TraineeId>, region_count> trainees_by_region;
  // Teachers' wellbeing, advanced in closed form (sim/model/teacher_wellbeing.hpp).
  TeacherWellbeingState teacher_wellbeing;
};

// Where the simulation stands: the week within the academic year and the absolute week
// since the start of the run, which keys every weekly random stream.
struct Clock {
  int week_of_year = 0;
  int absolute_week = 0;
  std::int64_t academic_year = 0;
};

}  // namespace ittsim
