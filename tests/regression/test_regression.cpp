// Regression: the yearly series of a fixed small run against a stored reference, so that an
// unintended change in the model shows up. Tolerance: 0.5% relative (at least 2 in absolute
// terms for counts), enough for a change of compiler or library, not for a change of model.
// When the model changes on purpose, regenerate the reference and commit it with the change:
//   ITTSIM_UPDATE_REFERENCE=1 build/bin/ittsim_tests "[regression]"

#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace ittsim;

namespace {

const std::filesystem::path reference_file = test::source_dir / "tests" / "regression" / "north_east_3y.csv";

// Name and value of every yearly series, one line per series and year.
std::vector<std::pair<std::string, double>> flatten(const std::vector<YearlyIndicators>& years) {
  std::vector<std::pair<std::string, double>> values;
  for (const auto& year : years) {
    visit_yearly(year, [&](const auto& member, const SeriesInfo& info) {
      values.emplace_back(fmt::format("{}/{}", year.academic_year, info.name), static_cast<double>(member));
    });
  }
  return values;
}

}  // namespace

TEST_CASE("a fixed small run matches its stored reference", "[regression]") {
  const Parameters p = Scenario::load(test::baseline, {{"population.regions", "1", "test"}, {"run.years", "3", "test"}}).parameters();
  const auto actual = flatten(test::run_in_memory(p, 0, 2).years);
  if (std::getenv("ITTSIM_UPDATE_REFERENCE") != nullptr) {
    std::ofstream out(reference_file);
    out << "series,value\n";
    for (const auto& [name, value] : actual) out << fmt::format("{},{:.17g}\n", name, value);
    WARN("reference rewritten: " << reference_file.string());
    return;
  }
  std::ifstream in(reference_file);
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);  // header
  std::size_t index = 0;
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    const std::string name = line.substr(0, comma);
    const double expected = std::stod(line.substr(comma + 1));
    REQUIRE(index < actual.size());
    const auto& [actual_name, value] = actual[index++];
    INFO(name);
    REQUIRE(actual_name == name);
    if (std::isnan(expected)) {
      CHECK(std::isnan(value));
    } else {
      CHECK(std::abs(value - expected) <= std::max(0.005 * std::abs(expected), std::abs(expected) >= 100 ? 2.0 : 1e-9));
    }
  }
  CHECK(index == actual.size());
}
