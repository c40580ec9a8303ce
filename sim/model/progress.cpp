#include "sim/model/progress.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace ittsim {

double withdrawal_hazard(const ProgressParameters& progress, double wellbeing) {
  return progress.withdrawal_hazard_per_week * std::exp(progress.withdrawal_wellbeing_slope * (resting_wellbeing - wellbeing));
}

void update_trainee_progress(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  if (clock.week_of_year >= p.progress.assessment_week) return;
  auto& trainees = world.trainees;
  const auto& progress = p.progress;
  for_each_agent(trainees.size(), [&](std::size_t id) {
    const TraineeStatus status = trainees.status[id];
    if (!is_active(status)) return;
    auto rng = streams.stream(Purpose::trainee_progress, id, static_cast<std::uint64_t>(clock.absolute_week));
    boost::random::normal_distribution<double> noise(0.0, progress.progress_noise_sd);
    double wellbeing = trainees.wellbeing[id];
    if (status == TraineeStatus::on_placement) {
      trainees.competence[id] += trainees.aptitude[id] * progress.placement_progress_per_week + noise(rng);
      wellbeing += progress.wellbeing_recovery * (1.0 - wellbeing) - progress.placement_wellbeing_strain;
      trainees.block_weeks_done[id] += 1;
    } else if (status == TraineeStatus::in_training) {
      trainees.competence[id] += trainees.aptitude[id] * progress.taught_progress_per_week + noise(rng);
      wellbeing += progress.wellbeing_recovery * (1.0 - wellbeing);
    } else {
      wellbeing -= progress.unplaced_wellbeing_loss;
    }
    trainees.wellbeing[id] = std::clamp(wellbeing, 0.0, 1.0);
    auto withdrawal_rng = streams.stream(Purpose::trainee_withdrawal, id, static_cast<std::uint64_t>(clock.absolute_week));
    const double probability = 1.0 - std::exp(-withdrawal_hazard(progress, trainees.wellbeing[id]));
    if (withdrawal_rng.uniform() < probability) {
      trainees.status[id] = TraineeStatus::withdrawn;
      trainees.status_week[id] = clock.absolute_week;
    }
  });
}

}  // namespace ittsim
