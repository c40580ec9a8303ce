#include "sim/model/geography.hpp"

#include "sim/core/parallel.hpp"
#include "sim/model/local_authorities.hpp"
#include "sim/model/population.hpp"
#include "sim/params/schools_file.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

namespace ittsim {
namespace {

// Assumptions of the synthetic geography, not published figures (docs/ODD.md, Geography): a
// non-metropolitan authority has a town for every town_area_km2 of its area, and a town's
// schools lie within town_radius_km of its centre.
constexpr double town_area_km2 = 300.0;
constexpr double town_radius_km = 2.5;

double radius_km(const LocalAuthority& authority) { return std::sqrt(authority.area_km2 / std::numbers::pi); }

Point centre_of(const LocalAuthority& authority) { return {authority.easting_km, authority.northing_km}; }

// The town centres of authority `index`: drawn once per authority, over the inner 70% of its
// radius; a metropolitan authority's only "town" is its centre.
std::vector<Point> towns_of(std::size_t index, const PopulationParameters& pop, const RandomStreams& streams) {
  const auto& authority = local_authorities()[index];
  if (authority.metropolitan) return {centre_of(authority)};
  const auto count = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(authority.area_km2 / town_area_km2)));
  auto rng = streams.stream(Purpose::town_location, synthesis_key(pop, index), 0);
  std::vector<Point> towns;
  for (std::size_t town = 0; town < count; ++town) towns.push_back(in_disc(rng, centre_of(authority), 0.7 * radius_km(authority)));
  return towns;
}

// Authorities of one kind in one region, and their cumulative weights for a draw.
struct WeightedAuthorities {
  std::vector<std::size_t> indices;
  std::vector<double> cumulative;
  void add(std::size_t index, double weight) {
    indices.push_back(index);
    cumulative.push_back((cumulative.empty() ? 0.0 : cumulative.back()) + weight);
  }
  bool empty() const noexcept { return indices.empty(); }
  double total() const noexcept { return cumulative.empty() ? 0.0 : cumulative.back(); }
  std::size_t draw(double u) const {
    const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u * total()) - cumulative.begin();
    return indices[std::min(static_cast<std::size_t>(at), indices.size() - 1)];
  }
};

struct RegionAuthorities {
  WeightedAuthorities metropolitan_by_population;
  WeightedAuthorities other_by_population;
  WeightedAuthorities other_by_area;
  WeightedAuthorities all_by_population;  // the metropolitan ones first, then the others
  // The share of the region's people in its metropolitan authorities.
  double metropolitan_share() const {
    const double all = metropolitan_by_population.total() + other_by_population.total();
    return all > 0 ? metropolitan_by_population.total() / all : 0.0;
  }
};

std::array<RegionAuthorities, region_count> authorities_by_region() {
  std::array<RegionAuthorities, region_count> regions;
  const auto all = local_authorities();
  for (std::size_t index = 0; index < all.size(); ++index) {
    auto& region = regions[static_cast<std::size_t>(all[index].region)];
    if (all[index].metropolitan) {
      region.metropolitan_by_population.add(index, all[index].population);
    } else {
      region.other_by_population.add(index, all[index].population);
      region.other_by_area.add(index, all[index].area_km2);
    }
  }
  for (auto& region : regions) {
    for (const auto* kind : {&region.metropolitan_by_population, &region.other_by_population}) {
      for (const std::size_t index : kind->indices) region.all_by_population.add(index, all[index].population);
    }
  }
  return regions;
}

// The value of a phase from a parameter given per phase.
double for_phase(Phase phase, double primary, double secondary, double special) {
  return phase == Phase::primary ? primary : phase == Phase::secondary ? secondary : special;
}

double rural_share(const GeographyParameters& geography, Phase phase) {
  return for_phase(phase, geography.primary_rural_share, geography.secondary_rural_share, geography.special_rural_share);
}

double academy_share(const GeographyParameters& geography, Phase phase) {
  return for_phase(phase, geography.primary_academy_share, geography.secondary_academy_share, geography.special_academy_share);
}

}  // namespace

Point in_disc(RandomStream& rng, Point centre, double radius) {
  const double distance = radius * std::sqrt(rng.uniform());
  const double angle = 2.0 * std::numbers::pi * rng.uniform();
  return {centre.easting_km + distance * std::cos(angle), centre.northing_km + distance * std::sin(angle)};
}

RegionPhaseCounts schools_beyond_provider_reach(const World& world, double reach_km) {
  return cold_spots(world, reach_km).by_region_phase;
}

ColdSpots cold_spots(const World& world, double reach_km) {
  const auto& providers = world.providers;
  const auto& schools = world.schools;
  // The accredited local providers' bases in a grid of reach_km squares over their extent: a
  // school looks only in its own square and the eight around it.
  std::vector<Point> bases;
  for (ProviderId id = 0; id < providers.size(); ++id) {
    if (!is_national(providers.type[id]) && providers.recruits(id)) bases.push_back({providers.base_easting_km[id], providers.base_northing_km[id]});
  }
  ColdSpots counts;
  double west = 0;
  double south = 0;
  std::int64_t columns = 0;
  std::int64_t rows = 0;
  if (!bases.empty()) {
    const auto [min_e, max_e] = std::minmax_element(bases.begin(), bases.end(), [](Point a, Point b) { return a.easting_km < b.easting_km; });
    const auto [min_n, max_n] = std::minmax_element(bases.begin(), bases.end(), [](Point a, Point b) { return a.northing_km < b.northing_km; });
    west = min_e->easting_km;
    south = min_n->northing_km;
    columns = static_cast<std::int64_t>((max_e->easting_km - west) / reach_km) + 1;
    rows = static_cast<std::int64_t>((max_n->northing_km - south) / reach_km) + 1;
  }
  std::vector<std::vector<Point>> grid(static_cast<std::size_t>(columns * rows));
  for (const Point& base : bases) {
    const auto column = static_cast<std::int64_t>((base.easting_km - west) / reach_km);
    const auto row = static_cast<std::int64_t>((base.northing_km - south) / reach_km);
    grid[static_cast<std::size_t>(column * rows + row)].push_back(base);
  }
  const double reach_squared = reach_km * reach_km;
  std::vector<std::uint8_t> beyond(schools.size(), 0);
  for_each_agent(schools.size(), [&](std::size_t id) {
    if (schools.phase[id] == Phase::special) return;
    const double easting = schools.easting_km[id];
    const double northing = schools.northing_km[id];
    const auto column = static_cast<std::int64_t>(std::floor((easting - west) / reach_km));
    const auto row = static_cast<std::int64_t>(std::floor((northing - south) / reach_km));
    for (std::int64_t c = std::max<std::int64_t>(0, column - 1); c <= std::min(columns - 1, column + 1); ++c) {
      for (std::int64_t r = std::max<std::int64_t>(0, row - 1); r <= std::min(rows - 1, row + 1); ++r) {
        for (const Point& base : grid[static_cast<std::size_t>(c * rows + r)]) {
          const double de = easting - base.easting_km;
          const double dn = northing - base.northing_km;
          if (de * de + dn * dn <= reach_squared) return;
        }
      }
    }
    beyond[id] = 1;
  });
  for (SchoolId school = 0; school < schools.size(); ++school) {
    if (!beyond[school]) continue;
    counts.by_region_phase.add(schools.region[school], schools.phase[school]);
    counts.by_authority[static_cast<std::size_t>(schools.local_authority[school])] += 1;
  }
  return counts;
}

double scaled_km(const PopulationParameters& population, double km) noexcept { return km / std::sqrt(population.scale); }

double england_km(const PopulationParameters& population, double km) noexcept { return km * std::sqrt(population.scale); }

double distance_km(double easting_a, double northing_a, double easting_b, double northing_b) {
  return std::hypot(easting_a - easting_b, northing_a - northing_b);
}

void locate_schools(World& world, const Parameters& p, const RandomStreams& streams) {
  auto& schools = world.schools;
  if (p.school_list) {
    const auto& list = *p.school_list;
    schools.local_authority = list.local_authority;
    schools.easting_km = list.easting_km;
    schools.northing_km = list.northing_km;
    schools.area_type = list.area_type;
    return;
  }
  const auto& pop = p.population;
  const auto regions = authorities_by_region();
  std::vector<std::vector<Point>> towns(local_authorities().size());
  for (std::size_t index = 0; index < towns.size(); ++index) towns[index] = towns_of(index, pop, streams);
  // A school is in a conurbation with its region's metropolitan share of people; the rural
  // schools of its phase come from the rest, so that the phase's rural share holds nationally.
  double metropolitan_schools = 0;
  for (SchoolId school = 0; school < schools.size(); ++school)
    metropolitan_schools += regions[static_cast<std::size_t>(schools.region[school])].metropolitan_share();
  const double outside_conurbations = schools.size() > 0 ? 1.0 - metropolitan_schools / static_cast<double>(schools.size()) : 1.0;
  const auto all = local_authorities();
  for_each_agent(schools.size(), [&](std::size_t id) {
    auto rng = streams.stream(Purpose::school_location, synthesis_key(pop, id), 0);
    const auto& region = regions[static_cast<std::size_t>(schools.region[id])];
    const double rural = outside_conurbations > 0 ? std::min(1.0, rural_share(p.geography, schools.phase[id]) / outside_conurbations) : 0.0;
    const double type_draw = rng.uniform();
    const double authority_draw = rng.uniform();
    std::size_t authority = 0;
    Point location{};
    if (region.other_by_population.empty() || type_draw < region.metropolitan_share()) {
      authority = region.metropolitan_by_population.draw(authority_draw);
      schools.area_type[id] = AreaType::conurbation;
      location = in_disc(rng, centre_of(all[authority]), radius_km(all[authority]));
    } else if (rng.uniform() < rural) {
      authority = region.other_by_area.draw(authority_draw);
      schools.area_type[id] = AreaType::rural;
      location = in_disc(rng, centre_of(all[authority]), radius_km(all[authority]));
    } else {
      authority = region.other_by_population.draw(authority_draw);
      schools.area_type[id] = AreaType::city_and_town;
      const auto& of_authority = towns[authority];
      const auto town = std::min(of_authority.size() - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(of_authority.size())));
      location = in_disc(rng, of_authority[town], town_radius_km);
    }
    schools.local_authority[id] = static_cast<std::int32_t>(authority);
    schools.easting_km[id] = location.easting_km;
    schools.northing_km[id] = location.northing_km;
  });
}

std::vector<SchoolId> place_provider_bases(World& world, const Parameters& p, const RandomStreams& streams) {
  auto& providers = world.providers;
  const auto& schools = world.schools;
  const auto& pop = p.population;
  const auto regions = authorities_by_region();
  std::vector<SchoolId> lead_schools(providers.size(), no_id);
  std::vector<std::uint8_t> leads(schools.size(), 0);
  for (ProviderId id = 0; id < providers.size(); ++id) {
    const auto region = static_cast<std::size_t>(providers.region[id]);
    auto rng = streams.stream(Purpose::provider_base, synthesis_key(pop, id), 0);
    const auto& primary = world.schools_by_region_phase[region][static_cast<std::size_t>(Phase::primary)];
    const auto& secondary = world.schools_by_region_phase[region][static_cast<std::size_t>(Phase::secondary)];
    const std::size_t candidates = primary.size() + secondary.size();
    if (providers.type[id] == ProviderType::scitt && candidates > 0) {
      // A SCITT is led by a school of its region, primary or secondary, that leads no other
      // (the next one in list order if the drawn one does, while any is free).
      auto drawn = std::min(candidates - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(candidates)));
      const auto school_at = [&](std::size_t k) { return k < primary.size() ? primary[k] : secondary[k - primary.size()]; };
      for (std::size_t tried = 1; tried < candidates && leads[school_at(drawn)]; ++tried) drawn = (drawn + 1) % candidates;
      const SchoolId lead = school_at(drawn);
      leads[lead] = 1;
      lead_schools[id] = lead;
      providers.base_easting_km[id] = schools.easting_km[lead];
      providers.base_northing_km[id] = schools.northing_km[lead];
      continue;
    }
    // A town or city: an authority of the region drawn by its people, and one of its towns
    // (a metropolitan authority's centre), so that providers of one county are not all at one place.
    const std::size_t authority = regions[region].all_by_population.draw(rng.uniform());
    const auto towns = towns_of(authority, pop, streams);
    const Point base = towns[std::min(towns.size() - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(towns.size())))];
    providers.base_easting_km[id] = base.easting_km;
    providers.base_northing_km[id] = base.northing_km;
  }
  return lead_schools;
}

void assign_governance(World& world, const Parameters& p, const RandomStreams& streams) {
  auto& schools = world.schools;
  if (p.school_list) {
    schools.governance = p.school_list->governance;
    return;
  }
  const auto& networks = world.networks;
  std::array<double, 3> in_trusts{};
  std::array<double, 3> of_phase{};
  for (SchoolId school = 0; school < schools.size(); ++school) {
    schools.governance[school] = Governance::maintained;
    of_phase[static_cast<std::size_t>(schools.phase[school])] += 1;
  }
  for (NetworkId n = 0; n < networks.size(); ++n) {
    if (networks.kind[n] != NetworkKind::multi_academy_trust) continue;
    for (const SchoolId school : networks.members[n]) {
      if (schools.governance[school] == Governance::multi_academy_trust) continue;
      schools.governance[school] = Governance::multi_academy_trust;
      in_trusts[static_cast<std::size_t>(schools.phase[school])] += 1;
    }
  }
  for_each_agent(schools.size(), [&](std::size_t id) {
    if (schools.governance[id] == Governance::multi_academy_trust) return;
    const auto phase = static_cast<std::size_t>(schools.phase[id]);
    const double trust_share = of_phase[phase] > 0 ? in_trusts[phase] / of_phase[phase] : 0.0;
    const double single = trust_share < 1.0 ? std::max(0.0, academy_share(p.geography, schools.phase[id]) - trust_share) / (1.0 - trust_share) : 0.0;
    auto rng = streams.stream(Purpose::governance, synthesis_key(p.population, id), 0);
    if (rng.uniform() < single) schools.governance[id] = Governance::single_academy_trust;
  });
}

}  // namespace ittsim
