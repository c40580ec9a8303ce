// Unit tests of the policy submodels on hand-built worlds: networks and CPD, accreditation,
// the Market Review's costs and the policy in force by year.

#include "sim/core/errors.hpp"
#include "sim/model/accreditation.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/policy.hpp"
#include "sim/params/scenario.hpp"

#include <catch2/catch.hpp>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

SchoolId add_school(World& world, ProviderId home, int mentors) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  const SchoolId id = schools.add(Phase::primary, Region::london, 200, static_cast<TeacherId>(teachers.size()), 10);
  schools.partners[id] = {home};
  schools.partner_hosted[id] = {0};
  world.providers.partner_schools[home].push_back(id);
  world.providers.home_school_count[home] += 1;
  for (int post = 0; post < 10; ++post) {
    const TeacherId t = teachers.add_post(id, Subject::general, true, resting_wellbeing);
    teachers.filled[t] = 1;
    teachers.experience_years[t] = 10;
    teachers.is_mentor[t] = post < mentors;
  }
  return id;
}

}  // namespace

TEST_CASE("collaborative CPD raises skill and resting wellbeing more than individual CPD", "[networks]") {
  const CpdParameters cpd = Scenario::from_defaults().parameters().cpd;
  CHECK(yearly_skill_gain(cpd, 1.0) > yearly_skill_gain(cpd, 0.0));
  CHECK(yearly_skill_gain(cpd, 0.0) == Approx(cpd.individual_skill_gain));
  CHECK(resting_wellbeing_with_cpd(cpd, 0.0) == Approx(resting_wellbeing));
  CHECK(resting_wellbeing_with_cpd(cpd, 1.0) > resting_wellbeing);
  // Ten years of collaborative CPD leave a teacher more skilled than ten of individual CPD.
  CHECK(skill_for_experience(cpd, 10, 1.0) > skill_for_experience(cpd, 10, 0.0));
  CHECK(skill_for_experience(cpd, 0, 1.0) == Approx(cpd.new_teacher_skill));
}

TEST_CASE("strong schools discount weaker ones under individual accountability and seek them under group accountability",
          "[networks]") {
  const double discount = 0.8;
  CHECK(tie_willingness(1.0, 0.0, 0.0, 1.0, discount) < 1.0);  // stronger, individual
  CHECK(tie_willingness(1.0, 0.0, 1.0, 1.0, discount) > 1.0);  // stronger, group
  CHECK(tie_willingness(0.0, 1.0, 0.0, 1.0, discount) == 1.0);  // the weaker school is always willing
  CHECK(tie_willingness(1.0, 0.0, 0.5, 1.0, discount) == Approx(1.0));  // an even mix is neutral
  CHECK(tie_willingness(1.0, 0.0, 0.0, 0.0, discount) == Approx(1.0));  // no accountability, no discount
  CHECK(tie_willingness(2.0, 0.0, 0.0, 1.0, discount) < tie_willingness(1.0, 0.0, 0.0, 1.0, discount));
}

TEST_CASE("staying in a network pays more with capacity and ties, and funding covers its cost", "[networks]") {
  const NetworkParameters n = Scenario::from_defaults().parameters().networks;
  const double bare = membership_utility(n, 0, 0, 0.6, false);
  CHECK(membership_utility(n, 0, 0.5, 0.6, false) > bare);
  CHECK(membership_utility(n, 2, 0, 0.6, false) > bare);
  CHECK(membership_utility(n, 0, 0, 0.6, true) == Approx(bare + n.membership_cost * 0.6));
  CHECK(membership_utility(n, 0, 0, 0.9, false) < bare);  // tighter networks take more time
}

TEST_CASE("a lead mentor is the school's most experienced mentor, or a new mentor if it has none", "[networks]") {
  World world;
  const Parameters p = Scenario::from_defaults().parameters();
  const ProviderId provider = world.providers.add(ProviderType::scitt, Region::london, 1.0, 0.6, 0.4);
  const SchoolId with_mentors = add_school(world, provider, 2);
  const SchoolId without = add_school(world, provider, 0);
  auto& teachers = world.teachers;
  const TeacherId senior = world.schools.first_post[with_mentors] + 1;
  teachers.mentoring_years[senior] = 5;
  CHECK_FALSE(has_lead_mentor(world, with_mentors));
  REQUIRE(appoint_lead_mentor(world, p, with_mentors));
  CHECK(teachers.is_lead_mentor[senior]);
  CHECK(teachers.mentor_training_hours[senior] == Approx(p.market_review.lead_mentor_training_hours));
  REQUIRE(appoint_lead_mentor(world, p, without));
  CHECK(has_lead_mentor(world, without));
}

TEST_CASE("the policy in force follows each lever's start year", "[policy]") {
  const Parameters p = Scenario::from_defaults({{"market_review.start_year", "2024", "test"},
                                                {"market_review.minimum_placement_weeks", "30", "test"},
                                                {"collaboration.start_year", "2025", "test"}})
                           .parameters();
  const PolicyInForce before = policy_in_force(p, 2023);
  CHECK_FALSE(before.market_review);
  CHECK(before.second_block_weeks == p.placement.second_block_weeks);
  CHECK(before.mentoring_hours_per_trainee == p.placement.mentoring_hours_per_trainee);
  const PolicyInForce first = policy_in_force(p, 2024);
  CHECK(first.market_review);
  CHECK(first.reaccreditation_this_year);
  CHECK(first.first_block_weeks + first.second_block_weeks == 30);
  CHECK(first.itap_weeks == p.market_review.itap_weeks);
  CHECK_FALSE(first.clearing_house);
  const PolicyInForce later = policy_in_force(p, 2025);
  CHECK_FALSE(later.reaccreditation_this_year);  // re-accreditation happens once
  CHECK(later.clearing_house);
  CHECK(later.common_paperwork);
}

TEST_CASE("Market Review training: initial hours with each provider, a refresher the next year, then none", "[policy]") {
  World world;
  const Parameters p = Scenario::from_defaults({{"market_review.start_year", "2024", "test"}}).parameters();
  const ProviderId home = world.providers.add(ProviderType::scitt, Region::london, 1.0, 0.6, 0.4);
  const ProviderId other = world.providers.add(ProviderType::hei, Region::london, 1.0, 0.6, 0.7);
  const SchoolId school = add_school(world, home, 1);
  const TeacherId mentor = world.schools.first_post[school];
  world.policy = policy_in_force(p, 2024);
  const auto& review = p.market_review;
  CHECK(review_training_hours(world, p, mentor) == Approx(review.mentor_initial_training_hours));
  world.schools.partners[school].push_back(other);
  CHECK(review_training_hours(world, p, mentor) ==
        Approx(review.mentor_initial_training_hours * (1.0 + review.multi_provider_training_share)));
  world.teachers.review_training_year[mentor] = 2024;
  world.policy = policy_in_force(p, 2025);
  CHECK(review_training_content(world, mentor) == Approx(review.mentor_refresher_training_hours));
  world.policy = policy_in_force(p, 2026);
  CHECK(review_training_content(world, mentor) == 0.0);

  // The cost of hosting falls when the grant pays for the training.
  world.policy = policy_in_force(p, 2024);
  const SchoolStaffing staffing = staffing_of(world, p, school);
  const double unfunded = review_cost(p, world.policy, staffing);
  PolicyInForce funded = world.policy;
  funded.mentor_funding = true;
  CHECK(review_cost(p, funded, staffing) < unfunded);
  CHECK(review_cost(p, policy_in_force(p, 2023), staffing) == 0.0);
}

TEST_CASE("re-accreditation demotes or closes providers below the bar; their trainees stay and partnerships move",
          "[accreditation]") {
  World world;
  const Parameters p = Scenario::from_defaults({{"market_review.start_year", "2024", "test"}}).parameters();
  auto& providers = world.providers;
  const ProviderId weak = providers.add(ProviderType::scitt, Region::london, 1.0, p.market_review.closure_quality_bar - 0.1, 0.4);
  const ProviderId middling = providers.add(ProviderType::scitt, Region::london, 1.0, p.market_review.accreditation_quality_bar - 0.05, 0.4);
  const ProviderId strong = providers.add(ProviderType::hei, Region::london, 6.0, 0.9, 0.7);
  const SchoolId weak_home = add_school(world, weak, 1);
  const SchoolId both = add_school(world, strong, 1);
  world.schools.partners[both].push_back(middling);
  world.schools.partner_hosted[both].push_back(0);
  providers.partner_schools[middling].push_back(both);
  const TraineeId trainee = world.trainees.add(weak, Route::scitt, Phase::primary, Subject::general, Region::london, 0.8);

  const Reaccreditation outcome = reaccredit(world, p);
  CHECK(outcome.closed == 1);
  CHECK(outcome.demoted == 1);
  CHECK(providers.accreditation[weak] == Accreditation::closed);
  CHECK(providers.accreditation[middling] == Accreditation::delivery_partner);
  CHECK(accredited_providers(world) == 1);
  CHECK(providers.lead_partner[weak] == strong);
  CHECK(providers.size_weight[strong] == Approx(6.0 + p.providers.closed_capacity_transfer + 1.0));
  CHECK(world.trainees.provider[trainee] == weak);  // the trainee finishes with their provider
  CHECK(world.schools.partners[weak_home].front() == weak);  // partnerships move only at the year end

  CHECK(transfer_partnerships(world) == 2);
  CHECK(world.schools.partners[weak_home] == std::vector<ProviderId>{strong});
  CHECK(world.schools.partners[both] == std::vector<ProviderId>{strong});  // no duplicate partnership
  CHECK(world.schools.partner_hosted[both].size() == 1);
  CHECK(providers.partner_schools[weak].empty());
  const auto& listed = providers.partner_schools[strong];
  CHECK(std::count(listed.begin(), listed.end(), weak_home) == 1);
  CHECK(std::count(listed.begin(), listed.end(), both) == 1);
}

TEST_CASE("a lever's value changed while the lever is off is an input error naming the key", "[policy][params]") {
  try {
    Scenario::from_defaults({{"market_review.mentor_funding", "1", "--set"}});
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK_THAT(error.what(), Contains("market_review.mentor_funding") && Contains("market_review.start_year"));
  }
  CHECK_THROWS_AS(Scenario::from_defaults({{"accountability.start_year", "1999", "--set"}}), InputError);
  CHECK_NOTHROW(Scenario::from_defaults({{"accountability.start_year", "2024", "--set"}, {"accountability.group_share", "1", "--set"}}));
}
