// `ittsim sweep` and `ittsim merge` as a researcher uses them: the example sweep split into
// shards, killed and resumed, with failing points and bad input.

#include "sim/io/hdf5_file.hpp"
#include "sim/io/output_file.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <future>
#include <cmath>
#include <numeric>
#include <thread>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;

constexpr std::size_t example_points = 9;

std::vector<std::string> files_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> example_point_files() {
  std::vector<std::string> names;
  for (std::size_t point = 0; point < example_points; ++point) names.push_back(fmt::format("point_{:06}.h5", point));
  return names;
}

std::size_t count_complete(const fs::path& points) {
  std::size_t complete = 0;
  for (const auto& name : files_in(points)) complete += name.ends_with(".h5") ? 1 : 0;
  return complete;
}

// A file named like a point's output must be a whole run: readable, with its provenance.
void check_complete_point_files(const fs::path& points) {
  for (const auto& name : files_in(points)) {
    if (!name.ends_with(".h5")) continue;
    INFO(name);
    const auto file = h5::File::open_read_only(points / name);
    CHECK(file.root().has_child("provenance"));
  }
}

// Three points of one North East year each.
fs::path write_small_sweep(const test::TemporaryFolder& folder) {
  return folder.write("small.ini", "[sweep]\nscenario = " + test::baseline.string() +
                                       "\nreplicates = 1\nseed = 9\n[set]\npopulation.regions = 1\nrun.years = 1\n"
                                       "[vary]\npopulation.mentor_share = 0.1, 0.15, 0.2\n");
}

fs::path run_serial_example(const test::TemporaryFolder& folder) {
  const auto out = folder / "serial";
  const auto result = test::run_ittsim(fmt::format("sweep {} -o {} --quiet", test::example_sweep.string(), out.string()));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const auto merged = folder / "serial.h5";
  REQUIRE(test::run_ittsim(fmt::format("merge {} -o {} --quiet", out.string(), merged.string())).exit_code == 0);
  return merged;
}

// Replicate means, over years, of a yearly series of the merged example: [point][replicate].
std::vector<std::vector<double>> replicate_means(const fs::path& merged, const std::string& series) {
  const auto file = h5::File::open_read_only(merged);
  const auto dataset = file.root().open_group("yearly").open_dataset(series);
  const auto dims = dataset.dims();
  const auto values = dataset.read_doubles();
  std::vector<std::vector<double>> means(dims[0], std::vector<double>(dims[1]));
  for (std::size_t point = 0; point < dims[0]; ++point) {
    for (std::size_t replicate = 0; replicate < dims[1]; ++replicate) {
      const auto begin = values.begin() + static_cast<std::ptrdiff_t>((point * dims[1] + replicate) * dims[2]);
      means[point][replicate] = std::accumulate(begin, begin + static_cast<std::ptrdiff_t>(dims[2]), 0.0) / static_cast<double>(dims[2]);
    }
  }
  return means;
}

struct Estimate {
  double mean = 0;
  double standard_error = 0;
};

// Difference of means of two independent samples, with its standard error.
Estimate difference(const std::vector<double>& a, const std::vector<double>& b) {
  const auto moments = [](const std::vector<double>& x) {
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    double squares = 0;
    for (const double value : x) squares += (value - mean) * (value - mean);
    return std::pair{mean, squares / static_cast<double>(x.size() - 1) / static_cast<double>(x.size())};
  };
  const auto [mean_a, variance_a] = moments(a);
  const auto [mean_b, variance_b] = moments(b);
  return {mean_a - mean_b, std::sqrt(variance_a + variance_b)};
}

}  // namespace

TEST_CASE("shards of the example sweep together give the unsharded sweep's files", "[sweep][cli]") {
  test::TemporaryFolder folder;
  const auto serial = run_serial_example(folder);
  const auto sharded = folder / "sharded";
  std::vector<int> shards;
  for (int shard = 0; shard < 3; ++shard) {
    shards.push_back(test::start_ittsim({"sweep", test::example_sweep.string(), "-o", sharded.string(), "--shard",
                                         std::to_string(shard), "--shards", "3", "--quiet"}));
  }
  for (const int pid : shards) CHECK(test::wait_for_exit(pid) == 0);
  REQUIRE(files_in(sharded / "points") == example_point_files());
  REQUIRE(files_in(folder / "serial" / "points") == example_point_files());
  for (const auto& name : example_point_files()) {
    INFO(name);
    CHECK(test::same_outside_provenance(folder / "serial" / "points" / name, sharded / "points" / name));
  }
  CHECK(test::read_file(sharded / "manifest.csv") == test::read_file(folder / "serial" / "manifest.csv"));
  const auto merged = folder / "sharded.h5";
  REQUIRE(test::run_ittsim(fmt::format("merge {} -o {}", sharded.string(), merged.string())).exit_code == 0);
  CHECK(test::same_outside_provenance(serial, merged));

  // The varied values reach the points: more trained mentors, more placement weeks offered at
  // every cost of mentor time; a dearer mentor hour, fewer offered (over the three shares).
  // Places offered answer the hosting decision directly; schools hosting also depend on
  // trainees living within reach, which differs between the points' worlds.
  // Points are (cost, share) in row-major order: point = 3 × cost index + share index.
  const auto offered = replicate_means(serial, "placement_weeks_offered");
  for (std::size_t cost = 0; cost < 3; ++cost) {
    const auto more_mentors = difference(offered[3 * cost + 2], offered[3 * cost]);
    INFO("cost index " << cost << ": " << more_mentors.mean << " ± " << more_mentors.standard_error);
    CHECK(more_mentors.mean > 3 * more_mentors.standard_error);
  }
  std::vector<double> cheap(4, 0.0), dear(4, 0.0);
  for (std::size_t replicate = 0; replicate < 4; ++replicate) {
    for (std::size_t share = 0; share < 3; ++share) {
      cheap[replicate] += offered[share][replicate] / 3;
      dear[replicate] += offered[6 + share][replicate] / 3;
    }
  }
  const auto cheaper = difference(cheap, dear);
  INFO("placement weeks offered, cost 0.5 - cost 1.5: " << cheaper.mean << " ± " << cheaper.standard_error);
  CHECK(cheaper.mean > 2 * cheaper.standard_error);
}

TEST_CASE("a killed or stopped sweep resumes to the uninterrupted result", "[sweep][cli]") {
  test::TemporaryFolder folder;
  const auto serial = run_serial_example(folder);
  for (const int signal : {SIGKILL, SIGTERM}) {
    INFO("signal " << signal);
    const auto out = folder / fmt::format("signal{}", signal);
    const auto log = folder / fmt::format("signal{}.log", signal);
    const int pid = test::start_ittsim({"sweep", test::example_sweep.string(), "-o", out.string(), "--quiet"}, log);
    // Wait until two points are complete and the third is being written, then stop it.
    // Generous: a sanitizer build on a busy machine takes several seconds a point.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
    bool mid_way = false;
    while (!mid_way && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      mid_way = fs::exists(out / "points") && count_complete(out / "points") >= 2 &&
                !temporary_files(out / "points" / "point_000002.h5").empty();
    }
    CHECK(mid_way);
    kill(pid, signal);
    const int exit_code = test::wait_for_exit(pid);
    const auto left = count_complete(out / "points");
    CHECK(left >= 2);
    CHECK(left < example_points);
    check_complete_point_files(out / "points");
    if (signal == SIGTERM) {
      CHECK(exit_code == 130);
      // A clean stop removes its temporary and lock files and records where it got to.
      for (const auto& name : files_in(out / "points")) CHECK((name.ends_with(".h5") || name.ends_with(".error")));
      CHECK_THAT(test::read_file(out / "manifest.csv"), Contains(",pending,"));
      // It says how far the sweep got and how to resume, not that nothing was written.
      const auto said = test::read_file(log);
      CHECK_THAT(said, Contains(fmt::format("interrupted: {} of {} points are complete in {}", left, example_points,
                                            out.string())));
      CHECK_THAT(said, Contains(fmt::format("`ittsim sweep {} -o {}`", test::example_sweep.string(), out.string())));
      CHECK_THAT(said, !Contains("no output was written"));
    } else {
      CHECK(exit_code == 128 + SIGKILL);
    }
    const auto merge_early = test::run_ittsim(fmt::format("merge {} -o {}", out.string(), (folder / "early.h5").string()));
    CHECK(merge_early.exit_code == 2);
    CHECK_THAT(merge_early.output, Contains("pending") && Contains("--allow-partial"));
    CHECK_FALSE(fs::exists(folder / "early.h5"));

    const auto resumed = test::run_ittsim(fmt::format("sweep {} -o {}", test::example_sweep.string(), out.string()));
    INFO(resumed.output);
    CHECK(resumed.exit_code == 0);
    CHECK_THAT(resumed.output, Contains(fmt::format("{} already complete", left)));
    CHECK(files_in(out / "points") == example_point_files());
    const auto merged = folder / fmt::format("resumed{}.h5", signal);
    REQUIRE(test::run_ittsim(fmt::format("merge {} -o {}", out.string(), merged.string())).exit_code == 0);
    CHECK(test::same_outside_provenance(serial, merged));
  }
}

TEST_CASE("two sweeps in one folder at once share its points, each run once and whole", "[sweep][cli]") {
  test::TemporaryFolder folder;
  const auto out = folder / "shared";
  const auto command = fmt::format("sweep {} -o {}", test::example_sweep.string(), out.string());
  auto first = std::async(std::launch::async, [&] { return test::run_ittsim(command); });
  auto second = std::async(std::launch::async, [&] { return test::run_ittsim(command); });
  std::size_t runs = 0;
  for (const auto& result : {first.get(), second.get()}) {
    INFO(result.output);
    CHECK(result.exit_code == 0);
    const std::string counted = " already complete, ";
    const auto at = result.output.find(counted);
    REQUIRE(at != std::string::npos);
    runs += std::stoul(result.output.substr(at + counted.size()));
  }
  CHECK(runs == example_points);  // no point run twice (or corrupted by being run twice)
  CHECK(files_in(out / "points") == example_point_files());
  check_complete_point_files(out / "points");
  const auto again = test::run_ittsim(fmt::format("sweep {} -o {}", test::example_sweep.string(), out.string()));
  CHECK_THAT(again.output, Contains(fmt::format("{} already complete, 0 run", example_points)));
  const auto merged = test::run_ittsim(fmt::format("merge {} -o {}", out.string(), (folder / "m.h5").string()));
  INFO(merged.output);
  CHECK(merged.exit_code == 0);
}

TEST_CASE("a failing point is recorded and retried while the others complete", "[sweep][cli]") {
  test::TemporaryFolder folder;
  const auto sweep = write_small_sweep(folder);
  const auto out = folder / "out";
  // A folder where point 1's file belongs makes its final rename fail.
  fs::create_directories(out / "points" / "point_000001.h5");
  const auto first = test::run_ittsim(fmt::format("sweep {} -o {}", sweep.string(), out.string()));
  CHECK(first.exit_code == 4);
  CHECK_THAT(first.output, Contains("point 1 (population.mentor_share = 0.15) failed: cannot rename"));
  CHECK_THAT(first.output, Contains("1 failed"));
  CHECK(fs::is_regular_file(out / "points" / "point_000000.h5"));
  CHECK(fs::is_regular_file(out / "points" / "point_000002.h5"));
  CHECK_THAT(test::read_file(out / "manifest.csv"), Contains(",0.15,failed,cannot rename"));
  const auto refused = test::run_ittsim(fmt::format("merge {} -o {}", out.string(), (folder / "m.h5").string()));
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Contains("1 failed") && Contains("point 1 failed: cannot rename"));

  fs::remove(out / "points" / "point_000001.h5");
  const auto retried = test::run_ittsim(fmt::format("sweep {} -o {}", sweep.string(), out.string()));
  INFO(retried.output);
  CHECK(retried.exit_code == 0);
  CHECK_THAT(retried.output, Contains("2 already complete, 1 run, 0 failed"));
  CHECK_FALSE(fs::exists(out / "points" / "point_000001.error"));
  CHECK_THAT(test::read_file(out / "manifest.csv"), Contains(",0.15,complete,"));
}

TEST_CASE("sweep-status counts a partly failed sweep by shard and names the tasks to retry", "[sweep][cli]") {
  test::TemporaryFolder folder;
  const auto sweep = write_small_sweep(folder);
  const auto out = folder / "out";
  fs::create_directories(out / "points" / "point_000001.h5");  // point 1's final rename fails
  REQUIRE(test::run_ittsim(fmt::format("sweep {} -o {} --quiet", sweep.string(), out.string())).exit_code == 4);
  fs::remove(out / "points" / "point_000002.h5");  // point 2 as if never run

  const auto text = test::run_ittsim(fmt::format("sweep-status {} --shards 2", out.string()));
  INFO(text.output);
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.output, Contains("3 points: 1 complete, 1 failed, 1 pending"));
  CHECK_THAT(text.output, Contains("point 1: cannot rename"));
  // Points 0 and 2 are shard 0, point 1 shard 1: both have work left.
  CHECK_THAT(text.output, Contains("      0       2         1       0        1"));
  CHECK_THAT(text.output, Contains("      1       1         0       1        0"));
  CHECK_THAT(text.output, Contains("sbatch --array=0,1 ") && Contains("SHARDS=2 scripts/slurm/sweep.sbatch"));
  CHECK_THAT(text.output, Contains(fmt::format("ittsim sweep SWEEP.ini -o {} --shards 2 --shard 1", out.string())));

  const auto json = test::run_ittsim(fmt::format("sweep-status {} --shards 3 --format json", out.string()));
  CHECK(json.exit_code == 0);
  CHECK_THAT(json.output, Contains("\"complete\": 1, \"failed\": 1, \"pending\": 1"));
  CHECK_THAT(json.output, Contains("\"shards_with_work\": [1, 2]"));

  // Retried as the status says, shard by shard, the sweep completes.
  fs::remove(out / "points" / "point_000001.h5");
  for (const int shard : {0, 1}) {
    REQUIRE(test::run_ittsim(fmt::format("sweep {} -o {} --shards 2 --shard {} --quiet", sweep.string(), out.string(),
                                         shard)).exit_code == 0);
  }
  const auto done = test::run_ittsim(fmt::format("sweep-status {}", out.string()));
  CHECK_THAT(done.output, Contains("3 points: 3 complete, 0 failed, 0 pending") && Contains("ittsim merge"));

  CHECK(test::run_ittsim(fmt::format("sweep-status {} --shards 0", out.string())).exit_code == 2);
  CHECK(test::run_ittsim(fmt::format("sweep-status {} --format xml", out.string())).exit_code == 2);
  const auto foreign = test::run_ittsim(fmt::format("sweep-status {}", folder.path().string()));
  CHECK(foreign.exit_code == 2);
}

TEST_CASE("bad sweep input exits 2 and writes nothing", "[sweep][cli][errors]") {
  test::TemporaryFolder folder;
  const auto bad = folder.write("bad.ini", "[sweep]\nscenario = " + test::baseline.string() + "\n[vary]\npopulation.mentor_share = 0.1, 2\n");
  const std::string example = test::example_sweep.string();
  const auto out = folder / "out";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"sweep " + bad.string() + " -o OUT", "point 1 (population.mentor_share = 2)"},
      {"sweep " + example, "expected -o DIR"},
      {"sweep " + example + " -o OUT --shard 3 --shards 3", "--shard = 3: expected 0 ... 2"},
      {"sweep " + example + " -o OUT --threads 0", "--threads = 0"},
      {"sweep " + example + " -o " + (folder / "absent" / "out").string(), "does not exist"},
      {"sweep", "expected a sweep file"},
      {"merge " + folder.path().string() + " -o " + (folder / "m.h5").string(), "not a sweep folder"},
      {"merge", "expected a sweep's output folder"},
  };
  for (const auto& [arguments, message] : cases) {
    std::string command = arguments;
    if (const auto at = command.find("OUT"); at != std::string::npos) command.replace(at, 3, out.string());
    INFO(command);
    const auto result = test::run_ittsim(command);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Contains(message));
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(folder / "m.h5"));
  }
  const auto plan = test::run_ittsim(fmt::format("sweep {} -o {} --dry-run", example, out.string()));
  CHECK(plan.exit_code == 0);
  CHECK_THAT(plan.output, Contains("9 points × 4 replicates = 36 runs"));
  CHECK_FALSE(fs::exists(out));
  // A Slurm array task chooses the shard when --shard does not; the number of shards is given.
  setenv("SLURM_ARRAY_TASK_ID", "7", 1);
  const auto unsharded = test::run_ittsim(fmt::format("sweep {} -o {}", example, out.string()));
  const auto wrong_task = test::run_ittsim(fmt::format("sweep {} -o {} --shards 3", example, out.string()));
  unsetenv("SLURM_ARRAY_TASK_ID");
  CHECK(unsharded.exit_code == 2);
  CHECK_THAT(unsharded.output, Contains("SLURM_ARRAY_TASK_ID = 7: in a Slurm job array give --shards N"));
  CHECK(wrong_task.exit_code == 2);
  CHECK_THAT(wrong_task.output, Contains("SLURM_ARRAY_TASK_ID = 7: expected 0 ... 2 for --shards 3"));
  CHECK_FALSE(fs::exists(out));
}
