// A world built from a school list (population.schools_file): exactly the list's schools, in
// URN order, with its places, phases and trusts; the rest synthesised around them.

#include "sim/model/simulation.hpp"
#include "sim/params/scenario.hpp"
#include "sim/params/schools_file.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>

using namespace ittsim;

TEST_CASE("a world from the example school list has exactly its kept schools and runs", "[schools_file][simulation]") {
  test::TemporaryFolder folder;
  // The North East and London, where the example's schools are.
  const auto path = folder.write("example.ini", fmt::format("[run]\nyears = 2\n[population]\nregions = 65\nschools_file = {}\n",
                                                            test::gias_example.string()));
  const Scenario scenario = Scenario::load(path);
  const auto& list = *scenario.parameters().school_list;
  REQUIRE(list.size() > 300);
  CHECK(std::is_sorted(list.urn.begin(), list.urn.end()));
  CHECK(list.left_out.size() >= 5);  // closed, proposed, independent, colleges, nursery, PRU

  Simulation simulation(scenario.parameters(), 0);
  const auto& schools = simulation.world().schools;
  REQUIRE(schools.size() == list.size());
  CHECK(schools.urn == list.urn);
  CHECK(schools.phase == list.phase);
  CHECK(schools.region == list.region);
  CHECK(schools.pupils == list.pupils);
  CHECK(schools.local_authority == list.local_authority);
  CHECK(schools.easting_km == list.easting_km);
  CHECK(schools.northing_km == list.northing_km);
  CHECK(schools.area_type == list.area_type);
  CHECK(schools.governance == list.governance);
  // Every school's posts follow its pupils, as for a synthesised school.
  for (SchoolId school = 0; school < schools.size(); ++school) CHECK(schools.post_count[school] >= 1);

  // Multi-academy trusts are the list's trusts with two or more schools, and only those.
  std::map<std::int32_t, std::vector<SchoolId>> trusts;
  for (SchoolId school = 0; school < list.size(); ++school) {
    if (list.trust[school] >= 0) trusts[list.trust[school]].push_back(school);
  }
  std::vector<std::vector<SchoolId>> expected;
  for (const auto& [trust, members] : trusts) {
    if (members.size() >= 2) expected.push_back(members);
  }
  std::vector<std::vector<SchoolId>> found;
  const auto& networks = simulation.world().networks;
  for (NetworkId n = 0; n < networks.size(); ++n) {
    if (networks.kind[n] == NetworkKind::multi_academy_trust) found.push_back(networks.members[n]);
  }
  std::sort(expected.begin(), expected.end());
  std::sort(found.begin(), found.end());
  CHECK(!found.empty());
  CHECK(found == expected);

  // Providers follow the list's schools: none in a region without schools, some in each with.
  const auto& providers = simulation.world().providers;
  std::map<Region, int> providers_by_region;
  for (ProviderId id = 0; id < providers.size(); ++id) providers_by_region[providers.region[id]] += 1;
  CHECK(providers_by_region[Region::north_east] > 0);
  CHECK(providers_by_region[Region::london] > 0);
  CHECK(providers_by_region.size() == 2);

  while (!simulation.finished()) simulation.step();
  CHECK(simulation.world().schools.urn == list.urn);
  CHECK(simulation.last_year().trainees_recruited > 0);
}
