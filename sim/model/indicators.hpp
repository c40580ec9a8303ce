#pragma once
// The output series, declared once each: name, unit and meaning beside the member that holds
// the value. The HDF5 writer, the summary and docs/OUTPUT.md all follow this table.

#include "sim/core/types.hpp"
#include "sim/model/local_authorities.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace ittsim {

struct SeriesInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};

// A count split by region and by phase.
struct RegionPhaseCounts {
  std::array<std::int64_t, region_count> by_region{};
  std::array<std::int64_t, 3> by_phase{};

  void add(Region region, Phase phase, std::int64_t count = 1) noexcept {
    by_region[static_cast<std::size_t>(region)] += count;
    by_phase[static_cast<std::size_t>(phase)] += count;
  }
  RegionPhaseCounts& operator+=(const RegionPhaseCounts& other) noexcept {
    for (std::size_t r = 0; r < region_count; ++r) by_region[r] += other.by_region[r];
    for (std::size_t phase = 0; phase < by_phase.size(); ++phase) by_phase[phase] += other.by_phase[phase];
    return *this;
  }
  std::int64_t total() const noexcept {
    std::int64_t sum = 0;
    for (const auto count : by_phase) sum += count;
    return sum;
  }
};

inline constexpr double not_available = std::numeric_limits<double>::quiet_NaN();

// National figures for one academic year.
struct YearlyIndicators {
  std::int64_t academic_year = 0;
  std::int64_t trainees_recruited = 0;
  std::int64_t trainees_in_training = 0;
  std::int64_t placement_weeks_demanded = 0;
  std::int64_t placement_weeks_offered = 0;
  std::int64_t placement_weeks_filled = 0;
  std::int64_t trainees_unplaced = 0;
  std::int64_t new_partnerships = 0;
  std::int64_t schools_hosting = 0;
  double share_hosting_multi_provider = 0;
  double share_hosting_multi_provider_primary = 0;
  double share_hosting_multi_provider_secondary = 0;
  double providers_per_hosting_school = 0;
  double share_secondary_schools_hosting = 0;
  double share_secondary_schools_offering = 0;
  double share_primary_schools_hosting = 0;
  double primary_trainees_per_host_at_once = 0;
  double training_school_providers_mean = 0;
  double training_school_trainees_mean = 0;
  std::int64_t mentors_trained = 0;
  std::int64_t mentors_active = 0;
  double mentor_load_mean = 0;
  std::int64_t ects_without_mentor = 0;
  std::int64_t withdrawals = 0;
  std::int64_t trainees_failed = 0;
  std::int64_t trainees_extended = 0;
  std::int64_t qts_awarded = 0;
  std::int64_t new_teachers_employed = 0;
  std::int64_t qts_unemployed = 0;
  std::int64_t qts_not_seeking = 0;
  std::int64_t qts_gave_up = 0;
  std::int64_t earlier_qts_employed = 0;
  std::int64_t returners_employed = 0;
  std::int64_t other_entrants_employed = 0;
  std::int64_t teacher_moves = 0;
  std::int64_t teacher_moves_sought = 0;
  std::int64_t teacher_leavers = 0;
  std::int64_t teacher_retirements = 0;
  std::int64_t vacancies_unfilled = 0;
  std::int64_t teachers_in_post = 0;
  std::int64_t partnerships_dropped = 0;
  std::int64_t partnerships_recruited = 0;
  double retention_1y = not_available;
  double retention_3y = not_available;
  double retention_5y = not_available;
  std::int64_t networks = 0;
  std::int64_t network_members = 0;
  std::int64_t cross_school_ties = 0;
  std::int64_t lead_mentors = 0;
  double mentor_training_hours_mean = 0;
  double teacher_skill_mean = 0;
  double school_effectiveness_mean = 0;
  double school_effectiveness_p10 = 0;
  double school_effectiveness_p50 = 0;
  double school_effectiveness_p90 = 0;
  std::int64_t accredited_providers = 0;
  std::int64_t schools_beyond_provider_reach = 0;
  std::int64_t providers_demoted = 0;
  std::int64_t providers_closed = 0;
  std::int64_t public_cost_gbp = 0;
  std::int64_t placement_requests = 0;
  std::int64_t placement_requests_granted = 0;
};

// The yearly series that are also kept by region and by phase (of the trainee or the school).
struct YearlyBreakdowns {
  RegionPhaseCounts trainees_recruited;
  RegionPhaseCounts trainees_in_training;
  RegionPhaseCounts placement_weeks_demanded;
  RegionPhaseCounts placement_weeks_offered;
  RegionPhaseCounts placement_weeks_filled;
  RegionPhaseCounts trainees_unplaced;
  RegionPhaseCounts schools_hosting;
  RegionPhaseCounts withdrawals;
  RegionPhaseCounts qts_awarded;
  RegionPhaseCounts new_teachers_employed;
  RegionPhaseCounts new_qts_employed;
  RegionPhaseCounts new_qts_unemployed;
  RegionPhaseCounts new_qts_not_seeking;
  RegionPhaseCounts teacher_moves;
  RegionPhaseCounts vacancies_unfilled;
  RegionPhaseCounts teachers_in_post;
  RegionPhaseCounts teacher_leavers;
  RegionPhaseCounts schools_beyond_provider_reach;
  RegionPhaseCounts placement_requests;
  RegionPhaseCounts placement_requests_granted;
};

// Trainee outcomes by route, and hosting schools by how many providers they work with.
inline constexpr std::size_t provider_count_columns = 6;  // 1, 2, 3, 4, 5, 6 or more
inline constexpr std::array<std::string_view, provider_count_columns> provider_count_names{"1", "2", "3", "4", "5",
                                                                                            "6 or more"};
// Placements made, by the straight-line distance from the trainee's home to the school.
inline constexpr std::size_t travel_distance_bands = 6;
inline constexpr std::array<double, travel_distance_bands - 1> travel_distance_band_ends_km{5, 10, 20, 35, 50};
inline constexpr std::array<std::string_view, travel_distance_bands> travel_distance_band_names{
    "under 5 km", "5 to 10 km", "10 to 20 km", "20 to 35 km", "35 to 50 km", "50 km or more"};
inline std::size_t travel_distance_band(double distance_km) noexcept {
  std::size_t band = 0;
  while (band < travel_distance_band_ends_km.size() && distance_km >= travel_distance_band_ends_km[band]) ++band;
  return band;
}

// Moving teachers by experience (years completed when they move).
inline constexpr std::size_t move_experience_band_count = 4;
inline constexpr std::array<std::string_view, move_experience_band_count> move_experience_band_names{
    "under 2 years", "2 to 4 years", "5 to 9 years", "10 years or more"};

struct YearlyDistributions {
  std::array<std::int64_t, route_count> trainees_recruited_by_route{};
  std::array<std::int64_t, route_count> withdrawals_by_route{};
  std::array<std::int64_t, route_count> trainees_failed_by_route{};
  std::array<std::int64_t, route_count> qts_awarded_by_route{};
  std::array<std::int64_t, provider_count_columns> hosting_schools_by_providers{};
  std::array<std::int64_t, network_kind_count> networks_by_kind{};
  std::array<std::int64_t, grade_count> schools_by_grade{};
  std::array<std::int64_t, area_type_count> schools_by_area_type{};
  std::array<std::int64_t, area_type_count> schools_hosting_by_area_type{};
  std::array<std::int64_t, area_type_count> secondary_schools_offering_by_area_type{};
  std::array<std::int64_t, governance_count> schools_by_governance{};
  std::array<std::int64_t, governance_count> schools_hosting_by_governance{};
  std::array<std::int64_t, governance_count> secondary_schools_offering_by_governance{};
  std::array<std::int64_t, travel_distance_bands> placements_by_travel_distance{};
  std::array<std::int64_t, travel_distance_bands> new_teachers_by_travel_distance{};
  std::array<std::int64_t, route_count> new_qts_employed_by_route{};
  std::array<std::int64_t, route_count> new_qts_unemployed_by_route{};
  std::array<std::int64_t, route_count> new_qts_not_seeking_by_route{};
  std::array<std::int64_t, travel_distance_bands> teacher_moves_by_travel_distance{};
  std::array<std::int64_t, move_experience_band_count> teacher_moves_by_experience{};
  std::array<std::int64_t, subject_count> new_qts_hired_by_subject{};
  std::array<std::int64_t, subject_count> movers_hired_by_subject{};
  std::array<std::int64_t, subject_count> returners_hired_by_subject{};
  std::array<std::int64_t, subject_count> other_entrants_hired_by_subject{};
  std::array<std::int64_t, subject_count> vacancies_unfilled_by_subject{};
  std::array<std::int64_t, subject_count> out_of_field_hired_by_subject{};
};

template <typename D, typename Visitor>
void visit_distributions(D& d, Visitor&& visit) {
  // clang-format off
  visit(d.trainees_recruited_by_route, SeriesInfo{"trainees_recruited_by_route", "trainees", "Trainees starting ITT, by route (columns: routes)"});
  visit(d.withdrawals_by_route, SeriesInfo{"withdrawals_by_route", "trainees", "Trainees who withdrew, by route"});
  visit(d.trainees_failed_by_route, SeriesInfo{"trainees_failed_by_route", "trainees", "Trainees who failed assessment, by route"});
  visit(d.qts_awarded_by_route, SeriesInfo{"qts_awarded_by_route", "trainees", "Trainees awarded QTS, by route"});
  visit(d.hosting_schools_by_providers, SeriesInfo{"hosting_schools_by_providers", "schools", "Hosting schools by number of partner providers at the year end (columns: 1 ... 6 or more)"});
  visit(d.networks_by_kind, SeriesInfo{"networks_by_kind", "networks", "Active networks after the summer review, by kind (columns: kinds)"});
  visit(d.schools_by_grade, SeriesInfo{"schools_by_grade", "schools", "Schools by the Ofsted grade their effectiveness maps onto, after the summer review (columns: outstanding ... inadequate)"});
  visit(d.schools_by_area_type, SeriesInfo{"schools_by_area_type", "schools", "Schools by area type (columns: conurbation, city and town, rural)"});
  visit(d.schools_hosting_by_area_type, SeriesInfo{"schools_hosting_by_area_type", "schools", "Schools that hosted at least one trainee this year, by area type"});
  visit(d.secondary_schools_offering_by_area_type, SeriesInfo{"secondary_schools_offering_by_area_type", "schools", "Secondary schools willing to host this year, by area type"});
  visit(d.schools_by_governance, SeriesInfo{"schools_by_governance", "schools", "Schools by who runs them (columns: maintained, single-academy trust, multi-academy trust)"});
  visit(d.schools_hosting_by_governance, SeriesInfo{"schools_hosting_by_governance", "schools", "Schools that hosted at least one trainee this year, by governance"});
  visit(d.secondary_schools_offering_by_governance, SeriesInfo{"secondary_schools_offering_by_governance", "schools", "Secondary schools willing to host this year, by governance"});
  visit(d.placements_by_travel_distance, SeriesInfo{"placements_by_travel_distance", "placements", "Placements made this year, by straight-line distance from the trainee's home to the school (columns: under 5 km, 5 to 10 km, 10 to 20 km, 20 to 35 km, 35 to 50 km, 50 km or more; each band includes its lower end; in a reduced world the distance in England it stands for, distance × √population.scale)"});
  visit(d.new_teachers_by_travel_distance, SeriesInfo{"new_teachers_by_travel_distance", "teachers", "QTS holders hired (as new_teachers_employed) by straight-line distance from their home to the school (columns as placements_by_travel_distance): how far new teachers go for a post"});
  visit(d.new_qts_employed_by_route, SeriesInfo{"new_qts_employed_by_route", "trainees", "This year's new QTS holders who took a post, by route"});
  visit(d.new_qts_unemployed_by_route, SeriesInfo{"new_qts_unemployed_by_route", "trainees", "This year's new QTS holders who sought a post and found none, by route"});
  visit(d.new_qts_not_seeking_by_route, SeriesInfo{"new_qts_not_seeking_by_route", "trainees", "This year's new QTS holders who did not seek a post, by route"});
  visit(d.teacher_moves_by_travel_distance, SeriesInfo{"teacher_moves_by_travel_distance", "teachers", "Moves between schools by straight-line distance between the two schools (columns as placements_by_travel_distance)"});
  visit(d.teacher_moves_by_experience, SeriesInfo{"teacher_moves_by_experience", "teachers", "Moves between schools by the mover's experience (columns: under 2 years, 2 to 4, 5 to 9, 10 or more)"});
  visit(d.new_qts_hired_by_subject, SeriesInfo{"new_qts_hired_by_subject", "posts", "Vacancies filled by QTS holders (this year's and earlier years'), by subject group (columns: general (primary), shortage, other EBacc, non-EBacc)"});
  visit(d.movers_hired_by_subject, SeriesInfo{"movers_hired_by_subject", "posts", "Vacancies filled by teachers moving from another state school, by subject group"});
  visit(d.returners_hired_by_subject, SeriesInfo{"returners_hired_by_subject", "posts", "Vacancies filled by returners, by subject group"});
  visit(d.other_entrants_hired_by_subject, SeriesInfo{"other_entrants_hired_by_subject", "posts", "Vacancies filled by teachers new to the state sector, by subject group"});
  visit(d.vacancies_unfilled_by_subject, SeriesInfo{"vacancies_unfilled_by_subject", "posts", "Posts vacant after the job market, by subject group"});
  visit(d.out_of_field_hired_by_subject, SeriesInfo{"out_of_field_hired_by_subject", "posts", "Secondary vacancies filled by a teacher of another subject group (out of field), by the post's subject group; included in the hires by source"});
  // clang-format on
}

// Yearly series by local authority, one column per authority of local_authorities() in its
// order: where placements and posts are short, below the region.
using LocalAuthorityCounts = std::array<std::int64_t, local_authority_count>;
struct YearlyByLocalAuthority {
  LocalAuthorityCounts placement_weeks_demanded{};
  LocalAuthorityCounts placement_weeks_offered{};
  LocalAuthorityCounts placement_weeks_filled{};
  LocalAuthorityCounts trainees_unplaced{};
  LocalAuthorityCounts schools_hosting{};
  LocalAuthorityCounts secondary_schools_offering{};
  LocalAuthorityCounts new_teachers_employed{};
  LocalAuthorityCounts vacancies_unfilled{};
  LocalAuthorityCounts schools_beyond_provider_reach{};
};

template <typename B, typename Visitor>
void visit_local_authority_series(B& b, Visitor&& visit) {
  // clang-format off
  visit(b.placement_weeks_demanded, SeriesInfo{"placement_weeks_demanded", "trainee-weeks", "Weeks in which a trainee needed a placement, by the local authority of the trainee's home"});
  visit(b.placement_weeks_offered, SeriesInfo{"placement_weeks_offered", "trainee-weeks", "Placement places offered, summed over weeks, by the school's local authority (as yearly_by_region)"});
  visit(b.placement_weeks_filled, SeriesInfo{"placement_weeks_filled", "trainee-weeks", "Weeks trainees spent on placement, by the school's local authority"});
  visit(b.trainees_unplaced, SeriesInfo{"trainees_unplaced", "trainees", "Trainees without a needed placement for at least one week, by the local authority of the trainee's home"});
  visit(b.schools_hosting, SeriesInfo{"schools_hosting", "schools", "Schools that hosted at least one trainee, by local authority"});
  visit(b.secondary_schools_offering, SeriesInfo{"secondary_schools_offering", "schools", "Secondary schools willing to host this year, by local authority"});
  visit(b.new_teachers_employed, SeriesInfo{"new_teachers_employed", "teachers", "New QTS holders employed, by the school's local authority"});
  visit(b.vacancies_unfilled, SeriesInfo{"vacancies_unfilled", "posts", "Posts vacant after the job market, by the school's local authority"});
  visit(b.schools_beyond_provider_reach, SeriesInfo{"schools_beyond_provider_reach", "schools", "Schools with no accredited HEI or SCITT within reach at the year end (cold spots), by local authority"});
  // clang-format on
}

inline void add_counts(LocalAuthorityCounts& sum, const LocalAuthorityCounts& more) noexcept {
  for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += more[k];
}

// Retention of each cohort of newly qualified teachers by years since they started, as DfE
// measures it: the share still in service in a state school k = 1 ... 10 years on, whatever
// school they are in by then.
inline constexpr std::size_t retention_curve_years = 10;
struct CohortRetention {
  std::vector<std::int64_t> entry_year;  // the academic year the cohort started teaching
  std::vector<std::int64_t> size;        // new teachers who started then
  std::vector<double> curve;             // entry_year.size() × retention_curve_years, by row; NaN where not reached
};

// Trainees on placement and unplaced in one week, by the trainee's region and phase.
struct WeeklyBreakdowns {
  RegionPhaseCounts trainees_on_placement;
  RegionPhaseCounts trainees_unplaced;
};

template <typename B, typename Visitor>
void visit_weekly_breakdowns(B& b, Visitor&& visit) {
  visit(b.trainees_on_placement, SeriesInfo{"trainees_on_placement", "trainees", "Trainees on a school placement this week, by region and phase"});
  visit(b.trainees_unplaced, SeriesInfo{"trainees_unplaced", "trainees", "Trainees who needed a placement and had none this week, by region and phase"});
}

// National figures for one week.
struct WeeklyIndicators {
  std::int64_t week = 0;  // weeks since the start of the run
  std::int64_t trainees_active = 0;
  std::int64_t trainees_on_placement = 0;
  std::int64_t trainees_unplaced = 0;
  std::int64_t placement_places_offered = 0;
  std::int64_t mentors_with_mentees = 0;
  double mentor_load_mean = 0;
  double trainee_competence_mean = 0;
  double trainee_competence_p10 = 0;
  double trainee_competence_p50 = 0;
  double trainee_competence_p90 = 0;
  double trainee_wellbeing_mean = 0;
  double trainee_wellbeing_p10 = 0;
  double trainee_wellbeing_p50 = 0;
  double trainee_wellbeing_p90 = 0;
  double teacher_wellbeing_mean = 0;
};

template <typename Y, typename Visitor>
void visit_yearly(Y& y, Visitor&& visit) {
  // clang-format off
  visit(y.academic_year, SeriesInfo{"academic_year", "year", "Calendar year in which the academic year starts (2022 means 2022/23)"});
  visit(y.trainees_recruited, SeriesInfo{"trainees_recruited", "trainees", "Trainees starting ITT in the year (week 0)"});
  visit(y.trainees_in_training, SeriesInfo{"trainees_in_training", "trainees", "Trainees in training at the census week (week 4, as the October ITT census)"});
  visit(y.placement_weeks_demanded, SeriesInfo{"placement_weeks_demanded", "trainee-weeks", "Weeks in which a trainee needed a school placement (placed or unplaced)"});
  visit(y.placement_weeks_offered, SeriesInfo{"placement_weeks_offered", "trainee-weeks", "Placement places offered, summed over weeks: willing schools' mentors' places, taken or free, and every place taken elsewhere (never fewer than placement_weeks_filled)"});
  visit(y.placement_weeks_filled, SeriesInfo{"placement_weeks_filled", "trainee-weeks", "Weeks trainees spent on placement"});
  visit(y.trainees_unplaced, SeriesInfo{"trainees_unplaced", "trainees", "Trainees who were without a placement they needed for at least one week"});
  visit(y.new_partnerships, SeriesInfo{"new_partnerships", "partnerships", "School-provider partnerships formed by searches beyond a provider's partners"});
  visit(y.schools_hosting, SeriesInfo{"schools_hosting", "schools", "Schools that hosted at least one trainee in the year"});
  visit(y.share_hosting_multi_provider, SeriesInfo{"share_hosting_multi_provider", "share", "Share of hosting schools in partnership with more than one provider at the year end"});
  visit(y.share_hosting_multi_provider_primary, SeriesInfo{"share_hosting_multi_provider_primary", "share", "As share_hosting_multi_provider, primary schools only"});
  visit(y.share_hosting_multi_provider_secondary, SeriesInfo{"share_hosting_multi_provider_secondary", "share", "As share_hosting_multi_provider, secondary schools only"});
  visit(y.providers_per_hosting_school, SeriesInfo{"providers_per_hosting_school", "providers", "Mean number of partner providers of a hosting school at the year end"});
  visit(y.share_secondary_schools_hosting, SeriesInfo{"share_secondary_schools_hosting", "share", "Share of secondary schools that hosted at least one trainee in the year"});
  visit(y.share_secondary_schools_offering, SeriesInfo{"share_secondary_schools_offering", "share", "Share of secondary schools that offered placements this year (willing, with a mentor)"});
  visit(y.share_primary_schools_hosting, SeriesInfo{"share_primary_schools_hosting", "share", "Share of primary schools that hosted at least one trainee in the year"});
  visit(y.primary_trainees_per_host_at_once, SeriesInfo{"primary_trainees_per_host_at_once", "trainees", "Mean trainees on placement at once in a primary school hosting any, over the year's placement weeks"});
  visit(y.training_school_providers_mean, SeriesInfo{"training_school_providers_mean", "providers", "Mean partner providers of a training school at the year end"});
  visit(y.training_school_trainees_mean, SeriesInfo{"training_school_trainees_mean", "trainees", "Mean placements hosted in the year by a training school"});
  visit(y.mentors_trained, SeriesInfo{"mentors_trained", "teachers", "Trained ITT mentors in post at the year end (a stock, not the year's newly trained)"});
  visit(y.mentors_active, SeriesInfo{"mentors_active", "teachers", "Mentors who mentored at least one trainee in the year"});
  visit(y.mentor_load_mean, SeriesInfo{"mentor_load_mean", "load", "Mean mentoring load (trainees + ECT load) of mentors carrying any, over the placement weeks"});
  visit(y.ects_without_mentor, SeriesInfo{"ects_without_mentor", "teachers", "Early-career teachers left without an induction mentor in September"});
  visit(y.withdrawals, SeriesInfo{"withdrawals", "trainees", "Trainees who withdrew during the year"});
  visit(y.trainees_failed, SeriesInfo{"trainees_failed", "trainees", "Trainees assessed as not meeting the standards"});
  visit(y.trainees_extended, SeriesInfo{"trainees_extended", "trainees", "Trainees given an extension at the first assessment"});
  visit(y.qts_awarded, SeriesInfo{"qts_awarded", "trainees", "Trainees awarded qualified teacher status"});
  visit(y.new_teachers_employed, SeriesInfo{"new_teachers_employed", "teachers", "New QTS holders who took a teaching post at the year end"});
  visit(y.qts_unemployed, SeriesInfo{"qts_unemployed", "people", "QTS holders who sought a post at the year end and found none: this year's and earlier years' still seeking (they may seek again next year)"});
  visit(y.qts_not_seeking, SeriesInfo{"qts_not_seeking", "trainees", "This year's new QTS holders who did not seek a post in a state school"});
  visit(y.qts_gave_up, SeriesInfo{"qts_gave_up", "people", "Earlier years' QTS holders without a post who stopped seeking one this year"});
  visit(y.earlier_qts_employed, SeriesInfo{"earlier_qts_employed", "teachers", "QTS holders of earlier years, unemployed until now, who took a post this year (included in new_teachers_employed; DfE counts them as deferred newly qualified entrants)"});
  visit(y.returners_employed, SeriesInfo{"returners_employed", "teachers", "Former teachers who returned to a post this year"});
  visit(y.other_entrants_employed, SeriesInfo{"other_entrants_employed", "teachers", "Teachers new to the state sector, not newly qualified (from independent schools, abroad), who took a post this year"});
  visit(y.teacher_moves, SeriesInfo{"teacher_moves", "teachers", "Teachers who moved to a post in another state school at the year end (they stay in service)"});
  visit(y.teacher_moves_sought, SeriesInfo{"teacher_moves_sought", "teachers", "Teachers who sought a move at the year end, whether or not they found a post"});
  visit(y.teacher_leavers, SeriesInfo{"teacher_leavers", "teachers", "Teachers who left teaching in state schools at the year end, retirements excluded"});
  visit(y.teacher_retirements, SeriesInfo{"teacher_retirements", "teachers", "Teachers who retired at the year end"});
  visit(y.vacancies_unfilled, SeriesInfo{"vacancies_unfilled", "posts", "Teacher posts left vacant after the year-end job market"});
  visit(y.teachers_in_post, SeriesInfo{"teachers_in_post", "teachers", "Teachers in post after the year-end job market"});
  visit(y.retention_1y, SeriesInfo{"retention_1y", "share", "Share of the newly qualified teachers who started this year still in post at its end (NaN before a cohort exists)"});
  visit(y.partnerships_dropped, SeriesInfo{"partnerships_dropped", "partnerships", "HEI satellite partnerships dropped at the year end for hosting none of the HEI's trainees"});
  visit(y.partnerships_recruited, SeriesInfo{"partnerships_recruited", "partnerships", "Partnerships providers recruited at the year end (besides those formed to place trainees)"});
  visit(y.retention_3y, SeriesInfo{"retention_3y", "share", "Share of the newly qualified teachers who started two years earlier still in post after three years (NaN before)"});
  visit(y.retention_5y, SeriesInfo{"retention_5y", "share", "Share of the newly qualified teachers who started four years earlier still in post after five years (NaN before)"});
  visit(y.networks, SeriesInfo{"networks", "networks", "Active school networks of every kind after the summer review"});
  visit(y.network_members, SeriesInfo{"network_members", "memberships", "School memberships of active networks after the summer review (a school in two networks counts twice)"});
  visit(y.cross_school_ties, SeriesInfo{"cross_school_ties", "ties", "Cross-school CPD ties formed within networks in the year (pairs of schools, per network)"});
  visit(y.lead_mentors, SeriesInfo{"lead_mentors", "teachers", "Lead mentors in post at the year end"});
  visit(y.mentor_training_hours_mean, SeriesInfo{"mentor_training_hours_mean", "hours", "Mean ITT mentor training hours of the mentors in post at the year end"});
  visit(y.teacher_skill_mean, SeriesInfo{"teacher_skill_mean", "skill", "Mean skill (0 ... 1) of teachers in post at the year end"});
  visit(y.school_effectiveness_mean, SeriesInfo{"school_effectiveness_mean", "sd", "Mean school effectiveness after the summer review (standard deviations of the starting distribution)"});
  visit(y.school_effectiveness_p10, SeriesInfo{"school_effectiveness_p10", "sd", "10th percentile of school effectiveness"});
  visit(y.school_effectiveness_p50, SeriesInfo{"school_effectiveness_p50", "sd", "Median school effectiveness"});
  visit(y.school_effectiveness_p90, SeriesInfo{"school_effectiveness_p90", "sd", "90th percentile of school effectiveness"});
  visit(y.accredited_providers, SeriesInfo{"accredited_providers", "providers", "Providers accredited to recruit at the year end"});
  visit(y.schools_beyond_provider_reach, SeriesInfo{"schools_beyond_provider_reach", "schools", "Schools (special schools excluded) with no accredited HEI or SCITT based within geography.provider_reach_km at the year end: cold spots"});
  visit(y.providers_demoted, SeriesInfo{"providers_demoted", "providers", "Providers that became delivery partners at re-accreditation this year"});
  visit(y.providers_closed, SeriesInfo{"providers_closed", "providers", "Providers closed at re-accreditation this year"});
  visit(y.public_cost_gbp, SeriesInfo{"public_cost_gbp", "GBP", "Public spending on the levers this year: network funding, mentor-training grant, protected mentor time and larger bursaries"});
  visit(y.placement_requests, SeriesInfo{"placement_requests", "requests", "Schools of the trainee's region and phase within its travel distance that a provider (or the clearing-house) asked for a placement, each once per trainee and week, an employed trainee's own school excluded; the same school asked again in another week counts again"});
  visit(y.placement_requests_granted, SeriesInfo{"placement_requests_granted", "requests", "Placement requests that a school granted: placements made, an employed trainee's at its own school excluded"});
  // clang-format on
}

template <typename B, typename Visitor>
void visit_breakdowns(B& b, Visitor&& visit) {
  // clang-format off
  visit(b.trainees_recruited, SeriesInfo{"trainees_recruited", "trainees", "Trainees starting ITT, by the trainee's region and phase"});
  visit(b.trainees_in_training, SeriesInfo{"trainees_in_training", "trainees", "Trainees in training at the census week"});
  visit(b.placement_weeks_demanded, SeriesInfo{"placement_weeks_demanded", "trainee-weeks", "Weeks in which a trainee needed a placement"});
  visit(b.placement_weeks_offered, SeriesInfo{"placement_weeks_offered", "trainee-weeks", "Placement places offered, summed over weeks, by the school's region and phase: willing schools' mentors' places, taken or free, and every place taken elsewhere (never fewer than placement_weeks_filled)"});
  visit(b.placement_weeks_filled, SeriesInfo{"placement_weeks_filled", "trainee-weeks", "Weeks trainees spent on placement"});
  visit(b.trainees_unplaced, SeriesInfo{"trainees_unplaced", "trainees", "Trainees without a needed placement for at least one week"});
  visit(b.schools_hosting, SeriesInfo{"schools_hosting", "schools", "Schools that hosted at least one trainee, by the school's region and phase"});
  visit(b.withdrawals, SeriesInfo{"withdrawals", "trainees", "Trainees who withdrew"});
  visit(b.qts_awarded, SeriesInfo{"qts_awarded", "trainees", "Trainees awarded QTS"});
  visit(b.new_teachers_employed, SeriesInfo{"new_teachers_employed", "teachers", "New QTS holders employed, by the school's region and phase"});
  visit(b.new_qts_employed, SeriesInfo{"new_qts_employed", "trainees", "This year's new QTS holders who took a post, by the trainee's region and phase"});
  visit(b.new_qts_unemployed, SeriesInfo{"new_qts_unemployed", "trainees", "This year's new QTS holders who sought a post and found none, by the trainee's region and phase"});
  visit(b.new_qts_not_seeking, SeriesInfo{"new_qts_not_seeking", "trainees", "This year's new QTS holders who did not seek a post, by the trainee's region and phase"});
  visit(b.teacher_moves, SeriesInfo{"teacher_moves", "teachers", "Teachers who moved to another state school, by the region and phase of the school they left"});
  visit(b.vacancies_unfilled, SeriesInfo{"vacancies_unfilled", "posts", "Posts vacant after the job market, by the school's region and phase"});
  visit(b.teachers_in_post, SeriesInfo{"teachers_in_post", "teachers", "Teachers in post after the job market, by the school's region and phase"});
  visit(b.teacher_leavers, SeriesInfo{"teacher_leavers", "teachers", "Teachers who left, retirements excluded, by the school's region and phase"});
  visit(b.schools_beyond_provider_reach, SeriesInfo{"schools_beyond_provider_reach", "schools", "Schools with no accredited HEI or SCITT within reach at the year end, by the school's region and phase"});
  visit(b.placement_requests, SeriesInfo{"placement_requests", "requests", "Placement requests made, by the school's region and phase"});
  visit(b.placement_requests_granted, SeriesInfo{"placement_requests_granted", "requests", "Placement requests granted, by the school's region and phase"});
  // clang-format on
}

template <typename W, typename Visitor>
void visit_weekly(W& w, Visitor&& visit) {
  // clang-format off
  visit(w.week, SeriesInfo{"week", "week", "Weeks since the start of the run; week 52k is September of year k"});
  visit(w.trainees_active, SeriesInfo{"trainees_active", "trainees", "Trainees in training, on placement or waiting for one, at the end of the week"});
  visit(w.trainees_on_placement, SeriesInfo{"trainees_on_placement", "trainees", "Trainees on a school placement this week, as the placement market left them"});
  visit(w.trainees_unplaced, SeriesInfo{"trainees_unplaced", "trainees", "Trainees who needed a placement and got none from this week's market"});
  visit(w.placement_places_offered, SeriesInfo{"placement_places_offered", "places", "Places offered this week: willing schools' mentors' places, taken or free, and every place taken elsewhere (never fewer than trainees_on_placement)"});
  visit(w.mentors_with_mentees, SeriesInfo{"mentors_with_mentees", "teachers", "Mentors with at least one trainee this week"});
  visit(w.mentor_load_mean, SeriesInfo{"mentor_load_mean", "load", "Mean mentoring load of mentors carrying any this week (0 when none)"});
  visit(w.trainee_competence_mean, SeriesInfo{"trainee_competence_mean", "competence", "Mean competence of active trainees (0 when none)"});
  visit(w.trainee_competence_p10, SeriesInfo{"trainee_competence_p10", "competence", "10th percentile of active trainees' competence (0 when none)"});
  visit(w.trainee_competence_p50, SeriesInfo{"trainee_competence_p50", "competence", "Median competence of active trainees (0 when none)"});
  visit(w.trainee_competence_p90, SeriesInfo{"trainee_competence_p90", "competence", "90th percentile of active trainees' competence (0 when none)"});
  visit(w.trainee_wellbeing_mean, SeriesInfo{"trainee_wellbeing_mean", "wellbeing", "Mean wellbeing of active trainees (0 when none)"});
  visit(w.trainee_wellbeing_p10, SeriesInfo{"trainee_wellbeing_p10", "wellbeing", "10th percentile of active trainees' wellbeing (0 when none)"});
  visit(w.trainee_wellbeing_p50, SeriesInfo{"trainee_wellbeing_p50", "wellbeing", "Median wellbeing of active trainees (0 when none)"});
  visit(w.trainee_wellbeing_p90, SeriesInfo{"trainee_wellbeing_p90", "wellbeing", "90th percentile of active trainees' wellbeing (0 when none)"});
  visit(w.teacher_wellbeing_mean, SeriesInfo{"teacher_wellbeing_mean", "wellbeing", "Mean wellbeing of teachers in post"});
  // clang-format on
}

}  // namespace ittsim
