#include "sim/model/population.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace ittsim {
namespace {

std::int64_t scaled(std::int64_t count, double scale) {
  return std::llround(static_cast<double>(count) * scale);
}

Region draw_region(RandomStream& rng) {
  boost::random::discrete_distribution<int> region(region_shares.begin(), region_shares.end());
  return static_cast<Region>(region(rng));
}

void add_schools(World& world, const Parameters& p, const RandomStreams& streams) {
  const auto& pop = p.population;
  struct PhaseSpec {
    Phase phase;
    std::int64_t count;
    double pupils_mean;
    double pupils_per_teacher;
  };
  const std::array<PhaseSpec, 3> phases{{
      {Phase::primary, scaled(pop.primary_schools, pop.scale), pop.primary_pupils_mean, pop.primary_pupils_per_teacher},
      {Phase::secondary, scaled(pop.secondary_schools, pop.scale), pop.secondary_pupils_mean,
       pop.secondary_pupils_per_teacher},
      {Phase::special, scaled(pop.special_schools, pop.scale), pop.special_pupils_mean, pop.special_pupils_per_teacher},
  }};
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  for (const auto& spec : phases) {
    // Log-normal sizes with the phase mean: mu = log(mean) - sigma^2 / 2.
    const double sigma = pop.pupils_dispersion;
    const double mu = std::log(spec.pupils_mean) - sigma * sigma / 2.0;
    for (std::int64_t n = 0; n < spec.count; ++n) {
      const auto id = static_cast<SchoolId>(schools.size());
      auto rng = streams.stream(Purpose::school_synthesis, id, 0);
      const Region region = draw_region(rng);
      boost::random::lognormal_distribution<double> size(mu, sigma);
      const auto pupils = static_cast<std::int32_t>(std::max(10.0, std::round(size(rng))));
      const auto posts = static_cast<std::int32_t>(std::max(1.0, std::round(pupils / spec.pupils_per_teacher)));
      schools.phase.push_back(spec.phase);
      schools.region.push_back(region);
      schools.pupils.push_back(pupils);
      schools.first_post.push_back(static_cast<TeacherId>(teachers.size()));
      schools.post_count.push_back(posts);
      schools.home_provider.push_back(no_id);
      schools.partners.emplace_back();
      schools.willing_to_host.push_back(0);
      schools.free_mentor_places.push_back(0);
      schools.hosted_this_year.push_back(0);
      world.schools_by_region_phase[static_cast<std::size_t>(region)][static_cast<std::size_t>(spec.phase)].push_back(id);
      for (std::int32_t post = 0; post < posts; ++post) {
        teachers.school.push_back(id);
        teachers.filled.push_back(1);
        teachers.experience_years.push_back(0);
        teachers.wellbeing.push_back(resting_wellbeing);
        teachers.is_mentor.push_back(0);
        teachers.mentees.push_back(0);
        teachers.mentored_this_year.push_back(0);
        teachers.departure.push_back(Departure::none);
      }
    }
  }
}

void add_teachers(World& world, const Parameters& p, const RandomStreams& streams) {
  auto& teachers = world.teachers;
  for_each_agent(teachers.size(), [&](std::size_t id) {
    auto rng = streams.stream(Purpose::teacher_synthesis, id, 0);
    const std::int32_t experience = draw_experience(rng, p);
    teachers.experience_years[id] = experience;
    teachers.is_mentor[id] = experience >= mentor_experience_years && rng.uniform() < p.population.mentor_share;
  });
}

void add_providers(World& world, const Parameters& p, const RandomStreams& streams) {
  const auto& pop = p.population;
  auto& providers = world.providers;
  const std::int64_t heis = scaled(pop.hei_providers, pop.scale);
  const std::int64_t scitts = std::max<std::int64_t>(scaled(pop.scitt_providers, pop.scale), heis > 0 ? 0 : 1);
  for (std::int64_t n = 0; n < heis + scitts; ++n) {
    const auto id = static_cast<ProviderId>(providers.size());
    auto rng = streams.stream(Purpose::provider_synthesis, id, 0);
    const bool hei = n < heis;
    providers.type.push_back(hei ? ProviderType::hei : ProviderType::scitt);
    providers.region.push_back(draw_region(rng));
    providers.size_weight.push_back(hei ? pop.hei_size_ratio : 1.0);
    providers.partner_schools.emplace_back();
  }
}

// Each school takes a home provider from its region, weighted by provider size, and a Poisson
// number of further partners; a region without providers draws from all of them.
void add_partnerships(World& world, const Parameters& p, const RandomStreams& streams) {
  auto& schools = world.schools;
  auto& providers = world.providers;
  std::array<std::vector<ProviderId>, region_count> providers_in_region;
  std::vector<ProviderId> all_providers;
  for (ProviderId id = 0; id < providers.size(); ++id) {
    providers_in_region[static_cast<std::size_t>(providers.region[id])].push_back(id);
    all_providers.push_back(id);
  }
  for (SchoolId id = 0; id < schools.size(); ++id) {
    auto rng = streams.stream(Purpose::partnership_synthesis, id, 0);
    const auto& local = providers_in_region[static_cast<std::size_t>(schools.region[id])];
    const auto& candidates = local.empty() ? all_providers : local;
    std::vector<double> weights;
    for (const ProviderId provider : candidates) weights.push_back(providers.size_weight[provider]);
    boost::random::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
    auto& partners = schools.partners[id];
    partners.push_back(candidates[pick(rng)]);
    schools.home_provider[id] = partners.front();
    boost::random::poisson_distribution<int> extra(std::max(p.population.extra_partners_mean, 1e-12));
    const int wanted = p.population.extra_partners_mean > 0 ? extra(rng) : 0;
    // Bounded tries: a region may have fewer providers than a school would like.
    for (int attempt = 0; attempt < 4 * wanted && static_cast<int>(partners.size()) < wanted + 1; ++attempt) {
      const ProviderId provider = candidates[pick(rng)];
      if (std::find(partners.begin(), partners.end(), provider) == partners.end()) partners.push_back(provider);
    }
  }
  // Providers list their home schools first, so that they ask them first.
  for (SchoolId id = 0; id < schools.size(); ++id) providers.partner_schools[schools.home_provider[id]].push_back(id);
  for (SchoolId id = 0; id < schools.size(); ++id) {
    for (std::size_t k = 1; k < schools.partners[id].size(); ++k)
      providers.partner_schools[schools.partners[id][k]].push_back(id);
  }
}

}  // namespace

std::int32_t draw_experience(RandomStream& rng, const Parameters& p) {
  boost::random::exponential_distribution<double> years(1.0 / p.population.mean_teacher_experience);
  // Truncated by redrawing: everyone drawn is below retirement age, and no one is piled up
  // just below it (which would bring a wave of retirements in the first year).
  for (;;) {
    const auto drawn = static_cast<std::int64_t>(years(rng));
    if (drawn < p.career.retirement_experience - 1) return static_cast<std::int32_t>(drawn);
  }
}

World synthesise_population(const Parameters& parameters, const RandomStreams& streams) {
  World world;
  world.academic_year = parameters.run.start_year;
  add_schools(world, parameters, streams);
  add_teachers(world, parameters, streams);
  add_providers(world, parameters, streams);
  add_partnerships(world, parameters, streams);
  return world;
}

}  // namespace ittsim
