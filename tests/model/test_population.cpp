#include "sim/model/population.hpp"
#include "sim/params/regions.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace ittsim;

TEST_CASE("population synthesis builds the scaled world the scenario asks for", "[population]") {
  const Scenario scenario = test::small_scenario();
  const auto& p = scenario.parameters();
  const World world = synthesise_population(p, RandomStreams(p.run.seed, 0));
  const auto& schools = world.schools;
  const double fraction = england_fraction(p.population);  // the North East: 5% of England
  CHECK(fraction == Approx(0.05));
  const auto expected_schools = std::llround(fraction * 16764) + std::llround(fraction * 3450) + std::llround(fraction * 1000);
  CHECK(static_cast<long long>(schools.size()) == expected_schools);
  for (SchoolId s = 0; s < schools.size(); ++s) REQUIRE(schools.region[s] == Region::north_east);
  // HEIs and SCITTs scale; the national providers (one distance-learning HEI, Teach First) stay.
  CHECK(static_cast<long long>(world.providers.size()) == std::llround(fraction * 70) + std::llround(fraction * 155) + 2);

  SECTION("post slots are contiguous per school; those established follow pupils over the pupil-teacher ratio") {
    TeacherId next = 0;
    for (SchoolId s = 0; s < schools.size(); ++s) {
      REQUIRE(schools.first_post[s] == next);
      next += static_cast<TeacherId>(schools.post_count[s]);
      const double ratio = schools.phase[s] == Phase::primary     ? p.population.primary_pupils_per_teacher
                           : schools.phase[s] == Phase::secondary ? p.population.secondary_pupils_per_teacher
                                                                  : p.population.special_pupils_per_teacher;
      const auto needed = std::max(1L, std::lround(schools.pupils[s] / ratio));
      long established = 0;
      for (TeacherId post = schools.first_post[s]; post < next; ++post) established += world.teachers.established[post];
      REQUIRE(established == needed);
      REQUIRE(schools.post_count[s] == needed + static_cast<long>(std::ceil(static_cast<double>(needed) * p.population.post_headroom)));
    }
    CHECK(next == world.teachers.size());
  }

  SECTION("every school's home provider is a local HEI or SCITT that lists it among its home schools") {
    const auto& providers = world.providers;
    for (SchoolId s = 0; s < schools.size(); ++s) {
      REQUIRE(!schools.partners[s].empty());
      const ProviderId home = schools.home_provider(s);
      REQUIRE(!is_national(providers.type[home]));
      REQUIRE(providers.region[home] == schools.region[s]);
      const auto& listed = providers.partner_schools[home];
      const auto first_satellite = listed.begin() + static_cast<std::ptrdiff_t>(providers.home_school_count[home]);
      REQUIRE(std::find(listed.begin(), first_satellite, s) != first_satellite);
      // Partners are distinct.
      auto partners = schools.partners[s];
      std::sort(partners.begin(), partners.end());
      REQUIRE(std::adjacent_find(partners.begin(), partners.end()) == partners.end());
    }
  }

  SECTION("mean school size and mentor share are near their parameters") {
    double primary_pupils = 0;
    int primary = 0;
    for (SchoolId s = 0; s < schools.size(); ++s) {
      if (schools.phase[s] != Phase::primary) continue;
      primary_pupils += schools.pupils[s];
      ++primary;
    }
    CHECK(primary_pupils / primary == Approx(p.population.primary_pupils_mean).epsilon(0.1));
    int eligible = 0;
    int mentors = 0;
    for (TeacherId t = 0; t < world.teachers.size(); ++t) {
      if (world.teachers.experience_years[t] < 3) continue;
      ++eligible;
      mentors += world.teachers.is_mentor[t];
    }
    CHECK(static_cast<double>(mentors) / eligible == Approx(p.population.mentor_share).margin(0.03));
  }
}

TEST_CASE("population synthesis is the same for the same seed and differs between replicates", "[population]") {
  const Parameters p = test::small_scenario().parameters();
  const World a = synthesise_population(p, RandomStreams(p.run.seed, 0));
  const World b = synthesise_population(p, RandomStreams(p.run.seed, 0));
  const World c = synthesise_population(p, RandomStreams(p.run.seed, 1));
  CHECK(a.schools.pupils == b.schools.pupils);
  CHECK(a.teachers.experience_years == b.teachers.experience_years);
  CHECK(a.schools.pupils != c.schools.pupils);
}

TEST_CASE("single-region worlds of different regions are drawn apart", "[population]") {
  // Synthesis streams are keyed within the simulated regions: two one-region worlds, whose
  // school, post and provider ids coincide, must not repeat each other's draws.
  const auto world_of = [](const char* regions) {
    const Parameters p = test::small_scenario({{"population.regions", regions, "test"}, {"population.scale", "0.05", "test"}}).parameters();
    return synthesise_population(p, RandomStreams(p.run.seed, 0));
  };
  const World north_east = world_of("1");
  const World north_west = world_of("2");
  const auto schools = std::min(north_east.schools.size(), north_west.schools.size());
  const auto posts = std::min(north_east.teachers.size(), north_west.teachers.size());
  const auto providers = std::min(north_east.providers.size(), north_west.providers.size());
  REQUIRE(schools > 5);
  const auto prefix = [](const auto& values, std::size_t count) {
    return std::vector(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(count));
  };
  CHECK(prefix(north_east.schools.pupils, schools) != prefix(north_west.schools.pupils, schools));
  CHECK(prefix(north_east.schools.cpd_culture, schools) != prefix(north_west.schools.cpd_culture, schools));
  CHECK(prefix(north_east.schools.effectiveness, schools) != prefix(north_west.schools.effectiveness, schools));
  CHECK(prefix(north_east.teachers.experience_years, posts) != prefix(north_west.teachers.experience_years, posts));
  CHECK(prefix(north_east.providers.quality, providers) != prefix(north_west.providers.quality, providers));
}

TEST_CASE("regional quotas share a count out by largest remainders, in region order", "[population]") {
  Parameters p = test::small_scenario().parameters();
  for (const std::int64_t regions : {1, 3, 80, 511}) {
    p.population.regions = regions;
    const auto shares = simulated_region_shares(p.population);
    double total = 0;
    for (const double share : shares) total += share;
    for (const std::int64_t count : {0, 1, 2, 7, 9, 130, 1001}) {
      INFO("regions " << regions << ", count " << count);
      const auto quotas = regional_quotas(count, p);
      REQUIRE(static_cast<std::int64_t>(quotas.size()) == count);
      CHECK(std::is_sorted(quotas.begin(), quotas.end()));
      for (std::size_t r = 0; r < region_count; ++r) {
        const double exact = shares[r] / total * static_cast<double>(count);
        const auto quota = std::count(quotas.begin(), quotas.end(), static_cast<Region>(r));
        // Floor or floor + 1 of the exact share; a region not simulated gets none.
        CHECK(static_cast<double>(quota) >= std::floor(exact));
        CHECK(static_cast<double>(quota) <= std::floor(exact) + 1);
        if (shares[r] == 0) CHECK(quota == 0);
      }
    }
  }
  // Remainders decide: of all nine regions, 2 go to the South East (0.32) and the North West
  // (0.28); East and London tie (0.12 each) and 1 goes to the lower, the East.
  p.population.regions = 511;
  CHECK(regional_quotas(2, p) == std::vector<Region>{Region::north_west, Region::south_east});
  p.population.regions = (1 << 5) | (1 << 6);
  CHECK(regional_quotas(1, p) == std::vector<Region>{Region::east_of_england});
}
