#include "sim/model/simulation.hpp"

#include "sim/core/parallel.hpp"
#include "sim/core/quantiles.hpp"
#include "sim/model/accreditation.hpp"
#include "sim/model/assessment.hpp"
#include "sim/model/careers.hpp"
#include "sim/model/employment.hpp"
#include "sim/model/geography.hpp"
#include "sim/model/mentoring.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/population.hpp"
#include "sim/model/progress.hpp"
#include "sim/model/recruitment.hpp"
#include "sim/model/teacher_wellbeing.hpp"

#include "sim/core/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace ittsim {

Simulation::Simulation(const Parameters& parameters, std::uint64_t replicate)
    : parameters_(parameters),
      streams_(static_cast<std::uint64_t>(parameters.run.seed), replicate),
      world_(synthesise_population(parameters_, streams_)) {
  clock_.academic_year = parameters_.run.start_year;
  weeks_.reserve(weeks_per_year);
  cohort_sizes_.assign(static_cast<std::size_t>(parameters_.run.years) + 1, 0);
  cohort_retained_.assign(cohort_sizes_.size() * retention_curve_years, 0);
}

Simulation::Simulation(const Parameters& parameters, std::uint64_t replicate, YearBoundaryState state)
    : parameters_(parameters),
      streams_(static_cast<std::uint64_t>(parameters.run.seed), replicate),
      world_(std::move(state.world)),
      clock_(state.clock),
      cohort_sizes_(std::move(state.cohort_sizes)),
      cohort_retained_(std::move(state.cohort_retained)) {
  const auto years_done = clock_.absolute_week / weeks_per_year;
  if (clock_.week_of_year != 0 || clock_.absolute_week % weeks_per_year != 0 || years_done < 1 ||
      clock_.absolute_week >= total_weeks() || clock_.academic_year != parameters_.run.start_year + years_done) {
    throw InputError(fmt::format("saved state is at week {} of academic year {}: expected the end of one of the run's "
                                 "years {} to {}",
                                 clock_.week_of_year, clock_.academic_year, parameters_.run.start_year,
                                 parameters_.run.start_year + parameters_.run.years - 2));
  }
  if (cohort_sizes_.size() != static_cast<std::size_t>(parameters_.run.years) + 1) {
    throw InputError(fmt::format("saved state has {} cohort sizes: expected {}", cohort_sizes_.size(), parameters_.run.years + 1));
  }
  if (cohort_retained_.size() != cohort_sizes_.size() * retention_curve_years) {
    throw InputError(fmt::format("saved state has {} cohort retention counts: expected {}", cohort_retained_.size(),
                                 cohort_sizes_.size() * retention_curve_years));
  }
  weeks_.reserve(weeks_per_year);
  // As the closed year left it; start_academic_year() sets the next year's before any use.
  world_.policy = policy_in_force(parameters_, clock_.academic_year - 1);
}

void Simulation::step() {
  const auto& p = parameters_;
  const int week = clock_.week_of_year;
  PhaseClock phase_clock(phase_times_);

  // 1. Calendar events: the year's start, policy events, the weekly placement market, assessments.
  if (week == 0) start_academic_year();
  if (world_.policy.reaccreditation_this_year && week == p.market_review.reaccreditation_week) {
    const Reaccreditation outcome = reaccredit(world_, p);
    year_.providers_demoted = outcome.demoted;
    year_.providers_closed = outcome.closed;
  }
  phase_clock.lap(&PhaseTimes::year_start);
  const PlacementWeek placement = run_placement_market(world_, p, streams_, clock_);
  public_cost_gbp_ += world_.policy.protected_hours * static_cast<double>(placement.on_placement.total()) * p.providers.mentor_hour_gbp;
  year_.placement_weeks_offered += placement.offered.total();
  year_.placement_weeks_filled += placement.on_placement.total();
  year_.placement_weeks_demanded += placement.on_placement.total() + placement.unplaced.total();
  year_.trainees_unplaced += placement.first_time_unplaced;
  year_.new_partnerships += placement.new_partnerships;
  year_.placement_requests += placement.requests.total();
  year_.placement_requests_granted += placement.requests_granted.total();
  breakdowns_.placement_requests += placement.requests;
  breakdowns_.placement_requests_granted += placement.requests_granted;
  for (std::size_t band = 0; band < travel_distance_bands; ++band)
    distributions_.placements_by_travel_distance[band] += placement.placements_by_travel_distance[band];
  add_counts(by_authority_.placement_weeks_offered, placement.offered_by_authority);
  add_counts(by_authority_.placement_weeks_filled, placement.filled_by_authority);
  add_counts(by_authority_.placement_weeks_demanded, placement.demanded_by_authority);
  breakdowns_.placement_weeks_offered += placement.offered;
  breakdowns_.placement_weeks_filled += placement.on_placement;
  breakdowns_.placement_weeks_demanded += placement.on_placement;
  breakdowns_.placement_weeks_demanded += placement.unplaced;
  weekly_breakdowns_.push_back({placement.on_placement, placement.unplaced});
  phase_clock.lap(&PhaseTimes::placement_market);
  assess_trainees(world_, p, clock_);
  phase_clock.lap(&PhaseTimes::assessment);

  // 2. Weekly agent updates: trainees in parallel; teachers in closed form (a week more for every post).
  update_trainee_progress(world_, p, streams_, clock_);
  phase_clock.lap(&PhaseTimes::trainee_progress);
  update_teacher_wellbeing(world_, p);
  phase_clock.lap(&PhaseTimes::teacher_wellbeing);

  // 3. Collection, then the year end on the last week.
  collect_week(placement);
  phase_clock.lap(&PhaseTimes::collection);
  if (week == weeks_per_year - 1) close_academic_year();
  phase_clock.lap(&PhaseTimes::year_end);

  ++clock_.absolute_week;
  clock_.week_of_year = clock_.absolute_week % weeks_per_year;
  if (clock_.week_of_year == 0) ++clock_.academic_year;
}

// September: early-career teachers get induction mentors first, since they draw on the same
// mentors as ITT and schools weigh that load when deciding to host; then the new cohort.
void Simulation::start_academic_year() {
  year_ = YearlyIndicators{};
  breakdowns_ = YearlyBreakdowns{};
  distributions_ = YearlyDistributions{};
  by_authority_ = YearlyByLocalAuthority{};
  weekly_breakdowns_.clear();
  year_.academic_year = clock_.academic_year;
  weeks_.clear();
  mentor_load_sum_ = 0;
  mentor_load_weeks_ = 0;
  primary_hosting_sum_ = 0;
  primary_hosting_weeks_ = 0;
  public_cost_gbp_ = 0;
  world_.policy = policy_in_force(parameters_, clock_.academic_year);
  if (lever_starts(parameters_.mentoring_culture.start_year, parameters_.run.start_year, clock_.academic_year))
    adopt_developmental_mentoring(world_, parameters_, streams_, clock_);
  if (world_.policy.network_programme_starts) form_funded_networks(world_, parameters_, streams_, clock_);
  year_.ects_without_mentor = assign_induction_mentors(world_, parameters_);
  public_cost_gbp_ += decide_hosting(world_, parameters_, streams_, clock_);
  // The year's mentors are now known: the market and the weekly updates work from them.
  prepare_placement_year(world_, parameters_);
  start_teacher_wellbeing_year(world_, parameters_);
  year_.trainees_recruited = recruit_cohort(world_, parameters_, streams_, clock_);
  const auto& trainees = world_.trainees;
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    breakdowns_.trainees_recruited.add(trainees.region[id], trainees.phase[id]);
    distributions_.trainees_recruited_by_route[static_cast<std::size_t>(trainees.route[id])] += 1;
    if (trainees.subject[id] == Subject::shortage) public_cost_gbp_ += world_.policy.bursary_gbp;
  }
}

void Simulation::collect_week(const PlacementWeek& placement) {
  const auto& trainees = world_.trainees;
  const std::size_t trainee_count = trainees.size();
  WeeklyIndicators row;
  row.week = clock_.absolute_week;
  // As the market left them: a trainee who withdraws later in the week still had that week's place.
  row.trainees_on_placement = placement.on_placement.total();
  row.trainees_unplaced = placement.unplaced.total();
  row.placement_places_offered = placement.offered.total();

  // One pass over the trainees gathers their sums of the week; the teachers' are kept up to date.
  const auto [active, competence_sum, wellbeing_sum, withdrawn_this_week] =
      deterministic_sums<4>(trainee_count, [&](std::size_t id) {
        const bool counted = is_active(trainees.status[id]);
        const bool withdrew = trainees.status[id] == TraineeStatus::withdrawn && trainees.status_week[id] == clock_.absolute_week;
        return std::array<double, 4>{counted ? 1.0 : 0.0, counted ? trainees.competence[id] : 0.0,
                                     counted ? trainees.wellbeing[id] : 0.0, withdrew ? 1.0 : 0.0};
      });
  const TeacherWeek teachers = teacher_week(world_, parameters_);
  row.trainees_active = static_cast<std::int64_t>(active);
  row.mentors_with_mentees = teachers.posts_with_mentees;
  if (teachers.loaded_mentors > 0) {
    row.mentor_load_mean = teachers.load_sum / static_cast<double>(teachers.loaded_mentors);
    if (row.trainees_on_placement > 0) {
      mentor_load_sum_ += row.mentor_load_mean;
      mentor_load_weeks_ += 1;
    }
  }
  if (teachers.filled_posts > 0) row.teacher_wellbeing_mean = teachers.wellbeing_sum / static_cast<double>(teachers.filled_posts);
  // Withdrawals from the market (too long unplaced) and from the weekly hazard alike.
  year_.withdrawals += static_cast<std::int64_t>(withdrawn_this_week);

  const auto& schools = world_.schools;
  const auto [primary_hosts, primary_hosted] = deterministic_sums<2>(schools.size(), [&](std::size_t school) {
    const bool hosting = schools.phase[school] == Phase::primary && schools.trainees_on_placement[school] > 0;
    return std::array<double, 2>{hosting ? 1.0 : 0.0, hosting ? static_cast<double>(schools.trainees_on_placement[school]) : 0.0};
  });
  if (primary_hosts > 0) {
    primary_hosting_sum_ += primary_hosted / primary_hosts;
    primary_hosting_weeks_ += 1;
  }
  if (active > 0) {
    row.trainee_competence_mean = competence_sum / active;
    row.trainee_wellbeing_mean = wellbeing_sum / active;
    // Quantiles by selection over active trainees in id order: the same for any thread count.
    // The two variables are selected at once, each in its own buffer.
    const auto deciles_of = [&](const std::vector<double>& values, std::vector<double>& scratch) {
      scratch.clear();
      for (TraineeId id = 0; id < trainee_count; ++id) {
        if (is_active(trainees.status[id])) scratch.push_back(values[id]);
      }
      return deciles_1_5_9(scratch);
    };
    std::array<double, 3> competence{};
    std::array<double, 3> wellbeing{};
    invoke_both([&] { competence = deciles_of(trainees.competence, competence_scratch_); },
                [&] { wellbeing = deciles_of(trainees.wellbeing, wellbeing_scratch_); });
    row.trainee_competence_p10 = competence[0];
    row.trainee_competence_p50 = competence[1];
    row.trainee_competence_p90 = competence[2];
    row.trainee_wellbeing_p10 = wellbeing[0];
    row.trainee_wellbeing_p50 = wellbeing[1];
    row.trainee_wellbeing_p90 = wellbeing[2];
  }
  if (clock_.week_of_year == census_week) {
    year_.trainees_in_training = row.trainees_active;
    for (TraineeId id = 0; id < trainee_count; ++id) {
      if (is_active(trainees.status[id])) breakdowns_.trainees_in_training.add(trainees.region[id], trainees.phase[id]);
    }
  }
  weeks_.push_back(row);
}

void Simulation::count_trainee_outcomes() {
  const auto& trainees = world_.trainees;
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    const Region region = trainees.region[id];
    const Phase phase = trainees.phase[id];
    const auto route = static_cast<std::size_t>(trainees.route[id]);
    if (trainees.ever_unplaced[id]) {
      breakdowns_.trainees_unplaced.add(region, phase);
      by_authority_.trainees_unplaced[static_cast<std::size_t>(trainees.home_local_authority[id])] += 1;
    }
    year_.trainees_extended += trainees.extended[id];
    switch (trainees.status[id]) {
      case TraineeStatus::qts:
        year_.qts_awarded += 1;
        breakdowns_.qts_awarded.add(region, phase);
        distributions_.qts_awarded_by_route[route] += 1;
        break;
      case TraineeStatus::failed:
        year_.trainees_failed += 1;
        distributions_.trainees_failed_by_route[route] += 1;
        break;
      case TraineeStatus::withdrawn:
        breakdowns_.withdrawals.add(region, phase);
        distributions_.withdrawals_by_route[route] += 1;
        break;
      default: break;
    }
  }
  const auto& schools = world_.schools;
  std::array<double, 3> schools_in_phase{};
  std::array<double, 3> hosting{};
  std::array<double, 3> multi_provider{};
  std::array<double, 3> offering{};
  double partner_count = 0;
  double training_schools = 0;
  double training_school_partners = 0;
  double training_school_trainees = 0;
  for (SchoolId school = 0; school < schools.size(); ++school) {
    const auto phase = static_cast<std::size_t>(schools.phase[school]);
    const auto area = static_cast<std::size_t>(schools.area_type[school]);
    const auto governance = static_cast<std::size_t>(schools.governance[school]);
    schools_in_phase[phase] += 1;
    offering[phase] += schools.willing_to_host[school];
    distributions_.schools_by_area_type[area] += 1;
    distributions_.schools_by_governance[governance] += 1;
    const auto authority = static_cast<std::size_t>(schools.local_authority[school]);
    if (schools.phase[school] == Phase::secondary && schools.willing_to_host[school]) {
      by_authority_.secondary_schools_offering[authority] += 1;
      distributions_.secondary_schools_offering_by_area_type[area] += 1;
      distributions_.secondary_schools_offering_by_governance[governance] += 1;
    }
    if (schools.training_school[school]) {
      training_schools += 1;
      training_school_partners += static_cast<double>(schools.partners[school].size());
      training_school_trainees += schools.trainees_hosted_this_year[school];
    }
    if (schools.trainees_hosted_this_year[school] == 0) continue;
    hosting[phase] += 1;
    breakdowns_.schools_hosting.add(schools.region[school], schools.phase[school]);
    by_authority_.schools_hosting[authority] += 1;
    distributions_.schools_hosting_by_area_type[area] += 1;
    distributions_.schools_hosting_by_governance[governance] += 1;
    multi_provider[phase] += schools.partners[school].size() > 1;
    distributions_.hosting_schools_by_providers[std::min(schools.partners[school].size(), provider_count_columns) - 1] += 1;
    partner_count += static_cast<double>(schools.partners[school].size());
  }
  const auto share = [](double part, double whole) { return whole > 0 ? part / whole : not_available; };
  const double all_hosting = hosting[0] + hosting[1] + hosting[2];
  year_.schools_hosting = static_cast<std::int64_t>(all_hosting);
  year_.share_hosting_multi_provider = share(multi_provider[0] + multi_provider[1] + multi_provider[2], all_hosting);
  year_.share_hosting_multi_provider_primary = share(multi_provider[0], hosting[0]);
  year_.share_hosting_multi_provider_secondary = share(multi_provider[1], hosting[1]);
  year_.providers_per_hosting_school = share(partner_count, all_hosting);
  year_.share_primary_schools_hosting = share(hosting[0], schools_in_phase[0]);
  year_.share_secondary_schools_hosting = share(hosting[1], schools_in_phase[1]);
  year_.share_secondary_schools_offering = share(offering[1], schools_in_phase[1]);
  year_.primary_trainees_per_host_at_once = share(primary_hosting_sum_, primary_hosting_weeks_);
  year_.training_school_providers_mean = share(training_school_partners, training_schools);
  year_.training_school_trainees_mean = share(training_school_trainees, training_schools);
  year_.mentor_load_mean = mentor_load_weeks_ > 0 ? mentor_load_sum_ / mentor_load_weeks_ : not_available;
}

// After the summer review: networks by kind and members, and the distribution of school effectiveness.
void Simulation::describe_networks_and_schools() {
  const auto& networks = world_.networks;
  for (NetworkId n = 0; n < networks.size(); ++n) {
    if (!networks.active(n)) continue;
    year_.networks += 1;
    year_.network_members += static_cast<std::int64_t>(networks.members[n].size());
    distributions_.networks_by_kind[static_cast<std::size_t>(networks.kind[n])] += 1;
  }
  const auto& schools = world_.schools;
  std::vector<double> effectiveness = schools.effectiveness;  // reordered by the selection
  if (effectiveness.empty()) return;
  double sum = 0;
  for (const double value : effectiveness) {
    sum += value;
    distributions_.schools_by_grade[ofsted_grade(value)] += 1;
  }
  year_.school_effectiveness_mean = sum / static_cast<double>(effectiveness.size());
  const auto deciles = deciles_1_5_9(effectiveness);
  year_.school_effectiveness_p10 = deciles[0];
  year_.school_effectiveness_p50 = deciles[1];
  year_.school_effectiveness_p90 = deciles[2];
}

// Retention of newly qualified teachers, measured after the year's departures and before the
// job market: every cohort that started 1 ... retention_curve_years Septembers ago (k = 1 is
// the cohort that started this September). A teacher who moved school keeps their cohort.
void Simulation::measure_retention() {
  const auto& teachers = world_.teachers;
  const std::int64_t this_year = clock_.academic_year;
  const auto retained = deterministic_sums<retention_curve_years>(teachers.size(), [&](std::size_t id) {
    std::array<double, retention_curve_years> counts{};
    const std::int64_t years_on = this_year - teachers.entry_year[id];
    if (teachers.filled[id] && teachers.entry_year[id] >= 0 && years_on >= 0 &&
        years_on < static_cast<std::int64_t>(retention_curve_years)) {
      counts[static_cast<std::size_t>(years_on)] = 1.0;
    }
    return counts;
  });
  for (std::size_t k = 0; k < retention_curve_years; ++k) {
    const std::int64_t row = this_year - static_cast<std::int64_t>(k) - parameters_.run.start_year;
    if (row < 0) continue;
    cohort_retained_[static_cast<std::size_t>(row) * retention_curve_years + k] = static_cast<std::int64_t>(retained[k]);
  }
  const auto retained_share = [&](std::size_t years) {
    const std::int64_t row = this_year - static_cast<std::int64_t>(years - 1) - parameters_.run.start_year;
    if (row < 0 || cohort_sizes_[static_cast<std::size_t>(row)] == 0) return not_available;
    return retained[years - 1] / static_cast<double>(cohort_sizes_[static_cast<std::size_t>(row)]);
  };
  year_.retention_1y = retained_share(1);
  year_.retention_3y = retained_share(3);
  year_.retention_5y = retained_share(5);
}

CohortRetention Simulation::cohort_retention() const {
  CohortRetention result;
  const auto years = static_cast<std::size_t>(parameters_.run.years);
  const std::int64_t years_closed = clock_.absolute_week / weeks_per_year;
  // Row r is the cohort that started in start_year + r; the first started before the run.
  for (std::size_t row = 1; row <= years; ++row) {
    const std::int64_t entry = parameters_.run.start_year + static_cast<std::int64_t>(row);
    result.entry_year.push_back(entry);
    result.size.push_back(cohort_sizes_[row]);
    for (std::size_t k = 0; k < retention_curve_years; ++k) {
      // Measured at the end of academic year entry + k, the run's year entry + k - start_year.
      const bool reached = entry + static_cast<std::int64_t>(k) - parameters_.run.start_year < years_closed;
      result.curve.push_back(reached && cohort_sizes_[row] > 0
                                 ? static_cast<double>(cohort_retained_[row * retention_curve_years + k]) /
                                       static_cast<double>(cohort_sizes_[row])
                                 : not_available);
    }
  }
  return result;
}

void Simulation::close_academic_year() {
  const auto& p = parameters_;
  // Every post's wellbeing as of now, before the year end reads or changes any.
  settle_teacher_wellbeing(world_, p);
  count_trainee_outcomes();
  const NetworkReview networks = review_networks(world_, p, streams_, clock_);
  public_cost_gbp_ += static_cast<double>(networks.funding_paid_gbp);
  year_.cross_school_ties = networks.ties;
  describe_networks_and_schools();
  const Departures departures = run_departures(world_, p, streams_, clock_);
  year_.mentors_active = departures.mentors_active;
  year_.teacher_leavers = departures.leavers.total();
  year_.teacher_retirements = departures.retirements;
  breakdowns_.teacher_leavers = departures.leavers;
  measure_retention();
  const PartnershipChanges partnerships = review_partnerships(world_, p, streams_, clock_);
  year_.partnerships_dropped = partnerships.dropped;
  year_.partnerships_recruited = partnerships.recruited;
  update_provider_quality(world_, p);
  if (world_.policy.reaccreditation_this_year) transfer_partnerships(world_);
  year_.accredited_providers = accredited_providers(world_);
  const ColdSpots cold = cold_spots(world_, scaled_km(p.population, p.geography.provider_reach_km));
  breakdowns_.schools_beyond_provider_reach = cold.by_region_phase;
  by_authority_.schools_beyond_provider_reach = cold.by_authority;
  year_.schools_beyond_provider_reach = breakdowns_.schools_beyond_provider_reach.total();
  adjust_posts_to_pupils(world_, p, clock_.academic_year);
  const JobMarket jobs = run_job_market(world_, p, streams_, clock_);
  year_.new_teachers_employed = jobs.new_teachers.total();
  year_.qts_unemployed = jobs.qts_unemployed;
  year_.qts_not_seeking = jobs.new_qts_not_seeking.total();
  year_.qts_gave_up = jobs.qts_gave_up;
  year_.earlier_qts_employed = jobs.earlier_qts_employed;
  year_.returners_employed = jobs.returners;
  year_.other_entrants_employed = jobs.other_entrants;
  year_.teacher_moves = jobs.moves.total();
  year_.teacher_moves_sought = jobs.moves_sought;
  breakdowns_.new_qts_employed = jobs.new_qts_employed;
  breakdowns_.new_qts_unemployed = jobs.new_qts_unemployed;
  breakdowns_.new_qts_not_seeking = jobs.new_qts_not_seeking;
  breakdowns_.teacher_moves = jobs.moves;
  distributions_.new_teachers_by_travel_distance = jobs.new_teachers_by_distance;
  distributions_.new_qts_employed_by_route = jobs.new_qts_employed_by_route;
  distributions_.new_qts_unemployed_by_route = jobs.new_qts_unemployed_by_route;
  distributions_.new_qts_not_seeking_by_route = jobs.new_qts_not_seeking_by_route;
  distributions_.teacher_moves_by_travel_distance = jobs.moves_by_distance;
  distributions_.teacher_moves_by_experience = jobs.moves_by_experience;
  distributions_.new_qts_hired_by_subject = jobs.filled_by_source[0];
  distributions_.movers_hired_by_subject = jobs.filled_by_source[1];
  distributions_.returners_hired_by_subject = jobs.filled_by_source[2];
  distributions_.other_entrants_hired_by_subject = jobs.filled_by_source[3];
  distributions_.vacancies_unfilled_by_subject = jobs.unfilled_by_subject;
  distributions_.out_of_field_hired_by_subject = jobs.out_of_field_by_subject;
  year_.vacancies_unfilled = jobs.vacancies_unfilled.total();
  year_.teachers_in_post = jobs.teachers_in_post.total();
  breakdowns_.new_teachers_employed = jobs.new_teachers;
  breakdowns_.vacancies_unfilled = jobs.vacancies_unfilled;
  breakdowns_.teachers_in_post = jobs.teachers_in_post;
  by_authority_.new_teachers_employed = jobs.new_teachers_by_authority;
  by_authority_.vacancies_unfilled = jobs.vacancies_unfilled_by_authority;
  const auto next = static_cast<std::size_t>(clock_.academic_year + 1 - p.run.start_year);
  cohort_sizes_[next] = year_.new_teachers_employed;
  const auto& teachers = world_.teachers;
  const auto [mentors, lead_mentors, training_hours, in_post, skill] =
      deterministic_sums<5>(teachers.size(), [&](std::size_t id) {
        const bool mentor = teachers.filled[id] && teachers.is_mentor[id];
        return std::array<double, 5>{mentor ? 1.0 : 0.0, mentor && teachers.is_lead_mentor[id] ? 1.0 : 0.0,
                                     mentor ? teachers.mentor_training_hours[id] : 0.0, teachers.filled[id] ? 1.0 : 0.0,
                                     teachers.filled[id] ? teachers.skill[id] : 0.0};
      });
  year_.mentors_trained = static_cast<std::int64_t>(mentors);
  year_.lead_mentors = static_cast<std::int64_t>(lead_mentors);
  year_.mentor_training_hours_mean = mentors > 0 ? training_hours / mentors : not_available;
  year_.teacher_skill_mean = in_post > 0 ? skill / in_post : not_available;
  year_.public_cost_gbp = std::llround(public_cost_gbp_);
  last_year_ = year_;
  last_breakdowns_ = breakdowns_;
  last_by_authority_ = by_authority_;
  last_distributions_ = distributions_;
  last_weekly_breakdowns_ = weekly_breakdowns_;
  last_year_weeks_ = weeks_;
}

}  // namespace ittsim
