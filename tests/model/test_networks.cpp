// Unit tests of the policy submodels on hand-built worlds: networks and CPD, accreditation,
// the Market Review's costs and the policy in force by year.

#include "sim/core/errors.hpp"
#include "sim/model/accreditation.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/policy.hpp"
#include "sim/model/population.hpp"
#include "sim/params/regions.hpp"
#include "sim/params/scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

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

// Every network lists its members and every school its networks, the one as the other.
void check_memberships(const World& world) {
  std::size_t listed = 0;
  for (NetworkId n = 0; n < world.networks.size(); ++n) {
    const auto& members = world.networks.members[n];
    REQUIRE(std::set<SchoolId>(members.begin(), members.end()).size() == members.size());
    for (const SchoolId school : members) {
      const auto& memberships = world.schools.networks[school];
      REQUIRE(std::count(memberships.begin(), memberships.end(), n) == 1);
    }
    listed += members.size();
  }
  std::size_t memberships = 0;
  for (SchoolId school = 0; school < world.schools.size(); ++school) memberships += world.schools.networks[school].size();
  REQUIRE(memberships == listed);
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

TEST_CASE("funded networks: the quota of the simulated regions, disjoint, of the minimum size or a little more, funded",
          "[networks]") {
  Parameters p = test::small_scenario({{"network_funding.start_year", "2022", "test"}}).parameters();
  p.network_funding.networks = 400;
  const RandomStreams streams(p.run.seed, 0);
  World world = synthesise_population(p, streams);
  const auto before = world.networks.size();
  form_funded_networks(world, p, streams, Clock{0, 0, 2022});
  const auto wanted = std::llround(400 * england_fraction(p.population));
  REQUIRE(world.networks.size() - before == static_cast<std::size_t>(wanted));
  std::set<SchoolId> taken;
  for (NetworkId n = static_cast<NetworkId>(before); n < world.networks.size(); ++n) {
    const auto& members = world.networks.members[n];
    CHECK(world.networks.kind[n] == NetworkKind::funded_learning);
    CHECK(members.size() >= static_cast<std::size_t>(p.network_funding.minimum_schools));
    CHECK(members.size() <= static_cast<std::size_t>(p.network_funding.minimum_schools + 2));
    CHECK(world.networks.funding_gbp[n] == p.network_funding.amount_gbp);
    CHECK(world.networks.funded_years_left[n] == p.network_funding.years);
    for (const SchoolId school : members) {
      CHECK(taken.insert(school).second);
      CHECK(world.schools.region[school] == world.networks.region[n]);
    }
  }
  check_memberships(world);
}

TEST_CASE("the summer review pays and counts down funding, dissolves small networks, keeps hub leaders and memberships",
          "[networks]") {
  Parameters p = test::small_scenario({{"network_funding.start_year", "2022", "test"}}).parameters();
  p.network_funding.networks = 400;
  p.network_funding.years = 2;
  const RandomStreams streams(p.run.seed, 0);
  World world = synthesise_population(p, streams);
  world.policy = policy_in_force(p, 2022);
  form_funded_networks(world, p, streams, Clock{0, 0, 2022});
  // A voluntary learning network shrunk below the minimum by hand must dissolve.
  NetworkId shrunk = no_id;
  for (NetworkId n = 0; n < world.networks.size() && shrunk == no_id; ++n) {
    if (world.networks.kind[n] == NetworkKind::professional_learning && world.networks.members[n].size() >= 2) shrunk = n;
  }
  REQUIRE(shrunk != no_id);
  while (world.networks.members[shrunk].size() > 1) {
    const SchoolId school = world.networks.members[shrunk].back();
    world.networks.members[shrunk].pop_back();
    auto& memberships = world.schools.networks[school];
    memberships.erase(std::find(memberships.begin(), memberships.end(), shrunk));
  }
  std::vector<std::pair<NetworkId, SchoolId>> hub_leaders;
  for (NetworkId n = 0; n < world.networks.size(); ++n) {
    if (world.networks.kind[n] == NetworkKind::teaching_school_hub && world.networks.active(n))
      hub_leaders.emplace_back(n, world.networks.members[n].front());
  }
  REQUIRE(!hub_leaders.empty());
  for (int year = 0; year < 3; ++year) {
    std::int64_t due = 0;
    std::vector<std::int32_t> years_left = world.networks.funded_years_left;
    for (NetworkId n = 0; n < world.networks.size(); ++n) {
      if (world.networks.active(n) && years_left[n] > 0) due += static_cast<std::int64_t>(world.networks.funding_gbp[n]);
    }
    const int week = 52 * year + 51;
    const NetworkReview review = review_networks(world, p, streams, Clock{51, week, 2022 + year});
    INFO("review " << year);
    CHECK(review.funding_paid_gbp == due);
    // Every funded network is paid at the first review; none is left to pay after two years.
    if (year == 0) CHECK(due == std::llround(400 * england_fraction(p.population)) * static_cast<std::int64_t>(p.network_funding.amount_gbp));
    if (year == 2) CHECK(due == 0);
    for (NetworkId n = 0; n < world.networks.size(); ++n) {
      if (years_left[n] > 0 && (year == 0 || world.networks.active(n))) CHECK(world.networks.funded_years_left[n] == years_left[n] - 1);
      if (world.networks.active(n)) CHECK(world.networks.members[n].size() >= static_cast<std::size_t>(p.networks.minimum_members));
    }
    CHECK(world.networks.members[shrunk].empty());
    for (const auto& [hub, leader] : hub_leaders) {
      if (world.networks.active(hub)) CHECK(world.networks.members[hub].front() == leader);
    }
    check_memberships(world);
  }
}

TEST_CASE("a provider's quality moves towards what its year supported, at the adjustment rate", "[accreditation]") {
  const Parameters p = Scenario::from_defaults().parameters();
  World world;
  const ProviderId busy = world.providers.add(ProviderType::hei, Region::london, 1.0, 0.8, 0.5);
  const ProviderId idle = world.providers.add(ProviderType::scitt, Region::london, 1.0, 0.3, 0.5);
  world.providers.quality[busy] = 0.4;
  record_placement(world.providers, busy, true, 0.9);
  record_placement(world.providers, busy, false, 0.3);
  update_provider_quality(world, p);
  const double target = quality_target(p.providers, 0.8, 0.5, 0.6);
  CHECK(world.providers.quality[busy] == Approx(0.4 + p.providers.quality_adjustment_rate * (target - 0.4)));
  CHECK(world.providers.quality[idle] == 0.3);  // no placements: unchanged
  CHECK(world.providers.placements_this_year[busy] == 0);
  CHECK(world.providers.placements_with_partners[busy] == 0);
  CHECK(world.providers.mentor_training_sum[busy] == 0);
  // The target weighs capability, stability and mentor training, and stays within 0 ... 1.
  const double own = 1.0 - p.providers.stability_weight - p.providers.mentor_training_weight;
  CHECK(target == Approx(own * 0.8 + p.providers.stability_weight * 0.5 + p.providers.mentor_training_weight * 0.6));
  CHECK(quality_target(p.providers, 1.0, 1.0, 1.0) == Approx(1.0));
  CHECK(quality_target(p.providers, 0.0, 0.0, 0.0) == 0.0);
}

TEST_CASE("Ofsted grades cut effectiveness at 0.95, -1.23 and -2.05: 17%, 72%, 9% and 2% of a standard normal",
          "[networks]") {
  CHECK(ofsted_grade(3.0) == 0);
  CHECK(ofsted_grade(0.95) == 0);
  CHECK(ofsted_grade(std::nextafter(0.95, 0.0)) == 1);
  CHECK(ofsted_grade(-1.23) == 1);
  CHECK(ofsted_grade(std::nextafter(-1.23, -3.0)) == 2);
  CHECK(ofsted_grade(-2.05) == 2);
  CHECK(ofsted_grade(std::nextafter(-2.05, -3.0)) == 3);
  CHECK(ofsted_grade(-10.0) == 3);
  // The shares of a standard normal each grade takes (docs/ODD.md: Ofsted's 2023 judgements),
  // integrated over the grades ofsted_grade gives.
  std::array<double, 4> shares{};
  constexpr double step = 1e-4;
  for (double x = -8.0; x < 8.0; x += step) shares[ofsted_grade(x + step / 2)] += std::exp(-0.5 * (x + step / 2) * (x + step / 2)) * step;
  for (double& share : shares) share /= std::sqrt(2.0 * M_PI);
  CHECK(shares[0] == Approx(0.17).margin(0.005));
  CHECK(shares[1] == Approx(0.72).margin(0.005));
  CHECK(shares[2] == Approx(0.09).margin(0.005));
  CHECK(shares[3] == Approx(0.02).margin(0.005));
}
