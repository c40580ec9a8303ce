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
      {sweep_text("population.mentor_share = 0.1\n", "design = random\n"), "design = 'random': expected grid, latin_hypercube, morris, saltelli or list"},
      {sweep_text("population.mentor_share = 0.1:0.2\n", "design = latin_hypercube\n"), "needs samples = N"},
      {sweep_text("population.mentor_share = 0.1, 0.2\n", "design = latin_hypercube\nsamples = 4\n"), "expected low:high"},
      {sweep_text("population.mentor_share = 0.1\n", "samples = 4\n"), "sweep.ini:3: samples is not used by a grid design"},
      {sweep_text("population.mentor_share = 0.1\n", "trajectories = 4\n"), "trajectories is not used by a grid design"},
      {sweep_text("population.mentor_share = 0.1:0.2\n", "design = morris\n"), "a morris design needs trajectories = R"},
      {sweep_text("population.mentor_share = 0.1:0.2\n", "design = morris\ntrajectories = 2\nlevels = 3\n"),
       "levels = 3: expected an even number"},
      {sweep_text("population.mentor_share = 0.1, 0.2\n", "design = saltelli\nsamples = 4\n"), "a saltelli design samples each parameter over a range"},
      {sweep_text("", "design = saltelli\nsamples = 4\n"), "a saltelli design needs parameters in [vary]"},
      {sweep_text("", "design = list\n"), "a list design needs points = FILE.csv"},
      {sweep_text("population.mentor_share = 0.1\n", "design = list\npoints = p.csv\n"), "remove [vary]"},
      {sweep_text("population.mentor_share = 0.1\n", "common_random_numbers = yes\n"),
       "common_random_numbers = 'yes': expected true or false"},
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

TEST_CASE("Morris trajectories change one parameter at a time, each once, by the same step", "[sweep]") {
  constexpr std::size_t trajectories = 20, dimensions = 3, levels = 4;
  const auto unit = morris_trajectories(trajectories, dimensions, levels, 5);
  REQUIRE(unit.size() == trajectories * (dimensions + 1));
  const double step = levels / (2.0 * (levels - 1));
  std::set<double> grid_values_seen;
  std::size_t upwards = 0;
  for (std::size_t block = 0; block < trajectories; ++block) {
    std::set<std::size_t> changed;
    for (std::size_t row = block * (dimensions + 1); row < (block + 1) * (dimensions + 1); ++row) {
      for (const double value : unit[row]) {
        REQUIRE(value >= 0.0);
        REQUIRE(value <= 1.0);
        grid_values_seen.insert(std::round(value * (levels - 1)));
        CHECK(value * (levels - 1) == Approx(std::round(value * (levels - 1))).margin(1e-12));
      }
      if (row == block * (dimensions + 1)) continue;
      std::size_t differing = 0;
      for (std::size_t k = 0; k < dimensions; ++k) {
        if (unit[row][k] != unit[row - 1][k]) {
          ++differing;
          changed.insert(k);
          CHECK(std::abs(unit[row][k] - unit[row - 1][k]) == Approx(step));
          upwards += unit[row][k] > unit[row - 1][k];
        }
      }
      CHECK(differing == 1);
    }
    CHECK(changed.size() == dimensions);
  }
  CHECK(grid_values_seen == std::set<double>{0, 1, 2, 3});
  CHECK(upwards > 15);  // of 60 steps, about half each way
  CHECK(upwards < 45);
  CHECK(morris_trajectories(trajectories, dimensions, levels, 5) == unit);
  CHECK(morris_trajectories(trajectories, dimensions, levels, 6) != unit);

  test::TemporaryFolder folder;
  const auto sweep = load(folder, sweep_text("population.mentor_share = 0.1:0.3\nplacement.first_block_weeks = 4:7\n",
                                             "replicates = 1\nseed = 3\ndesign = morris\ntrajectories = 5\n"));
  REQUIRE(sweep.points().size() == 15);
  CHECK(sweep.trajectories() == 5);
  CHECK(sweep.levels() == 4);
  for (std::size_t index = 0; index < 15; ++index) {
    const auto& values = sweep.points()[index].values;
    CHECK((values[0] == "0.1" || values[0] == "0.16666667" || values[0] == "0.23333333" || values[0] == "0.3"));
    CHECK((values[1] == "4" || values[1] == "5" || values[1] == "6" || values[1] == "7"));
    if (index % 3 == 0) continue;
    const auto& before = sweep.points()[index - 1].values;
    CHECK((values[0] != before[0]) + (values[1] != before[1]) == 1);
  }
}

TEST_CASE("a Saltelli sample is A, then A with each column from B, then B, for every base sample", "[sweep]") {
  constexpr std::size_t samples = 16, dimensions = 3;
  const auto unit = saltelli_matrix(samples, dimensions, 9);
  REQUIRE(unit.size() == samples * (dimensions + 2));
  const auto both = latin_hypercube(samples, 2 * dimensions, 9);
  for (std::size_t j = 0; j < samples; ++j) {
    const auto& a = unit[j * (dimensions + 2)];
    const auto& b = unit[j * (dimensions + 2) + dimensions + 1];
    for (std::size_t k = 0; k < dimensions; ++k) {
      CHECK(a[k] == both[j][k]);
      CHECK(b[k] == both[j][dimensions + k]);
    }
    for (std::size_t i = 0; i < dimensions; ++i) {
      const auto& ab = unit[j * (dimensions + 2) + 1 + i];
      for (std::size_t k = 0; k < dimensions; ++k) CHECK(ab[k] == (k == i ? b[k] : a[k]));
    }
  }

  test::TemporaryFolder folder;
  const auto sweep = load(folder, sweep_text("population.mentor_share = 0.1:0.3\nplacement.mentor_time_cost = 0.5:1.5\n",
                                             "replicates = 1\nseed = 3\ndesign = saltelli\nsamples = 8\n"));
  REQUIRE(sweep.points().size() == 8 * 4);
  CHECK(sweep.base_samples() == 8);
  const auto& points = sweep.points();
  CHECK(points[1].values[0] == points[3].values[0]);  // AB_1 takes parameter 1 from B
  CHECK(points[1].values[1] == points[0].values[1]);  // and the rest from A
  CHECK(points[2].values[1] == points[3].values[1]);
  CHECK(points[2].values[0] == points[0].values[0]);
}

TEST_CASE("a list design reads its points from CSV exactly, and names the line of a bad one", "[sweep]") {
  test::TemporaryFolder folder;
  folder.write("points.csv",
               "# one point a line\npopulation.mentor_share, placement.first_block_weeks\n0.123456789012345678, 6\n\n"
               "1e-1,4\n0.3,8\n");
  const auto sweep = load(folder, sweep_text("", "replicates = 1\nseed = 3\ndesign = list\npoints = points.csv\n"));
  REQUIRE(sweep.points().size() == 3);
  REQUIRE(sweep.varied().size() == 2);
  CHECK(sweep.varied()[1].key == "placement.first_block_weeks");
  CHECK(sweep.varied()[0].origin.ends_with("points.csv:2"));
  CHECK(sweep.scenario(sweep.points()[0]).parameters().population.mentor_share == 0.123456789012345678);
  CHECK(sweep.scenario(sweep.points()[1]).parameters().population.mentor_share == 0.1);
  CHECK(sweep.scenario(sweep.points()[2]).parameters().placement.first_block_weeks == 8);
  CHECK(sweep.points()[2].seed == sweep_point_seed(3, 2));

  struct Bad {
    std::string csv;
    std::string message;
  };
  const std::vector<Bad> cases{
      {"population.mentor_share\n0.1\n0.2, 0.3\n", "points.csv:3: 2 values where the header names 1 parameters"},
      {"population.mentor_share\n0.1\nx\n", "points.csv:3: population.mentor_share = 'x': expected a number"},
      {"population.mentor_shar\n0.1\n", "did you mean 'population.mentor_share'"},
      {"run.years\n3\n", "points.csv:1: run.years cannot be varied"},
      {"population.mentor_share,population.mentor_share\n0.1,0.2\n", "column population.mentor_share appears twice"},
      {"population.regions\n1\n", "population.regions is both varied and set"},
      {"# nothing\n", "empty; expected a header"},
      {"population.mentor_share\n", "no points after the header"},
      {"population.mentor_share\n0.1\n1.5\n", "points.csv:3: point 1 (population.mentor_share = 1.5)"},
  };
  for (const auto& bad : cases) {
    INFO(bad.csv);
    folder.write("points.csv", bad.csv);
    CHECK_THROWS_WITH(load(folder, sweep_text("", "design = list\npoints = points.csv\n")), Contains(bad.message));
  }
  CHECK_THROWS_WITH(load(folder, sweep_text("", "design = list\npoints = absent.csv\n")), Contains("not found"));
}

TEST_CASE("with common random numbers every point runs with the sweep seed", "[sweep]") {
  test::TemporaryFolder folder;
  const auto common = load(folder, sweep_text("population.mentor_share = 0.1, 0.2, 0.3\n", "seed = 7\ncommon_random_numbers = true\n"));
  for (const auto& point : common.points()) CHECK(point.seed == 7);
  CHECK(common.common_random_numbers());
  const auto independent = load(folder, sweep_text("population.mentor_share = 0.1, 0.2, 0.3\n", "seed = 7\ncommon_random_numbers = false\n"));
  CHECK(independent.points()[1].seed == sweep_point_seed(7, 1));
  CHECK(independent.points()[1].seed != independent.points()[2].seed);
}
