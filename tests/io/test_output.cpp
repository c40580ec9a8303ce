#include "sim/core/errors.hpp"
#include "sim/driver/run.hpp"
#include "sim/io/hdf5_file.hpp"
#include "sim/io/output_file.hpp"
#include "sim/model/population.hpp"
#include "sim/io/summary.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <filesystem>
#include <type_traits>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

// Every series of group holds every row the simulation recorded, bit for bit, with its unit,
// description and element type, and the group holds no other dataset.
template <typename Row, typename Visit>
void check_series(const h5::Group& group, const std::vector<Row>& rows, Visit visit) {
  std::vector<std::vector<double>> expected;  // one column per series, in visiting order
  for (const auto& row : rows) {
    std::size_t column = 0;
    visit(row, [&](const auto& member, const SeriesInfo&) {
      if (column == expected.size()) expected.emplace_back();
      expected[column++].push_back(static_cast<double>(member));
    });
  }
  const auto bits = [](const std::vector<double>& values) {
    std::vector<std::uint64_t> result;
    for (const double value : values) result.push_back(std::bit_cast<std::uint64_t>(value));
    return result;
  };
  std::vector<std::string> names;
  std::size_t column = 0;
  visit(rows.front(), [&](const auto& member, const SeriesInfo& info) {
    INFO(group.path() << "/" << info.name);
    names.emplace_back(info.name);
    const auto dataset = group.open_dataset(std::string(info.name));
    CHECK(dataset.read_string_attribute("unit") == info.unit);
    CHECK(dataset.read_string_attribute("description") == info.description);
    constexpr bool integer = std::is_integral_v<std::remove_cvref_t<decltype(member)>>;
    CHECK(dataset.element_type() == (integer ? h5::ElementType::int64 : h5::ElementType::float64));
    CHECK(bits(dataset.read_doubles()) == bits(expected[column++]));
  });
  std::sort(names.begin(), names.end());
  CHECK(group.child_names() == names);
}

}  // namespace

TEST_CASE("the output file has the documented layout and the run's values", "[output]") {
  test::TemporaryFolder folder;
  const auto file = folder / "out.h5";
  const Scenario scenario = test::small_scenario({{"run.replicates", "2", "test"}});
  RunOptions options;
  options.output = file;
  options.threads = 2;
  options.command_line = "test";
  run_scenario(scenario, options);
  REQUIRE(std::filesystem::exists(file));
  CHECK(temporary_files(file).empty());

  const auto h5file = h5::File::open_read_only(file);
  const auto& root = h5file.root();
  CHECK(root.read_string_attribute("scenario") == scenario.resolved_text());
  CHECK(root.read_int_attribute("seed") == scenario.parameters().run.seed);
  CHECK(root.read_int_attribute("format_version") == output_format_version);
  CHECK_FALSE(root.read_string_attribute("ittsim_version").empty());
  CHECK_FALSE(root.read_string_attribute("git_commit").empty());
  CHECK(root.child_names() == std::vector<std::string>{"provenance", "replicate_0000", "replicate_0001"});
  const auto provenance = root.open_group("provenance");
  CHECK(provenance.read_int_attribute("threads") == 2);
  CHECK(provenance.read_double_attribute("wall_seconds") > 0);

  for (std::uint64_t replicate = 0; replicate < 2; ++replicate) {
    const auto group = root.open_group(replicate_group_name(replicate));
    CHECK(group.read_int_attribute("replicate") == static_cast<std::int64_t>(replicate));
    const auto expected = test::run_in_memory(scenario.parameters(), replicate, 1);
    REQUIRE(expected.years.size() == 2);
    REQUIRE(expected.weeks.size() == 2 * weeks_per_year);
    check_series(group.open_group("yearly"), expected.years, [](const auto& row, auto&& f) { visit_yearly(row, f); });
    check_series(group.open_group("weekly"), expected.weeks, [](const auto& row, auto&& f) { visit_weekly(row, f); });
    CHECK(group.open_group("yearly").open_dataset("academic_year").read_int64s() == std::vector<std::int64_t>{2022, 2023});
    // The replicate's synthetic world: each school's and provider's place, as synthesised.
    const World world = synthesise_population(scenario.parameters(), RandomStreams(scenario.parameters().run.seed, replicate));
    const auto schools = group.open_group("schools");
    CHECK(schools.child_names() == std::vector<std::string>{"area_type", "easting_m", "governance", "local_authority",
                                                           "northing_m", "phase", "pupils", "region", "urn"});
    const auto easting = schools.open_dataset("easting_m").read_int64s();
    const auto authority = schools.open_dataset("local_authority").read_int64s();
    REQUIRE(easting.size() == world.schools.size());
    for (SchoolId school = 0; school < world.schools.size(); ++school) {
      CHECK(easting[school] == std::llround(world.schools.easting_km[school] * 1000));
      CHECK(authority[school] == world.schools.local_authority[school]);
    }
    const auto providers = group.open_group("providers");
    CHECK(providers.open_dataset("base_northing_m").read_int64s().size() == world.providers.size());
    CHECK_THAT(schools.open_dataset("area_type").read_string_attribute("description"), Contains("2 = rural"));
  }

  const RunSummary summary = read_summary(file);
  CHECK(summary.academic_years == std::vector<std::int64_t>{2022, 2023});
  CHECK(summary.yearly.at("qts_awarded").size() == 2);
  CHECK_THAT(format_summary(summary), Contains("qts_awarded") && Contains("2 replicates") && Contains("2022/23"));
}

TEST_CASE("an interrupted run leaves neither the output nor its partial file", "[output]") {
  test::TemporaryFolder folder;
  const auto file = folder / "out.h5";
  std::atomic<bool> stop{false};
  RunOptions options;
  options.output = file;
  options.stop_requested = &stop;
  options.progress = [&](const RunProgress& progress) {
    REQUIRE(temporary_files(file).size() == 1);  // being written under its temporary name
    if (progress.weeks_done == 60) stop = true;
  };
  CHECK_THROWS_AS(run_scenario(test::small_scenario(), options), Interrupted);
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK(temporary_files(file).empty());
}

TEST_CASE("an existing output survives a failed run", "[output]") {
  test::TemporaryFolder folder;
  const auto file = folder.write("out.h5", "previous results");
  RunOptions options;
  options.output = file;
  options.threads = 0;
  CHECK_THROWS_AS(run_scenario(test::small_scenario(), options), InputError);
  CHECK(test::read_file(file) == "previous results");
}

TEST_CASE("HDF5 failures become OutputErrors that say what was being done", "[output]") {
  test::TemporaryFolder folder;
  try {
    (void)h5::File::open_read_only(folder.write("not.h5", "plain text"));
    FAIL("expected an OutputError");
  } catch (const OutputError& error) {
    CHECK_THAT(error.what(), Contains("not.h5") && Contains("not an HDF5 file"));
  }
  auto file = h5::File::create(folder / "x.h5");
  file.root().create_group("g");
  try {
    file.root().create_group("g");
    FAIL("expected an OutputError");
  } catch (const OutputError& error) {
    CHECK_THAT(error.what(), Contains("creating group") && Contains("/g"));
  }
}

TEST_CASE("fixed-shape arrays take whole blocks, read missing where unwritten, and refuse bad blocks", "[output]") {
  test::TemporaryFolder folder;
  const auto path = folder / "arrays.h5";
  {
    auto file = h5::File::create(path);
    auto counts = file.root().create_array("counts", h5::ElementType::int64, {2, 3, 4}, {1, 3, 4});
    const std::vector<std::int64_t> block{1, 2, 3, 4};
    counts.write_block(std::vector<std::size_t>{1, 2}, std::span<const std::int64_t>(block));
    CHECK_THROWS_WITH(counts.write_block(std::vector<std::size_t>{1, 3}, std::span<const std::int64_t>(block)),
                      Contains("index 3 out of 3"));
    CHECK_THROWS_WITH(counts.write_block(std::vector<std::size_t>{1}, std::span<const std::int64_t>(block)),
                      Contains("the block holds 12 values"));
    const std::vector<double> reals{1.0, 2.0, 3.0, 4.0};
    CHECK_THROWS_WITH(counts.write_block(std::vector<std::size_t>{0, 0}, std::span<const double>(reals)),
                      Contains("element type differs"));
    file.root().create_array("shares", h5::ElementType::float64, {2}, {2});
    file.root().write_strings("names", {"a", "", "ü"});
    counts.close();
    file.close();
  }
  const auto file = h5::File::open_read_only(path);
  const auto counts = file.root().open_dataset("counts").read_int64s();
  REQUIRE(counts.size() == 24);
  CHECK(std::vector<std::int64_t>(counts.begin() + 20, counts.end()) == std::vector<std::int64_t>{1, 2, 3, 4});
  CHECK(std::count(counts.begin(), counts.end(), h5::missing_int64) == 20);
  CHECK(std::isnan(file.root().open_dataset("shares").read_doubles()[1]));
  CHECK(file.root().read_strings("names") == std::vector<std::string>{"a", "", "ü"});
}

TEST_CASE("summary and merge refuse damaged, foreign or non-regular files with exit 2, naming the file", "[output][errors][cli]") {
  test::TemporaryFolder folder;
  const auto refused = [](const std::string& arguments, const std::string& message) {
    INFO(arguments);
    const auto result = test::run_ittsim(arguments);
    CHECK(result.exit_code == exit_code::bad_input);
    CHECK_THAT(result.output, Contains(message));
  };
  // An output's root attributes, and its yearly series as given.
  const auto crafted = [&](const std::string& name, const std::vector<std::size_t>& year_shape, std::size_t series_length) {
    const auto path = folder / name;
    auto file = h5::File::create(path);
    auto& root = file.root();
    root.write_attribute("format_version", output_format_version);
    for (const char* text : {"scenario_name", "ittsim_version", "git_commit"}) root.write_attribute(text, std::string("x"));
    root.write_attribute("seed", std::int64_t{1});
    auto yearly = root.create_group("replicate_0000").create_group("yearly");
    yearly.create_array("academic_year", h5::ElementType::int64, year_shape, year_shape).close();
    const YearlyIndicators row{};
    visit_yearly(row, [&](const auto&, const SeriesInfo& info) {
      if (info.name != "academic_year") {
        yearly.create_array(std::string(info.name), h5::ElementType::float64, {series_length}, {series_length}).close();
      }
    });
    yearly.close();
    file.close();
    return path.string();
  };
  refused("summary " + crafted("rank3.h5", {2, 2, 2}, 2), "rank3.h5:/replicate_0000/yearly/academic_year is not a one-dimensional");
  refused("summary " + crafted("short.h5", {2}, 1), "short.h5:/replicate_0000/yearly/trainees_recruited has 1 values for 2");
  {
    auto file = h5::File::create(folder / "foreign.h5");
    file.root().write_attribute("format_version", std::int64_t{4});
    file.close();
  }
  refused("summary " + (folder / "foreign.h5").string(), "foreign.h5: not a readable ittsim output file");
  REQUIRE(mkfifo((folder / "fifo.h5").c_str(), 0600) == 0);
  refused("summary " + (folder / "fifo.h5").string(), "fifo.h5: not a regular file");
  // A fuzzed output whose global heap sends HDF5 1.10 into an endless loop: refused at once.
  const auto looping = std::filesystem::path(ITTSIM_SOURCE_DIR) / "tests/fuzz/regressions/output/global_heap_free_space_of_size_0.h5";
  refused("summary " + looping.string(), "damaged HDF5 file: the global heap at byte 2048 has an empty free-space entry");
  // One whose chunk layout makes HDF5 1.10 divide by zero: read first in a child, and refused.
  const auto crashing = std::filesystem::path(ITTSIM_SOURCE_DIR) / "tests/fuzz/regressions/output/hdf5_chunk_of_size_0.h5";
  refused("summary " + crashing.string(), "damaged HDF5 file: the HDF5 library failed reading it (Floating point exception)");
  // One whose /replicate_0000/yearly is missing from its parent's listing but opens by name,
  // where HDF5 1.10 then divides by zero: the child reads what the command reads, and fails.
  const auto unlisted = std::filesystem::path(ITTSIM_SOURCE_DIR) / "tests/fuzz/regressions/output/yearly_group_missing_from_its_listing.h5";
  refused("summary " + unlisted.string(), "damaged HDF5 file: the HDF5 library failed reading it (Floating point exception)");

  const auto sweep = folder.write("sweep.ini", "[sweep]\nscenario = " + test::baseline.string() +
                                                   "\nreplicates = 1\nseed = 3\n[set]\npopulation.regions = 1\n"
                                                   "population.scale = 0.05\nrun.years = 1\n"
                                                   "[vary]\npopulation.mentor_share = 0.1, 0.2\n");
  const auto out = folder / "sweep";
  REQUIRE(test::run_ittsim(fmt::format("sweep {} -o {} -q", sweep.string(), out.string())).exit_code == 0);
  const auto point = out / "points" / "point_000001.h5";
  std::filesystem::resize_file(point, std::filesystem::file_size(point) / 2);
  const auto merged = folder / "merged.h5";
  refused(fmt::format("merge {} -o {}", out.string(), merged.string()), "point_000001.h5: not a readable ittsim point file");
  CHECK_FALSE(std::filesystem::exists(merged));
  CHECK_FALSE(std::filesystem::exists(partial_path(merged)));
}
