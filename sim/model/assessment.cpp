#include "sim/model/assessment.hpp"

#include "sim/core/parallel.hpp"

namespace ittsim {

void assess_trainees(World& world, const Parameters& p, const Clock& clock) {
  auto& trainees = world.trainees;
  for_each_agent(trainees.size(), [&](std::size_t id) {
    if (!is_active(trainees.status[id])) return;
    const bool passed = trainees.block[id] >= 2 && trainees.competence[id] >= p.progress.qts_threshold;
    trainees.status[id] = passed ? TraineeStatus::qts : TraineeStatus::failed;
    trainees.status_week[id] = clock.absolute_week;
    trainees.school[id] = no_id;
    trainees.mentor[id] = no_id;
  });
}

}  // namespace ittsim
