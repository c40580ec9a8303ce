// Scenario and sweep files as hostile input: what is not a regular file, what is too large,
// too long or too deep, keys with two spellings, and values written the way people write
// them elsewhere. Each is refused with a short message naming the file and the problem.

#include "sim/core/errors.hpp"
#include "sim/params/ini_file.hpp"
#include "sim/params/scenario.hpp"
#include "sim/sweep/definition.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;

// The message of the InputError that loading path throws; fails the test if none is thrown.
template <typename Load>
std::string refusal(Load load) {
  try {
    load();
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("no InputError");
  return {};
}

std::string scenario_refusal(const fs::path& path, const std::vector<Override>& overrides = {}) {
  return refusal([&] { (void)Scenario::load(path, overrides); });
}

// Feeds a FIFO once something reads it, for up to three seconds: a reader that blocks on
// the FIFO then gets a line instead of hanging the test, and a reader that refuses it
// leaves nothing to feed.
class FifoFeeder {
 public:
  explicit FifoFeeder(fs::path fifo) : thread_([fifo = std::move(fifo)] {
      // A reader that opens the FIFO and closes it before the write would end the whole test
      // binary with SIGPIPE: blocked in this thread, the write fails with EPIPE instead.
      sigset_t pipe_signal;
      sigemptyset(&pipe_signal);
      sigaddset(&pipe_signal, SIGPIPE);
      pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
      while (std::chrono::steady_clock::now() < deadline) {
        const int fd = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0) {
          (void)!write(fd, "[run]\nyears = 1\n", 16);
          close(fd);
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }) {}
  ~FifoFeeder() { thread_.join(); }
  FifoFeeder(const FifoFeeder&) = delete;
  FifoFeeder& operator=(const FifoFeeder&) = delete;

 private:
  std::thread thread_;
};

}  // namespace

TEST_CASE("scenario and sweep files must be regular files", "[scenario][input]") {
  test::TemporaryFolder folder;
  const auto fifo = folder / "fifo.ini";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  {
    const FifoFeeder feeder(fifo);
    CHECK_THAT(scenario_refusal(fifo), Contains("fifo.ini is not a regular file") && Contains("expected a scenario file"));
  }
  const auto extends = folder.write("extends.ini", "extends = fifo.ini\n");
  {
    const FifoFeeder feeder(fifo);
    CHECK_THAT(scenario_refusal(extends), Contains("extends.ini:1: extends: ") && Contains("is not a regular file"));
  }
  {
    const FifoFeeder feeder(fifo);
    CHECK_THAT(refusal([&] { (void)SweepDefinition::load(fifo); }),
               Contains("is not a regular file") && Contains("expected a sweep file"));
  }
  CHECK_THAT(scenario_refusal("/dev/zero"), Contains("/dev/zero is not a regular file"));
  // A regular file by its type, but unreadable: it must not pass as an empty scenario.
  CHECK_THAT(scenario_refusal("/proc/self/mem"), Contains("cannot read scenario file /proc/self/mem"));
}

TEST_CASE("sizes, lengths and depths of scenario files are bounded", "[scenario][input]") {
  test::TemporaryFolder folder;
  SECTION("a file over the size limit, whatever it holds") {
    const auto big = folder.write("big.ini", "[run]\nyears = 3\n" + std::string(max_ini_file_bytes, '#') + "\n");
    CHECK_THAT(scenario_refusal(big), Contains("big.ini is larger than a scenario file may be (1048576 bytes at most)"));
  }
  SECTION("a long unknown key is refused at once and not echoed whole") {
    const auto key = folder.write("key.ini", "[run]\n" + std::string(60'000, 'k') + " = 1\n");
    const auto started = std::chrono::steady_clock::now();
    const auto message = scenario_refusal(key);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
    CHECK_THAT(message, Contains("key.ini:2: key 'kkk") && Contains("(60000 characters)") && Contains("at most 128"));
    CHECK(message.size() < 400);
    const auto set = refusal([] { (void)Scenario::from_defaults({{"run." + std::string(500'000, 'k'), "1", "--set"}}); });
    CHECK(set.size() < 400);
  }
  SECTION("a long value is not echoed whole") {
    const auto value = folder.write("value.ini", "[run]\nyears = " + std::string(50'000, '9') + "x\n");
    const auto message = scenario_refusal(value);
    CHECK_THAT(message, Contains("value.ini:2: run.years = '999") && Contains("(50001 characters)"));
    CHECK(message.size() < 400);
  }
  SECTION("a line over the length limit") {
    const auto line = folder.write("line.ini", "[run]\nyears = 3 #" + std::string(max_ini_line_length, ' ') + "\n");
    CHECK_THAT(scenario_refusal(line), Contains("line.ini:2: line of") && Contains("at most 65536"));
  }
  SECTION("an extends chain deeper than 32 files, named in the message") {
    for (int level = 0; level < 40; ++level) folder.write(fmt::format("level{}.ini", level), fmt::format("extends = level{}.ini\n", level + 1));
    folder.write("level40.ini", "[run]\nyears = 1\n");
    const auto message = scenario_refusal(folder / "level0.ini");
    CHECK_THAT(message, Contains("'extends' chain deeper than 32 files: level0.ini -> level1.ini -> ") &&
                            Contains("-> level31.ini"));
    folder.write("level31.ini", "[run]\nyears = 1\n");
    CHECK_NOTHROW(Scenario::load(folder / "level0.ini"));  // 32 files: the named one and 31 it extends
  }
}

TEST_CASE("a key has one spelling: a section alias cannot set a parameter twice", "[scenario][input]") {
  test::TemporaryFolder folder;
  const auto alias = folder.write("alias.ini", "[run]\nyears = 3\n[run.]\nyears = 4\n");
  CHECK_THAT(scenario_refusal(alias), Contains("alias.ini:3: '[run.]': expected a section name"));
  const auto dots = folder.write("dots.ini", "run..years = 4\n");
  CHECK_THAT(scenario_refusal(dots), Contains("dots.ini:1: key 'run..years'"));
  const auto spaced = folder.write("spaced.ini", "run.years = 4\n[ run ]\nyears = 3\n");
  CHECK_THAT(scenario_refusal(spaced), Contains("spaced.ini:3: 'run.years' is set twice in this file (first on line 1)"));
  const auto sweep = folder.write("sweep.ini", "[sweep]\nscenario = x.ini\n[set]\npopulation.scale = 0.1\n[set.]\n"
                                               "population.scale = 0.2\n");
  CHECK_THAT(refusal([&] { (void)SweepDefinition::load(sweep); }), Contains("sweep.ini:5: '[set.]'"));
}

TEST_CASE("a misspelt section, a percentage or a thousands separator is answered with how to write it", "[scenario][input]") {
  test::TemporaryFolder folder;
  const auto section = folder.write("section.ini", "[market_reveiw]\nstart_year = 2024\n");
  CHECK_THAT(scenario_refusal(section),
             Contains("section.ini:2: unknown parameter 'market_reveiw.start_year': there is no group [market_reveiw]; "
                      "did you mean [market_review]?"));
  CHECK_THAT(refusal([] { (void)Scenario::from_defaults({{"frobnitz.start_year", "2024", "--set"}}); }),
             Contains("there is no group [frobnitz] (run 'ittsim params' for the list)"));
  CHECK_THAT(refusal([] { (void)Scenario::from_defaults({{"career.leaving_rate", "10%", "--set"}}); }),
             Contains("write a percentage as a fraction: 0.1 for 10%"));
  CHECK_THAT(refusal([] { (void)Scenario::from_defaults({{"population.primary_schools", "5,000", "--set"}}); }),
             Contains("write numbers without thousands separators: 5000 for 5,000"));
}

TEST_CASE("a lever starting after the run's last year is refused", "[scenario][input]") {
  const auto message = refusal([] {
    (void)Scenario::from_defaults({{"run.start_year", "2022", "--set"}, {"run.years", "3", "--set"},
                                   {"market_review.start_year", "2025", "--set"}});
  });
  CHECK_THAT(message, Contains("--set: market_review.start_year: = 2025 is after the run's last year, 2024 "
                               "(run.start_year = 2022, run.years = 3)"));
  CHECK_NOTHROW(Scenario::from_defaults({{"run.start_year", "2022", "--set"}, {"run.years", "3", "--set"},
                                         {"market_review.start_year", "2024", "--set"}}));
}

TEST_CASE("a lever starting before the run's first year is refused, as docs/ODD.md says", "[scenario][input]") {
  const auto message = refusal([] {
    (void)Scenario::from_defaults({{"run.start_year", "2022", "--set"}, {"collaboration.start_year", "2020", "--set"}});
  });
  CHECK_THAT(message, Contains("--set: collaboration.start_year: = 2020 is before the run's first year, 2022") &&
                          Contains("set collaboration.start_year = 2022"));
  CHECK_NOTHROW(Scenario::from_defaults({{"run.start_year", "2022", "--set"}, {"collaboration.start_year", "2022", "--set"}}));
}

TEST_CASE("thousands separators in a sweep's list are refused, not read as more points", "[sweep][input]") {
  test::TemporaryFolder folder;
  folder.write("base.ini", "[run]\nyears = 1\n[population]\nregions = 1\nscale = 0.05\n");
  const auto load = [&](const std::string& list) {
    const auto path = folder.write("sweep.ini", "[sweep]\nscenario = base.ini\n[vary]\npopulation.primary_schools = " + list + "\n");
    return SweepDefinition::load(path);
  };
  CHECK_THAT(refusal([&] { (void)load("1,000, 2,000"); }),
             Contains("sweep.ini:4: population.primary_schools = '1,000, 2,000': '1,000' looks like a number with "
                      "thousands separators") && Contains("write 1000"));
  CHECK_THAT(refusal([&] { (void)load("12,500,000"); }), Contains("'12,500,000'") && Contains("write 12500000"));
  CHECK_THAT(refusal([&] { (void)load("1,000"); }), Contains("write 1000"));
  CHECK(load("1000, 2000").points().size() == 2);
  CHECK(load("100,200,300").points().size() == 3);
  CHECK(load("100, 200, 300").points().size() == 3);
}
