#pragma once
// Employment at the year end. Pupil numbers follow each region's projection, and schools
// establish or drop posts to match; then one market for teachers: new QTS holders (this
// year's and those still seeking from earlier years), teachers seeking a move, returners and
// entrants new to the state sector apply for the vacancies within reach of where they live,
// and schools choose among them (docs/ODD.md 7.15).

#include "sim/core/random_stream.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace ittsim {

// Who fills a post, for the vacancies filled by source.
enum class ApplicantKind : std::uint8_t { new_qts, earlier_qts, mover, returner, other_entrant };

// Where the bands of a moving teacher's experience end (indicators.hpp names them).
inline constexpr std::array<std::int32_t, move_experience_band_count - 1> move_experience_band_ends{2, 5, 10};

struct JobMarket {
  RegionPhaseCounts new_teachers;  // QTS holders hired, by the school's region and phase
  std::array<std::int64_t, travel_distance_bands> new_teachers_by_distance{};  // from home to the school
  std::int64_t earlier_qts_employed = 0;
  std::int64_t returners = 0;
  std::int64_t other_entrants = 0;
  std::int64_t qts_unemployed = 0;  // sought a post and found none: this year's and earlier years' QTS holders
  std::int64_t qts_gave_up = 0;     // earlier years' QTS holders who stopped seeking
  // This year's QTS holders by where they ended up, by the trainee's region and phase, and by route.
  RegionPhaseCounts new_qts_employed;
  RegionPhaseCounts new_qts_unemployed;
  RegionPhaseCounts new_qts_not_seeking;
  std::array<std::int64_t, route_count> new_qts_employed_by_route{};
  std::array<std::int64_t, route_count> new_qts_unemployed_by_route{};
  std::array<std::int64_t, route_count> new_qts_not_seeking_by_route{};
  // Moves between schools, by the school left.
  std::int64_t moves_sought = 0;
  RegionPhaseCounts moves;
  std::array<std::int64_t, travel_distance_bands> moves_by_distance{};
  std::array<std::int64_t, move_experience_band_count> moves_by_experience{};
  // Vacancies filled by who filled them, and those left, by subject group.
  std::array<std::array<std::int64_t, subject_count>, 4> filled_by_source{};  // new QTS, mover, returner, other
  std::array<std::int64_t, subject_count> unfilled_by_subject{};
  std::array<std::int64_t, subject_count> out_of_field_by_subject{};  // of those filled, by a teacher of another subject
  RegionPhaseCounts vacancies_unfilled;
  RegionPhaseCounts teachers_in_post;
  LocalAuthorityCounts new_teachers_by_authority{};
  LocalAuthorityCounts vacancies_unfilled_by_authority{};
};

// The pupil trend for the change from academic year `year` to the next, in a region and phase.
double pupil_trend(const Parameters& parameters, std::int64_t year, Region region, Phase phase);

// Applies the year's pupil trends to every school and establishes or drops posts to match.
void adjust_posts_to_pupils(World& world, const Parameters& parameters, std::int64_t academic_year);

JobMarket run_job_market(World& world, const Parameters& parameters, const RandomStreams& streams, const Clock& clock);

// Whether a trainee on this route looks for a post among its partnership's schools first.
bool prefers_partnership_schools(Route route) noexcept;

// The yearly chance that a teacher seeks a move to another school.
double move_seeking_rate(const MoveParameters& moves, Phase phase, std::int32_t experience_years) noexcept;

// The order in which schools choose applicants: the higher score first; among equal scores,
// by kind (new QTS holders first) and then id. Every school ranks applicants alike, and
// applicants are served in this order, each taking the post it prefers (docs/ODD.md 7.15).
struct ApplicantRank {
  double score;
  ApplicantKind kind;
  std::uint32_t id;
};
bool ranks_before(const ApplicantRank& a, const ApplicantRank& b) noexcept;

}  // namespace ittsim
