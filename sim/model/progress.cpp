#include "sim/model/progress.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/mentoring.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace ittsim {

double withdrawal_hazard(const ProgressParameters& progress, double wellbeing, double competence_behind) {
  return progress.withdrawal_hazard_per_week *
         std::exp(progress.withdrawal_wellbeing_slope * (resting_wellbeing - wellbeing) +
                  progress.withdrawal_behind_slope * std::max(0.0, competence_behind));
}

double expected_competence(const ProgressParameters& progress, int week_of_year) {
  return progress.qts_threshold * std::min(1.0, static_cast<double>(week_of_year) / static_cast<double>(progress.assessment_week));
}

void update_trainee_progress(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  auto& trainees = world.trainees;
  const auto& teachers = world.teachers;
  const auto& schools = world.schools;
  const auto& progress = p.progress;
  const auto& mentoring = p.mentoring;
  const bool after_assessment = clock.week_of_year >= progress.assessment_week;
  const double relief = protected_time_relief(world.policy);
  // Intensive training and practice weeks come just before the second block.
  const int second_block = static_cast<int>(p.placement.second_block_start_week);
  const bool itap_week = clock.week_of_year < second_block && clock.week_of_year >= second_block - world.policy.itap_weeks;
  for_each_agent(trainees.size(), [&](std::size_t id) {
    const TraineeStatus status = trainees.status[id];
    if (!is_active(status)) return;
    // After the assessment week only trainees on an extension are still training.
    if (after_assessment && !trainees.extended[id]) return;
    // One stream serves the week's draws: the withdrawal draw first, then the progress noise.
    auto rng = streams.stream(Purpose::trainee_progress, id, static_cast<std::uint64_t>(clock.absolute_week));
    const double withdrawal_draw = rng.uniform();
    boost::random::normal_distribution<double> noise(0.0, progress.progress_noise_sd);
    double wellbeing = trainees.wellbeing[id];
    const double aptitude = trainees.aptitude[id];
    const double coherence = 0.9 + 0.2 * world.providers.quality[trainees.provider[id]];
    if (status == TraineeStatus::on_placement) {
      const TeacherId mentor = trainees.mentor[id];
      const SchoolId school = trainees.school[id];
      const double effectiveness =
          effectiveness_under_load(mentoring, trainees.mentor_skill[id], mentoring_load(teachers, mentor, p.placement), relief);
      const double peers = std::min(1.0, (schools.trainees_on_placement[school] - 1) / std::max(1.0, p.placement.critical_mass - 1));
      const double style = trainees.mentor_style[id];
      trainees.competence[id] += aptitude * progress.placement_progress_per_week * effectiveness * coherence *
                                     (1.0 + mentoring.peer_bonus * peers) + noise(rng);
      wellbeing += progress.wellbeing_recovery * (1.0 - wellbeing) - progress.placement_wellbeing_strain +
                   mentoring.developmental_support * style - mentoring.judgemental_strain * (1.0 - style) -
                   (schools.trainees_on_placement[school] <= 1 ? mentoring.isolation_strain : 0.0);
      trainees.block_weeks_done[id] += 1;
    } else if (status == TraineeStatus::in_training && after_assessment) {
      // An extension: school weeks in the last placement school, without a new mentor match.
      trainees.competence[id] += aptitude * progress.placement_progress_per_week * mentoring.base_effectiveness + noise(rng);
      wellbeing += progress.wellbeing_recovery * (1.0 - wellbeing) - progress.placement_wellbeing_strain;
    } else if (status == TraineeStatus::in_training) {
      const double taught = itap_week && trainees.block[id] == 1 ? p.market_review.itap_progress_per_week
                                                                  : progress.taught_progress_per_week;
      trainees.competence[id] += aptitude * taught * coherence + noise(rng);
      wellbeing += progress.wellbeing_recovery * (1.0 - wellbeing);
    } else {
      wellbeing -= progress.unplaced_wellbeing_loss;
    }
    trainees.wellbeing[id] = std::clamp(wellbeing, 0.0, 1.0);
    const double behind = after_assessment ? 0.0 : expected_competence(progress, clock.week_of_year) - trainees.competence[id];
    // The probability 1 - exp(-h) never exceeds h, so most weeks need no second exp.
    const double hazard = withdrawal_hazard(progress, trainees.wellbeing[id], behind);
    if (withdrawal_draw < hazard && withdrawal_draw < -std::expm1(-hazard)) {
      trainees.status[id] = TraineeStatus::withdrawn;
      trainees.status_week[id] = clock.absolute_week;
      // The mentor's place is freed when next week's market releases the trainee.
    }
  });
}

}  // namespace ittsim
