// What the command refuses before any work: outputs that would destroy its inputs, and
// input files that are not what a scenario or sweep file can be.

#include "sim/io/hdf5_file.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdlib>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;

// A one-region, one-year world at a twentieth of England: a run of it takes a fraction of a second.
constexpr const char* tiny_world = "[run]\nyears = 1\n[population]\nregions = 1\nscale = 0.05\n";

// Runs ittsim, expects exit 2 with message_part, and that file is unchanged.
void check_refused(const std::string& arguments, const std::string& message_part, const fs::path& file) {
  const std::string before = fs::is_regular_file(file) ? test::read_file(file) : std::string{};
  const auto type_before = fs::symlink_status(file).type();
  INFO("ittsim " << arguments);
  const auto result = test::run_ittsim(arguments);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Contains("ittsim: error: ") && Contains(message_part));
  CHECK(fs::symlink_status(file).type() == type_before);
  if (fs::is_regular_file(file)) CHECK(test::read_file(file) == before);
}

}  // namespace

TEST_CASE("an output that is an input, or inside a folder the command owns, is refused", "[cli][output]") {
  test::TemporaryFolder folder;
  const auto base = folder.write("base.ini", tiny_world);
  const auto scenario = folder.write("scenario.ini", "extends = base.ini\n[run]\nseed = 7\n");
  const std::string dir = folder.path().string();

  SECTION("run: the scenario, a file it extends (by any name), a checkpoint folder") {
    check_refused(fmt::format("run {} -o {}", scenario.string(), scenario.string()), "is the scenario file", scenario);
    check_refused(fmt::format("run {} -o {}/./base.ini", scenario.string(), dir), "is a file the scenario extends", base);
    REQUIRE(link(base.c_str(), (folder / "linked.ini").c_str()) == 0);
    check_refused(fmt::format("run {} -o {}/linked.ini", scenario.string(), dir), "is a file the scenario extends", base);
    check_refused(fmt::format("run {} -o {}/checkpoints/out.h5 --checkpoint-every 1 --checkpoint-dir {}/checkpoints",
                              scenario.string(), dir, dir),
                  "inside the checkpoint folder", folder / "checkpoints" / "out.h5");
    CHECK_FALSE(fs::exists(folder / "checkpoints" / "out.h5"));
  }
  SECTION("run: an output that exists and is not a regular file") {
    const auto fifo = folder / "fifo";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    check_refused(fmt::format("run {} -o {}", scenario.string(), fifo.string()), "is not a regular file", fifo);
    CHECK(fs::is_fifo(fifo));
  }
  SECTION("resume: the checkpoint it resumes") {
    const auto checkpoint = folder.write("checkpoint_000001.h5", "a checkpoint's bytes");
    check_refused(fmt::format("resume {} -o {}", checkpoint.string(), checkpoint.string()), "is the checkpoint resumed",
                  checkpoint);
  }
  SECTION("merge: a file inside the sweep folder") {
    folder.write("sweep.ini", "[sweep]\nscenario = base.ini\nreplicates = 1\n[vary]\npopulation.scale = 0.05, 0.06\n");
    const auto out = folder / "out";
    const auto ran = test::run_ittsim(fmt::format("sweep {}/sweep.ini -o {} --quiet", dir, out.string()));
    INFO(ran.output);
    REQUIRE(ran.exit_code == 0);
    for (const auto& inside : {out / "points" / "point_000000.h5", out / "manifest.csv", out / "points" / "new.h5"}) {
      check_refused(fmt::format("merge {} -o {}", out.string(), inside.string()), "inside the sweep folder", inside);
    }
    CHECK_FALSE(fs::exists(out / "points" / "new.h5"));
  }
}

TEST_CASE("command-line values out of range, unknown commands and missing folders are refused clearly", "[cli][input]") {
  test::TemporaryFolder folder;
  const auto scenario = folder.write("scenario.ini", tiny_world);
  const auto output = folder / "out.h5";
  const std::string run = fmt::format("run {} -o {} ", scenario.string(), output.string());
  check_refused(run + "--threads 100000", "--threads = 100000: too large: expected a whole number of at least 1 and "
                                          "at most 1024", output);
  check_refused(run + "--checkpoint-every 4294967297 --checkpoint-dir " + (folder / "ck").string(),
                "--checkpoint-every = 4294967297: too large", output);
  check_refused(run + "--checkpoint-every 99999999999999999999999 --checkpoint-dir " + (folder / "ck").string(),
                "--checkpoint-every = 99999999999999999999999: too large", output);
  check_refused(fmt::format("sweep {} -o {} --threads 5000", scenario.string(), (folder / "sweep").string()),
                "--threads = 5000: too large", folder / "sweep");
  check_refused(fmt::format("sweep {} -o {} --shard 0 --shards 4294967297", scenario.string(), (folder / "sweep").string()),
                "--shards = 4294967297: too large", folder / "sweep");
  check_refused(fmt::format("run {} -o {}/absent/out.h5", scenario.string(), folder.path().string()),
                "folder " + folder.path().string() + "/absent does not exist; ittsim does not create it", output);
  check_refused("simulate " + scenario.string(),
                "unknown command 'simulate'; expected one of run, resume, validate, params, summary, measure, sweep, merge", output);
}

TEST_CASE("the same run started from two folders gives the same file outside /provenance", "[cli][output]") {
  test::TemporaryFolder folder;
  fs::create_directories(folder / "scenarios" / "deeper");
  folder.write("scenarios/base.ini", tiny_world);
  folder.write("scenarios/run.ini", "extends = base.ini\n[run]\nseed = 11\n");
  const auto run_from = [&](const fs::path& working_directory, const std::string& scenario, const fs::path& output) {
    const auto command = fmt::format("cd '{}' && '{}' run {} -o '{}' --quiet 2>&1", working_directory.string(),
                                     ITTSIM_BINARY, scenario, output.string());
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
  };
  run_from(folder.path(), "scenarios/run.ini", folder / "from_top.h5");
  run_from(folder / "scenarios" / "deeper", "../run.ini", folder / "from_deeper.h5");
  CHECK(test::same_outside_provenance(folder / "from_top.h5", folder / "from_deeper.h5"));
  // The paths as read are kept, under /provenance only.
  const auto file = h5::File::open_read_only(folder / "from_deeper.h5");
  const auto provenance = file.root().open_group("provenance");
  const auto expected = fmt::format("{}\n{}", (folder / "scenarios" / "run.ini").string(), (folder / "scenarios" / "base.ini").string());
  CHECK(provenance.read_string_attribute("scenario_files") == expected);
  CHECK_THAT(file.root().read_string_attribute("scenario"), Contains("years = 1  # base.ini:2\n") && Contains("seed = 11  # run.ini:3\n"));
}

TEST_CASE("the same sweep started from two folders gives the same point files outside /provenance", "[cli][sweep][output]") {
  test::TemporaryFolder folder;
  fs::create_directories(folder / "sweeps" / "deeper");
  folder.write("base.ini", tiny_world);
  folder.write("sweeps/sweep.ini", "[sweep]\nscenario = ../base.ini\nreplicates = 1\nseed = 5\n"
                                    "[set]\nrun.years = 1\n[vary]\npopulation.mentor_share = 0.1, 0.2\n");
  const auto sweep_from = [&](const fs::path& working_directory, const std::string& sweep, const fs::path& out) {
    const auto command = fmt::format("cd '{}' && '{}' sweep {} -o '{}' -q 2>&1", working_directory.string(), ITTSIM_BINARY,
                                     sweep, out.string());
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
  };
  sweep_from(folder.path(), "sweeps/sweep.ini", folder / "from_top");
  sweep_from(folder / "sweeps" / "deeper", "../sweep.ini", folder / "from_deeper");
  for (const char* point : {"point_000000.h5", "point_000001.h5"}) {
    INFO(point);
    CHECK(test::same_outside_provenance(folder / "from_top" / "points" / point, folder / "from_deeper" / "points" / point));
  }
}

TEST_CASE("a bad school list stops run and validate with exit 2, naming the file and line, and writes nothing", "[cli][schools_file]") {
  test::TemporaryFolder folder;
  // The example's header and first two data rows, then the second again: a duplicated URN on line 4.
  const std::string example = test::read_file(test::gias_example);
  std::vector<std::size_t> ends;
  for (std::size_t at = example.find('\n'); at != std::string::npos && ends.size() < 3; at = example.find('\n', at + 1)) ends.push_back(at);
  REQUIRE(ends.size() == 3);
  const std::string rows = example.substr(0, ends[2] + 1) + example.substr(ends[1] + 1, ends[2] - ends[1]);
  const auto list = folder.write("schools.csv", rows);
  const auto scenario = folder.write("scenario.ini", "[run]\nyears = 1\n[population]\nschools_file = schools.csv\n");
  const auto output = folder / "out.h5";
  const std::string where = list.string() + ":4: column URN";
  check_refused(fmt::format("run {} -o {}", scenario.string(), output.string()), where, output);
  CHECK_FALSE(fs::exists(output));
  for (const auto& entry : fs::directory_iterator(folder.path())) CHECK(entry.path().extension() != ".h5");
  check_refused(fmt::format("validate {}", scenario.string()), where, list);

  // The example itself validates, and says what it replaces.
  const auto good = folder.write("good.ini", fmt::format("[population]\nregions = 65\nschools_file = {}\n", test::gias_example.string()));
  const auto result = test::run_ittsim(fmt::format("validate {}", good.string()));
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Contains("note: schools read from " + test::gias_example.string()) &&
                                Contains("replaces population.primary_pupils_mean") && Contains("0.0162 of England's 21214"));
}
