#include "sim/core/agents.hpp"

namespace ittsim {

void Trainees::clear() {
  *this = Trainees{};
}

TraineeId Trainees::add(ProviderId provider_id, Route trainee_route, Phase trainee_phase, Subject trainee_subject,
                        Region trainee_region, double trainee_wellbeing) {
  const auto id = static_cast<TraineeId>(provider.size());
  provider.push_back(provider_id);
  route.push_back(trainee_route);
  phase.push_back(trainee_phase);
  subject.push_back(trainee_subject);
  region.push_back(trainee_region);
  employer.push_back(no_id);
  aptitude.push_back(1.0);
  competence.push_back(0.0);
  wellbeing.push_back(trainee_wellbeing);
  status.push_back(TraineeStatus::in_training);
  school.push_back(no_id);
  mentor.push_back(no_id);
  first_school.push_back(no_id);
  last_school.push_back(no_id);
  block.push_back(0);
  block_weeks_done.push_back(0);
  weeks_unplaced.push_back(0);
  ever_unplaced.push_back(0);
  extended.push_back(0);
  status_week.push_back(-1);
  return id;
}

}  // namespace ittsim
