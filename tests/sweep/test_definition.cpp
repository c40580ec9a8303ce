// Sweep files: grids, ranges and Latin hypercubes, point seeds, and the errors a researcher
// meets when a sweep file is wrong.

#include "sim/core/errors.hpp"
#include "sim/sweep/definition.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

std::string sweep_text(const std::string& vary, const std::string& sweep_extra = "replicates = 2\nseed = 7\n",
                       const std::string& set_extra = "") {
  return "[sweep]\nscenario = " + test::baseline.string() + "\n" + sweep_extra +
         "\n[set]\npopulation.regions = 1\nrun.years = 2\n" + set_extra + "\n[vary]\n" + vary;
}

SweepDefinition load(const test::TemporaryFolder& folder, const std::string& text) {
  return SweepDefinition::load(folder.write("sweep.ini", text));
}

}  // namespace

TEST_CASE("a grid runs every combination, the first parameter changing slowest", "[sweep]") {
  test::TemporaryFolder folder;
  const auto sweep = load(folder, sweep_text("placement.mentor_time_cost = 0.5, 1, 1.5\npopulation.mentor_share = 0.1:0.2:0.05\n"));
  REQUIRE(sweep.points().size() == 9);
  REQUIRE(sweep.varied().size() == 2);
  CHECK(sweep.varied()[0].key == "placement.mentor_time_cost");
  CHECK(sweep.varied()[1].values == std::vector<std::string>{"0.1", "0.15", "0.2"});
  CHECK(sweep.points()[0].values == std::vector<std::string>{"0.5", "0.1"});
  CHECK(sweep.points()[1].values == std::vector<std::string>{"0.5", "0.15"});
  CHECK(sweep.points()[3].values == std::vector<std::string>{"1", "0.1"});
  CHECK(sweep.points()[8].values == std::vector<std::string>{"1.5", "0.2"});
  CHECK(sweep.replicates() == 2);
  CHECK(sweep.seed() == 7);

  const Scenario point = sweep.scenario(sweep.points()[5]);
  CHECK(point.parameters().placement.mentor_time_cost == 1.0);
  CHECK(point.parameters().population.mentor_share == 0.2);
  CHECK(point.parameters().population.regions == 1);
  CHECK(point.parameters().run.replicates == 2);
  CHECK(static_cast<std::uint64_t>(point.parameters().run.seed) == sweep.points()[5].seed);
  CHECK(sweep.base().parameters().placement.mentor_time_cost == default_parameters().placement.mentor_time_cost);
}

TEST_CASE("ranges include their end despite rounding, and step in either direction", "[sweep]") {
  test::TemporaryFolder folder;
  const auto up = load(folder, sweep_text("population.mentor_share = 0:1:0.1\n"));
  REQUIRE(up.points().size() == 11);
  CHECK(up.points()[3].values[0] == "0.3");
  CHECK(up.points()[10].values[0] == "1");
  const auto down = load(folder, sweep_text("placement.first_block_weeks = 8:4:-2\n"));
  REQUIRE(down.points().size() == 3);
  CHECK(down.points()[2].values[0] == "4");
  const auto uneven = load(folder, sweep_text("population.mentor_share = 0.1:0.3:0.15\n"));
  CHECK(uneven.points().size() == 2);  // 0.1, 0.25: 0.4 would pass the stop
}

TEST_CASE("point seeds depend on the sweep seed and the point only", "[sweep]") {
  std::set<std::uint64_t> seeds;
  for (std::size_t point = 0; point < 1000; ++point) {
    const auto seed = sweep_point_seed(42, point);
    CHECK(seed < (std::uint64_t{1} << 53));
    seeds.insert(seed);
  }
  CHECK(seeds.size() == 1000);
  CHECK(sweep_point_seed(42, 17) == sweep_point_seed(42, 17));
  CHECK(sweep_point_seed(42, 17) != sweep_point_seed(43, 17));

  test::TemporaryFolder folder;
  const auto small = load(folder, sweep_text("population.mentor_share = 0.1, 0.2\n"));
  const auto large = load(folder, sweep_text("population.mentor_share = 0.1, 0.2, 0.3\n"));
  CHECK(small.points()[1].seed == large.points()[1].seed);
  CHECK(small.points()[1].seed == sweep_point_seed(7, 1));
}

TEST_CASE("a Latin hypercube puts one sample in each stratum of every parameter", "[sweep]") {
  constexpr std::size_t samples = 50;
  const auto unit = latin_hypercube(samples, 3, 11);
  for (std::size_t dimension = 0; dimension < 3; ++dimension) {
    std::vector<int> per_stratum(samples, 0);
    for (const auto& row : unit) {
      REQUIRE(row[dimension] >= 0.0);
      REQUIRE(row[dimension] < 1.0);
      ++per_stratum[static_cast<std::size_t>(row[dimension] * samples)];
    }
    CHECK(std::all_of(per_stratum.begin(), per_stratum.end(), [](int count) { return count == 1; }));
  }
  CHECK(latin_hypercube(samples, 3, 11) == unit);
  CHECK(latin_hypercube(samples, 3, 12) != unit);
  // Dimensions are paired by independent permutations, not in step.
  std::size_t same_stratum = 0;
  for (const auto& row : unit) same_stratum += static_cast<int>(row[0] * samples) == static_cast<int>(row[1] * samples);
  CHECK(same_stratum < 5);

  test::TemporaryFolder folder;
  const auto sweep = load(folder, sweep_text("population.mentor_share = 0.1:0.3\nplacement.first_block_weeks = 4:8\n",
                                             "replicates = 1\nseed = 3\ndesign = latin_hypercube\nsamples = 20\n"));
  REQUIRE(sweep.points().size() == 20);
  std::set<std::string> weeks;
  for (const auto& point : sweep.points()) {
    const double share = std::stod(point.values[0]);
    CHECK(share >= 0.1);
    CHECK(share <= 0.3);
    weeks.insert(point.values[1]);
  }
  // An integer parameter takes whole values across its whole range, ends included.
  CHECK(weeks == std::set<std::string>{"4", "5", "6", "7", "8"});
}

TEST_CASE("replicates and seed default to the base scenario's", "[sweep]") {
  test::TemporaryFolder folder;
  const auto sweep = load(folder, sweep_text("population.mentor_share = 0.1\n", ""));
  CHECK(sweep.replicates() == default_parameters().run.replicates);
  CHECK(sweep.seed() == static_cast<std::uint64_t>(default_parameters().run.seed));
}

TEST_CASE("a wrong sweep file is refused with its file, line and key", "[sweep][errors]") {
  test::TemporaryFolder folder;
  struct Bad {
    std::string text;
    std::string message;
  };
  const std::string base = test::baseline.string();
  const std::vector<Bad> cases{
      {sweep_text("population.mentor_share = 0.1\n", "replicas = 2\n"), "sweep.ini:3: unknown key 'replicas' in [sweep]"},
      {sweep_text("population.mentor_shar = 0.1\n"), "did you mean 'population.mentor_share'"},
      {sweep_text("population.mentor_share = 0.1, x\n"), "sweep.ini:11: population.mentor_share = '0.1, x': 'x' is not a number"},
      {sweep_text("population.mentor_share = 0.1:0.2\n"), "expected a range start:stop:step"},
      {sweep_text("population.mentor_share = 0.2:0.1:0.05\n"), "lead from start towards stop"},
      {sweep_text("population.mentor_share = 0:1:0\n"), "must be non-zero"},
      {sweep_text("population.mentor_share = 0.1, 1.5\n"), "point 1 (population.mentor_share = 1.5)"},
      {sweep_text("run.years = 2, 3\n"), "run.years cannot be varied"},
      {sweep_text("population.mentor_share = 0.1\n", "replicates = 2\n", "run.seed = 3\n"), "run.seed is set by the sweep"},
      {sweep_text("population.mentor_share = 0.1\n", "replicates = 0\n"), "replicates = '0': expected a whole number from 1"},
      {sweep_text("population.mentor_share = 0.1\n", "design = random\n"), "design = 'random': expected grid or latin_hypercube"},
      {sweep_text("population.mentor_share = 0.1:0.2\n", "design = latin_hypercube\n"), "needs samples = N"},
      {sweep_text("population.mentor_share = 0.1, 0.2\n", "design = latin_hypercube\nsamples = 4\n"), "expected low:high"},
      {sweep_text("population.mentor_share = 0.1\n", "samples = 4\n"), "samples is for design = latin_hypercube"},
      {sweep_text("population.regions = 1, 2\n"), "population.regions is both varied and set"},
      {"[vary]\npopulation.mentor_share = 0.1\n", "expected the base scenario in [sweep]"},
      {"[sweep]\nscenario = absent.ini\n", "scenario file not found"},
      {"scenario = " + base + "\n", "sweep.ini:1: 'scenario' is outside the sections"},
      {"[sweep]\nscenario = " + base + "\n[vary]\nmarket_review.lead_mentor_required = 0, 1\n", "the lever is off"},
  };
  for (const auto& bad : cases) {
    INFO(bad.text);
    CHECK_THROWS_WITH(load(folder, bad.text), Contains(bad.message));
  }
  CHECK_THROWS_WITH(SweepDefinition::load(folder / "absent.ini"), Contains("sweep file not found"));
}
