// Regression: the yearly series of a fixed small run (the North East, three years) against
// stored references, so that an unintended change in the model shows up. Two checks:
//
// - north_east_3y.csv: replicate 0, bit for bit. Results are bitwise reproducible only for
//   one toolchain (compiler, C library's libm, Boost.Random, processor architecture), so it is
//   compared only where the toolchain is the one recorded in north_east_3y.toolchain; elsewhere
//   the test says so and compares nothing.
// - north_east_3y_means.csv: the mean and standard deviation of each value over several
//   replicates. Another toolchain may round differently and so follow other random paths, but
//   the same model gives means within 5 standard errors (of the difference of two means) of
//   these, wherever it is built.
//
// When the model changes on purpose, regenerate all three files with the build of the
// reference toolchain (Debian 12's) and commit them with the change:
//   ITTSIM_UPDATE_REFERENCE=1 build/bin/ittsim_tests "[regression]"

#include "support.hpp"

#include <boost/version.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <gnu/libc-version.h>
#include <sys/utsname.h>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace ittsim;

namespace {

const std::filesystem::path reference_folder = test::source_dir / "tests" / "regression";
const std::filesystem::path reference_file = reference_folder / "north_east_3y.csv";
const std::filesystem::path toolchain_file = reference_folder / "north_east_3y.toolchain";
const std::filesystem::path means_file = reference_folder / "north_east_3y_means.csv";

constexpr std::uint64_t mean_replicates = 16;
constexpr double tolerance_in_standard_errors = 5;

Parameters reference_parameters() {
  return Scenario::load(test::baseline, {{"population.regions", "1", "test"}, {"run.years", "3", "test"}}).parameters();
}

bool update_requested() { return std::getenv("ITTSIM_UPDATE_REFERENCE") != nullptr; }

// What decides the bits of a result. oneTBB is left out: results do not depend on its
// scheduling, whatever the thread count.
std::string toolchain() {
#if defined(__clang__)
  const std::string compiler = "clang " __clang_version__;
#else
  const std::string compiler = "GCC " __VERSION__;
#endif
  utsname system{};
  uname(&system);
  return fmt::format("{}; glibc {}; Boost {}; {}", compiler, gnu_get_libc_version(), BOOST_LIB_VERSION, system.machine);
}

// Name and value of every yearly series, one entry per series and year.
std::vector<std::pair<std::string, double>> flatten(const std::vector<YearlyIndicators>& years) {
  std::vector<std::pair<std::string, double>> values;
  for (const auto& year : years) {
    visit_yearly(year, [&](const auto& member, const SeriesInfo& info) {
      values.emplace_back(fmt::format("{}/{}", year.academic_year, info.name), static_cast<double>(member));
    });
  }
  return values;
}

// The rows of a CSV file under the given header, split at commas.
std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path, const std::string& header) {
  std::ifstream in(path);
  INFO(path.string());
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);
  REQUIRE(line == header);
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::istringstream split(line);
    for (std::string field; std::getline(split, field, ',');) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

struct Moments {
  std::size_t defined = 0;  // replicates where the value is not NaN
  double mean = not_available;
  double sd = not_available;
};

// Mean and standard deviation over replicates of every value of flatten(), in its order.
std::vector<std::pair<std::string, Moments>> replicate_moments(const Parameters& p) {
  std::vector<std::pair<std::string, std::vector<double>>> samples;
  for (std::uint64_t replicate = 0; replicate < mean_replicates; ++replicate) {
    const auto values = flatten(test::run_in_memory(p, replicate, 2).years);
    if (samples.empty()) {
      for (const auto& [name, value] : values) samples.emplace_back(name, std::vector<double>{});
    }
    REQUIRE(values.size() == samples.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      REQUIRE(values[i].first == samples[i].first);
      if (!std::isnan(values[i].second)) samples[i].second.push_back(values[i].second);
    }
  }
  std::vector<std::pair<std::string, Moments>> moments;
  for (const auto& [name, sample] : samples) {
    Moments m;
    m.defined = sample.size();
    if (!sample.empty()) {
      double sum = 0;
      for (const double value : sample) sum += value;
      m.mean = sum / static_cast<double>(sample.size());
      double squares = 0;
      for (const double value : sample) squares += (value - m.mean) * (value - m.mean);
      m.sd = sample.size() > 1 ? std::sqrt(squares / static_cast<double>(sample.size() - 1)) : 0.0;
    }
    moments.emplace_back(name, m);
  }
  return moments;
}

}  // namespace

TEST_CASE("a fixed small run matches its stored reference bit for bit on the reference toolchain", "[regression]") {
  const auto actual = flatten(test::run_in_memory(reference_parameters(), 0, 2).years);
  if (update_requested()) {
    std::ofstream out(reference_file);
    out << "series,value\n";
    for (const auto& [name, value] : actual) out << fmt::format("{},{:.17g}\n", name, value);
    std::ofstream(toolchain_file) << toolchain() << "\n";
    WARN("reference rewritten: " << reference_file.string() << ", " << toolchain_file.string());
    return;
  }
  const std::string recorded = test::read_file(toolchain_file);
  REQUIRE_FALSE(recorded.empty());
  if (recorded != toolchain() + "\n") {
    WARN("bitwise reference not compared: it was made with " << recorded << "this build is " << toolchain()
                                                             << " (the replicate means are compared instead)");
    return;
  }
  const auto rows = read_csv(reference_file, "series,value");
  REQUIRE(rows.size() == actual.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i].at(0) << ": reference " << rows[i].at(1) << ", now " << fmt::format("{:.17g}", actual[i].second));
    REQUIRE(actual[i].first == rows[i].at(0));
    // %.17g reads back to the same double, NaN included.
    CHECK(same_bits(actual[i].second, std::stod(rows[i].at(1))));
  }
}

TEST_CASE("a fixed small run's means over replicates match the stored means on any toolchain", "[regression][statistical]") {
  const auto actual = replicate_moments(reference_parameters());
  if (update_requested()) {
    std::ofstream out(means_file);
    out << "series,defined,mean,sd\n";
    for (const auto& [name, m] : actual) out << fmt::format("{},{},{:.17g},{:.17g}\n", name, m.defined, m.mean, m.sd);
    WARN("reference rewritten: " << means_file.string());
    return;
  }
  const auto rows = read_csv(means_file, "series,defined,mean,sd");
  REQUIRE(rows.size() == actual.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [name, now] = actual[i];
    const std::size_t defined = std::stoul(rows[i].at(1));
    const double mean = std::stod(rows[i].at(2));
    const double sd = std::stod(rows[i].at(3));
    INFO(name << ": reference mean " << mean << " (sd " << sd << ", " << defined << " replicates), now " << now.mean
              << " (sd " << now.sd << ", " << now.defined << " replicates)");
    REQUIRE(name == rows[i].at(0));
    // Undefined in every replicate (retention after more years than run) stays undefined.
    REQUIRE((defined == 0) == (now.defined == 0));
    if (defined == 0) continue;
    const double standard_error = std::sqrt(sd * sd / static_cast<double>(defined) + now.sd * now.sd / static_cast<double>(now.defined));
    // Values that vary in no replicate (the academic year, fixed counts) must agree exactly,
    // up to the last bits of a sum.
    const double allowed = std::max(tolerance_in_standard_errors * standard_error, 1e-9 * std::max(1.0, std::abs(mean)));
    CHECK(std::abs(now.mean - mean) <= allowed);
  }
}
