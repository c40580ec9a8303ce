#include "sim/model/assessment.hpp"

#include "sim/core/parallel.hpp"

namespace ittsim {

int extension_assessment_week(const ProgressParameters& progress) {
  return static_cast<int>(progress.assessment_week + progress.extension_weeks);
}

void assess_trainees(World& world, const Parameters& p, const Clock& clock) {
  const bool first_assessment = clock.week_of_year == p.progress.assessment_week;
  const bool second_assessment = clock.week_of_year == extension_assessment_week(p.progress);
  if (!first_assessment && !second_assessment) return;
  auto& trainees = world.trainees;
  const auto& progress = p.progress;
  for_each_agent(trainees.size(), [&](std::size_t id) {
    if (!is_active(trainees.status[id])) return;
    if (second_assessment && !trainees.extended[id]) return;
    const bool placements_done = trainees.block[id] >= 2;
    const double competence = trainees.competence[id];
    if (placements_done && competence >= progress.qts_threshold) {
      trainees.status[id] = TraineeStatus::qts;
    } else if (first_assessment && placements_done && competence >= progress.qts_threshold - progress.extension_margin) {
      trainees.extended[id] = 1;
      trainees.status[id] = TraineeStatus::in_training;
      return;
    } else {
      trainees.status[id] = TraineeStatus::failed;
    }
    trainees.status_week[id] = clock.absolute_week;
  });
}

}  // namespace ittsim
