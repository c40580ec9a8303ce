#pragma once
// The parameter table. Every parameter is declared exactly once, in visit_parameters(): its
// group, name, default, allowed range, unit and meaning sit beside the member it binds to.
// That one declaration drives scenario parsing and validation, `ittsim params` and
// docs/PARAMETERS.md, so none of them can drift from the others.

#include <cstdint>
#include <string>
#include <string_view>

namespace ittsim {

struct ParameterInfo {
  std::string_view group;
  std::string_view name;
  double default_value;
  double minimum;
  double maximum;
  std::string_view unit;
  std::string_view description;

  std::string key() const { return std::string(group) + "." + std::string(name); }
};

struct RunParameters {
  std::int64_t start_year;
  std::int64_t years;
  std::int64_t seed;
  std::int64_t replicates;
};

struct PopulationParameters {
  double scale;
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
  double mean_teacher_experience;
  double mentor_share;
  std::int64_t hei_providers;
  std::int64_t scitt_providers;
  double hei_size_ratio;
  double extra_partners_mean;
};

struct RecruitmentParameters {
  std::int64_t primary_target;
  std::int64_t secondary_target;
  double primary_fill_rate;
  double secondary_fill_rate;
  double aptitude_sd;
};

struct PlacementParameters {
  std::int64_t first_block_start_week;
  std::int64_t first_block_weeks;
  std::int64_t second_block_start_week;
  std::int64_t second_block_weeks;
  std::int64_t trainees_per_mentor;
  double primary_hosting_probability;
  double secondary_hosting_probability;
  std::int64_t wider_search_attempts;
  std::int64_t unplaced_withdrawal_weeks;
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
  std::int64_t assessment_week;
  double qts_threshold;
};

struct CareerParameters {
  double leaving_rate;
  double early_career_leaving_excess;
  double early_career_decay_years;
  double leaving_wellbeing_slope;
  double teacher_wellbeing_recovery;
  double mentoring_wellbeing_strain;
  std::int64_t retirement_experience;
  double other_entrant_fill_rate;
  double qts_job_seeking_rate;
  double mentor_training_rate;
};

// The full set of model inputs: plain values, filled only from the parameter table.
struct Parameters {
  RunParameters run;
  PopulationParameters population;
  RecruitmentParameters recruitment;
  PlacementParameters placement;
  ProgressParameters progress;
  CareerParameters career;
};

// Calls visitor(member, info) for every parameter, in documentation order. P is Parameters
// or const Parameters; member types are std::int64_t (integers) or double (reals).
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
        "Multiplies every school, provider and recruitment-target count (1 = England)"});
  visit(p.population.primary_schools, ParameterInfo{"population", "primary_schools", 16764, 0, 100000, "schools",
        "State-funded primary schools before scaling (DfE, January 2024)"});
  visit(p.population.secondary_schools, ParameterInfo{"population", "secondary_schools", 3450, 0, 100000, "schools",
        "State-funded secondary schools before scaling"});
  visit(p.population.special_schools, ParameterInfo{"population", "special_schools", 1000, 0, 100000, "schools",
        "State-funded special schools before scaling"});
  visit(p.population.primary_pupils_mean, ParameterInfo{"population", "primary_pupils_mean", 275, 10, 5000, "pupils",
        "Mean pupils per primary school (4.61 million over 16,764 schools)"});
  visit(p.population.secondary_pupils_mean, ParameterInfo{"population", "secondary_pupils_mean", 1064, 10, 5000, "pupils",
        "Mean pupils per secondary school (3.67 million over 3,450 schools)"});
  visit(p.population.special_pupils_mean, ParameterInfo{"population", "special_pupils_mean", 150, 10, 5000, "pupils",
        "Mean pupils per special school"});
  visit(p.population.pupils_dispersion, ParameterInfo{"population", "pupils_dispersion", 0.45, 0, 2, "log-sd",
        "Standard deviation of log school size around the phase mean"});
  visit(p.population.primary_pupils_per_teacher, ParameterInfo{"population", "primary_pupils_per_teacher", 20.6, 1, 60, "pupils/FTE",
        "Pupil-teacher ratio that sets the number of teacher posts in a primary school"});
  visit(p.population.secondary_pupils_per_teacher, ParameterInfo{"population", "secondary_pupils_per_teacher", 16.7, 1, 60, "pupils/FTE",
        "Pupil-teacher ratio that sets the number of teacher posts in a secondary school"});
  visit(p.population.special_pupils_per_teacher, ParameterInfo{"population", "special_pupils_per_teacher", 6.5, 1, 60, "pupils/FTE",
        "Pupil-teacher ratio that sets the number of teacher posts in a special school"});
  visit(p.population.mean_teacher_experience, ParameterInfo{"population", "mean_teacher_experience", 12, 0, 40, "years",
        "Mean years of experience of teachers in post at the start and of returners (exponential, truncated below retirement)"});
  visit(p.population.mentor_share, ParameterInfo{"population", "mentor_share", 0.12, 0, 1, "share",
        "Share of teachers with at least three years' experience who are trained ITT mentors"});
  visit(p.population.hei_providers, ParameterInfo{"population", "hei_providers", 71, 0, 1000, "providers",
        "Higher-education ITT providers before scaling (2022/23)"});
  visit(p.population.scitt_providers, ParameterInfo{"population", "scitt_providers", 155, 0, 1000, "providers",
        "School-centred ITT providers (SCITTs) before scaling (2022/23)"});
  visit(p.population.hei_size_ratio, ParameterInfo{"population", "hei_size_ratio", 6, 1, 50, "ratio",
        "Recruitment and partnership size of an HEI relative to a SCITT"});
  visit(p.population.extra_partners_mean, ParameterInfo{"population", "extra_partners_mean", 0.8, 0, 10, "providers",
        "Mean number of providers a school partners with besides its home provider (Poisson)"});

  visit(p.recruitment.primary_target, ParameterInfo{"recruitment", "primary_target", 9180, 0, 100000, "trainees/year",
        "National postgraduate recruitment target for primary before scaling"});
  visit(p.recruitment.secondary_target, ParameterInfo{"recruitment", "secondary_target", 26360, 0, 100000, "trainees/year",
        "National postgraduate recruitment target for secondary before scaling"});
  visit(p.recruitment.primary_fill_rate, ParameterInfo{"recruitment", "primary_fill_rate", 0.94, 0, 1.5, "share",
        "Expected share of the primary target recruited"});
  visit(p.recruitment.secondary_fill_rate, ParameterInfo{"recruitment", "secondary_fill_rate", 0.48, 0, 1.5, "share",
        "Expected share of the secondary target recruited"});
  visit(p.recruitment.aptitude_sd, ParameterInfo{"recruitment", "aptitude_sd", 0.2, 0, 1, "ratio",
        "Standard deviation of a trainee's aptitude, a multiplier on progress with mean 1"});

  visit(p.placement.first_block_start_week, ParameterInfo{"placement", "first_block_start_week", 6, 0, 51, "week",
        "Week of the academic year in which the first placement block starts"});
  visit(p.placement.first_block_weeks, ParameterInfo{"placement", "first_block_weeks", 10, 1, 52, "weeks",
        "School weeks a trainee must complete in the first placement school"});
  visit(p.placement.second_block_start_week, ParameterInfo{"placement", "second_block_start_week", 20, 0, 51, "week",
        "Earliest week of the second placement block, in a different school"});
  visit(p.placement.second_block_weeks, ParameterInfo{"placement", "second_block_weeks", 14, 1, 52, "weeks",
        "School weeks a trainee must complete in the second placement school"});
  visit(p.placement.trainees_per_mentor, ParameterInfo{"placement", "trainees_per_mentor", 1, 1, 5, "trainees",
        "Trainees a trained mentor takes at one time"});
  visit(p.placement.primary_hosting_probability, ParameterInfo{"placement", "primary_hosting_probability", 0.55, 0, 1, "probability",
        "Chance that a primary school is willing to host trainees in a given year"});
  visit(p.placement.secondary_hosting_probability, ParameterInfo{"placement", "secondary_hosting_probability", 0.85, 0, 1, "probability",
        "Chance that a secondary school is willing to host trainees in a given year"});
  visit(p.placement.wider_search_attempts, ParameterInfo{"placement", "wider_search_attempts", 20, 0, 1000, "schools",
        "Schools in its region a provider approaches for an unplaced trainee after its partners"});
  visit(p.placement.unplaced_withdrawal_weeks, ParameterInfo{"placement", "unplaced_withdrawal_weeks", 6, 1, 52, "weeks",
        "Consecutive weeks without a placement after which a trainee withdraws"});

  visit(p.progress.placement_progress_per_week, ParameterInfo{"progress", "placement_progress_per_week", 0.03, 0, 1, "competence/week",
        "Competence gained in a week on placement by a trainee of aptitude 1"});
  visit(p.progress.taught_progress_per_week, ParameterInfo{"progress", "taught_progress_per_week", 0.012, 0, 1, "competence/week",
        "Competence gained in a week of centre-based training by a trainee of aptitude 1"});
  visit(p.progress.progress_noise_sd, ParameterInfo{"progress", "progress_noise_sd", 0.01, 0, 1, "competence/week",
        "Standard deviation of week-to-week variation in progress"});
  visit(p.progress.placement_wellbeing_strain, ParameterInfo{"progress", "placement_wellbeing_strain", 0.01, 0, 1, "wellbeing/week",
        "Wellbeing a trainee loses in a week on placement"});
  visit(p.progress.wellbeing_recovery, ParameterInfo{"progress", "wellbeing_recovery", 0.05, 0, 1, "1/week",
        "Share of the gap to full wellbeing a trainee recovers each week"});
  visit(p.progress.unplaced_wellbeing_loss, ParameterInfo{"progress", "unplaced_wellbeing_loss", 0.05, 0, 1, "wellbeing/week",
        "Wellbeing a trainee loses in a week waiting for a placement"});
  visit(p.progress.withdrawal_hazard_per_week, ParameterInfo{"progress", "withdrawal_hazard_per_week", 0.0012, 0, 1, "1/week",
        "Weekly withdrawal hazard of a trainee at wellbeing 0.7"});
  visit(p.progress.withdrawal_wellbeing_slope, ParameterInfo{"progress", "withdrawal_wellbeing_slope", 6, 0, 50, "1/wellbeing",
        "Change in log withdrawal hazard per unit of wellbeing below 0.7 (and the reverse above)"});
  visit(p.progress.assessment_week, ParameterInfo{"progress", "assessment_week", 40, 1, 51, "week",
        "Week of the academic year in which trainees are assessed for QTS"});
  visit(p.progress.qts_threshold, ParameterInfo{"progress", "qts_threshold", 0.7, 0, 2, "competence",
        "Competence against the Teachers' Standards needed for QTS"});

  visit(p.career.leaving_rate, ParameterInfo{"career", "leaving_rate", 0.065, 0, 1, "1/year",
        "Yearly leaving probability of an established teacher at typical wellbeing"});
  visit(p.career.early_career_leaving_excess, ParameterInfo{"career", "early_career_leaving_excess", 1.0, 0, 20, "ratio",
        "Extra leaving hazard of a new teacher, relative to an established one"});
  visit(p.career.early_career_decay_years, ParameterInfo{"career", "early_career_decay_years", 3, 0.1, 40, "years",
        "Years over which the early-career excess hazard decays by a factor e"});
  visit(p.career.leaving_wellbeing_slope, ParameterInfo{"career", "leaving_wellbeing_slope", 3, 0, 50, "1/wellbeing",
        "Change in log leaving hazard per unit of wellbeing below 0.7 (and the reverse above)"});
  visit(p.career.teacher_wellbeing_recovery, ParameterInfo{"career", "teacher_wellbeing_recovery", 0.1, 0, 1, "1/week",
        "Share of the gap to a teacher's resting wellbeing (0.7) recovered each week"});
  visit(p.career.mentoring_wellbeing_strain, ParameterInfo{"career", "mentoring_wellbeing_strain", 0.01, 0, 1, "wellbeing/week",
        "Wellbeing a teacher loses in a week for each mentee"});
  visit(p.career.retirement_experience, ParameterInfo{"career", "retirement_experience", 38, 5, 60, "years",
        "Years of experience at which a teacher retires"});
  visit(p.career.other_entrant_fill_rate, ParameterInfo{"career", "other_entrant_fill_rate", 0.9, 0, 1, "probability",
        "Chance that a vacancy left after newly qualified teachers is filled by a returner or other entrant"});
  visit(p.career.qts_job_seeking_rate, ParameterInfo{"career", "qts_job_seeking_rate", 0.9, 0, 1, "probability",
        "Chance that a new QTS holder seeks a teaching post in an English state school"});
  visit(p.career.mentor_training_rate, ParameterInfo{"career", "mentor_training_rate", 0.011, 0, 1, "1/year",
        "Yearly chance that a teacher with three or more years' experience who is not a mentor trains as one"});
  // clang-format on
}

}  // namespace ittsim
