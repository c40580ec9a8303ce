#include "sim/model/recruitment.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"

#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include <algorithm>
#include <numeric>

namespace ittsim {

// A provider's expected intake in a phase is its share of national provider size times the
// scaled national target times the phase's fill rate; the intake itself is Poisson around it.
std::int64_t recruit_cohort(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  auto& trainees = world.trainees;
  const auto& providers = world.providers;
  trainees.clear();
  const double total_weight = std::accumulate(providers.size_weight.begin(), providers.size_weight.end(), 0.0);
  const std::array<double, 2> expected_national{
      static_cast<double>(p.recruitment.primary_target) * p.population.scale * p.recruitment.primary_fill_rate,
      static_cast<double>(p.recruitment.secondary_target) * p.population.scale * p.recruitment.secondary_fill_rate};
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    auto rng = streams.stream(Purpose::recruitment, provider, static_cast<std::uint64_t>(clock.absolute_week));
    for (const Phase phase : {Phase::primary, Phase::secondary}) {
      const double expected =
          expected_national[static_cast<std::size_t>(phase)] * providers.size_weight[provider] / total_weight;
      if (expected <= 0) continue;
      boost::random::poisson_distribution<int> intake(expected);
      const int recruited = intake(rng);
      for (int n = 0; n < recruited; ++n) trainees.add(provider, phase, providers.region[provider], 1.0, recruit_wellbeing);
    }
  }
  for_each_agent(trainees.size(), [&](std::size_t id) {
    auto rng = streams.stream(Purpose::trainee_attributes, id, static_cast<std::uint64_t>(clock.absolute_week));
    boost::random::normal_distribution<double> aptitude(1.0, p.recruitment.aptitude_sd);
    trainees.aptitude[id] = std::max(minimum_aptitude, aptitude(rng));
  });
  return static_cast<std::int64_t>(trainees.size());
}

}  // namespace ittsim
