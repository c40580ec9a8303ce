#pragma once
// The parameter table. Every parameter is declared exactly once, in visit_parameters(): its
// group, name, default, allowed range, unit and meaning sit beside the member it binds to.
// That one declaration drives scenario parsing and validation, `ittsim params` and
// docs/PARAMETERS.md, so none of them can drift from the others.

#include "sim/core/types.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

namespace ittsim {

struct SchoolList;

// A parameter is an integer (std::int64_t), a real (double) or a path (std::string). A path's
// default is always empty ("none") and its range is unused; a relative path is read relative
// to the folder of the scenario file that sets it (the current folder for --set).
struct ParameterInfo {
  std::string_view group;
  std::string_view name;
  double default_value;
  double minimum;
  double maximum;
  std::string_view unit;
  std::string_view description;

  std::string key() const { return std::string(group) + "." + std::string(name); }
  // Whether key is "group.name", without building the string: loading a sweep looks up every
  // key of every point.
  bool has_key(std::string_view key) const noexcept {
    return key.size() == group.size() + 1 + name.size() && key.starts_with(group) && key[group.size()] == '.' &&
           key.ends_with(name);
  }
};

struct RunParameters {
  std::int64_t start_year;
  std::int64_t years;
  std::int64_t seed;
  std::int64_t replicates;
};

struct PopulationParameters {
  double scale;
  std::int64_t regions;
  std::string schools_file;
  std::int64_t schools_file_skip_bad_rows;
  std::int64_t primary_schools;
  std::int64_t secondary_schools;
  std::int64_t special_schools;
  double primary_pupils_mean;
  double secondary_pupils_mean;
  double special_pupils_mean;
  double pupils_dispersion;
  double primary_pupils_per_teacher;
  double secondary_pupils_per_teacher;
  double special_pupils_per_teacher;
  double post_headroom;
  double initial_vacancy_rate;
  double shortage_subject_share;
  double other_ebacc_subject_share;
  double mean_teacher_experience;
  double mentor_share;
  double training_school_share;
  double training_school_mentor_share;
  double mentor_training_hours_mean;
  double developmental_style_mean;
  double mentoring_style_sd;
  double cpd_culture_mean;
  double accountability_pressure_mean;
  std::int64_t hei_providers;
  std::int64_t distance_hei_providers;
  std::int64_t scitt_providers;
  std::int64_t teach_first_providers;
  double hei_size_ratio;
  double distance_hei_size_ratio;
  double teach_first_size_ratio;
  double hei_prescriptiveness;
  double scitt_prescriptiveness;
  double primary_extra_partners_mean;
  double secondary_extra_partners_mean;
  double training_school_extra_partners;
};

// Where schools are and who runs them (docs/ODD.md, Geography). The rural shares are of each
// phase's schools, by ONS's 2011 rural-urban classification.
struct GeographyParameters {
  double primary_rural_share;
  double secondary_rural_share;
  double special_rural_share;
  double primary_academy_share;
  double secondary_academy_share;
  double special_academy_share;
  double provider_reach_km;
};

struct RecruitmentParameters {
  std::int64_t primary_target;
  std::int64_t secondary_target;
  std::int64_t undergraduate_entrants;
  double primary_fill_rate;
  double shortage_fill_rate;
  double other_ebacc_fill_rate;
  double non_ebacc_fill_rate;
  double secondary_bursary_uplift;
  double primary_school_direct_share;
  double primary_salaried_share;
  double primary_teach_first_share;
  double secondary_school_direct_share;
  double secondary_salaried_share;
  double secondary_teach_first_share;
  double scitt_share_of_provider_led;
  double aptitude_sd;
};

struct PlacementParameters {
  std::int64_t first_block_start_week;
  std::int64_t first_block_weeks;
  std::int64_t second_block_start_week;
  std::int64_t second_block_weeks;
  double mentor_capacity;
  double ect_mentoring_load;
  double primary_hosting_intercept;
  double secondary_hosting_intercept;
  double staff_development_benefit;
  double pipeline_benefit;
  double discourse_benefit;
  double critical_mass;
  double mentor_time_cost;
  double coordination_cost;
  double accountability_cost;
  double mentoring_hours_per_trainee;
  std::int64_t wider_search_attempts;
  double primary_max_travel_km;
  double secondary_max_travel_km;
  double home_spread_km;
  double hei_partnership_churn;
  double partnership_formation_rate;
  std::int64_t unplaced_withdrawal_weeks;
};

struct MentoringParameters {
  double base_effectiveness;
  double training_gain;
  double training_hours_scale;
  double experience_gain;
  double load_penalty;
  double peer_bonus;
  double new_mentor_training_hours;
  double developmental_support;
  double judgemental_strain;
  double isolation_strain;
};

struct ProgressParameters {
  double placement_progress_per_week;
  double taught_progress_per_week;
  double progress_noise_sd;
  double placement_wellbeing_strain;
  double wellbeing_recovery;
  double unplaced_wellbeing_loss;
  double withdrawal_hazard_per_week;
  double withdrawal_wellbeing_slope;
  double withdrawal_behind_slope;
  std::int64_t assessment_week;
  double qts_threshold;
  double extension_margin;
  std::int64_t extension_weeks;
};

struct EmploymentParameters {
  double primary_pupil_trend;
  double secondary_pupil_trend;
  std::int64_t secondary_pupil_peak_year;
  double secondary_pupil_trend_after_peak;
  double qts_job_seeking_rate;
  double job_search_km;
  double mobility;
  double unemployed_retry_rate;
  double returner_applicant_rate;
  double other_entrant_applicant_rate;
  double hiring_noise_sd;
  double out_of_field_rate;
};

// Each region's pupil trend beside the national one, by phase: added to
// employment.primary_pupil_trend or the secondary trend in force (docs/ODD.md 7.14).
struct PupilTrendParameters {
  std::array<double, region_count> primary_offset;
  std::array<double, region_count> secondary_offset;
};

// Teachers who move from one state school to another (docs/ODD.md 7.15).
struct MoveParameters {
  double primary_rate;
  double secondary_rate;
  double early_career_ratio;
  std::int64_t early_career_years;
  double search_km;
};

struct CareerParameters {
  double leaving_rate;
  double early_career_leaving_excess;
  double early_career_decay_years;
  double late_career_leaving_excess;
  std::int64_t late_career_experience;
  double secondary_leaving_ratio;
  double shortage_leaving_ratio;
  double leaving_wellbeing_slope;
  double leaving_load_slope;
  double cpd_culture_effect;
  double induction_support_effect;
  double unsupported_ect_excess;
  double teacher_wellbeing_recovery;
  double mentoring_wellbeing_strain;
  std::int64_t retirement_experience;
  double mentor_training_rate;
};

struct NetworkParameters {
  double mat_share;
  double mat_size_mean;
  std::int64_t teaching_school_hubs;
  double hub_engagement;
  double learning_network_share;
  double learning_network_size_mean;
  double learning_network_capacity;
  double scitt_tightness;
  double mat_tightness;
  double hub_tightness;
  double funded_tightness;
  double learning_network_tightness;
  std::int64_t tie_candidates;
  double tie_rate;
  double link_discount;
  double stay_intercept;
  double tie_benefit;
  double capacity_benefit;
  double membership_cost;
  double join_rate;
  std::int64_t minimum_members;
};

struct CpdParameters {
  double individual_skill_gain;
  double collaborative_skill_gain;
  double collaborative_wellbeing_gain;
  double ties_for_full_collaboration;
  double new_teacher_skill;
  double effectiveness_skill_weight;
  double lead_mentor_share;
  double lead_mentor_support_hours;
  double lead_mentor_appointment_rate;
  double lead_mentor_replacement;
};

struct ProviderParameters {
  double quality_adjustment_rate;
  double stability_weight;
  double mentor_training_weight;
  double closed_capacity_transfer;
  double mentor_hour_gbp;
};

// Policy levers: each is off while its start_year is 0, and in force from the September of
// its start year otherwise.
struct MarketReviewLever {
  std::int64_t start_year;
  double mentor_initial_training_hours;
  double mentor_refresher_training_hours;
  double lead_mentor_training_hours;
  std::int64_t lead_mentor_required;
  double mentoring_hours_per_trainee;
  std::int64_t minimum_placement_weeks;
  std::int64_t itap_weeks;
  double itap_progress_per_week;
  std::int64_t reaccreditation;
  std::int64_t reaccreditation_week;
  double accreditation_quality_bar;
  double closure_quality_bar;
  double multi_provider_training_share;
  double training_time_cost;
  double mentoring_time_cost;
  double lead_mentor_cost;
  std::int64_t mentor_funding;
  double funded_training_hours;
};

struct AccountabilityLever {
  std::int64_t start_year;
  double group_share;
  double strength;
};

struct CollaborationLever {
  std::int64_t start_year;
  std::int64_t clearing_house;
  std::int64_t common_paperwork;
  double paperwork_reduction;
};

struct NetworkFundingLever {
  std::int64_t start_year;
  std::int64_t years;
  double amount_gbp;
  std::int64_t minimum_schools;
  std::int64_t networks;
  double capacity_building_rate;
};

struct MentoringCultureLever {
  std::int64_t start_year;
  double developmental_share;
  double developmental_style;
  double protected_hours;
};

struct RecruitmentLever {
  std::int64_t start_year;
  double primary_target_factor;
  double secondary_target_factor;
  double bursary_uplift;
  double bursary_gbp;
};

// The full set of model inputs: plain values, filled only from the parameter table, and the
// school list read from population.schools_file when the scenario was validated (null when
// schools are synthesised); shared, since every copy of a scenario's parameters reads the same.
struct Parameters {
  RunParameters run;
  PopulationParameters population;
  GeographyParameters geography;
  RecruitmentParameters recruitment;
  PlacementParameters placement;
  MentoringParameters mentoring;
  ProgressParameters progress;
  EmploymentParameters employment;
  PupilTrendParameters pupil_trends;
  MoveParameters moves;
  CareerParameters career;
  NetworkParameters networks;
  CpdParameters cpd;
  ProviderParameters providers;
  MarketReviewLever market_review;
  AccountabilityLever accountability;
  CollaborationLever collaboration;
  NetworkFundingLever network_funding;
  MentoringCultureLever mentoring_culture;
  RecruitmentLever recruitment_policy;
  std::shared_ptr<const SchoolList> school_list;
};

// Whether a parameter member is a path rather than a number.
template <typename Member>
inline constexpr bool is_path_parameter = std::is_same_v<std::remove_cvref_t<Member>, std::string>;

// Groups that are policy levers: off while their start_year is 0.
inline constexpr std::string_view lever_groups[] = {"market_review", "accountability", "collaboration",
                                                    "network_funding", "mentoring_culture", "recruitment_policy"};

// Calls visitor(member, info) for every parameter, in documentation order. P is Parameters
// or const Parameters; member types are std::int64_t (integers), double (reals) or
// std::string (paths).
template <typename P, typename Visitor>
void visit_parameters(P& p, Visitor&& visit) {
  // clang-format off
  visit(p.run.start_year, ParameterInfo{"run", "start_year", 2022, 2000, 2100, "year",
        "Calendar year in which the first simulated academic year starts (2022 means 2022/23)"});
  visit(p.run.years, ParameterInfo{"run", "years", 10, 1, 50, "years",
        "Number of academic years simulated, each of 52 weekly steps from September"});
  visit(p.run.seed, ParameterInfo{"run", "seed", 20220901, 0, 9007199254740991.0, "",
        "Seed of every random stream; with the replicate index it fixes the whole run"});
  visit(p.run.replicates, ParameterInfo{"run", "replicates", 1, 1, 10000, "runs",
        "Independent replicates of the scenario, each with its own random streams"});
  visit(p.population.scale, ParameterInfo{"population", "scale", 1.0, 0.001, 10.0, "ratio",
        "Multiplies every school, provider and trainee count (1 = England)"});
  visit(p.population.regions, ParameterInfo{"population", "regions", 511, 1, 511, "bit mask",
        "Regions simulated, as a sum of 2^k for region k in ONS order (1 North East ... 256 South West; 511 = England); counts shrink with the regions' share"});
  visit(p.population.schools_file, ParameterInfo{"population", "schools_file", 0, 0, 0, "path",
        "CSV of schools in the columns of DfE's Get Information about Schools extract (edubasealldata*.csv), loaded instead of synthesising schools: open state-funded primary, secondary and special schools of the simulated regions (docs/ODD.md, School list); empty: synthesise"});
  visit(p.population.schools_file_skip_bad_rows, ParameterInfo{"population", "schools_file_skip_bad_rows", 0, 0, 1, "0/1",
        "1: rows of schools_file that lack what the model needs (pupils, coordinates, a known local authority and region) are left out and reported; 0: they stop the run (exit 2) with the same report, so that no school is dropped unless asked"});
  visit(p.population.primary_schools, ParameterInfo{"population", "primary_schools", 16764, 0, 100000, "schools",
        "State-funded primary schools before scaling (DfE, January 2024)"});
  visit(p.population.secondary_schools, ParameterInfo{"population", "secondary_schools", 3450, 0, 100000, "schools",
        "State-funded secondary schools before scaling (DfE, January 2024)"});
  visit(p.population.special_schools, ParameterInfo{"population", "special_schools", 1000, 0, 100000, "schools",
        "State-funded special schools before scaling (DfE, January 2024)"});
  visit(p.population.primary_pupils_mean, ParameterInfo{"population", "primary_pupils_mean", 275, 10, 5000, "pupils",
        "Mean pupils per primary school (4.61 million over 16,764 schools)"});
  visit(p.population.secondary_pupils_mean, ParameterInfo{"population", "secondary_pupils_mean", 1064, 10, 5000, "pupils",
        "Mean pupils per secondary school (3.67 million over 3,450 schools)"});
  visit(p.population.special_pupils_mean, ParameterInfo{"population", "special_pupils_mean", 150, 10, 5000, "pupils",
        "Mean pupils per special school"});
  visit(p.population.pupils_dispersion, ParameterInfo{"population", "pupils_dispersion", 0.45, 0, 2, "log-sd",
        "Standard deviation of log school size around the phase mean"});
  visit(p.population.primary_pupils_per_teacher, ParameterInfo{"population", "primary_pupils_per_teacher", 20.6, 1, 60, "pupils/FTE",
        "Pupil-teacher ratio that sets the teacher posts a primary school needs"});
  visit(p.population.secondary_pupils_per_teacher, ParameterInfo{"population", "secondary_pupils_per_teacher", 16.7, 1, 60, "pupils/FTE",
        "Pupil-teacher ratio that sets the teacher posts a secondary school needs"});
  visit(p.population.special_pupils_per_teacher, ParameterInfo{"population", "special_pupils_per_teacher", 6.5, 1, 60, "pupils/FTE",
        "Pupil-teacher ratio that sets the teacher posts a special school needs"});
  visit(p.population.post_headroom, ParameterInfo{"population", "post_headroom", 0.25, 0, 2, "share",
        "Extra post slots per school, beyond those its pupils need now, for growth in pupil numbers"});
  visit(p.population.initial_vacancy_rate, ParameterInfo{"population", "initial_vacancy_rate", 0.01, 0, 0.5, "share",
        "Share of needed posts vacant at the start"});
  visit(p.population.shortage_subject_share, ParameterInfo{"population", "shortage_subject_share", 0.4, 0, 1, "share",
        "Share of secondary posts in shortage subjects (mathematics, sciences, computing, languages)"});
  visit(p.population.other_ebacc_subject_share, ParameterInfo{"population", "other_ebacc_subject_share", 0.3, 0, 1, "share",
        "Share of secondary posts in the other EBacc subjects (English, humanities)"});
  visit(p.population.mean_teacher_experience, ParameterInfo{"population", "mean_teacher_experience", 12, 1, 40, "years",
        "Mean years of experience of teachers in post at the start and of returners (exponential, truncated below retirement)"});
  visit(p.population.mentor_share, ParameterInfo{"population", "mentor_share", 0.15, 0, 1, "share",
        "Share of teachers with three or more years of experience who are trained ITT mentors at the start"});
  visit(p.population.training_school_share, ParameterInfo{"population", "training_school_share", 0.03, 0, 1, "share",
        "Share of secondary schools that are training schools (more mentors and providers)"});
  visit(p.population.training_school_mentor_share, ParameterInfo{"population", "training_school_mentor_share", 0.9, 0, 1, "share",
        "Share of experienced teachers who are mentors in a training school"});
  visit(p.population.mentor_training_hours_mean, ParameterInfo{"population", "mentor_training_hours_mean", 10, 0, 200, "hours",
        "Mean ITT mentor training hours of the mentors in post at the start (exponential)"});
  visit(p.population.developmental_style_mean, ParameterInfo{"population", "developmental_style_mean", 0.55, 0, 1, "style",
        "Mean mentoring style, 0 judgemental to 1 developmental"});
  visit(p.population.mentoring_style_sd, ParameterInfo{"population", "mentoring_style_sd", 0.2, 0, 1, "style",
        "Standard deviation of mentoring style between mentors (clamped to 0 ... 1)"});
  visit(p.population.cpd_culture_mean, ParameterInfo{"population", "cpd_culture_mean", 0.5, 0, 1, "score",
        "Mean CPD culture of schools, 0 individual to 1 collaborative (uniform within 0.3 of the mean)"});
  visit(p.population.accountability_pressure_mean, ParameterInfo{"population", "accountability_pressure_mean", 0.5, 0, 1, "score",
        "Mean accountability pressure felt by schools (uniform within 0.3 of the mean)"});
  visit(p.population.hei_providers, ParameterInfo{"population", "hei_providers", 70, 0, 1000, "providers",
        "Higher-education ITT providers before scaling (71 HEIs in 2022/23, one of them distance-learning)"});
  visit(p.population.distance_hei_providers, ParameterInfo{"population", "distance_hei_providers", 1, 0, 100, "providers",
        "Distance-learning HEI providers, national in reach, before scaling"});
  visit(p.population.scitt_providers, ParameterInfo{"population", "scitt_providers", 155, 0, 1000, "providers",
        "School-centred ITT providers (SCITTs) before scaling (2022/23)"});
  visit(p.population.teach_first_providers, ParameterInfo{"population", "teach_first_providers", 1, 0, 10, "providers",
        "Teach First: one national employment-based provider"});
  visit(p.population.hei_size_ratio, ParameterInfo{"population", "hei_size_ratio", 6, 1, 50, "ratio",
        "Partnership size of an HEI relative to a SCITT"});
  visit(p.population.distance_hei_size_ratio, ParameterInfo{"population", "distance_hei_size_ratio", 4, 1, 50, "ratio",
        "Partnership size of a distance-learning HEI relative to a SCITT"});
  visit(p.population.teach_first_size_ratio, ParameterInfo{"population", "teach_first_size_ratio", 10, 1, 100, "ratio",
        "Partnership size of Teach First relative to a SCITT"});
  visit(p.population.hei_prescriptiveness, ParameterInfo{"population", "hei_prescriptiveness", 0.7, 0, 1, "score",
        "Mean prescriptiveness of an HEI's paperwork and procedures for a partner school"});
  visit(p.population.scitt_prescriptiveness, ParameterInfo{"population", "scitt_prescriptiveness", 0.4, 0, 1, "score",
        "Mean prescriptiveness of a SCITT's (and Teach First's) paperwork for a partner school"});
  visit(p.population.primary_extra_partners_mean, ParameterInfo{"population", "primary_extra_partners_mean", 0.75, 0, 10, "providers",
        "Mean providers a primary school partners with besides its home provider (Poisson); set by hand (0.9, then 0.75 once placements were limited by distance) against the primary multi-provider share of [002], 52% (docs/CALIBRATION.md, steps 3 and 7)"});
  visit(p.population.secondary_extra_partners_mean, ParameterInfo{"population", "secondary_extra_partners_mean", 1.9, 0, 10, "providers",
        "Mean providers a secondary school partners with besides its home provider (Poisson)"});
  visit(p.population.training_school_extra_partners, ParameterInfo{"population", "training_school_extra_partners", 5, 0, 20, "providers",
        "Mean providers a training school partners with besides its home provider (Poisson)"});
  visit(p.geography.primary_rural_share, ParameterInfo{"geography", "primary_rural_share", 0.29, 0, 1, "share",
        "Share of primary schools that are rural: town and fringe, village, hamlet (4,867 of 16,766; written answer 272250, 2019, table 1)"});
  visit(p.geography.secondary_rural_share, ParameterInfo{"geography", "secondary_rural_share", 0.147, 0, 1, "share",
        "Share of secondary schools that are rural (473 of 3,225; written answer 272250, 2019, table 2)"});
  visit(p.geography.special_rural_share, ParameterInfo{"geography", "special_rural_share", 0.266, 0, 1, "share",
        "Share of special schools that are rural: the share of all state schools (26.6%; written answer 272250, 2019)"});
  visit(p.geography.primary_academy_share, ParameterInfo{"geography", "primary_academy_share", 0.461, 0, 1, "share",
        "Share of primary schools that are academies or free schools (DfE, Schools, pupils and their characteristics 2024/25, as reported by Tes, June 2025; not checked against the DfE table); those outside the synthetic multi-academy trusts are single-academy trusts"});
  visit(p.geography.secondary_academy_share, ParameterInfo{"geography", "secondary_academy_share", 0.83, 0, 1, "share",
        "Share of secondary schools that are academies or free schools (DfE 2024/25, as reported by Tes; not checked against the DfE table)"});
  visit(p.geography.provider_reach_km, ParameterInfo{"geography", "provider_reach_km", 35, 1, 1000, "km",
        "Straight-line distance from an accredited HEI's or SCITT's base within which a school counts as within a provider's reach; a school with none is in a cold spot. 35 km is 22 miles, the furthest band of Liverpool John Moores University's placement travel payments (undated provider web page, read 2026; not a published statistic); no national rule found (University of Cumbria: 90 minutes' travel at most)"});
  visit(p.geography.special_academy_share, ParameterInfo{"geography", "special_academy_share", 0.496, 0, 1, "share",
        "Share of special schools that are academies or free schools (DfE 2024/25, as reported by Tes; not checked against the DfE table)"});
  visit(p.recruitment.primary_target, ParameterInfo{"recruitment", "primary_target", 9180, 0, 100000, "trainees/year",
        "National postgraduate recruitment target for primary before scaling"});
  visit(p.recruitment.secondary_target, ParameterInfo{"recruitment", "secondary_target", 26360, 0, 100000, "trainees/year",
        "National postgraduate recruitment target for secondary before scaling"});
  visit(p.recruitment.undergraduate_entrants, ParameterInfo{"recruitment", "undergraduate_entrants", 5000, 0, 50000, "trainees/year",
        "Final-year undergraduate trainees entering the model each year (90% primary), before scaling"});
  visit(p.recruitment.primary_fill_rate, ParameterInfo{"recruitment", "primary_fill_rate", 0.94, 0, 1.5, "share",
        "Expected share of the primary target recruited (94% in 2023/24)"});
  visit(p.recruitment.shortage_fill_rate, ParameterInfo{"recruitment", "shortage_fill_rate", 0.35, 0, 1.5, "share",
        "Expected share of the target recruited in shortage subjects"});
  visit(p.recruitment.other_ebacc_fill_rate, ParameterInfo{"recruitment", "other_ebacc_fill_rate", 0.55, 0, 1.5, "share",
        "Expected share of the target recruited in the other EBacc subjects"});
  visit(p.recruitment.non_ebacc_fill_rate, ParameterInfo{"recruitment", "non_ebacc_fill_rate", 0.7, 0, 1.5, "share",
        "Expected share of the target recruited in non-EBacc subjects"});
  visit(p.recruitment.secondary_bursary_uplift, ParameterInfo{"recruitment", "secondary_bursary_uplift", 0, 0, 2, "ratio",
        "Proportional rise in shortage-subject recruitment from bursaries above the baseline (recruitment lever)"});
  visit(p.recruitment.primary_school_direct_share, ParameterInfo{"recruitment", "primary_school_direct_share", 0.26, 0, 1, "share",
        "Share of primary postgraduate trainees on School Direct (fee) (2018 census)"});
  visit(p.recruitment.primary_salaried_share, ParameterInfo{"recruitment", "primary_salaried_share", 0.14, 0, 1, "share",
        "Share of primary postgraduate trainees on School Direct (salaried)"});
  visit(p.recruitment.primary_teach_first_share, ParameterInfo{"recruitment", "primary_teach_first_share", 0.03, 0, 1, "share",
        "Share of primary postgraduate trainees on Teach First"});
  visit(p.recruitment.secondary_school_direct_share, ParameterInfo{"recruitment", "secondary_school_direct_share", 0.26, 0, 1, "share",
        "Share of secondary postgraduate trainees on School Direct (fee)"});
  visit(p.recruitment.secondary_salaried_share, ParameterInfo{"recruitment", "secondary_salaried_share", 0.06, 0, 1, "share",
        "Share of secondary postgraduate trainees on School Direct (salaried)"});
  visit(p.recruitment.secondary_teach_first_share, ParameterInfo{"recruitment", "secondary_teach_first_share", 0.05, 0, 1, "share",
        "Share of secondary postgraduate trainees on Teach First"});
  visit(p.recruitment.scitt_share_of_provider_led, ParameterInfo{"recruitment", "scitt_share_of_provider_led", 0.23, 0, 1, "share",
        "Share of provider-led postgraduate places (not School Direct or Teach First) on SCITT courses; the rest are HEI-led (2018 census: 4,000 of 17,570)"});
  visit(p.recruitment.aptitude_sd, ParameterInfo{"recruitment", "aptitude_sd", 0.15, 0, 1, "ratio",
        "Standard deviation of a trainee's aptitude, a multiplier on progress with mean 1"});
  visit(p.placement.first_block_start_week, ParameterInfo{"placement", "first_block_start_week", 6, 0, 51, "week",
        "Week of the academic year in which the first placement block starts"});
  visit(p.placement.first_block_weeks, ParameterInfo{"placement", "first_block_weeks", 10, 1, 52, "weeks",
        "School weeks a trainee must complete in the first placement school"});
  visit(p.placement.second_block_start_week, ParameterInfo{"placement", "second_block_start_week", 20, 0, 51, "week",
        "Earliest week of the second placement block, in a different school"});
  visit(p.placement.second_block_weeks, ParameterInfo{"placement", "second_block_weeks", 14, 1, 52, "weeks",
        "School weeks a trainee must complete in the second placement school"});
  visit(p.placement.mentor_capacity, ParameterInfo{"placement", "mentor_capacity", 1.5, 1, 10, "load",
        "Mentoring load a mentor carries at most: a trainee counts 1, an early-career teacher ect_mentoring_load"});
  visit(p.placement.ect_mentoring_load, ParameterInfo{"placement", "ect_mentoring_load", 0.5, 0, 2, "load",
        "Mentoring load of one early-career teacher in induction"});
  visit(p.placement.primary_hosting_intercept, ParameterInfo{"placement", "primary_hosting_intercept", 2.0, -10, 10, "utility",
        "Baseline utility of hosting trainees for a primary school"});
  visit(p.placement.secondary_hosting_intercept, ParameterInfo{"placement", "secondary_hosting_intercept", 2.2, -10, 10, "utility",
        "Baseline utility of hosting trainees for a secondary school"});
  visit(p.placement.staff_development_benefit, ParameterInfo{"placement", "staff_development_benefit", 0.5, 0, 10, "utility",
        "Benefit of hosting from mentors' professional development, scaled by the school's CPD culture"});
  visit(p.placement.pipeline_benefit, ParameterInfo{"placement", "pipeline_benefit", 0.8, 0, 10, "utility",
        "Benefit of hosting as a recruitment pipeline, scaled by last year's vacancy rate times 10 (capped at 1)"});
  visit(p.placement.discourse_benefit, ParameterInfo{"placement", "discourse_benefit", 0.8, 0, 10, "utility",
        "Benefit of a culture of discourse, reached with a critical mass of trainees hosted last year"});
  visit(p.placement.critical_mass, ParameterInfo{"placement", "critical_mass", 4, 1, 100, "trainees",
        "Trainees hosted in a year at which the culture of discourse is fully established"});
  visit(p.placement.mentor_time_cost, ParameterInfo{"placement", "mentor_time_cost", 1.0, 0, 10, "utility",
        "Cost of mentor time, scaled by the share of the school's mentoring capacity already taken by ECTs"});
  visit(p.placement.coordination_cost, ParameterInfo{"placement", "coordination_cost", 0.35, 0, 10, "utility",
        "Coordination and paperwork cost of each provider beyond the first, times its prescriptiveness"});
  visit(p.placement.accountability_cost, ParameterInfo{"placement", "accountability_cost", 0.6, 0, 10, "utility",
        "Cost of hosting under accountability pressure, times the school's pressure"});
  visit(p.placement.mentoring_hours_per_trainee, ParameterInfo{"placement", "mentoring_hours_per_trainee", 1.0, 0, 10, "hours/week",
        "Mentoring time a trainee gets each week before any policy sets a minimum"});
  visit(p.placement.wider_search_attempts, ParameterInfo{"placement", "wider_search_attempts", 20, 0, 1000, "schools",
        "Schools within the trainee's travel distance a provider approaches for an unplaced trainee after its partners"});
  visit(p.placement.primary_max_travel_km, ParameterInfo{"placement", "primary_max_travel_km", 35, 1, 1000, "km",
        "Furthest straight-line distance from a primary trainee's term-time home to a placement school (an employed trainee's own school always counts). 35 km is 22 miles, the furthest band of Liverpool John Moores University's placement travel payments, measured from the term-time address (undated provider web page, read 2026); University of Cumbria pays for lodging beyond 90 minutes' travel. No national rule and no figure by phase found: not a published statistic"});
  visit(p.placement.secondary_max_travel_km, ParameterInfo{"placement", "secondary_max_travel_km", 35, 1, 1000, "km",
        "Furthest straight-line distance from a secondary trainee's term-time home to a placement school; the same sources as primary_max_travel_km (no figure by phase found)"});
  visit(p.placement.home_spread_km, ParameterInfo{"placement", "home_spread_km", 10, 0, 200, "km",
        "A trainee of an HEI or SCITT lives within this distance of one of its provider's partner schools of its region and phase, evenly over the disc (an assumption, not a published figure): providers recruit from the area their partnership covers; employed trainees live at their school, distance-learning trainees at a school of their region"});
  visit(p.placement.hei_partnership_churn, ParameterInfo{"placement", "hei_partnership_churn", 0.1, 0, 1, "probability",
        "Yearly chance that an HEI drops a satellite partnership that hosted none of its trainees that year"});
  visit(p.placement.partnership_formation_rate, ParameterInfo{"placement", "partnership_formation_rate", 0.15, 0, 1, "probability",
        "Yearly chance that a school of 1,000 or more pupils takes on one more provider of its region; smaller schools in proportion to pupils"});
  visit(p.placement.unplaced_withdrawal_weeks, ParameterInfo{"placement", "unplaced_withdrawal_weeks", 8, 1, 52, "weeks",
        "Consecutive weeks without a placement after which a trainee withdraws"});
  visit(p.mentoring.base_effectiveness, ParameterInfo{"mentoring", "base_effectiveness", 0.75, 0, 2, "ratio",
        "Effectiveness of an untrained, inexperienced mentor (progress multiplier)"});
  visit(p.mentoring.training_gain, ParameterInfo{"mentoring", "training_gain", 0.35, 0, 2, "ratio",
        "Effectiveness gained from mentor training, approached with diminishing returns"});
  visit(p.mentoring.training_hours_scale, ParameterInfo{"mentoring", "training_hours_scale", 10, 0.1, 200, "hours",
        "Training hours over which the remaining gain from training falls by a factor e"});
  visit(p.mentoring.experience_gain, ParameterInfo{"mentoring", "experience_gain", 0.1, 0, 2, "ratio",
        "Effectiveness gained from years of mentoring, approached with diminishing returns (scale 3 years)"});
  visit(p.mentoring.load_penalty, ParameterInfo{"mentoring", "load_penalty", 0.15, 0, 2, "ratio",
        "Proportional loss of effectiveness per unit of mentoring load above one"});
  visit(p.mentoring.peer_bonus, ParameterInfo{"mentoring", "peer_bonus", 0.1, 0, 2, "ratio",
        "Proportional gain in progress with a critical mass of trainees on placement in the school"});
  visit(p.mentoring.new_mentor_training_hours, ParameterInfo{"mentoring", "new_mentor_training_hours", 6, 0, 200, "hours",
        "Training hours a newly appointed mentor receives from the provider"});
  visit(p.mentoring.developmental_support, ParameterInfo{"mentoring", "developmental_support", 0.012, 0, 1, "wellbeing/week",
        "Weekly wellbeing gain of a trainee from fully developmental mentoring"});
  visit(p.mentoring.judgemental_strain, ParameterInfo{"mentoring", "judgemental_strain", 0.02, 0, 1, "wellbeing/week",
        "Weekly wellbeing loss of a trainee from fully judgemental mentoring"});
  visit(p.mentoring.isolation_strain, ParameterInfo{"mentoring", "isolation_strain", 0.006, 0, 1, "wellbeing/week",
        "Weekly wellbeing loss of a trainee who is the only one on placement in the school"});
  visit(p.progress.placement_progress_per_week, ParameterInfo{"progress", "placement_progress_per_week", 0.032, 0, 1, "competence/week",
        "Competence gained in a week on placement by a trainee of aptitude 1 with a mentor of effectiveness 1"});
  visit(p.progress.taught_progress_per_week, ParameterInfo{"progress", "taught_progress_per_week", 0.012, 0, 1, "competence/week",
        "Competence gained in a week of centre-based training by a trainee of aptitude 1"});
  visit(p.progress.progress_noise_sd, ParameterInfo{"progress", "progress_noise_sd", 0.01, 0, 1, "competence/week",
        "Standard deviation of week-to-week variation in progress"});
  visit(p.progress.placement_wellbeing_strain, ParameterInfo{"progress", "placement_wellbeing_strain", 0.01, 0, 1, "wellbeing/week",
        "Wellbeing a trainee loses in a week on placement from workload"});
  visit(p.progress.wellbeing_recovery, ParameterInfo{"progress", "wellbeing_recovery", 0.05, 0, 1, "1/week",
        "Share of the gap to full wellbeing a trainee recovers each week"});
  visit(p.progress.unplaced_wellbeing_loss, ParameterInfo{"progress", "unplaced_wellbeing_loss", 0.02, 0, 1, "wellbeing/week",
        "Wellbeing a trainee loses in a week waiting for a placement"});
  visit(p.progress.withdrawal_hazard_per_week, ParameterInfo{"progress", "withdrawal_hazard_per_week", 0.0013, 0, 1, "1/week",
        "Weekly withdrawal hazard of a trainee at wellbeing 0.7 who is on track"});
  visit(p.progress.withdrawal_wellbeing_slope, ParameterInfo{"progress", "withdrawal_wellbeing_slope", 6, 0, 50, "1/wellbeing",
        "Change in log withdrawal hazard per unit of wellbeing below 0.7 (and the reverse above)"});
  visit(p.progress.withdrawal_behind_slope, ParameterInfo{"progress", "withdrawal_behind_slope", 4, 0, 100, "1/competence",
        "Rise in log withdrawal hazard per unit of competence behind the expected trajectory"});
  visit(p.progress.assessment_week, ParameterInfo{"progress", "assessment_week", 40, 1, 51, "week",
        "Week of the academic year in which trainees are assessed for QTS"});
  visit(p.progress.qts_threshold, ParameterInfo{"progress", "qts_threshold", 0.8, 0, 2, "competence",
        "Competence against the Teachers' Standards needed for QTS"});
  visit(p.progress.extension_margin, ParameterInfo{"progress", "extension_margin", 0.08, 0, 1, "competence",
        "A trainee this close below the threshold, with both blocks done, gets an extension rather than a fail"});
  visit(p.progress.extension_weeks, ParameterInfo{"progress", "extension_weeks", 6, 1, 11, "weeks",
        "Length of an extension: extra school weeks with the last mentor, then a second assessment"});
  visit(p.employment.primary_pupil_trend, ParameterInfo{"employment", "primary_pupil_trend", -0.0115, -0.2, 0.2, "1/year",
        "Yearly proportional change in primary pupil numbers in England; each region adds its pupil_trends offset. DfE National pupil projections, July 2024: 4,563,525 (2024) to 4,356,551 (2028), -1.15% a year (as reported by Tes, '250,000 more pupils ... by 2028 than expected'; not checked against the DfE table)"});
  visit(p.employment.secondary_pupil_trend, ParameterInfo{"employment", "secondary_pupil_trend", 0.0165, -0.2, 0.2, "1/year",
        "Yearly proportional change in secondary pupil numbers in England up to the academic year secondary_pupil_peak_year. DfE National pupil projections, July 2022: 3,126 thousand (2022) to 3,230 thousand at the peak (2024), +1.65% a year"});
  visit(p.employment.secondary_pupil_peak_year, ParameterInfo{"employment", "secondary_pupil_peak_year", 2024, 2000, 2100, "year",
        "Last academic year whose secondary pupil numbers rise by secondary_pupil_trend; later years follow secondary_pupil_trend_after_peak. 2024 (2024/25) in DfE's July 2022 projections; a later release is reported to put the peak in 2026/27 (not checked)"});
  visit(p.employment.secondary_pupil_trend_after_peak, ParameterInfo{"employment", "secondary_pupil_trend_after_peak", -0.0085, -0.2, 0.2, "1/year",
        "Yearly proportional change in secondary pupil numbers in England after secondary_pupil_peak_year. DfE National pupil projections, July 2022: 3,230 thousand (2024) to 3,070 thousand (2030), -0.85% a year"});
  visit(p.employment.qts_job_seeking_rate, ParameterInfo{"employment", "qts_job_seeking_rate", 0.92, 0, 1, "probability",
        "Chance that a new QTS holder seeks a post in an English state school at all (the rest go elsewhere: independent schools, abroad, further study)"});
  visit(p.employment.job_search_km, ParameterInfo{"employment", "job_search_km", 25, 1, 1000, "km",
        "A new QTS holder, returner or other entrant takes the nearest vacancy within this straight-line distance of home. An assumption about 1.7 times teachers' mean one-way commute: about 13 km (primary) and 16 km (secondary), derived from Teacher Tapp's 2021 survey of round trips of 16 and just under 20 miles (Schools Week, 'How can teaching be made greener?'); not a published limit"});
  visit(p.employment.mobility, ParameterInfo{"employment", "mobility", 0.3, 0, 1, "probability",
        "Chance that a new QTS holder with no post within employment.job_search_km of home moves for one: anywhere in their region, else the region with most vacancies"});
  visit(p.employment.unemployed_retry_rate, ParameterInfo{"employment", "unemployed_retry_rate", 0.5, 0, 1, "probability",
        "Chance that a QTS holder who sought a post and found none seeks again at the next year end (each year); the rest leave teaching. An assumption: no published figure found"});
  visit(p.employment.returner_applicant_rate, ParameterInfo{"employment", "returner_applicant_rate", 0.05, 0, 1, "1/year",
        "Former teachers seeking to return each year, per teacher in post of the same school, phase and subject (they live near it). No count of applicants was found: 16,737 returners were hired in 2022/23 (DfE School Workforce in England, entrants by type, as tabled by John Howson's blog; not checked against the DfE table), 3.6% of about 468,000 teachers, a floor since not every applicant finds a post within reach; set by hand against teachers in post in 2024/25 (docs/CALIBRATION.md, step 8), which hires about 20,000 returners a year"});
  visit(p.employment.other_entrant_applicant_rate, ParameterInfo{"employment", "other_entrant_applicant_rate", 0.0103, 0, 1, "1/year",
        "Teachers new to the state sector who are not newly qualified (from independent schools, abroad) seeking a post each year, per teacher in post: 4,814 such entrants in 2022/23 of about 468,000 teachers (source as returner_applicant_rate)"});
  visit(p.employment.out_of_field_rate, ParameterInfo{"employment", "out_of_field_rate", 0.5, 0, 1, "probability",
        "Chance that a secondary vacancy no specialist took is filled by a teacher of another subject (out-of-field teaching) if one is seeking a post within reach. An assumption: schools fill hard-to-fill shortage posts with non-specialists (DfE School Workforce in England reports the share of hours taught by teachers without a relevant qualification), but no rate of such hiring was found"});
  visit(p.employment.hiring_noise_sd, ParameterInfo{"employment", "hiring_noise_sd", 0.25, 0, 10, "skill",
        "Standard deviation of the interview term schools add to an applicant's skill when ranking applicants (an assumption: 0.25 lets a new teacher (skill 0.35) beat a teacher of ten years (about 0.8) about one time in ten)"});
  visit(p.pupil_trends.primary_offset[0], ParameterInfo{"pupil_trends", "north_east_primary", -0.0064, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region: from 2023/24 to 2028/29 the North East's pupils fall 3.7% against England's 0.5%, primary and secondary together (DfE local authority pupil forecasts, as reported by Tes, 4 April 2025; not checked against the DfE tables)"});
  visit(p.pupil_trends.primary_offset[1], ParameterInfo{"pupil_trends", "north_west_primary", 0, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.primary_offset[2], ParameterInfo{"pupil_trends", "yorkshire_humber_primary", 0, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.primary_offset[3], ParameterInfo{"pupil_trends", "east_midlands_primary", 0.0088, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region: from 2023/24 to 2028/29 the East Midlands' pupils rise 3.9% against England's fall of 0.5%, primary and secondary together (DfE local authority pupil forecasts, as reported by Tes, 4 April 2025; not checked against the DfE tables)"});
  visit(p.pupil_trends.primary_offset[4], ParameterInfo{"pupil_trends", "west_midlands_primary", 0, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.primary_offset[5], ParameterInfo{"pupil_trends", "east_of_england_primary", 0, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.primary_offset[6], ParameterInfo{"pupil_trends", "london_primary", -0.0086, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region: from 2023/24 to 2028/29 London's pupils fall 4.8% against England's 0.5%, primary and secondary together (DfE local authority pupil forecasts, as reported by Tes, 4 April 2025; not checked against the DfE tables)"});
  visit(p.pupil_trends.primary_offset[7], ParameterInfo{"pupil_trends", "south_east_primary", 0, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.primary_offset[8], ParameterInfo{"pupil_trends", "south_west_primary", 0, -0.2, 0.2, "1/year",
        "Added to the national primary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.secondary_offset[0], ParameterInfo{"pupil_trends", "north_east_secondary", -0.0064, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region: from 2023/24 to 2028/29 the North East's pupils fall 3.7% against England's 0.5%, primary and secondary together (DfE local authority pupil forecasts, as reported by Tes, 4 April 2025; not checked against the DfE tables)"});
  visit(p.pupil_trends.secondary_offset[1], ParameterInfo{"pupil_trends", "north_west_secondary", 0, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.secondary_offset[2], ParameterInfo{"pupil_trends", "yorkshire_humber_secondary", 0, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.secondary_offset[3], ParameterInfo{"pupil_trends", "east_midlands_secondary", 0.0088, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region: from 2023/24 to 2028/29 the East Midlands' pupils rise 3.9% against England's fall of 0.5%, primary and secondary together (DfE local authority pupil forecasts, as reported by Tes, 4 April 2025; not checked against the DfE tables)"});
  visit(p.pupil_trends.secondary_offset[4], ParameterInfo{"pupil_trends", "west_midlands_secondary", 0, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.secondary_offset[5], ParameterInfo{"pupil_trends", "east_of_england_secondary", 0, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.secondary_offset[6], ParameterInfo{"pupil_trends", "london_secondary", -0.0086, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region: from 2023/24 to 2028/29 London's pupils fall 4.8% against England's 0.5%, primary and secondary together (DfE local authority pupil forecasts, as reported by Tes, 4 April 2025; not checked against the DfE tables)"});
  visit(p.pupil_trends.secondary_offset[7], ParameterInfo{"pupil_trends", "south_east_secondary", 0, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.pupil_trends.secondary_offset[8], ParameterInfo{"pupil_trends", "south_west_secondary", 0, -0.2, 0.2, "1/year",
        "Added to the national secondary pupil trend in this region (0: no regional projection was found that differs from England's)"});
  visit(p.moves.primary_rate, ParameterInfo{"moves", "primary_rate", 0.09, 0, 1, "1/year",
        "Yearly chance that a primary (or special-school) teacher past their first years seeks a post in another state school (one who finds none stays). Set so that the moves made match the 8% of teachers who move school each year (EPI, 'The teacher labour market', 2016); primary teachers moved slightly more than secondary: 9% against 8% in 2014/15 (Worth et al., 'Teacher workforce dynamics in England', NFER 2018, as summarised by Schools North East)"});
  visit(p.moves.secondary_rate, ParameterInfo{"moves", "secondary_rate", 0.08, 0, 1, "1/year",
        "Yearly chance that a secondary teacher past their first years seeks a post in another state school (sources as primary_rate)"});
  visit(p.moves.early_career_ratio, ParameterInfo{"moves", "early_career_ratio", 1.5, 0, 20, "ratio",
        "A teacher with fewer than early_career_years of experience seeks a move this many times as often. An assumption: NFER (Research Update 1, 2017) and Allen, Burgess and Mayo (2012) find early-career teachers more likely to move, but no rate by career stage was found"});
  visit(p.moves.early_career_years, ParameterInfo{"moves", "early_career_years", 5, 0, 40, "years",
        "Experience below which the early-career move ratio applies"});
  visit(p.moves.search_km, ParameterInfo{"moves", "search_km", 25, 1, 1000, "km",
        "A teacher seeking a move takes the nearest vacancy of their phase and subject in another school of their region within this straight-line distance of their school; with none they stay. As employment.job_search_km, an assumption: no published distribution of move distances was found"});
  visit(p.career.leaving_rate, ParameterInfo{"career", "leaving_rate", 0.0695, 0, 1, "1/year",
        "Yearly leaving probability of an established teacher at typical wellbeing, load and CPD culture"});
  visit(p.career.early_career_leaving_excess, ParameterInfo{"career", "early_career_leaving_excess", 0.45, 0, 20, "ratio",
        "Extra leaving hazard of a new teacher, relative to an established one; set by hand with late_career_experience against the leaving rate and one- and five-year retention (docs/CALIBRATION.md, step 8)"});
  visit(p.career.early_career_decay_years, ParameterInfo{"career", "early_career_decay_years", 0.8, 0.1, 40, "years",
        "Years over which the early-career excess hazard decays by a factor e"});
  visit(p.career.late_career_leaving_excess, ParameterInfo{"career", "late_career_leaving_excess", 3.0, 0, 20, "ratio",
        "Extra leaving hazard (early retirement, leaving before pension age) of a teacher past late_career_experience"});
  visit(p.career.late_career_experience, ParameterInfo{"career", "late_career_experience", 20, 0, 60, "years",
        "Years of experience from which the late-career excess hazard applies (25 until the labour market was modelled; docs/CALIBRATION.md, step 8)"});
  visit(p.career.secondary_leaving_ratio, ParameterInfo{"career", "secondary_leaving_ratio", 0.91, 0, 10, "ratio",
        "Leaving hazard of a secondary teacher in a subject other than a shortage one, relative to a primary teacher's: in 2023/24 8.7% of secondary and 8.9% of primary teachers left (DfE School Workforce in England, qualified leavers), and with shortage_leaving_ratio on 40% of secondary posts, 0.91 gives secondary as a whole 0.98 of primary"});
  visit(p.career.shortage_leaving_ratio, ParameterInfo{"career", "shortage_leaving_ratio", 1.2, 0, 10, "ratio",
        "Leaving hazard of a teacher of a shortage subject relative to another secondary teacher's: science 10.4%, mathematics 10.3%, languages 10.2% a year against 8.5% for English, humanities, arts, technology and PE taken together, 2010-2015 (Worth and De Lazzari, 'Teacher retention and turnover research, Research Update 1', NFER 2017, as reported; not checked against the NFER tables)"});
  visit(p.career.leaving_wellbeing_slope, ParameterInfo{"career", "leaving_wellbeing_slope", 3, 0, 50, "1/wellbeing",
        "Change in log leaving hazard per unit of wellbeing below 0.7 (and the reverse above)"});
  visit(p.career.leaving_load_slope, ParameterInfo{"career", "leaving_load_slope", 0.2, 0, 10, "1/load",
        "Rise in log leaving hazard per unit of mentoring load carried"});
  visit(p.career.cpd_culture_effect, ParameterInfo{"career", "cpd_culture_effect", 0.6, 0, 10, "1/score",
        "Fall in log leaving hazard per unit of the school's CPD culture above 0.5 (and the reverse below)"});
  visit(p.career.induction_support_effect, ParameterInfo{"career", "induction_support_effect", 0.8, 0, 10, "1/style",
        "Fall in log leaving hazard of an early-career teacher per unit of developmental induction mentoring above 0.5"});
  visit(p.career.unsupported_ect_excess, ParameterInfo{"career", "unsupported_ect_excess", 0.5, 0, 10, "ratio",
        "Extra leaving hazard of an early-career teacher who had no induction mentor"});
  visit(p.career.teacher_wellbeing_recovery, ParameterInfo{"career", "teacher_wellbeing_recovery", 0.1, 0, 1, "1/week",
        "Share of the gap to a teacher's resting wellbeing (0.7) recovered each week"});
  visit(p.career.mentoring_wellbeing_strain, ParameterInfo{"career", "mentoring_wellbeing_strain", 0.005, 0, 1, "wellbeing/week",
        "Wellbeing a teacher loses in a week per unit of mentoring load"});
  visit(p.career.retirement_experience, ParameterInfo{"career", "retirement_experience", 38, 5, 60, "years",
        "Years of experience at which a teacher retires"});
  visit(p.career.mentor_training_rate, ParameterInfo{"career", "mentor_training_rate", 0.016, 0, 1, "1/year",
        "Yearly chance that a teacher with three or more years of experience who is not a mentor becomes one"});
  visit(p.networks.mat_share, ParameterInfo{"networks", "mat_share", 0.4, 0, 1, "share",
        "Share of schools in a multi-academy trust at the start"});
  visit(p.networks.mat_size_mean, ParameterInfo{"networks", "mat_size_mean", 8, 2, 100, "schools",
        "Mean schools in a multi-academy trust (all in one region)"});
  visit(p.networks.teaching_school_hubs, ParameterInfo{"networks", "teaching_school_hubs", 87, 0, 1000, "hubs",
        "Teaching school hubs before scaling, each led by a training school where there is one"});
  visit(p.networks.hub_engagement, ParameterInfo{"networks", "hub_engagement", 0.25, 0, 1, "share",
        "Share of a region's schools engaged with one of its teaching school hubs at the start"});
  visit(p.networks.learning_network_share, ParameterInfo{"networks", "learning_network_share", 0.1, 0, 1, "share",
        "Share of schools in a voluntary professional learning network at the start"});
  visit(p.networks.learning_network_size_mean, ParameterInfo{"networks", "learning_network_size_mean", 8, 2, 100, "schools",
        "Mean schools in a professional learning network at the start"});
  visit(p.networks.learning_network_capacity, ParameterInfo{"networks", "learning_network_capacity", 0.5, 0, 1, "share",
        "Share of a professional learning network's members with a lead mentor (CPD leader) at the start"});
  visit(p.networks.scitt_tightness, ParameterInfo{"networks", "scitt_tightness", 0.6, 0, 1, "score",
        "Tightness of a SCITT cooperative (its home schools), 0 loose ... 1 tight federation"});
  visit(p.networks.mat_tightness, ParameterInfo{"networks", "mat_tightness", 0.9, 0, 1, "score",
        "Tightness of a multi-academy trust"});
  visit(p.networks.hub_tightness, ParameterInfo{"networks", "hub_tightness", 0.3, 0, 1, "score",
        "Tightness of a teaching school hub's network"});
  visit(p.networks.funded_tightness, ParameterInfo{"networks", "funded_tightness", 0.6, 0, 1, "score",
        "Tightness of a funded learning network"});
  visit(p.networks.learning_network_tightness, ParameterInfo{"networks", "learning_network_tightness", 0.4, 0, 1, "score",
        "Tightness of a voluntary professional learning network"});
  visit(p.networks.tie_candidates, ParameterInfo{"networks", "tie_candidates", 6, 0, 100, "schools",
        "Fellow members a school considers working with each year in each of its networks"});
  visit(p.networks.tie_rate, ParameterInfo{"networks", "tie_rate", 0.6, 0, 1, "probability",
        "Chance that two members of a fully tight network who consider each other form a CPD tie, before accountability"});
  visit(p.networks.link_discount, ParameterInfo{"networks", "link_discount", 0.8, 0, 10, "1/sd",
        "Under individual accountability, fall in a stronger school's log-willingness to tie per standard deviation of effectiveness it is ahead; group accountability reverses the sign"});
  visit(p.networks.stay_intercept, ParameterInfo{"networks", "stay_intercept", 2.0, -10, 10, "utility",
        "Baseline utility of staying in a voluntary network for a year"});
  visit(p.networks.tie_benefit, ParameterInfo{"networks", "tie_benefit", 0.3, 0, 10, "utility",
        "Benefit of membership per CPD tie the school had in the network this year"});
  visit(p.networks.capacity_benefit, ParameterInfo{"networks", "capacity_benefit", 3, 0, 20, "utility",
        "Benefit of membership per unit of the network's internal capacity (share of members with a lead mentor)"});
  visit(p.networks.membership_cost, ParameterInfo{"networks", "membership_cost", 3.0, 0, 20, "utility",
        "Cost of a voluntary membership in staff time and cover, times the network's tightness; funding covers it while it lasts"});
  visit(p.networks.join_rate, ParameterInfo{"networks", "join_rate", 0.02, 0, 1, "probability",
        "Yearly chance that a school considers joining a voluntary network of its region (it joins if staying would pay)"});
  visit(p.networks.minimum_members, ParameterInfo{"networks", "minimum_members", 3, 2, 100, "schools",
        "A network with fewer members than this dissolves at the summer review"});
  visit(p.cpd.individual_skill_gain, ParameterInfo{"cpd", "individual_skill_gain", 0.12, 0, 1, "1/year",
        "Share of the gap to full skill a teacher closes each year through experience and individual CPD"});
  visit(p.cpd.collaborative_skill_gain, ParameterInfo{"cpd", "collaborative_skill_gain", 0.08, 0, 1, "1/year",
        "Further share of the gap closed each year with fully collaborative, sustained CPD (scaled by the school's ties)"});
  visit(p.cpd.collaborative_wellbeing_gain, ParameterInfo{"cpd", "collaborative_wellbeing_gain", 0.03, 0, 0.3, "wellbeing",
        "Rise in a teacher's resting wellbeing with fully collaborative CPD (scaled by the school's ties)"});
  visit(p.cpd.ties_for_full_collaboration, ParameterInfo{"cpd", "ties_for_full_collaboration", 4, 1, 100, "ties",
        "Cross-school CPD ties at which a school's professional learning counts as fully collaborative"});
  visit(p.cpd.new_teacher_skill, ParameterInfo{"cpd", "new_teacher_skill", 0.35, 0, 1, "skill",
        "Skill of a newly qualified teacher, 0 ... 1"});
  visit(p.cpd.effectiveness_skill_weight, ParameterInfo{"cpd", "effectiveness_skill_weight", 4, 0, 100, "sd/skill",
        "Rise in school effectiveness (in standard deviations) per unit of its teachers' mean skill"});
  visit(p.cpd.lead_mentor_share, ParameterInfo{"cpd", "lead_mentor_share", 0.15, 0, 1, "share",
        "Share of schools with mentors that have a lead mentor at the start (every training school has one)"});
  visit(p.cpd.lead_mentor_support_hours, ParameterInfo{"cpd", "lead_mentor_support_hours", 1.5, 0, 50, "hours/year",
        "Training a lead mentor gives each mentor of their school in a year; half as much to mentors of schools tied to it"});
  visit(p.cpd.lead_mentor_appointment_rate, ParameterInfo{"cpd", "lead_mentor_appointment_rate", 0.006, 0, 1, "1/year",
        "Yearly chance that a hosting school without a lead mentor appoints one of its mentors"});
  visit(p.cpd.lead_mentor_replacement, ParameterInfo{"cpd", "lead_mentor_replacement", 0.8, 0, 1, "probability",
        "Chance that a school whose lead mentor left appoints another at the next summer review"});
  visit(p.providers.quality_adjustment_rate, ParameterInfo{"providers", "quality_adjustment_rate", 0.1, 0, 1, "1/year",
        "Share of the gap to the quality its partnerships support that a provider closes each year"});
  visit(p.providers.stability_weight, ParameterInfo{"providers", "stability_weight", 0.3, 0, 1, "quality",
        "Weight of partnership stability (share of its placements in schools it had partnered before) in a provider's quality"});
  visit(p.providers.mentor_training_weight, ParameterInfo{"providers", "mentor_training_weight", 0.3, 0, 1, "quality",
        "Weight of the training of its trainees' mentors (gain reached, 0 ... 1) in a provider's quality"});
  visit(p.providers.closed_capacity_transfer, ParameterInfo{"providers", "closed_capacity_transfer", 0.5, 0, 1, "share",
        "Share of a closed provider's recruitment capacity its lead partner takes over (a demoted one passes on all)"});
  visit(p.providers.mentor_hour_gbp, ParameterInfo{"providers", "mentor_hour_gbp", 43, 0, 1000, "GBP/hour",
        "Public cost of one funded hour of a mentor's time (training grant or protected time)"});
  visit(p.market_review.start_year, ParameterInfo{"market_review", "start_year", 0, 0, 2100, "year",
        "Academic year from which the ITT Market Review's requirements apply (0: off; else one of the run's years; 2024 in England)"});
  visit(p.market_review.mentor_initial_training_hours, ParameterInfo{"market_review", "mentor_initial_training_hours", 20, 0, 200, "hours",
        "Initial training a mentor needs with each provider in their first year under the review"});
  visit(p.market_review.mentor_refresher_training_hours, ParameterInfo{"market_review", "mentor_refresher_training_hours", 6, 0, 200, "hours",
        "Top-up training in a mentor's second year under the review"});
  visit(p.market_review.lead_mentor_training_hours, ParameterInfo{"market_review", "lead_mentor_training_hours", 30, 0, 200, "hours",
        "Training of a new lead mentor"});
  visit(p.market_review.lead_mentor_required, ParameterInfo{"market_review", "lead_mentor_required", 1, 0, 1, "0/1",
        "1: every placement school needs a lead mentor, so a hosting school without one trains one"});
  visit(p.market_review.mentoring_hours_per_trainee, ParameterInfo{"market_review", "mentoring_hours_per_trainee", 1.5, 0, 10, "hours/week",
        "Minimum mentoring time per trainee per week"});
  visit(p.market_review.minimum_placement_weeks, ParameterInfo{"market_review", "minimum_placement_weeks", 28, 0, 52, "weeks",
        "Minimum school-based weeks: the second block is lengthened to reach it (0: no minimum)"});
  visit(p.market_review.itap_weeks, ParameterInfo{"market_review", "itap_weeks", 4, 0, 20, "weeks",
        "Weeks of intensive training and practice (ITaP), just before the second block"});
  visit(p.market_review.itap_progress_per_week, ParameterInfo{"market_review", "itap_progress_per_week", 0.02, 0, 1, "competence/week",
        "Competence gained in an ITaP week by a trainee of aptitude 1 (instead of centre-based progress)"});
  visit(p.market_review.reaccreditation, ParameterInfo{"market_review", "reaccreditation", 1, 0, 1, "0/1",
        "1: every HEI and SCITT is re-accredited in the start year; those below the bar lose accreditation"});
  visit(p.market_review.reaccreditation_week, ParameterInfo{"market_review", "reaccreditation_week", 26, 0, 51, "week",
        "Week of the start year in which re-accreditation outcomes take effect"});
  visit(p.market_review.accreditation_quality_bar, ParameterInfo{"market_review", "accreditation_quality_bar", 0.55, 0, 1, "quality",
        "Quality a provider needs to be re-accredited; below it, it becomes a delivery partner of a lead partner"});
  visit(p.market_review.closure_quality_bar, ParameterInfo{"market_review", "closure_quality_bar", 0.45, 0, 1, "quality",
        "Quality below which a provider that fails re-accreditation closes rather than becomes a delivery partner"});
  visit(p.market_review.multi_provider_training_share, ParameterInfo{"market_review", "multi_provider_training_share", 0.5, 0, 1, "share",
        "Share of a mentor's training repeated for each provider beyond the first, since each trains mentors in its own programme"});
  visit(p.market_review.training_time_cost, ParameterInfo{"market_review", "training_time_cost", 0.5, 0, 20, "utility",
        "Hosting cost of the unfunded training the school's mentors need this year, per 20 hours per mentor"});
  visit(p.market_review.mentoring_time_cost, ParameterInfo{"market_review", "mentoring_time_cost", 0.4, 0, 20, "utility",
        "Hosting cost per hour per trainee per week of mentoring required above placement.mentoring_hours_per_trainee"});
  visit(p.market_review.lead_mentor_cost, ParameterInfo{"market_review", "lead_mentor_cost", 0.3, 0, 20, "utility",
        "Hosting cost of training a lead mentor, for a school without one (none when funded)"});
  visit(p.market_review.mentor_funding, ParameterInfo{"market_review", "mentor_funding", 0, 0, 1, "0/1",
        "1: a grant pays schools for mentors' training time, up to funded_training_hours per mentor a year"});
  visit(p.market_review.funded_training_hours, ParameterInfo{"market_review", "funded_training_hours", 20, 0, 200, "hours",
        "Training hours per mentor a year the grant pays for"});
  visit(p.accountability.start_year, ParameterInfo{"accountability", "start_year", 0, 0, 2100, "year",
        "Academic year from which the accountability lever applies (0: off; else one of the run's years, schools accountable one by one at strength 1)"});
  visit(p.accountability.group_share, ParameterInfo{"accountability", "group_share", 0, 0, 1, "share",
        "0: each school is accountable alone (competition); 1: groups of schools are accountable together; between: a mix (trusts always group)"});
  visit(p.accountability.strength, ParameterInfo{"accountability", "strength", 1, 0, 5, "ratio",
        "Strength of accountability: multiplies schools' accountability pressure and the weight of effectiveness gaps in linking"});
  visit(p.collaboration.start_year, ParameterInfo{"collaboration", "start_year", 0, 0, 2100, "year",
        "Academic year from which the collaboration regime applies (0: off; else one of the run's years, competitive placement market)"});
  visit(p.collaboration.clearing_house, ParameterInfo{"collaboration", "clearing_house", 1, 0, 1, "0/1",
        "1: a regional clearing-house places trainees their providers' partners cannot take, by need, instead of bidding by reputation"});
  visit(p.collaboration.common_paperwork, ParameterInfo{"collaboration", "common_paperwork", 1, 0, 1, "0/1",
        "1: providers share common paperwork, removing part of each extra provider's coordination cost"});
  visit(p.collaboration.paperwork_reduction, ParameterInfo{"collaboration", "paperwork_reduction", 0.7, 0, 1, "share",
        "Share of the per-provider coordination cost that common paperwork removes"});
  visit(p.network_funding.start_year, ParameterInfo{"network_funding", "start_year", 0, 0, 2100, "year",
        "Academic year in which a funded network programme starts (0: off; else one of the run's years)"});
  visit(p.network_funding.years, ParameterInfo{"network_funding", "years", 3, 1, 50, "years",
        "Years each network is funded"});
  visit(p.network_funding.amount_gbp, ParameterInfo{"network_funding", "amount_gbp", 50000, 0, 10000000, "GBP/year",
        "Funding per network per year (networked learning communities: 50,000; learning networks: 12,000)"});
  visit(p.network_funding.minimum_schools, ParameterInfo{"network_funding", "minimum_schools", 6, 2, 100, "schools",
        "Schools a network needs to be funded"});
  visit(p.network_funding.networks, ParameterInfo{"network_funding", "networks", 130, 1, 10000, "networks",
        "Networks the programme funds, before scaling"});
  visit(p.network_funding.capacity_building_rate, ParameterInfo{"network_funding", "capacity_building_rate", 0.3, 0, 5, "1/year",
        "Yearly chance, per 10,000 GBP of funding per member school, that a funded member trains a lead mentor"});
  visit(p.mentoring_culture.start_year, ParameterInfo{"mentoring_culture", "start_year", 0, 0, 2100, "year",
        "Academic year from which the mentoring-culture lever applies (0: off; else one of the run's years)"});
  visit(p.mentoring_culture.developmental_share, ParameterInfo{"mentoring_culture", "developmental_share", 0.7, 0, 1, "share",
        "Share of mentors trained in developmental (ONSIDE) mentoring, who then mentor in that style"});
  visit(p.mentoring_culture.developmental_style, ParameterInfo{"mentoring_culture", "developmental_style", 0.85, 0, 1, "style",
        "Style of a mentor trained in developmental mentoring (an earlier more developmental style is kept)"});
  visit(p.mentoring_culture.protected_hours, ParameterInfo{"mentoring_culture", "protected_hours", 0, 0, 10, "hours/week",
        "Funded, protected mentor time per trainee per week, which relieves the load's toll on effectiveness and wellbeing"});
  visit(p.recruitment_policy.start_year, ParameterInfo{"recruitment_policy", "start_year", 0, 0, 2100, "year",
        "Academic year from which the recruitment lever applies (0: off; else one of the run's years)"});
  visit(p.recruitment_policy.primary_target_factor, ParameterInfo{"recruitment_policy", "primary_target_factor", 1, 0, 5, "ratio",
        "Multiplies the primary recruitment target"});
  visit(p.recruitment_policy.secondary_target_factor, ParameterInfo{"recruitment_policy", "secondary_target_factor", 1, 0, 5, "ratio",
        "Multiplies the secondary recruitment target"});
  visit(p.recruitment_policy.bursary_uplift, ParameterInfo{"recruitment_policy", "bursary_uplift", 0, 0, 2, "ratio",
        "Further proportional rise in shortage-subject recruitment from larger bursaries"});
  visit(p.recruitment_policy.bursary_gbp, ParameterInfo{"recruitment_policy", "bursary_gbp", 0, 0, 100000, "GBP/trainee",
        "Public cost of the larger bursary per shortage-subject trainee recruited"});
  // clang-format on
}

}  // namespace ittsim
