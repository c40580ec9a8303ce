#include "sim/model/policy.hpp"

#include <algorithm>

namespace ittsim {

PolicyInForce policy_in_force(const Parameters& p, std::int64_t year) {
  PolicyInForce policy;
  policy.academic_year = year;
  policy.mentoring_hours_per_trainee = p.placement.mentoring_hours_per_trainee;
  policy.first_block_weeks = p.placement.first_block_weeks;
  policy.second_block_weeks = p.placement.second_block_weeks;

  const auto& review = p.market_review;
  if (lever_applies(review.start_year, year)) {
    policy.market_review = true;
    policy.mentor_initial_training_hours = review.mentor_initial_training_hours;
    policy.mentor_refresher_training_hours = review.mentor_refresher_training_hours;
    policy.lead_mentor_required = review.lead_mentor_required != 0;
    policy.lead_mentor_training_hours = review.lead_mentor_training_hours;
    policy.mentoring_hours_per_trainee = std::max(policy.mentoring_hours_per_trainee, review.mentoring_hours_per_trainee);
    // The second block is lengthened to reach the minimum school-based weeks.
    policy.second_block_weeks =
        std::max(policy.second_block_weeks, review.minimum_placement_weeks - policy.first_block_weeks);
    policy.itap_weeks = review.itap_weeks;
    policy.reaccreditation_this_year = review.reaccreditation != 0 && lever_starts(review.start_year, p.run.start_year, year);
    policy.mentor_funding = review.mentor_funding != 0;
    policy.funded_training_hours = review.funded_training_hours;
  }
  if (lever_applies(p.accountability.start_year, year)) {
    policy.group_accountability = p.accountability.group_share;
    policy.accountability_strength = p.accountability.strength;
  }
  if (lever_applies(p.collaboration.start_year, year)) {
    policy.clearing_house = p.collaboration.clearing_house != 0;
    policy.common_paperwork = p.collaboration.common_paperwork != 0;
  }
  policy.network_programme_starts = lever_starts(p.network_funding.start_year, p.run.start_year, year);
  if (lever_applies(p.mentoring_culture.start_year, year)) {
    policy.developmental_training = true;
    policy.protected_hours = p.mentoring_culture.protected_hours;
  }
  if (lever_applies(p.recruitment_policy.start_year, year)) {
    policy.primary_target_factor = p.recruitment_policy.primary_target_factor;
    policy.secondary_target_factor = p.recruitment_policy.secondary_target_factor;
    policy.bursary_uplift = p.recruitment_policy.bursary_uplift;
    policy.bursary_gbp = p.recruitment_policy.bursary_gbp;
  }
  return policy;
}

double protected_time_relief(const PolicyInForce& policy) {
  if (policy.mentoring_hours_per_trainee <= 0) return 0.0;
  return std::clamp(policy.protected_hours / policy.mentoring_hours_per_trainee, 0.0, 1.0);
}

}  // namespace ittsim
