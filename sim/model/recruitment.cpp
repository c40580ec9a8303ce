#include "sim/model/recruitment.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/geography.hpp"
#include "sim/model/population.hpp"

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <limits>

namespace ittsim {
namespace {

struct Cell {
  Route route;
  Phase phase;
  Subject subject;
};

// Every route, phase and subject in which trainees are recruited, in a fixed order.
std::vector<Cell> recruitment_cells() {
  std::vector<Cell> cells;
  for (std::size_t r = 0; r < route_count; ++r) {
    const auto route = static_cast<Route>(r);
    cells.push_back({route, Phase::primary, Subject::general});
    for (const Subject subject : {Subject::shortage, Subject::other_ebacc, Subject::non_ebacc})
      cells.push_back({route, Phase::secondary, subject});
  }
  return cells;
}

double route_share(const RecruitmentParameters& r, Route route, Phase phase) {
  const bool primary = phase == Phase::primary;
  const double school_direct = primary ? r.primary_school_direct_share : r.secondary_school_direct_share;
  const double salaried = primary ? r.primary_salaried_share : r.secondary_salaried_share;
  const double teach_first = primary ? r.primary_teach_first_share : r.secondary_teach_first_share;
  const double provider_led = std::max(0.0, 1.0 - school_direct - salaried - teach_first);
  switch (route) {
    case Route::school_direct_fee: return school_direct;
    case Route::school_direct_salaried: return salaried;
    case Route::teach_first: return teach_first;
    case Route::hei: return provider_led * (1.0 - r.scitt_share_of_provider_led);
    case Route::scitt: return provider_led * r.scitt_share_of_provider_led;
    case Route::undergraduate: return 0.0;
  }
  return 0.0;
}

// A school of the phase among the provider's partners (or, failing that, the region) that
// employs a salaried or Teach First trainee.
SchoolId draw_employer(const World& world, ProviderId provider, Phase phase, Region region, RandomStream& rng) {
  std::vector<SchoolId> candidates;
  for (const SchoolId school : world.providers.partner_schools[provider]) {
    if (world.schools.phase[school] == phase && world.schools.region[school] == region) candidates.push_back(school);
  }
  if (candidates.empty()) candidates = world.schools_by_region_phase[static_cast<std::size_t>(region)][static_cast<std::size_t>(phase)];
  if (candidates.empty()) return no_id;
  boost::random::uniform_int_distribution<std::size_t> pick(0, candidates.size() - 1);
  return candidates[pick(rng)];
}

// The simulated regions' weights in the schools (school_region_shares), 0 where a region has
// no school of the phase: trainees are placed in their own region (special schools never
// host), so none is recruited there.
std::array<double, region_count> placeable_region_shares(const World& world, const Parameters& p, Phase phase) {
  auto shares = school_region_shares(p);
  for (std::size_t r = 0; r < region_count; ++r) {
    if (world.schools_by_region_phase[r][static_cast<std::size_t>(phase)].empty()) shares[r] = 0.0;
  }
  return shares;
}

// A partner school of the provider in the trainee's region and phase, drawn evenly, or no_id.
SchoolId draw_partner_school(const World& world, TraineeId id, RandomStream& rng) {
  const auto& trainees = world.trainees;
  const ProviderId provider = trainees.provider[id];
  const auto list = World::local_list(trainees.region[id], trainees.phase[id]);
  if (world.local_partners.size() == world.providers.size()) {
    const auto& local = world.local_partners[provider][list];
    if (local.empty()) return no_id;
    boost::random::uniform_int_distribution<std::size_t> pick(0, local.size() - 1);
    return local[pick(rng)].school;
  }
  // Before the first September's lists exist (a world built by hand).
  std::vector<SchoolId> local;
  for (const SchoolId school : world.providers.partner_schools[provider]) {
    if (World::local_list(world.schools.region[school], world.schools.phase[school]) == list) local.push_back(school);
  }
  if (local.empty()) return no_id;
  boost::random::uniform_int_distribution<std::size_t> pick(0, local.size() - 1);
  return local[pick(rng)];
}

// The trainee's term-time home: an employed trainee's school; a distance-learning trainee's,
// a school of its region and phase; any other's, within placement.home_spread_km (scaled_km)
// of one of its provider's partner schools of its region and phase (of the provider's base if
// it has none): providers recruit from the area their partnership covers.
void place_home(World& world, const Parameters& p, RandomStream rng, TraineeId id) {
  auto& trainees = world.trainees;
  const auto& schools = world.schools;
  const ProviderId provider = trainees.provider[id];
  SchoolId school = trainees.employer[id];
  if (school == no_id && is_national(world.providers.type[provider])) {
    const auto& candidates = world.schools_by_region_phase[static_cast<std::size_t>(trainees.region[id])][static_cast<std::size_t>(trainees.phase[id])];
    boost::random::uniform_int_distribution<std::size_t> pick(0, candidates.size() - 1);
    school = candidates[pick(rng)];
  }
  if (school != no_id) {
    trainees.home_easting_km[id] = schools.easting_km[school];
    trainees.home_northing_km[id] = schools.northing_km[school];
    trainees.home_local_authority[id] = schools.local_authority[school];
    return;
  }
  const SchoolId partner = draw_partner_school(world, id, rng);
  const Point centre = partner != no_id ? Point{schools.easting_km[partner], schools.northing_km[partner]}
                                        : Point{world.providers.base_easting_km[provider], world.providers.base_northing_km[provider]};
  const Point home = in_disc(rng, centre, scaled_km(p.population, p.placement.home_spread_km));
  trainees.home_easting_km[id] = home.easting_km;
  trainees.home_northing_km[id] = home.northing_km;
  // The authority of the partner school the home is near; without one, of the region's school
  // of the phase nearest the base.
  SchoolId near = partner;
  if (near == no_id) {
    double nearest = std::numeric_limits<double>::infinity();
    for (const SchoolId candidate : world.schools_by_region_phase[static_cast<std::size_t>(trainees.region[id])][static_cast<std::size_t>(trainees.phase[id])]) {
      const double distance = distance_km(centre.easting_km, centre.northing_km, schools.easting_km[candidate], schools.northing_km[candidate]);
      if (distance < nearest) {
        nearest = distance;
        near = candidate;
      }
    }
  }
  trainees.home_local_authority[id] = near != no_id ? schools.local_authority[near] : 0;
}

}  // namespace

bool offers_route(ProviderType type, Route route) noexcept {
  switch (route) {
    case Route::hei: return type == ProviderType::hei || type == ProviderType::distance_hei;
    case Route::scitt: return type == ProviderType::scitt;
    case Route::school_direct_fee:
    case Route::school_direct_salaried: return type == ProviderType::hei || type == ProviderType::scitt;
    case Route::teach_first: return type == ProviderType::teach_first;
    case Route::undergraduate: return type == ProviderType::hei;
  }
  return false;
}

double expected_intake(const Parameters& p, const PolicyInForce& policy, Route route, Phase phase, Subject subject) {
  const auto& r = p.recruitment;
  const auto& pop = p.population;
  if (route == Route::undergraduate) {
    // Undergraduate trainees are nine in ten primary; secondary ones follow the subject mix.
    const double entrants = static_cast<double>(r.undergraduate_entrants) * england_fraction(p);
    if (phase == Phase::primary) return 0.9 * entrants;
    const double shares[] = {0.0, pop.shortage_subject_share, pop.other_ebacc_subject_share,
                             1.0 - pop.shortage_subject_share - pop.other_ebacc_subject_share};
    return 0.1 * entrants * shares[static_cast<std::size_t>(subject)];
  }
  if (phase == Phase::primary) {
    return static_cast<double>(r.primary_target) * policy.primary_target_factor * england_fraction(p) * r.primary_fill_rate *
           route_share(r, route, phase);
  }
  double subject_share = 1.0 - pop.shortage_subject_share - pop.other_ebacc_subject_share;
  double fill = r.non_ebacc_fill_rate;
  if (subject == Subject::shortage) {
    subject_share = pop.shortage_subject_share;
    fill = r.shortage_fill_rate * (1.0 + r.secondary_bursary_uplift + policy.bursary_uplift);
  } else if (subject == Subject::other_ebacc) {
    subject_share = pop.other_ebacc_subject_share;
    fill = r.other_ebacc_fill_rate;
  }
  return static_cast<double>(r.secondary_target) * policy.secondary_target_factor * england_fraction(p) * subject_share *
         fill * route_share(r, route, phase);
}

// A provider's expected intake in a cell is the national expectation times its share of the
// size of the providers offering that route; the intake itself is Poisson around it.
std::int64_t recruit_cohort(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  auto& trainees = world.trainees;
  const auto& providers = world.providers;
  trainees.clear();
  const auto cells = recruitment_cells();
  std::array<double, route_count> route_weight{};
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    if (!providers.recruits(provider)) continue;
    for (std::size_t r = 0; r < route_count; ++r) {
      if (offers_route(providers.type[provider], static_cast<Route>(r))) route_weight[r] += providers.size_weight[provider];
    }
  }
  const std::array<std::array<double, region_count>, 2> placeable{placeable_region_shares(world, p, Phase::primary),
                                                                  placeable_region_shares(world, p, Phase::secondary)};
  const auto week = static_cast<std::uint64_t>(clock.absolute_week);
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    if (!providers.recruits(provider)) continue;
    auto rng = streams.stream(Purpose::recruitment, provider, week);
    for (const Cell& cell : cells) {
      const auto r = static_cast<std::size_t>(cell.route);
      if (!offers_route(providers.type[provider], cell.route) || route_weight[r] <= 0) continue;
      // A trainee with no school of its phase in reach could never be placed.
      const auto& shares = placeable[static_cast<std::size_t>(cell.phase)];
      const bool placeable_anywhere = std::any_of(shares.begin(), shares.end(), [](double share) { return share > 0; });
      const bool placeable_here = shares[static_cast<std::size_t>(providers.region[provider])] > 0;
      if (is_national(providers.type[provider]) ? !placeable_anywhere : !placeable_here) continue;
      const double expected = expected_intake(p, world.policy, cell.route, cell.phase, cell.subject) * providers.size_weight[provider] / route_weight[r];
      if (expected <= 0) continue;
      boost::random::poisson_distribution<int> intake(expected);
      const int recruited = intake(rng);
      for (int n = 0; n < recruited; ++n)
        trainees.add(provider, cell.route, cell.phase, cell.subject, providers.region[provider], recruit_wellbeing);
    }
  }
  for_each_agent(trainees.size(), [&](std::size_t id) {
    auto rng = streams.stream(Purpose::trainee_attributes, id, week);
    boost::random::normal_distribution<double> aptitude(1.0, p.recruitment.aptitude_sd);
    trainees.aptitude[id] = std::max(minimum_aptitude, aptitude(rng));
    const ProviderId provider = trainees.provider[id];
    // National providers recruit everywhere: the trainee lives and trains in a drawn region
    // with schools of its phase.
    if (is_national(providers.type[provider])) {
      const auto& shares = placeable[static_cast<std::size_t>(trainees.phase[id])];
      boost::random::discrete_distribution<int> region(shares.begin(), shares.end());
      trainees.region[id] = static_cast<Region>(region(rng));
    }
    if (trainees.route[id] == Route::school_direct_salaried || trainees.route[id] == Route::teach_first) {
      trainees.employer[id] = draw_employer(world, provider, trainees.phase[id], trainees.region[id], rng);
    }
    place_home(world, p, streams.stream(Purpose::trainee_home, id, week), static_cast<TraineeId>(id));
  });
  return static_cast<std::int64_t>(trainees.size());
}

}  // namespace ittsim
