// The sweep folder: resuming the same sweep, refusing another, point states and the
// manifest; shards; and merging points into one file.

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_file.hpp"
#include "sim/io/output_file.hpp"
#include "sim/sweep/directory.hpp"
#include "sim/sweep/merge.hpp"
#include "sim/sweep/run_sweep.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

std::string sweep_text(const std::string& vary, int years = 2) {
  return "[sweep]\nscenario = " + test::baseline.string() + "\nreplicates = 2\nseed = 5\n\n[set]\npopulation.regions = 1\n" +
         "run.years = " + std::to_string(years) + "\n\n[vary]\n" + vary;
}

std::function<const char*(const char*)> environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const char* name) -> const char* {
    const auto found = variables.find(name);
    return found == variables.end() ? nullptr : found->second.c_str();
  };
}

}  // namespace

TEST_CASE("a sweep folder is resumed by the same sweep and refused to another", "[sweep]") {
  test::TemporaryFolder folder;
  const auto sweep = SweepDefinition::load(folder.write("a.ini", sweep_text("population.mentor_share = 0.1, 0.2\n")));
  const auto out = folder / "out";
  auto directory = SweepDirectory::prepare(out, sweep);
  CHECK(test::read_file(out / "points.csv") == sweep.point_table_csv());
  CHECK(std::filesystem::is_directory(out / "points"));
  // The same sweep, even from an edited file with the same points, opens the folder again.
  const auto same = SweepDefinition::load(folder.write("b.ini", "# edited\n" + sweep_text("population.mentor_share = 0.1, 0.2\n")));
  CHECK_NOTHROW(SweepDirectory::prepare(out, same));

  const auto more_points = SweepDefinition::load(folder.write("c.ini", sweep_text("population.mentor_share = 0.1, 0.3\n")));
  CHECK_THROWS_WITH(SweepDirectory::prepare(out, more_points), Contains("holds another sweep: line 3 of its points.csv"));
  const auto other_base = SweepDefinition::load(folder.write("d.ini", sweep_text("population.mentor_share = 0.1, 0.2\n", 3)));
  CHECK_THROWS_WITH(SweepDirectory::prepare(out, other_base),
                    Contains("its base scenario has run.years = 2 where this sweep gives run.years = 3"));

  folder.write("file", "x");
  CHECK_THROWS_WITH(SweepDirectory::prepare(folder / "file", sweep), Contains("is a file"));
  CHECK_THROWS_WITH(SweepDirectory::prepare(folder / "absent" / "out", sweep), Contains("does not exist"));
  CHECK_THROWS_WITH(SweepDirectory::open(folder.path()), Contains("not a sweep folder"));

  // A damaged folder whose points is a file is bad input (exit 2), for sweep and merge alike.
  std::filesystem::remove_all(out / "points");
  std::ofstream(out / "points") << "x";
  CHECK_THROWS_AS(SweepDirectory::prepare(out, sweep), InputError);
  CHECK_THROWS_WITH(SweepDirectory::prepare(out, sweep), Contains("its points is not a folder"));
  CHECK_THROWS_AS(SweepDirectory::open(out), InputError);
}

TEST_CASE("point states come from the folder's files and the manifest lists them", "[sweep]") {
  test::TemporaryFolder folder;
  const auto sweep = SweepDefinition::load(folder.write("s.ini", sweep_text("population.mentor_share = 0.1, 0.15, 0.2\n")));
  auto directory = SweepDirectory::prepare(folder / "out", sweep);
  std::ofstream(directory.point_path(0)) << "complete";
  directory.record_failure(1, "out of memory, \"badly\"");
  std::ofstream(directory.point_path(2).string() + ".part-12-ab") << "half";  // a killed run's leftover
  auto states = directory.scan();
  CHECK(states[0].status == PointStatus::complete);
  CHECK(states[1].status == PointStatus::failed);
  CHECK(states[1].error == "out of memory, \"badly\"");
  CHECK(states[2].status == PointStatus::pending);
  directory.refresh_manifest(true);
  CHECK(test::read_file(directory.manifest_path()) ==
        "point,seed,population.mentor_share,status,error\n" +
            fmt::format("0,{},0.1,complete,\n", sweep.points()[0].seed) +
            fmt::format("1,{},0.15,failed,\"out of memory, \"\"badly\"\"\"\n", sweep.points()[1].seed) +
            fmt::format("2,{},0.2,pending,\n", sweep.points()[2].seed));
  CHECK(points_to_run(states, Shard{}) == std::vector<std::size_t>{1, 2});
  CHECK(points_to_run(states, Shard{1, 2}) == std::vector<std::size_t>{1});

  directory.clear_failure(1);
  CHECK(directory.scan()[1].status == PointStatus::pending);

  // One process at a time holds a point; its holder alone removes killed runs' leftovers.
  {
    const auto held = directory.lock_point(2);
    REQUIRE(held.has_value());
    CHECK_FALSE(directory.lock_point(2).has_value());
    CHECK(directory.lock_point(1).has_value());
    directory.remove_stale_files(2, *held);
    CHECK(temporary_files(directory.point_path(2)).empty());
  }
  CHECK(directory.lock_point(2).has_value());
  CHECK(directory.scan()[2].status == PointStatus::pending);
  CHECK_FALSE(std::filesystem::exists(directory.folder() / "points" / "point_000002.lock"));
  CHECK_THROWS_WITH(parse_point_table("point,seed,a\n0,1\n", "p.csv"), Contains("p.csv:2: expected point 0 with 3 fields"));
}

TEST_CASE("shard I of N: N given, I from the options or the Slurm array task, whichever tasks run", "[sweep]") {
  const auto none = environment({});
  CHECK(choose_shard("", "", none).count == 1);
  const auto given = choose_shard("2", "3", none);
  CHECK(given.index == 2);
  CHECK(given.count == 3);
  CHECK(given.owns(5));
  CHECK_FALSE(given.owns(4));
  // A retry of tasks 1, 4 and 5 of --array=0-9 (sbatch --array=1,4,5): Slurm's count, minimum
  // and step then describe the subset, and must not move any task to another shard.
  for (const char* task : {"1", "4", "5"}) {
    const auto retried = choose_shard("", "10", environment({{"SLURM_ARRAY_TASK_ID", task},
                                                             {"SLURM_ARRAY_TASK_COUNT", "3"},
                                                             {"SLURM_ARRAY_TASK_MIN", "1"},
                                                             {"SLURM_ARRAY_TASK_MAX", "5"},
                                                             {"SLURM_ARRAY_TASK_STEP", "1"}}));
    CHECK(retried.index == std::stoul(task));
    CHECK(retried.count == 10);
  }
  CHECK(choose_shard("0", "2", environment({{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "10"}})).index == 0);
  CHECK_THROWS_WITH(choose_shard("3", "3", none), Contains("--shard = 3: expected 0 ... 2"));
  CHECK_THROWS_WITH(choose_shard("1", "", none), Contains("--shard and --shards go together"));
  CHECK_THROWS_WITH(choose_shard("", "3", none), Contains("--shard and --shards go together"));
  CHECK_THROWS_WITH(choose_shard("0", "0", none), Contains("--shards = 0"));
  CHECK_THROWS_WITH(choose_shard("", "", environment({{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "10"}})),
                    Contains("SLURM_ARRAY_TASK_ID = 4: in a Slurm job array give --shards N"));
  CHECK_THROWS_WITH(choose_shard("", "10", environment({{"SLURM_ARRAY_TASK_ID", "12"}})),
                    Contains("SLURM_ARRAY_TASK_ID = 12: expected 0 ... 9 for --shards 10"));
}

TEST_CASE("a merged sweep stacks every point's series by point and replicate", "[sweep][output]") {
  test::TemporaryFolder folder;
  const auto sweep = SweepDefinition::load(folder.write("s.ini", sweep_text("population.mentor_share = 0.1, 0.2, 0.3\n")));
  auto directory = SweepDirectory::prepare(folder / "out", sweep);
  // Points 0 and 2 run; point 1 is left pending.
  ListSource source({0, 2}, 3);
  SweepOptions options;
  const auto counts = run_sweep(sweep, directory, source, options);
  CHECK(counts.done == 2);
  CHECK(counts.failed == 0);

  MergeOptions merge;
  merge.output = folder / "merged.h5";
  CHECK_THROWS_WITH(merge_sweep(folder / "out", merge), Contains("2 of 3 points complete, 0 failed, 1 pending; point 1 pending"));
  CHECK_FALSE(std::filesystem::exists(merge.output));
  merge.allow_partial = true;
  const auto result = merge_sweep(folder / "out", merge);
  CHECK(result.complete == 2);
  CHECK(result.pending == 1);
  CHECK(temporary_files(merge.output).empty());

  const auto merged = h5::File::open_read_only(merge.output);
  const auto& root = merged.root();
  CHECK(root.read_string_attribute("title") == "ittsim sweep");
  CHECK(root.read_int_attribute("points") == 3);
  CHECK(root.read_int_attribute("replicates") == 2);
  const auto points = root.open_group("points");
  CHECK(points.read_strings("status") == std::vector<std::string>{"complete", "pending", "complete"});
  CHECK(points.open_dataset("population.mentor_share").read_doubles() == std::vector<double>{0.1, 0.2, 0.3});
  CHECK(points.open_dataset("seed").read_int64s()[2] == static_cast<std::int64_t>(sweep.points()[2].seed));

  // The points' per-agent tables (schools, providers) stay in the point files.
  CHECK_FALSE(root.has_child("schools"));
  CHECK_FALSE(root.has_child("providers"));
  const auto recruited = root.open_group("yearly").open_dataset("trainees_recruited");
  CHECK(recruited.dims() == std::vector<std::size_t>{3, 2, 2});
  const auto stacked = recruited.read_int64s();
  const auto shares = root.open_group("yearly").open_dataset("share_hosting_multi_provider").read_doubles();
  const auto by_region = root.open_group("weekly_by_region").open_dataset("trainees_on_placement");
  CHECK(by_region.dims() == std::vector<std::size_t>{3, 2, 2 * 52, 9});
  for (const std::size_t point : {0, 2}) {
    const auto file = h5::File::open_read_only(directory.point_path(point));
    for (std::size_t replicate = 0; replicate < 2; ++replicate) {
      const auto yearly = file.root().open_group(replicate_group_name(replicate)).open_group("yearly");
      const auto values = yearly.open_dataset("trainees_recruited").read_int64s();
      for (std::size_t year = 0; year < 2; ++year) {
        CHECK(stacked[(point * 2 + replicate) * 2 + year] == values[year]);
      }
    }
  }
  for (std::size_t k = 2 * 2; k < 2 * 2 * 2; ++k) {  // point 1: missing
    CHECK(stacked[k] == h5::missing_int64);
    CHECK(std::isnan(shares[k]));
  }
}
