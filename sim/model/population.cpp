#include "sim/model/population.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/geography.hpp"
#include "sim/model/networks.hpp"
#include "sim/params/schools_file.hpp"

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace ittsim {
namespace {

std::int64_t scaled(std::int64_t count, double scale) { return std::llround(static_cast<double>(count) * scale); }


// A school-level score: uniform within 0.3 of its mean, kept within 0 ... 1.
double draw_score(RandomStream& rng, double mean) { return std::clamp(mean - 0.3 + 0.6 * rng.uniform(), 0.0, 1.0); }

Subject draw_subject(RandomStream& rng, Phase phase, const PopulationParameters& pop) {
  if (phase != Phase::secondary) return Subject::general;
  const double u = rng.uniform();
  if (u < pop.shortage_subject_share) return Subject::shortage;
  if (u < pop.shortage_subject_share + pop.other_ebacc_subject_share) return Subject::other_ebacc;
  return Subject::non_ebacc;
}

// A school's own synthesis stream, whether it is listed or synthesised.
RandomStream school_stream(const RandomStreams& streams, const PopulationParameters& pop, std::size_t id) {
  return streams.stream(Purpose::school_synthesis, synthesis_key(pop, id), 0);
}

// What synthesis draws for a school beyond its phase, region and pupils: its post slots, whether
// it is a training school, its culture and pressure, and its posts' subjects. rng is the
// school's own stream, so a school of a list draws as a synthesised one of its id would.
void add_school(World& world, const PopulationParameters& pop, RandomStream& rng, Phase phase, Region region, std::int32_t pupils) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  const std::int32_t needed = posts_needed(pupils, pupils_per_teacher(pop, phase));
  const auto slots = needed + static_cast<std::int32_t>(std::ceil(needed * pop.post_headroom));
  const SchoolId id = schools.add(phase, region, pupils, static_cast<TeacherId>(teachers.size()), slots);
  schools.training_school[id] = phase == Phase::secondary && rng.uniform() < pop.training_school_share;
  schools.cpd_culture[id] = draw_score(rng, pop.cpd_culture_mean);
  schools.accountability_pressure[id] = draw_score(rng, pop.accountability_pressure_mean);
  world.schools_by_region_phase[static_cast<std::size_t>(region)][static_cast<std::size_t>(phase)].push_back(id);
  for (std::int32_t slot = 0; slot < slots; ++slot) teachers.add_post(id, draw_subject(rng, phase, pop), slot < needed, resting_wellbeing);
}

// The schools of a list, in its (URN) order.
void add_listed_schools(World& world, const Parameters& p, const RandomStreams& streams) {
  const auto& list = *p.school_list;
  world.teachers.reserve(static_cast<std::size_t>(expected_teacher_posts(p)));
  for (std::size_t k = 0; k < list.size(); ++k) {
    auto rng = school_stream(streams, p.population, k);
    add_school(world, p.population, rng, list.phase[k], list.region[k], list.pupils[k]);
    world.schools.urn[k] = list.urn[k];
  }
}

void add_schools(World& world, const Parameters& p, const RandomStreams& streams) {
  if (p.school_list) {
    add_listed_schools(world, p, streams);
    return;
  }
  const auto& pop = p.population;
  struct PhaseSpec {
    Phase phase;
    std::int64_t count;
    double pupils_mean;
  };
  const std::array<PhaseSpec, 3> phases{{
      {Phase::primary, scaled(pop.primary_schools, england_fraction(pop)), pop.primary_pupils_mean},
      {Phase::secondary, scaled(pop.secondary_schools, england_fraction(pop)), pop.secondary_pupils_mean},
      {Phase::special, scaled(pop.special_schools, england_fraction(pop)), pop.special_pupils_mean},
  }};
  // Sizes vary, so allow a little more than the posts expected.
  world.teachers.reserve(static_cast<std::size_t>(1.05 * expected_teacher_posts(p)));
  for (const auto& spec : phases) {
    // Log-normal sizes with the phase mean: mu = log(mean) - sigma^2 / 2.
    const double sigma = pop.pupils_dispersion;
    const double mu = std::log(spec.pupils_mean) - sigma * sigma / 2.0;
    for (std::int64_t n = 0; n < spec.count; ++n) {
      auto rng = school_stream(streams, pop, world.schools.size());
      const Region region = draw_simulated_region(rng, pop);
      boost::random::lognormal_distribution<double> size(mu, sigma);
      const auto pupils = static_cast<std::int32_t>(std::max(10.0, std::round(size(rng))));
      add_school(world, pop, rng, spec.phase, region, pupils);
    }
  }
}

void add_teachers(World& world, const Parameters& p, const RandomStreams& streams) {
  auto& teachers = world.teachers;
  const auto& pop = p.population;
  for_each_agent(teachers.size(), [&](std::size_t id) {
    if (!teachers.established[id]) return;
    auto rng = streams.stream(Purpose::teacher_synthesis, synthesis_key(pop, id), 0);
    if (rng.uniform() < pop.initial_vacancy_rate) return;
    const std::int32_t experience = draw_experience(rng, p);
    teachers.filled[id] = 1;
    teachers.experience_years[id] = experience;
    const double share = world.schools.training_school[teachers.school[id]] ? pop.training_school_mentor_share : pop.mentor_share;
    if (experience >= mentor_experience_years && rng.uniform() < share) {
      boost::random::exponential_distribution<double> hours(1.0 / std::max(pop.mentor_training_hours_mean, 1e-9));
      boost::random::uniform_int_distribution<std::int32_t> years(0, std::min(experience - mentor_experience_years, 10));
      teachers.is_mentor[id] = 1;
      teachers.mentor_training_hours[id] = pop.mentor_training_hours_mean > 0 ? hours(rng) : 0.0;
      teachers.mentoring_years[id] = years(rng);
      teachers.mentoring_style[id] = draw_mentoring_style(rng, p);
    }
  });
}

void add_providers(World& world, const Parameters& p, const RandomStreams& streams) {
  const auto& pop = p.population;
  auto& providers = world.providers;
  const std::int64_t heis = scaled(pop.hei_providers, england_fraction(p));
  const std::int64_t distance = pop.distance_hei_providers > 0 ? std::max<std::int64_t>(1, scaled(pop.distance_hei_providers, pop.scale)) : 0;
  const std::int64_t teach_first = pop.teach_first_providers > 0 ? std::max<std::int64_t>(1, scaled(pop.teach_first_providers, pop.scale)) : 0;
  // At least one local provider, so that every school has a home provider.
  const std::int64_t scitts = std::max<std::int64_t>(scaled(pop.scitt_providers, england_fraction(p)), heis > 0 ? 0 : 1);
  const std::array<std::pair<ProviderType, std::int64_t>, 4> counts{
      {{ProviderType::hei, heis}, {ProviderType::scitt, scitts}, {ProviderType::distance_hei, distance}, {ProviderType::teach_first, teach_first}}};
  for (const auto& [type, count] : counts) {
    const auto regions = regional_quotas(count, p);
    for (std::int64_t n = 0; n < count; ++n) {
      const auto id = static_cast<ProviderId>(providers.size());
      auto rng = streams.stream(Purpose::provider_synthesis, synthesis_key(pop, id), 0);
      double size = 1.0;
      double prescriptiveness = pop.scitt_prescriptiveness;
      if (type == ProviderType::hei) size = pop.hei_size_ratio;
      if (type == ProviderType::distance_hei) size = pop.distance_hei_size_ratio;
      if (type == ProviderType::teach_first) size = pop.teach_first_size_ratio;
      if (type == ProviderType::hei || type == ProviderType::distance_hei) prescriptiveness = pop.hei_prescriptiveness;
      const double capability = 0.4 + 0.5 * rng.uniform();
      providers.add(type, regions[static_cast<std::size_t>(n)], size, capability,
                    std::clamp(prescriptiveness - 0.15 + 0.3 * rng.uniform(), 0.0, 1.0));
    }
  }
}

// Each school takes a home provider among its region's HEIs and SCITTs based within
// geography.provider_reach_km (scaled_km; the nearest one if none is), weighted by size; a SCITT's lead
// school takes that SCITT. Then a Poisson number of further partners among those within reach
// and the national providers.
void add_partnerships(World& world, const Parameters& p, const RandomStreams& streams, const std::vector<SchoolId>& lead_schools) {
  auto& schools = world.schools;
  auto& providers = world.providers;
  std::array<std::vector<ProviderId>, region_count> local;
  std::vector<ProviderId> all_local;
  std::vector<ProviderId> national;
  for (ProviderId id = 0; id < providers.size(); ++id) {
    if (is_national(providers.type[id])) {
      national.push_back(id);
    } else {
      local[static_cast<std::size_t>(providers.region[id])].push_back(id);
      all_local.push_back(id);
    }
  }
  std::vector<ProviderId> led_by(schools.size(), no_id);
  for (ProviderId id = static_cast<ProviderId>(lead_schools.size()); id-- > 0;) {
    if (lead_schools[id] != no_id) led_by[lead_schools[id]] = id;  // the first SCITT a school leads
  }
  const auto& pop = p.population;
  const double reach = scaled_km(pop, p.geography.provider_reach_km);
  std::vector<ProviderId> home_candidates;
  for (SchoolId id = 0; id < schools.size(); ++id) {
    auto rng = streams.stream(Purpose::partnership_synthesis, synthesis_key(pop, id), 0);
    const auto& regional = local[static_cast<std::size_t>(schools.region[id])];
    const auto& in_region = regional.empty() ? all_local : regional;
    const auto distance_to = [&](ProviderId provider) {
      return distance_km(schools.easting_km[id], schools.northing_km[id], providers.base_easting_km[provider], providers.base_northing_km[provider]);
    };
    home_candidates.clear();
    for (const ProviderId provider : in_region) {
      if (distance_to(provider) <= reach) home_candidates.push_back(provider);
    }
    if (home_candidates.empty()) {
      home_candidates.push_back(*std::min_element(in_region.begin(), in_region.end(), [&](ProviderId a, ProviderId b) {
        return distance_to(a) < distance_to(b);
      }));
    }
    std::vector<double> home_weights;
    for (const ProviderId provider : home_candidates) home_weights.push_back(providers.size_weight[provider]);
    boost::random::discrete_distribution<std::size_t> pick_home(home_weights.begin(), home_weights.end());
    auto& partners = schools.partners[id];
    const ProviderId drawn = home_candidates[pick_home(rng)];
    partners.push_back(led_by[id] != no_id ? led_by[id] : drawn);

    std::vector<ProviderId> candidates = home_candidates;
    candidates.insert(candidates.end(), national.begin(), national.end());
    std::vector<double> weights;
    for (const ProviderId provider : candidates) weights.push_back(providers.size_weight[provider]);
    boost::random::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
    double mean = schools.phase[id] == Phase::primary ? pop.primary_extra_partners_mean : pop.secondary_extra_partners_mean;
    if (schools.training_school[id]) mean = pop.training_school_extra_partners;
    if (schools.phase[id] == Phase::special) mean = 0;
    boost::random::poisson_distribution<int> extra(std::max(mean, 1e-12));
    const int wanted = mean > 0 ? extra(rng) : 0;
    // Bounded tries: a school may have fewer providers within reach than it would like.
    for (int attempt = 0; attempt < 4 * wanted && static_cast<int>(partners.size()) < wanted + 1; ++attempt) {
      const ProviderId provider = candidates[pick(rng)];
      if (std::find(partners.begin(), partners.end(), provider) == partners.end()) partners.push_back(provider);
    }
    schools.partner_hosted[id].assign(partners.size(), 0);
  }
  // Providers list their home schools first, so that they ask them first.
  for (SchoolId id = 0; id < schools.size(); ++id) providers.partner_schools[schools.home_provider(id)].push_back(id);
  for (ProviderId id = 0; id < providers.size(); ++id) providers.home_school_count[id] = providers.partner_schools[id].size();
  for (SchoolId id = 0; id < schools.size(); ++id) {
    for (std::size_t k = 1; k < schools.partners[id].size(); ++k)
      providers.partner_schools[schools.partners[id][k]].push_back(id);
  }
}

}  // namespace

// Regions for count providers (or networks) of one type, in proportion to the regions' shares of schools
// (largest remainders), so that no region is left far short of training capacity by chance.
std::vector<Region> regional_quotas(std::int64_t count, const Parameters& p) {
  const auto shares = school_region_shares(p);
  double total = 0;
  for (const double share : shares) total += share;
  std::array<std::int64_t, region_count> quota{};
  std::array<std::pair<double, std::size_t>, region_count> remainders{};
  std::int64_t assigned = 0;
  for (std::size_t r = 0; r < region_count; ++r) {
    const double exact = shares[r] / total * static_cast<double>(count);
    quota[r] = static_cast<std::int64_t>(std::floor(exact));
    remainders[r] = {-(exact - std::floor(exact)), r};
    assigned += quota[r];
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::size_t k = 0; assigned < count; k = (k + 1) % region_count, ++assigned) quota[remainders[k].second] += 1;
  std::vector<Region> regions;
  for (std::size_t r = 0; r < region_count; ++r) regions.insert(regions.end(), static_cast<std::size_t>(quota[r]), static_cast<Region>(r));
  return regions;
}

Region draw_simulated_region(RandomStream& rng, const PopulationParameters& population) {
  const auto shares = simulated_region_shares(population);
  boost::random::discrete_distribution<int> region(shares.begin(), shares.end());
  return static_cast<Region>(region(rng));
}

double pupils_per_teacher(const PopulationParameters& pop, Phase phase) {
  switch (phase) {
    case Phase::primary: return pop.primary_pupils_per_teacher;
    case Phase::secondary: return pop.secondary_pupils_per_teacher;
    case Phase::special: return pop.special_pupils_per_teacher;
  }
  return pop.primary_pupils_per_teacher;
}

std::array<double, region_count> school_region_shares(const Parameters& p) {
  if (!p.school_list) return simulated_region_shares(p.population);
  std::array<double, region_count> shares{};
  for (const Region region : p.school_list->region) shares[static_cast<std::size_t>(region)] += 1;
  return shares;
}

double england_fraction(const Parameters& p) {
  if (!p.school_list) return england_fraction(p.population);
  const auto& pop = p.population;
  const auto england = pop.primary_schools + pop.secondary_schools + pop.special_schools;
  return england > 0 ? static_cast<double>(p.school_list->size()) / static_cast<double>(england) : 0.0;
}

double expected_teacher_posts(const Parameters& p) {
  if (!p.school_list) return expected_teacher_posts(p.population);
  const auto& list = *p.school_list;
  double posts = 0;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const double needed = posts_needed(list.pupils[k], pupils_per_teacher(p.population, list.phase[k]));
    posts += needed + std::ceil(needed * p.population.post_headroom);
  }
  return posts;
}

double expected_teacher_posts(const PopulationParameters& pop) {
  const std::array<std::pair<std::int64_t, double>, 3> phases{{{pop.primary_schools, pop.primary_pupils_mean},
                                                              {pop.secondary_schools, pop.secondary_pupils_mean},
                                                              {pop.special_schools, pop.special_pupils_mean}}};
  double posts = 0;
  for (std::size_t phase = 0; phase < phases.size(); ++phase) {
    const auto schools = static_cast<double>(scaled(phases[phase].first, england_fraction(pop)));
    posts += schools * phases[phase].second / pupils_per_teacher(pop, static_cast<Phase>(phase));
  }
  return posts * (1.0 + pop.post_headroom);
}

std::int32_t posts_needed(std::int32_t pupils, double pupils_per_teacher_ratio) {
  return static_cast<std::int32_t>(std::max(1.0, std::round(pupils / pupils_per_teacher_ratio)));
}

bool is_national(ProviderType type) noexcept {
  return type == ProviderType::distance_hei || type == ProviderType::teach_first;
}

std::int32_t draw_experience(RandomStream& rng, const Parameters& p) {
  boost::random::exponential_distribution<double> years(1.0 / p.population.mean_teacher_experience);
  // Truncated by redrawing: everyone drawn is below retirement age, and no one is piled up
  // just below it (which would bring a wave of retirements in the first year).
  for (;;) {
    const auto drawn = static_cast<std::int64_t>(years(rng));
    if (drawn < p.career.retirement_experience - 1) return static_cast<std::int32_t>(drawn);
  }
}

double draw_mentoring_style(RandomStream& rng, const Parameters& p) {
  boost::random::normal_distribution<double> style(p.population.developmental_style_mean, p.population.mentoring_style_sd);
  return std::clamp(style(rng), 0.0, 1.0);
}

World synthesise_population(const Parameters& parameters, const RandomStreams& streams) {
  World world;
  add_schools(world, parameters, streams);
  locate_schools(world, parameters, streams);
  add_teachers(world, parameters, streams);
  add_providers(world, parameters, streams);
  const std::vector<SchoolId> lead_schools = place_provider_bases(world, parameters, streams);
  add_partnerships(world, parameters, streams, lead_schools);
  // The first year's policy, which the networks' first ties already see.
  world.policy = policy_in_force(parameters, parameters.run.start_year);
  synthesise_networks(world, parameters, streams);
  assign_governance(world, parameters, streams);
  // Hosting history before the run: as if each mentor had hosted one trainee last year, so
  // that the first year's decisions see the culture of discourse that schools already have;
  // and the posts vacant at the start as last year's vacancies.
  auto& schools = world.schools;
  const auto& teachers = world.teachers;
  for (SchoolId school = 0; school < schools.size(); ++school) {
    std::int32_t mentors = 0;
    std::int32_t vacancies = 0;
    for (TeacherId post = schools.first_post[school]; post < schools.posts_end(school); ++post) {
      mentors += teachers.filled[post] && teachers.is_mentor[post];
      vacancies += teachers.established[post] && !teachers.filled[post];
    }
    schools.trainees_hosted_this_year[school] = schools.phase[school] == Phase::special ? 0 : mentors;
    schools.vacancies_last_year[school] = vacancies;
  }
  return world;
}

}  // namespace ittsim
