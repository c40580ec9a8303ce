// Recruitment on a synthesised North East: who recruits, how many, on which routes, where.

#include "sim/model/policy.hpp"
#include "sim/model/population.hpp"
#include "sim/model/recruitment.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace ittsim;

namespace {

struct Recruited {
  World world;
  std::int64_t count = 0;
};

Recruited recruit(const Parameters& p, std::uint64_t replicate, void (*prepare)(World&) = nullptr) {
  const RandomStreams streams(p.run.seed, replicate);
  Recruited result{synthesise_population(p, streams)};
  result.world.policy = policy_in_force(p, p.run.start_year);
  if (prepare != nullptr) prepare(result.world);
  result.count = recruit_cohort(result.world, p, streams, Clock{0, 0, p.run.start_year});
  return result;
}

double expected_total(const Parameters& p, const PolicyInForce& policy) {
  double total = 0;
  for (std::size_t r = 0; r < route_count; ++r) {
    const auto route = static_cast<Route>(r);
    total += expected_intake(p, policy, route, Phase::primary, Subject::general);
    for (const Subject subject : {Subject::shortage, Subject::other_ebacc, Subject::non_ebacc})
      total += expected_intake(p, policy, route, Phase::secondary, subject);
  }
  return total;
}

}  // namespace

TEST_CASE("the cohort is Poisson around the expected national intake, over every route", "[recruitment]") {
  // Every route has a provider here, so the providers' shares add up to each cell's national
  // expectation: the total over 4 replicates lies within 4 standard deviations of 4 × it.
  const Parameters p = test::small_scenario().parameters();
  double recruited = 0;
  std::array<std::int64_t, route_count> by_route{};
  for (std::uint64_t replicate = 0; replicate < 4; ++replicate) {
    const auto cohort = recruit(p, replicate);
    recruited += static_cast<double>(cohort.count);
    REQUIRE(cohort.world.trainees.size() == static_cast<std::size_t>(cohort.count));
    for (TraineeId id = 0; id < cohort.world.trainees.size(); ++id) by_route[static_cast<std::size_t>(cohort.world.trainees.route[id])] += 1;
  }
  const double expected = 4 * expected_total(p, policy_in_force(p, p.run.start_year));
  REQUIRE(expected > 1000);
  CHECK(std::abs(recruited - expected) < 4 * std::sqrt(expected));
  for (std::size_t r = 0; r < route_count; ++r) {
    INFO("route " << r);
    CHECK(by_route[r] > 0);
  }
}

TEST_CASE("each trainee is on a route its provider offers, placed where it can train, with an employer where salaried",
          "[recruitment]") {
  const Parameters p = test::small_scenario().parameters();
  const auto cohort = recruit(p, 0);
  const auto& world = cohort.world;
  const auto& trainees = world.trainees;
  const auto& providers = world.providers;
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    const ProviderId provider = trainees.provider[id];
    REQUIRE(offers_route(providers.type[provider], trainees.route[id]));
    REQUIRE(trainees.status[id] == TraineeStatus::in_training);
    REQUIRE(trainees.phase[id] != Phase::special);
    REQUIRE(!world.schools_by_region_phase[static_cast<std::size_t>(trainees.region[id])][static_cast<std::size_t>(trainees.phase[id])].empty());
    if (!is_national(providers.type[provider])) REQUIRE(trainees.region[id] == providers.region[provider]);
    const bool employed_route = trainees.route[id] == Route::school_direct_salaried || trainees.route[id] == Route::teach_first;
    if (!employed_route) {
      REQUIRE(trainees.employer[id] == no_id);
      continue;
    }
    const SchoolId employer = trainees.employer[id];
    REQUIRE(employer != no_id);
    REQUIRE(world.schools.phase[employer] == trainees.phase[id]);
    REQUIRE(world.schools.region[employer] == trainees.region[id]);
  }
}

TEST_CASE("only accredited providers recruit, and a cohort replaces the last", "[recruitment]") {
  const Parameters p = test::small_scenario().parameters();
  const auto cohort = recruit(p, 0, [](World& world) {
    for (ProviderId provider = 0; provider < world.providers.size(); provider += 2)
      world.providers.accreditation[provider] = provider % 4 == 0 ? Accreditation::delivery_partner : Accreditation::closed;
  });
  REQUIRE(cohort.count > 0);
  for (TraineeId id = 0; id < cohort.world.trainees.size(); ++id) REQUIRE(cohort.world.providers.recruits(cohort.world.trainees.provider[id]));

  World again = cohort.world;
  const auto second = recruit_cohort(again, p, RandomStreams(p.run.seed, 0), Clock{52, 52, p.run.start_year + 1});
  CHECK(again.trainees.size() == static_cast<std::size_t>(second));
}
