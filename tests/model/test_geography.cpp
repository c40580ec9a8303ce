#include "sim/model/geography.hpp"
#include "sim/model/local_authorities.hpp"
#include "sim/model/population.hpp"
#include "sim/model/simulation.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <string>

using namespace ittsim;

namespace {

// A synthetic England of about 4,200 schools.
World england(double scale = 0.2, std::uint64_t replicate = 0) {
  const Parameters p = Scenario::from_defaults({{"population.scale", std::to_string(scale), "test"}}).parameters();
  return synthesise_population(p, RandomStreams(p.run.seed, replicate));
}

double radius_of(const LocalAuthority& authority) { return std::sqrt(authority.area_km2 / 3.141592653589793); }

}  // namespace

TEST_CASE("the local authorities: England's 153 with education duties, by region, on the British National Grid", "[geography]") {
  const auto all = local_authorities();
  REQUIRE(all.size() == 153);
  // Counts per region of the education authorities in 2024 (after Northamptonshire's split in
  // 2021, Dorset's reorganisation in 2019 and Cumbria's split in 2023).
  const std::array<std::size_t, region_count> expected{12, 24, 15, 10, 14, 11, 33, 19, 15};
  std::array<std::size_t, region_count> counted{};
  std::set<std::string_view> codes;
  for (std::size_t k = 0; k < all.size(); ++k) {
    INFO(all[k].name);
    counted[static_cast<std::size_t>(all[k].region)] += 1;
    CHECK(codes.insert(all[k].code).second);
    if (k > 0) CHECK(all[k - 1].region <= all[k].region);
    CHECK(all[k].area_km2 > 0);
    CHECK(all[k].population > 1000);
    CHECK(all[k].easting_km > 80);
    CHECK(all[k].easting_km < 660);
    CHECK(all[k].northing_km > 5);
    CHECK(all[k].northing_km < 660);
    // London's boroughs and the metropolitan districts only.
    CHECK(all[k].metropolitan == (all[k].code.starts_with("E08") || all[k].code.starts_with("E09")));
  }
  CHECK(counted == expected);
}

TEST_CASE("synthetic schools: in an authority of their region, near it, rural and town schools where the people are not and are",
          "[geography]") {
  const World world = england();
  const auto& schools = world.schools;
  const auto all = local_authorities();
  std::array<std::array<double, area_type_count>, 3> by_phase{};
  std::array<double, 3> of_phase{};
  for (SchoolId school = 0; school < schools.size(); ++school) {
    const auto& authority = all[static_cast<std::size_t>(schools.local_authority[school])];
    REQUIRE(authority.region == schools.region[school]);
    const double from_centre = distance_km(schools.easting_km[school], schools.northing_km[school], authority.easting_km, authority.northing_km);
    CHECK(from_centre <= radius_of(authority) + 3.0);
    // Conurbation exactly in the metropolitan authorities.
    CHECK((schools.area_type[school] == AreaType::conurbation) == authority.metropolitan);
    if (schools.region[school] == Region::london) CHECK(schools.area_type[school] == AreaType::conurbation);
    const auto phase = static_cast<std::size_t>(schools.phase[school]);
    by_phase[phase][static_cast<std::size_t>(schools.area_type[school])] += 1;
    of_phase[phase] += 1;
  }
  // The phase's rural share holds nationally (binomial margin: 4 standard errors).
  const Parameters p = Scenario::from_defaults().parameters();
  const std::array<double, 3> rural{p.geography.primary_rural_share, p.geography.secondary_rural_share, p.geography.special_rural_share};
  for (std::size_t phase = 0; phase < 3; ++phase) {
    INFO(phase_names[phase]);
    const double share = by_phase[phase][static_cast<std::size_t>(AreaType::rural)] / of_phase[phase];
    CHECK(std::abs(share - rural[phase]) < 4.0 * std::sqrt(rural[phase] * (1 - rural[phase]) / of_phase[phase]) + 1e-9);
  }
  // Conurbations follow the metropolitan authorities' share of people: about 37% of England's.
  const double conurbation = (by_phase[0][0] + by_phase[1][0] + by_phase[2][0]) / static_cast<double>(schools.size());
  CHECK(conurbation > 0.30);
  CHECK(conurbation < 0.45);
}

TEST_CASE("rural schools are further apart than town schools", "[geography][statistical]") {
  // Over three replicates of the synthetic world: the mean distance from a school to its
  // nearest neighbour is several times larger for rural schools.
  for (std::uint64_t replicate = 0; replicate < 3; ++replicate) {
    const World world = england(0.2, replicate);
    const auto& schools = world.schools;
    std::array<double, area_type_count> sum{};
    std::array<double, area_type_count> count{};
    for (SchoolId school = 0; school < schools.size(); school += 7) {
      double nearest = std::numeric_limits<double>::infinity();
      for (SchoolId other = 0; other < schools.size(); ++other) {
        if (other == school) continue;
        nearest = std::min(nearest, distance_km(schools.easting_km[school], schools.northing_km[school],
                                                schools.easting_km[other], schools.northing_km[other]));
      }
      sum[static_cast<std::size_t>(schools.area_type[school])] += nearest;
      count[static_cast<std::size_t>(schools.area_type[school])] += 1;
    }
    const double rural = sum[static_cast<std::size_t>(AreaType::rural)] / count[static_cast<std::size_t>(AreaType::rural)];
    const double town = sum[static_cast<std::size_t>(AreaType::city_and_town)] / count[static_cast<std::size_t>(AreaType::city_and_town)];
    INFO("replicate " << replicate << ": rural " << rural << " km, town " << town << " km");
    CHECK(rural > 2.0 * town);
  }
}

TEST_CASE("providers' bases: a SCITT at its lead school, one of its home schools; others in their region", "[geography]") {
  const World world = england();
  const auto& providers = world.providers;
  const auto& schools = world.schools;
  const auto all = local_authorities();
  for (ProviderId id = 0; id < providers.size(); ++id) {
    const auto& partners = providers.partner_schools[id];
    if (providers.type[id] == ProviderType::scitt) {
      const auto home_end = partners.begin() + static_cast<std::ptrdiff_t>(providers.home_school_count[id]);
      const bool led_from_a_home_school = std::any_of(partners.begin(), home_end, [&](SchoolId school) {
        return schools.easting_km[school] == providers.base_easting_km[id] && schools.northing_km[school] == providers.base_northing_km[id] &&
               schools.region[school] == providers.region[id];
      });
      INFO("SCITT " << id);
      CHECK(led_from_a_home_school);
      continue;
    }
    const bool within_an_authority_of_its_region = std::any_of(all.begin(), all.end(), [&](const LocalAuthority& authority) {
      return authority.region == providers.region[id] &&
             distance_km(providers.base_easting_km[id], providers.base_northing_km[id], authority.easting_km, authority.northing_km) <=
                 radius_of(authority);
    });
    CHECK(within_an_authority_of_its_region);
  }
}

TEST_CASE("governance: trusts' members in multi-academy trusts, each phase's academies at their share", "[geography]") {
  const World world = england();
  const auto& schools = world.schools;
  const auto& networks = world.networks;
  std::set<SchoolId> in_trusts;
  for (NetworkId n = 0; n < networks.size(); ++n) {
    if (networks.kind[n] == NetworkKind::multi_academy_trust) in_trusts.insert(networks.members[n].begin(), networks.members[n].end());
  }
  std::array<double, 3> academies{};
  std::array<double, 3> of_phase{};
  for (SchoolId school = 0; school < schools.size(); ++school) {
    CHECK((schools.governance[school] == Governance::multi_academy_trust) == in_trusts.contains(school));
    const auto phase = static_cast<std::size_t>(schools.phase[school]);
    academies[phase] += schools.governance[school] != Governance::maintained;
    of_phase[phase] += 1;
  }
  const Parameters p = Scenario::from_defaults().parameters();
  const std::array<double, 3> wanted{p.geography.primary_academy_share, p.geography.secondary_academy_share, p.geography.special_academy_share};
  for (std::size_t phase = 0; phase < 2; ++phase) {
    INFO(phase_names[phase]);
    const double share = academies[phase] / of_phase[phase];
    CHECK(std::abs(share - wanted[phase]) < 4.0 * std::sqrt(wanted[phase] * (1 - wanted[phase]) / of_phase[phase]));
  }
}

TEST_CASE("the yearly counts by area type and governance add up to the schools, the hosts and the secondary schools offering",
          "[geography]") {
  const Parameters p = test::small_scenario({{"population.scale", "0.5", "test"}}).parameters();
  Simulation simulation(p, 0);
  simulation.step();
  while (!simulation.year_completed()) simulation.step();
  const auto& year = simulation.last_year();
  const auto& counts = simulation.last_year_distributions();
  const auto& schools = simulation.world().schools;
  const auto sum = [](const auto& columns) { return std::accumulate(columns.begin(), columns.end(), std::int64_t{0}); };
  std::array<std::int64_t, area_type_count> by_area{};
  std::int64_t secondary = 0;
  for (SchoolId school = 0; school < schools.size(); ++school) {
    by_area[static_cast<std::size_t>(schools.area_type[school])] += 1;
    secondary += schools.phase[school] == Phase::secondary;
  }
  CHECK(counts.schools_by_area_type == by_area);
  CHECK(sum(counts.schools_by_governance) == static_cast<std::int64_t>(schools.size()));
  REQUIRE(year.schools_hosting > 0);
  CHECK(sum(counts.schools_hosting_by_area_type) == year.schools_hosting);
  CHECK(sum(counts.schools_hosting_by_governance) == year.schools_hosting);
  const auto offering = std::llround(year.share_secondary_schools_offering * static_cast<double>(secondary));
  CHECK(sum(counts.secondary_schools_offering_by_area_type) == offering);
  CHECK(sum(counts.secondary_schools_offering_by_governance) == offering);
}

TEST_CASE("cold spots: schools with no accredited HEI or SCITT based within reach", "[geography]") {
  World world;
  const auto provider_at = [&](ProviderType type, double easting, double northing) {
    const ProviderId id = world.providers.add(type, Region::south_west, 1.0, 0.6, 0.5);
    world.providers.base_easting_km[id] = easting;
    world.providers.base_northing_km[id] = northing;
    return id;
  };
  const auto school_at = [&](Phase phase, double easting, double northing) {
    const SchoolId id = world.schools.add(phase, Region::south_west, 200, 0, 0);
    world.schools.easting_km[id] = easting;
    world.schools.northing_km[id] = northing;
    return id;
  };
  const ProviderId scitt = provider_at(ProviderType::scitt, 300, 100);
  provider_at(ProviderType::teach_first, 200, 50);  // national: no local base
  school_at(Phase::primary, 300, 134);               // 34 km north of the SCITT
  school_at(Phase::secondary, 200, 50);              // at Teach First's office, 111 km away
  school_at(Phase::special, 200, 51);                // special schools are not counted
  auto counts = schools_beyond_provider_reach(world, 35);
  CHECK(counts.total() == 1);
  CHECK(counts.by_phase[static_cast<std::size_t>(Phase::secondary)] == 1);
  CHECK(schools_beyond_provider_reach(world, 30).total() == 2);  // the primary school too
  // A school 34.9 km away diagonally is within reach (the brute-force test below covers the grid).
  world.schools.easting_km[0] = 300 + 24.7;
  world.schools.northing_km[0] = 100 + 24.7;
  CHECK(schools_beyond_provider_reach(world, 35).total() == 1);
  // A provider that loses accreditation no longer counts.
  world.providers.accreditation[scitt] = Accreditation::delivery_partner;
  CHECK(schools_beyond_provider_reach(world, 35).total() == 2);
}

TEST_CASE("cold spots found through the grid are those of a search over every provider", "[geography]") {
  // Every school against every accredited local provider's base, for reaches that put the
  // bases in grids of many squares and schools on every side of them.
  World world = england(0.2, 1);
  auto& providers = world.providers;
  for (ProviderId id = 0; id < providers.size(); id += 5) providers.accreditation[id] = Accreditation::closed;
  const auto& schools = world.schools;
  for (const double reach : {5.0, 15.0, 35.0, 50.0}) {
    RegionPhaseCounts expected;
    for (SchoolId school = 0; school < schools.size(); ++school) {
      if (schools.phase[school] == Phase::special) continue;
      bool reached = false;
      for (ProviderId id = 0; id < providers.size() && !reached; ++id) {
        const bool local = providers.type[id] == ProviderType::hei || providers.type[id] == ProviderType::scitt;
        reached = local && providers.recruits(id) &&
                  distance_km(schools.easting_km[school], schools.northing_km[school], providers.base_easting_km[id],
                              providers.base_northing_km[id]) <= reach;
      }
      if (!reached) expected.add(schools.region[school], schools.phase[school]);
    }
    INFO("reach " << reach << " km");
    const auto found = schools_beyond_provider_reach(world, reach);
    CHECK(found.by_region == expected.by_region);
    CHECK(found.by_phase == expected.by_phase);
    CHECK(expected.total() > 0);
  }
}

TEST_CASE("a shorter reach opens more cold spots", "[geography][statistical]") {
  for (std::uint64_t replicate = 0; replicate < 3; ++replicate) {
    const World world = england(0.2, replicate);
    const auto near = schools_beyond_provider_reach(world, 15).total();
    const auto far = schools_beyond_provider_reach(world, 50).total();
    INFO("replicate " << replicate << ": 15 km " << near << ", 50 km " << far);
    CHECK(near > 2 * far);
    CHECK(far > 0);
  }
}

TEST_CASE("partnerships are local: a school's home HEI or SCITT is within reach where any is", "[geography]") {
  const Parameters p = Scenario::from_defaults({{"population.scale", "0.2", "test"}}).parameters();
  const World world = synthesise_population(p, RandomStreams(p.run.seed, 0));
  const auto& schools = world.schools;
  const auto& providers = world.providers;
  std::int64_t beyond_with_one_within = 0;
  std::int64_t beyond_reach = 0;
  for (SchoolId school = 0; school < schools.size(); ++school) {
    const ProviderId home = schools.home_provider(school);
    const auto distance_to = [&](ProviderId provider) {
      return distance_km(schools.easting_km[school], schools.northing_km[school], providers.base_easting_km[provider],
                         providers.base_northing_km[provider]);
    };
    if (distance_to(home) <= scaled_km(p.population, p.geography.provider_reach_km)) continue;
    beyond_reach += 1;
    for (ProviderId other = 0; other < providers.size(); ++other) {
      if (!is_national(providers.type[other]) && providers.region[other] == schools.region[school] &&
          distance_to(other) <= scaled_km(p.population, p.geography.provider_reach_km)) {
        beyond_with_one_within += 1;
        break;
      }
    }
  }
  // Every school in reach of a provider of its region partners one of them at home (a SCITT's
  // lead school, at the SCITT's base, is in reach of it).
  CHECK(beyond_with_one_within == 0);
  CHECK(beyond_reach > 0);  // cold-spot schools take the nearest provider
  CHECK(beyond_reach < static_cast<std::int64_t>(schools.size()) / 5);
}

TEST_CASE("closing the only provider within reach of a school opens a cold spot there", "[geography]") {
  for (std::uint64_t replicate = 0; replicate < 3; ++replicate) {
    World world = england(0.2, replicate);
    const double reach = 35;
    const auto before = schools_beyond_provider_reach(world, reach);
    // A South West school with exactly one accredited HEI or SCITT based within reach.
    const auto& schools = world.schools;
    auto& providers = world.providers;
    ProviderId only = no_id;
    for (SchoolId school = 0; school < schools.size() && only == no_id; ++school) {
      if (schools.region[school] != Region::south_west || schools.phase[school] == Phase::special) continue;
      std::vector<ProviderId> within;
      for (ProviderId id = 0; id < providers.size(); ++id) {
        if (!is_national(providers.type[id]) && providers.recruits(id) &&
            distance_km(providers.base_easting_km[id], providers.base_northing_km[id], schools.easting_km[school], schools.northing_km[school]) <= reach)
          within.push_back(id);
      }
      if (within.size() == 1) only = within.front();
    }
    REQUIRE(only != no_id);
    providers.accreditation[only] = Accreditation::closed;
    const auto after = schools_beyond_provider_reach(world, reach);
    const auto south_west = static_cast<std::size_t>(Region::south_west);
    INFO("replicate " << replicate << ": South West cold spots " << before.by_region[south_west] << " -> " << after.by_region[south_west]);
    CHECK(after.by_region[south_west] > before.by_region[south_west]);
    CHECK(after.total() > before.total());
  }
}

TEST_CASE("a shorter travel distance leaves more trainees unplaced", "[placement][geography][statistical]") {
  // Three replicates of a one-region world, one year, at 12 and at 35 km.
  std::int64_t unplaced_near = 0;
  std::int64_t unplaced_far = 0;
  for (std::uint64_t replicate = 0; replicate < 3; ++replicate) {
    for (const double reach : {12.0, 35.0}) {
      const Parameters p = test::small_scenario({{"placement.primary_max_travel_km", std::to_string(reach), "test"},
                                                 {"placement.secondary_max_travel_km", std::to_string(reach), "test"},
                                                 {"run.years", "1", "test"}})
                               .parameters();
      Simulation simulation(p, replicate);
      while (!simulation.finished()) simulation.step();
      (reach < 20 ? unplaced_near : unplaced_far) += simulation.last_year().trainees_unplaced;
    }
  }
  INFO("unplaced over three replicates: 12 km " << unplaced_near << ", 35 km " << unplaced_far);
  CHECK(unplaced_near > unplaced_far + 50);
  CHECK(unplaced_near > 2 * unplaced_far);
}

TEST_CASE("the series by local authority add up to the national and regional ones, each in its region", "[geography][conservation]") {
  const Parameters p = test::small_scenario({{"population.regions", "129", "test"}, {"population.scale", "0.5", "test"}}).parameters();
  Simulation simulation(p, 0);
  const auto authorities = local_authorities();
  const auto sum = [](const LocalAuthorityCounts& counts) { return std::accumulate(counts.begin(), counts.end(), std::int64_t{0}); };
  int years = 0;
  while (!simulation.finished()) {
    simulation.step();
    if (!simulation.year_completed()) continue;
    ++years;
    const auto& year = simulation.last_year();
    const auto& breakdowns = simulation.last_year_breakdowns();
    const auto& by_authority = simulation.last_year_by_authority();
    CHECK(sum(by_authority.placement_weeks_demanded) == year.placement_weeks_demanded);
    CHECK(sum(by_authority.placement_weeks_offered) == year.placement_weeks_offered);
    CHECK(sum(by_authority.placement_weeks_filled) == year.placement_weeks_filled);
    CHECK(sum(by_authority.trainees_unplaced) == year.trainees_unplaced);
    CHECK(sum(by_authority.schools_hosting) == year.schools_hosting);
    CHECK(sum(by_authority.new_teachers_employed) == year.new_teachers_employed);
    CHECK(sum(by_authority.vacancies_unfilled) == year.vacancies_unfilled);
    CHECK(sum(by_authority.schools_beyond_provider_reach) == year.schools_beyond_provider_reach);
    const auto& offering = simulation.last_year_distributions().secondary_schools_offering_by_area_type;
    CHECK(sum(by_authority.secondary_schools_offering) == std::accumulate(offering.begin(), offering.end(), std::int64_t{0}));
    // School-side series fall in the school's region: summed over each region's authorities,
    // they are the region's.
    std::array<std::int64_t, region_count> filled{};
    std::array<std::int64_t, region_count> vacancies{};
    for (std::size_t k = 0; k < authorities.size(); ++k) {
      filled[static_cast<std::size_t>(authorities[k].region)] += by_authority.placement_weeks_filled[k];
      vacancies[static_cast<std::size_t>(authorities[k].region)] += by_authority.vacancies_unfilled[k];
    }
    CHECK(filled == breakdowns.placement_weeks_filled.by_region);
    CHECK(vacancies == breakdowns.vacancies_unfilled.by_region);
    CHECK(year.placement_weeks_filled > 0);
  }
  CHECK(years == 2);
}
