#include "sim/core/agents.hpp"

namespace ittsim {

void Trainees::clear() {
  provider.clear();
  phase.clear();
  region.clear();
  aptitude.clear();
  competence.clear();
  wellbeing.clear();
  status.clear();
  school.clear();
  mentor.clear();
  first_school.clear();
  block.clear();
  block_weeks_done.clear();
  weeks_unplaced.clear();
  ever_unplaced.clear();
  status_week.clear();
}

TraineeId Trainees::add(ProviderId provider_id, Phase trainee_phase, Region trainee_region, double trainee_aptitude,
                        double trainee_wellbeing) {
  const auto id = static_cast<TraineeId>(provider.size());
  provider.push_back(provider_id);
  phase.push_back(trainee_phase);
  region.push_back(trainee_region);
  aptitude.push_back(trainee_aptitude);
  competence.push_back(0.0);
  wellbeing.push_back(trainee_wellbeing);
  status.push_back(TraineeStatus::in_training);
  school.push_back(no_id);
  mentor.push_back(no_id);
  first_school.push_back(no_id);
  block.push_back(0);
  block_weeks_done.push_back(0);
  weeks_unplaced.push_back(0);
  ever_unplaced.push_back(0);
  status_week.push_back(-1);
  return id;
}

}  // namespace ittsim
