// Checkpoint and restart: a checkpoint holds the whole state, a run resumed from any of its
// checkpoints writes the uninterrupted run's output, and checkpoints that cannot reproduce
// the run (another build, another scenario, damaged) are refused with a message and exit 2.

#include "sim/core/errors.hpp"
#include "sim/driver/run.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/io/output_file.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <oneapi/tbb/task_arena.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <cmath>
#include <fstream>
#include <functional>
#include <span>
#include <string_view>
#include <optional>
#include <thread>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;

template <typename Store>
void check_same_store(const Store& saved, const Store& restored) {
  Store::visit_members(saved, [&](const char* name, const auto& values) {
    bool same = false;
    Store::visit_members(restored, [&](const char* other, const auto& restored_values) {
      if constexpr (std::is_same_v<decltype(values), decltype(restored_values)>) {
        if (std::string_view(name) == other) same = values == restored_values;
      }
    });
    INFO(name);
    CHECK(same);
  });
}

// A run of the small world over three years and two replicates: short, yet with checkpoints
// inside replicates and between them.
Scenario restart_scenario() { return test::small_scenario({{"run.years", "3", "test"}, {"run.replicates", "2", "test"}}); }

// Runs with a checkpoint every year and stops it (as SIGINT would) after `weeks` weeks of
// the given replicate; returns the checkpoint folder's newest checkpoint.
fs::path interrupted_run(const Scenario& scenario, const fs::path& folder, std::uint64_t replicate, int weeks) {
  std::atomic<bool> stop{false};
  RunOptions options;
  options.output = folder / "interrupted.h5";
  options.checkpoint_every = 1;
  options.checkpoint_dir = folder / "checkpoints";
  options.stop_requested = &stop;
  options.progress = [&](const RunProgress& progress) {
    if (progress.replicate == replicate && progress.weeks_done >= weeks) stop = true;
  };
  REQUIRE_THROWS_AS(run_scenario(scenario, options), Interrupted);
  CHECK_FALSE(fs::exists(options.output));
  CHECK(temporary_files(options.output).empty());
  const auto checkpoints = checkpoints_in(options.checkpoint_dir);
  REQUIRE(checkpoints.size() == 1);  // the newest only
  return checkpoints.back();
}

// Copies the HDF5 group from into to, but for the dataset at path ("state/trainees/mentor"),
// which replace writes instead, given the original's group.
using Replace = std::function<void(const h5::Group& original, h5::Group& copy, const std::string& name)>;
void copy_replacing(const h5::Group& from, h5::Group& to, std::string_view path, const Replace& replace) {
  to.copy_attributes_from(from);
  const auto slash = path.find('/');
  const std::string head(path.substr(0, slash));
  for (const auto& name : from.child_names()) {
    if (name != head) {
      to.copy_child_from(from, name);
    } else if (slash == std::string_view::npos) {
      replace(from, to, name);
    } else {
      auto child = to.create_group(name);
      copy_replacing(from.open_group(name), child, path.substr(slash + 1), replace);
    }
  }
}

// A copy of checkpoint beside it, with one dataset's values changed by edit.
template <typename T>
fs::path with_values(const fs::path& checkpoint, std::string_view path, const std::function<void(std::vector<T>&)>& edit) {
  const auto crafted = checkpoint.parent_path() / "crafted.h5";
  const auto source = h5::File::open_read_only(checkpoint);
  auto file = h5::File::create(crafted);
  copy_replacing(source.root(), file.root(), path, [&](const h5::Group& original, h5::Group& copy, const std::string& name) {
    auto values = [&] {
      if constexpr (std::is_same_v<T, double>) return original.open_dataset(name).read_doubles();
      else return original.open_dataset(name).read_int64s();
    }();
    edit(values);
    const auto type = std::is_same_v<T, double> ? h5::ElementType::float64 : h5::ElementType::int64;
    copy.create_array(name, type, {values.size()}, {values.size()}).write_block({}, std::span<const T>(values));
  });
  file.close();
  return crafted;
}

}  // namespace

TEST_CASE("a checkpoint holds every agent store, the clock and the cohorts exactly", "[checkpoint]") {
  test::TemporaryFolder folder;
  const Scenario scenario = restart_scenario();
  OutputFile output(folder / "out.h5", scenario);
  output.begin_replicate(1);
  tbb::task_arena arena(2);
  Simulation simulation(scenario.parameters(), 1);
  arena.execute([&] {
    do simulation.step();
    while (!simulation.year_completed());
  });
  const auto path = folder / "checkpoint.h5";
  write_checkpoint(path, scenario, {1, 4, 2}, &simulation, output);
  CHECK_FALSE(fs::exists(partial_path(path)));

  const Checkpoint checkpoint = read_checkpoint(path);
  CHECK(checkpoint.position.replicate == 1);
  CHECK(checkpoint.position.years_done == 4);
  CHECK(checkpoint.position.checkpoint_every == 2);
  CHECK(checkpoint.scenario.values_text() == scenario.values_text());
  CHECK(checkpoint.scenario.name() == scenario.name());
  const auto state = checkpoint.read_state();
  REQUIRE(state.has_value());
  const auto& saved = simulation.world();
  const auto& restored = state->world;
  check_same_store(saved.schools, restored.schools);
  check_same_store(saved.teachers, restored.teachers);
  check_same_store(saved.trainees, restored.trainees);
  check_same_store(saved.providers, restored.providers);
  check_same_store(saved.networks, restored.networks);
  check_same_store(saved.job_seekers, restored.job_seekers);
  CHECK(saved.schools_by_region_phase == restored.schools_by_region_phase);
  CHECK(state->clock.absolute_week == simulation.clock().absolute_week);
  CHECK(state->clock.week_of_year == 0);
  CHECK(state->clock.academic_year == simulation.clock().academic_year);
  CHECK(state->cohort_sizes == simulation.cohort_sizes());
  CHECK(state->cohort_retained == simulation.cohort_retained());
  CHECK(checkpoint.output.child_names() == std::vector<std::string>{"replicate_0001"});
  CHECK(checkpoint.output.read_string_attribute("scenario") == scenario.resolved_text());
}

TEST_CASE("a run resumed from any of its checkpoints writes the uninterrupted run's output", "[checkpoint]") {
  test::TemporaryFolder folder;
  const Scenario scenario = restart_scenario();
  RunOptions plain;
  plain.output = folder / "uninterrupted.h5";
  run_scenario(scenario, plain);

  // Stopped within replicate 0 (checkpoints after years 1 and 2, inside the replicate), and
  // within replicate 1 (after year 3, between replicates; after year 4, inside again).
  const int weeks = weeks_per_year;
  for (const auto& [replicate, stop_at, years_saved] :
       {std::tuple{0u, weeks + 3, 1}, std::tuple{0u, 2 * weeks + 10, 2}, std::tuple{1u, 5, 3}, std::tuple{1u, weeks + 1, 4}}) {
    DYNAMIC_SECTION("stopped in replicate " << replicate << " at week " << stop_at) {
      test::TemporaryFolder work;
      const auto checkpoint = interrupted_run(scenario, work.path(), replicate, stop_at);
      CHECK(checkpoint.filename() == checkpoint_file_name(years_saved));
      CHECK(read_checkpoint(checkpoint).has_state == (years_saved != 3));

      RunOptions resumed;
      resumed.output = work / "resumed.h5";
      resumed.threads = 1 + years_saved % 2;  // results do not depend on the thread count
      resumed.checkpoint_every = -1;          // as the run set it: every year, in its folder
      resume_run(work / "checkpoints", resumed);
      CHECK(test::same_outside_provenance(plain.output, resumed.output));
      // The completed run removes its checkpoints: they are superseded by the output.
      CHECK(checkpoints_in(work / "checkpoints").empty());
    }
  }
}

TEST_CASE("resume refuses a checkpoint that cannot reproduce the run, and writes nothing", "[checkpoint][errors]") {
  test::TemporaryFolder folder;
  const Scenario scenario = restart_scenario();
  const auto checkpoint = interrupted_run(scenario, folder.path(), 0, weeks_per_year + 5);
  RunOptions options;
  options.output = folder / "resumed.h5";
  options.checkpoint_every = 0;
  const auto refused = [&](const fs::path& path, const Scenario* expected, const std::string& message) {
    CHECK_THROWS_WITH(resume_run(path, options, expected), Contains(message));
    CHECK_FALSE(fs::exists(options.output));
    CHECK(temporary_files(options.output).empty());
  };

  SECTION("another scenario") {
    const Scenario other = restart_scenario().with({{"run.seed", "7", "test"}});
    refused(checkpoint, &other, "a checkpoint of another scenario");
    const Scenario same = test::small_scenario({{"run.replicates", "2", "test"}, {"run.years", "3", "test"}});
    resume_run(checkpoint, options, &same);  // the same values, given in another order
    CHECK(fs::exists(options.output));
  }
  SECTION("another build of ittsim") {
    {
      auto file = h5::File::open_read_write(checkpoint);
      file.root().write_attribute("git_commit", std::string("0123456789abcdef"));
      file.close();
    }
    refused(checkpoint, nullptr, "written by ittsim 0.1.0 (commit 0123456789abcdef");
  }
  SECTION("another checkpoint format") {
    {
      auto file = h5::File::open_read_write(checkpoint);
      file.root().write_attribute("checkpoint_format_version", checkpoint_format_version + 1);
      file.close();
    }
    refused(checkpoint, nullptr, "resumes only in the build that wrote it");
  }
  SECTION("not a checkpoint") {
    RunOptions plain;
    plain.output = folder / "output.h5";
    run_scenario(test::small_scenario(), plain);
    refused(plain.output, nullptr, "not an ittsim checkpoint");
    refused(folder / "missing.h5", nullptr, "checkpoint not found");
    refused(folder.path(), nullptr, "no checkpoint (checkpoint_*.h5) in this folder");
  }
  SECTION("a damaged checkpoint") {
    const auto damaged = folder / "damaged.h5";
    fs::copy_file(checkpoint, damaged);
    fs::resize_file(damaged, fs::file_size(damaged) / 2);
    refused(damaged, nullptr, "not a readable ittsim checkpoint");
    fs::copy_file(checkpoint, damaged, fs::copy_options::overwrite_existing);
    {
      auto file = h5::File::open_read_write(damaged);
      file.root().write_attribute("replicate", std::int64_t{2});  // the scenario has replicates 0 and 1
      file.close();
    }
    refused(damaged, nullptr, "damaged checkpoint: replicate 2 of 2");
    {
      auto file = h5::File::open_read_write(checkpoint);
      file.root().open_group("state").open_group("teachers").write_attribute("size", std::int64_t{3});
      file.close();
    }
    refused(checkpoint, nullptr, "damaged checkpoint");
    // A fuzzed checkpoint whose scenario string claims 4 GiB, a buffer HDF5 1.10 allocates
    // unchecked: the child reading it first is stopped at 1 GiB. Under a limit on address space
    // (ulimit -v) the allocation fails instead, and the file is refused for what follows.
    // Resuming it refuses it sooner, as another build's, before its scenario is read.
    const auto huge = fs::path(ITTSIM_SOURCE_DIR) / "tests/fuzz/regressions/checkpoint/string_length_of_4_gib.h5";
    rlimit address_space{};
    REQUIRE(getrlimit(RLIMIT_AS, &address_space) == 0);
    CHECK_THROWS_WITH(read_checkpoint(huge, CheckpointBuild::any),
                      Contains(address_space.rlim_cur == RLIM_INFINITY
                                   ? "damaged HDF5 file: the HDF5 library took more than 1024 MiB reading it"
                                   : "string_length_of_4_gib.h5"));
    refused(huge, nullptr, "A checkpoint resumes only in the build that wrote it");
    // One whose output has an attribute resuming cannot copy (of a compound type): found when
    // the checkpoint is read, as resuming will copy it, not while the new output is written.
    const auto compound = fs::path(ITTSIM_SOURCE_DIR) / "tests/fuzz/regressions/checkpoint/output_attribute_of_a_compound_type.h5";
    CHECK_THROWS_AS(read_checkpoint(compound, CheckpointBuild::any), InputError);
    CHECK_THROWS_WITH(read_checkpoint(compound, CheckpointBuild::any),
                      Contains("not a readable ittsim checkpoint") && Contains("attribute 'unit_pair'") &&
                          Contains("not a string or a number"));
  }
  SECTION("a crafted checkpoint: a dataset of the wrong rank or type") {
    const auto crafted = checkpoint.parent_path() / "crafted.h5";
    for (const auto& [path, shape] : {std::pair{"scenario", std::vector<std::size_t>{1, 1, 4}},
                                      std::pair{"state/teachers/wellbeing", std::vector<std::size_t>{4, 4, 4}}}) {
      INFO(path);
      {
        const auto source = h5::File::open_read_only(checkpoint);
        auto file = h5::File::create(crafted);
        copy_replacing(source.root(), file.root(), path, [&](const h5::Group&, h5::Group& copy, const std::string& name) {
          copy.create_array(name, h5::ElementType::int64, shape, shape);
        });
        file.close();
      }
      CHECK_THROWS_AS(resume_run(crafted, options), InputError);
      refused(crafted, nullptr, std::string(path));
    }
  }
  SECTION("a crafted checkpoint: ids past their stores, enumerations out of range, values not finite") {
    const std::int64_t teachers = read_checkpoint(checkpoint).file.root().open_group("state").open_group("teachers").read_int_attribute("size");
    refused(with_values<std::int64_t>(checkpoint, "state/trainees/mentor", [&](auto& values) { values.back() = teachers; }),
            nullptr, "mentor " + std::to_string(teachers) + " in trainees is not one of the");
    refused(with_values<std::int64_t>(checkpoint, "state/networks/members/values", [](auto& values) { values[0] = 1 << 30; }),
            nullptr, "members 1073741824 in networks");
    refused(with_values<std::int64_t>(checkpoint, "state/trainees/status", [](auto& values) { values[0] = 6; }), nullptr,
            "state/trainees/status: damaged checkpoint: value 6 is not one of the 6 values");
    refused(with_values<double>(checkpoint, "state/teachers/wellbeing", [](auto& values) { values[1] = std::nan(""); }),
            nullptr, "state/teachers/wellbeing: damaged checkpoint: value nan at index 1 is not a finite number");
    refused(with_values<std::int64_t>(checkpoint, "state/schools/first_post", [&](auto& values) { values.back() = teachers - 1; }),
            nullptr, "has posts past the");
    refused(with_values<std::int64_t>(checkpoint, "state/schools/local_authority", [](auto& values) { values[3] = 153; }),
            nullptr, "school 3 has local authority 153: expected 0 to 152");
    refused(with_values<std::int64_t>(checkpoint, "state/trainees/home_local_authority", [](auto& values) { values[0] = -1; }),
            nullptr, "trainee 0 has local authority -1");
    refused(with_values<double>(checkpoint, "state/schools/easting_km", [](auto& values) { values[2] = 1e300; }), nullptr,
            "school 2 at (1e+300,");
    refused(with_values<double>(checkpoint, "state/providers/base_northing_km", [](auto& values) { values[0] = -5000; }), nullptr,
            "provider 0 at (");
    refused(with_values<std::int64_t>(checkpoint, "state/schools_by_region_phase/values", [](auto& values) {
              std::swap(values.front(), values.back());
            }),
            nullptr, "schools_by_region_phase: school");
    refused(with_values<std::int64_t>(checkpoint, "state/cohort_sizes", [](auto& values) { values[0] = -1; }), nullptr,
            "a negative cohort size");
  }
  SECTION("a run into a folder of checkpoints") {
    RunOptions run;
    run.output = options.output;
    run.checkpoint_every = 1;
    run.checkpoint_dir = checkpoint.parent_path();
    CHECK_THROWS_WITH(run_scenario(scenario, run), Contains("already holds checkpoint_000001.h5") && Contains("ittsim resume"));
    CHECK(fs::exists(checkpoint));
  }
}

TEST_CASE("a run killed or stopped mid-run leaves no complete-looking output and resumes to the same result",
          "[checkpoint][cli]") {
  test::TemporaryFolder folder;
  const std::vector<std::string> scenario_arguments{"run", test::baseline.string(), "--set", "population.regions=7", "--set",
                                                    "run.years=4", "--replicates", "3", "-q"};
  auto arguments = scenario_arguments;
  arguments.insert(arguments.end(), {"-o", (folder / "uninterrupted.h5").string()});
  REQUIRE(test::wait_for_exit(test::start_ittsim(arguments)) == 0);

  for (const int signal : {SIGKILL, SIGTERM}) {
    DYNAMIC_SECTION("signal " << signal) {
      const auto output = folder / "run.h5";
      const auto checkpoints = folder / "checkpoints";
      arguments = scenario_arguments;
      arguments.insert(arguments.end(), {"-o", output.string(), "--checkpoint-every", "1", "--checkpoint-dir", checkpoints.string()});
      const int pid = test::start_ittsim(arguments);
      // Killed as soon as its second checkpoint is complete: most likely while writing a
      // year's rows or the next checkpoint.
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
      while (checkpoints_in(checkpoints).empty() || checkpoints_in(checkpoints).back().filename() == checkpoint_file_name(1)) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      kill(pid, signal);
      const int exit_code = test::wait_for_exit(pid);
      CHECK(exit_code == (signal == SIGKILL ? 128 + SIGKILL : exit_code::interrupted));
      CHECK_FALSE(fs::exists(output));
      if (signal == SIGTERM) CHECK(temporary_files(output).empty());
      // Every checkpoint named as complete is complete: only .part files can be partial. (Two
      // are left if the kill came between writing the newer and removing the older.)
      const auto saved = checkpoints_in(checkpoints);
      REQUIRE(!saved.empty());
      for (const auto& path : saved) CHECK_NOTHROW(read_checkpoint(path));

      const auto resumed = test::run_ittsim(fmt::format("resume {} -o {} --threads 2 -q", checkpoints.string(), output.string()));
      INFO(resumed.output);
      REQUIRE(resumed.exit_code == 0);
      CHECK(test::same_outside_provenance(folder / "uninterrupted.h5", output));
      CHECK(checkpoints_in(checkpoints).empty());
      fs::remove(output);
    }
  }
}

TEST_CASE("resume's bad input exits 2 and writes nothing", "[checkpoint][cli][errors]") {
  test::TemporaryFolder folder;
  const auto output = folder / "out.h5";
  const auto not_checkpoint = folder.write("scenario.ini", "[run]\nyears = 2\n");
  for (const auto& [arguments, message] : std::vector<std::pair<std::string, std::string>>{
           {fmt::format("resume {} -o {}", (folder / "none.h5").string(), output.string()), "checkpoint not found"},
           {fmt::format("resume {} -o {}", not_checkpoint.string(), output.string()), "not a readable ittsim checkpoint"},
           {fmt::format("resume {}", folder.path().string()), "expected -o OUT.h5"},
           {fmt::format("resume {} -o {} --seed 3", folder.path().string(), output.string()), "only qualify --scenario"},
           {fmt::format("run {} -o {} --checkpoint-every 1", test::baseline.string(), output.string()), "--checkpoint-dir DIR"},
           {fmt::format("run {} -o {} --checkpoint-every x --checkpoint-dir {}", test::baseline.string(), output.string(),
                        folder.path().string()),
            "--checkpoint-every"}}) {
    INFO(arguments);
    const auto result = test::run_ittsim(arguments);
    CHECK(result.exit_code == exit_code::bad_input);
    CHECK_THAT(result.output, Contains(message));
    CHECK_FALSE(fs::exists(output));
    CHECK(temporary_files(output).empty());
  }
}

TEST_CASE("a full disk at any point of a checkpoint ends the run with exit 3 and keeps the previous checkpoint",
          "[checkpoint][cli][resources]") {
  test::TemporaryFolder folder;
  // The sizes of the run's second and third checkpoints (of three), from runs stopped after them.
  const Scenario scenario = test::small_scenario({{"run.years", "4", "test"}});
  std::uintmax_t second = 0;
  std::uintmax_t third = 0;
  for (auto [years, size] : {std::pair{2, &second}, std::pair{3, &third}}) {
    test::TemporaryFolder work;
    *size = fs::file_size(interrupted_run(scenario, work.path(), 0, years * weeks_per_year + 1));
  }
  REQUIRE(second < third);
  // ulimit -f stands in for a full disk (see the full-disk test in test_resources.cpp): limits
  // through the whole first checkpoint meet every stage of its writing, and the last meets the
  // third checkpoint, when the second is complete.
  std::vector<std::uintmax_t> limits;
  for (int tenth = 1; tenth <= 9; ++tenth) limits.push_back(second * tenth / 10);
  limits.push_back((second + third) / 2);
  for (const auto limit : limits) {
    DYNAMIC_SECTION("at most " << limit << " bytes a file") {
      const auto output = folder / "run.h5";
      const auto checkpoints = folder / fmt::format("checkpoints_{}", limit);
      const auto log = folder / "log";
      const auto command = fmt::format(
          "export LSAN_OPTIONS=suppressions={}; trap '' XFSZ; ulimit -f {}; exec {} run {} --set population.regions=1 "
          "--set run.years=4 -o {} -q --checkpoint-every 1 --checkpoint-dir {} > {} 2>&1",
          (test::source_dir / "tests" / "driver" / "hdf5_failed_close.supp").string(), limit / 1024, ITTSIM_BINARY,
          test::baseline.string(), output.string(), checkpoints.string(), log.string());
      const int status = std::system(fmt::format("bash -c \"{}\"", command).c_str());
      const std::string message = test::read_file(log);
      INFO(message);
      REQUIRE(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == exit_code::output_error);
      CHECK_THAT(message, Contains("output error") && Contains("File too large"));
      CHECK_FALSE(fs::exists(output));
      // Only complete checkpoints are left, and each reads back whole.
      for (const auto& entry : fs::directory_iterator(checkpoints)) CHECK(entry.path().extension() == ".h5");
      const auto saved = checkpoints_in(checkpoints);
      for (const auto& path : saved) CHECK_NOTHROW(read_checkpoint(path).read_state());
      if (limit > second) CHECK(saved == std::vector<fs::path>{checkpoints / checkpoint_file_name(2)});
    }
  }
}

TEST_CASE("a checkpoint folder belongs to one run, and no output may be written into it", "[checkpoint][errors]") {
  test::TemporaryFolder folder;
  const Scenario scenario = test::small_scenario();
  RunOptions first;
  first.output = folder / "first.h5";
  first.checkpoint_every = 1;
  first.checkpoint_dir = folder / "checkpoints";
  RunOptions second = first;
  second.output = folder / "second.h5";
  SECTION("a second run into the folder of a run in progress") {
    std::optional<std::string> refusal;
    // The second run starts while the first is in its first year, before any checkpoint.
    first.progress = [&](const RunProgress& progress) {
      if (progress.weeks_done != 2) return;
      try {
        run_scenario(scenario, second);
      } catch (const InputError& error) {
        refusal = error.what();
      }
    };
    run_scenario(scenario, first);
    REQUIRE(refusal.has_value());
    CHECK_THAT(*refusal, Contains("checkpoint folder") && Contains("in use by another run"));
    CHECK_FALSE(fs::exists(second.output));
    CHECK_FALSE(fs::exists(partial_path(second.output)));
    CHECK(fs::exists(first.output));
    CHECK(fs::is_empty(first.checkpoint_dir));  // the lock goes with the run
    run_scenario(scenario, second);  // and the folder is free again
    CHECK(fs::exists(second.output));
  }
  SECTION("an output inside the checkpoint folder") {
    RunOptions inside = first;
    inside.output = first.checkpoint_dir / "out.h5";
    CHECK_THROWS_WITH(run_scenario(scenario, inside), Contains("inside the checkpoint folder"));
    const auto checkpoint = interrupted_run(restart_scenario(), folder.path(), 0, weeks_per_year + 5);
    RunOptions resumed;
    resumed.checkpoint_every = 0;
    for (const auto& output : {checkpoint.parent_path() / "resumed.h5", checkpoint}) {
      resumed.output = output;
      CHECK_THROWS_AS(resume_run(checkpoint, resumed), InputError);
      CHECK_THROWS_WITH(resume_run(checkpoint, resumed), Contains("inside the checkpoint folder"));
      CHECK_FALSE(fs::exists(partial_path(output)));
    }
    CHECK(checkpoints_in(checkpoint.parent_path()) == std::vector<fs::path>{checkpoint});
    CHECK_NOTHROW(read_checkpoint(checkpoint).read_state());
  }
}

TEST_CASE("a run from a school list resumes only while the list is the file it read", "[checkpoint][schools_file][errors]") {
  test::TemporaryFolder folder;
  const auto list = folder / "schools.csv";
  fs::copy_file(test::source_dir / "tests" / "data" / "gias_example.csv", list);
  const auto scenario_file = folder.write("list.ini", "extends = " + test::baseline.string() +
                                                          "\n[population]\nschools_file = schools.csv\nregions = 65\n"
                                                          "[run]\nyears = 3\nreplicates = 1\n");
  const Scenario scenario = Scenario::load(scenario_file);
  const auto checkpoint = interrupted_run(scenario, folder.path(), 0, weeks_per_year + 5);
  RunOptions options;
  options.output = folder / "resumed.h5";
  options.checkpoint_every = 0;
  // One changed byte in a school's name: another file for the run, though every school is the same.
  std::string text = test::read_file(list);
  const auto name = text.find("Hill Top School");
  REQUIRE(name != std::string::npos);
  text.replace(name, 4, "Hall");
  folder.write("schools.csv", text);
  CHECK_THROWS_WITH(resume_run(checkpoint, options, nullptr), Contains("population.schools_file") && Contains("put that file back"));
  CHECK_FALSE(fs::exists(options.output));
  fs::copy_file(test::source_dir / "tests" / "data" / "gias_example.csv", list, fs::copy_options::overwrite_existing);
  resume_run(checkpoint, options, nullptr);
  CHECK(fs::exists(options.output));
}
