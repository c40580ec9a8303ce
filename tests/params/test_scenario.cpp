#include "sim/core/errors.hpp"
#include "sim/params/scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>
#include <type_traits>

using namespace ittsim;
using ittsim::test::TemporaryFolder;
using Catch::Matchers::Contains;

namespace {

// The message of the InputError that loading throws, or "" if it loads.
std::string load_error(const std::filesystem::path& path, const std::vector<Override>& overrides = {}) {
  try {
    (void)Scenario::load(path, overrides);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("defaults come from the parameter table and pass validation", "[scenario]") {
  const Scenario scenario = Scenario::from_defaults();
  const auto& p = scenario.parameters();
  CHECK(p.run.start_year == 2022);
  CHECK(p.run.years == 10);
  CHECK(p.population.scale == 1.0);
  CHECK(p.population.primary_schools == 16764);
}

TEST_CASE("every parameter declared in the table has its own key and member", "[scenario]") {
  const std::vector<std::string> keys = parameter_keys();
  // As many keys as declarations in the table's source, none twice.
  const std::string table = test::read_file(test::source_dir / "sim" / "params" / "parameters.hpp");
  std::size_t declared = 0;
  for (auto at = table.find("ParameterInfo{\""); at != std::string::npos; at = table.find("ParameterInfo{\"", at + 1)) {
    ++declared;
  }
  CHECK(keys.size() == declared);
  CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());

  // Setting each key changes its own line of values_text() and no other: no key is missing
  // from the text, and no two keys share a member.
  const auto lines = [](const Scenario& scenario) {
    std::vector<std::string> result;
    std::istringstream in(scenario.values_text());
    for (std::string line; std::getline(in, line);) result.push_back(line);
    return result;
  };
  const std::vector<std::string> defaults = lines(Scenario::from_defaults());
  REQUIRE(defaults.size() == keys.size());
  Parameters probe{};
  std::size_t index = 0;
  visit_parameters(probe, [&](const auto& member, const ParameterInfo& info) {
    constexpr bool integer = std::is_integral_v<std::remove_cvref_t<decltype(member)>>;
    const std::string& key = keys[index];
    INFO(key);
    CHECK(defaults[index].starts_with(key + " = "));
    // A lever's other parameters may change only while it is on: compare with it on.
    std::vector<Override> lever_on;
    if (std::ranges::find(lever_groups, info.group) != std::end(lever_groups) && info.name != "start_year") {
      lever_on.push_back({fmt::format("{}.start_year", info.group), "2023", "test"});
    }
    const std::vector<std::string> before = lines(Scenario::from_defaults(lever_on));
    std::optional<Scenario> changed;
    if constexpr (is_path_parameter<decltype(member)>) {
      changed = Scenario::from_defaults({{key, test::gias_example.string(), "test"}});
    }
    // Next to the default first, where relations with other parameters hold most often.
    const double step = integer ? 1.0 : std::max(std::abs(info.default_value) * 0.01, (info.maximum - info.minimum) * 1e-3);
    // A lever's start year must fall within the run: the run's own first year is tried too.
    const auto first_year = static_cast<double>(default_parameters().run.start_year);
    for (double value : {info.default_value + step, info.default_value - step, info.minimum, info.maximum,
                         (info.minimum + info.maximum) / 2, first_year}) {
      if (integer) value = std::floor(value);
      if (value == info.default_value || value < info.minimum || value > info.maximum) continue;
      try {
        const std::string text = integer ? fmt::format("{}", static_cast<std::int64_t>(value)) : fmt::format("{}", value);
        std::vector<Override> overrides = lever_on;
        overrides.push_back({key, text, "test"});
        changed = Scenario::from_defaults(overrides);
        break;
      } catch (const InputError&) {
        // The value breaks a relation with another parameter's default: try the next.
      }
    }
    REQUIRE(changed);
    const std::vector<std::string> after = lines(*changed);
    REQUIRE(after.size() == before.size());
    for (std::size_t line = 0; line < after.size(); ++line) {
      INFO(after[line]);
      CHECK((after[line] != before[line]) == (line == index));
    }
    ++index;
  });
}

TEST_CASE("the baseline loads and sets England at full scale for ten years", "[scenario]") {
  const Scenario scenario = Scenario::load(test::baseline);
  CHECK(scenario.name() == "baseline");
  CHECK(scenario.parameters().run.years == 10);
  CHECK(scenario.parameters().run.start_year == 2022);
  CHECK(scenario.parameters().population.scale == 1.0);
}

TEST_CASE("extends layers files and --set overrides them, last one wins", "[scenario]") {
  TemporaryFolder folder;
  folder.write("base.ini", "[run]\nyears = 7\nseed = 11\n[placement]\nfirst_block_weeks = 8\n");
  folder.write("middle.ini", "extends = base.ini\n[run]\nyears = 6\n");
  const auto top = folder.write("top.ini", "extends = middle.ini  # relative to this file\n[run]\nseed = 12\n");
  const Scenario scenario = Scenario::load(top, {{"run.years", "3", "--set"}});
  const auto& p = scenario.parameters();
  CHECK(p.run.years == 3);                       // --set beats every file
  CHECK(p.run.seed == 12);                       // top.ini beats base.ini
  CHECK(p.placement.first_block_weeks == 8);     // inherited from base.ini
  CHECK(p.recruitment.primary_target == 9180);   // default
  REQUIRE(scenario.files().size() == 3);
  CHECK(scenario.files()[0] == top);
}

TEST_CASE("the resolved text records origins and reproduces the scenario", "[scenario]") {
  TemporaryFolder folder;
  const auto file = folder.write("s.ini", "[run]\nyears = 4\n[progress]\nqts_threshold = 0.65\n[population]\n"
                                         "mentor_share = 0.123456789012345\n");
  const Scenario scenario = Scenario::load(file, {{"run.seed", "99", "--seed"}});
  const std::string text = scenario.resolved_text();
  CHECK_THAT(text, Contains("years = 4  # s.ini:2"));  // relative to the scenario's folder (docs/OUTPUT.md)
  CHECK_THAT(text, Contains("seed = 99  # --seed"));
  CHECK_THAT(text, Contains("primary_target = 9180  # default"));
  const Scenario reloaded = Scenario::load(folder.write("resolved.ini", text));
  CHECK(reloaded.values_text() == scenario.values_text());
  CHECK(reloaded.values_text() != Scenario::from_defaults().values_text());
}

TEST_CASE("bad scenario input is reported with file, line, key and expectation", "[scenario][errors]") {
  TemporaryFolder folder;
  SECTION("missing file") {
    CHECK_THAT(load_error(folder / "absent.ini"), Contains("scenario file not found") && Contains("absent.ini"));
  }
  SECTION("a folder instead of a file") { CHECK_THAT(load_error(folder.path()), Contains("is a directory")); }
  SECTION("missing file named by extends, with the line that names it") {
    const auto file = folder.write("child.ini", "# comment\nextends = nowhere.ini\n");
    CHECK_THAT(load_error(file), Contains("child.ini:2") && Contains("nowhere.ini") && Contains("not found"));
  }
  SECTION("unknown key, with a did-you-mean") {
    const auto file = folder.write("typo.ini", "[placement]\nfirst_blok_weeks = 8\n");
    CHECK_THAT(load_error(file), Contains("typo.ini:2") && Contains("placement.first_blok_weeks") &&
                                     Contains("did you mean 'placement.first_block_weeks'"));
  }
  SECTION("unknown group") {
    const auto file = folder.write("group.ini", "[market_reveiw]\nmentor_training_hours = 20\n");
    CHECK_THAT(load_error(file), Contains("group.ini:2") && Contains("unknown parameter 'market_reveiw.mentor_training_hours'"));
  }
  SECTION("wrong type") {
    const auto integer = folder.write("integer.ini", "[run]\nyears = 2.5\n");
    CHECK_THAT(load_error(integer), Contains("integer.ini:2") && Contains("run.years = '2.5'") && Contains("integer"));
    const auto real = folder.write("real.ini", "[progress]\nqts_threshold = high\n");
    CHECK_THAT(load_error(real), Contains("real.ini:2") && Contains("progress.qts_threshold") && Contains("number"));
  }
  SECTION("out of range") {
    const auto file = folder.write("range.ini", "[population]\nmentor_share = 1.5\n");
    CHECK_THAT(load_error(file), Contains("range.ini:2") && Contains("out of range") && Contains("between 0 and 1"));
  }
  SECTION("a replicate count of zero") {
    const auto file = folder.write("zero.ini", "[run]\nreplicates = 0\n");
    CHECK_THAT(load_error(file), Contains("zero.ini:2") && Contains("run.replicates = 0") && Contains("out of range"));
  }
  SECTION("cyclic extends") {
    folder.write("a.ini", "extends = b.ini\n");
    folder.write("b.ini", "extends = c.ini\n");
    folder.write("c.ini", "extends = a.ini\n");
    CHECK_THAT(load_error(folder / "a.ini"), Contains("cyclic") && Contains("a.ini -> b.ini -> c.ini -> a.ini"));
  }
  SECTION("a file extending itself") {
    const auto file = folder.write("self.ini", "extends = self.ini\n");
    CHECK_THAT(load_error(file), Contains("cyclic"));
  }
  SECTION("syntax error") {
    const auto file = folder.write("syntax.ini", "[run]\nyears = 3\nthis line has no equals sign\n");
    CHECK_THAT(load_error(file), Contains("syntax.ini:3") && Contains("cannot parse"));
  }
  SECTION("a key set twice in one file") {
    const auto file = folder.write("twice.ini", "[run]\nyears = 3\nyears = 4\n");
    CHECK_THAT(load_error(file), Contains("twice.ini:3") && Contains("set twice") && Contains("line 2"));
  }
  SECTION("bad --set values name the option") {
    CHECK_THAT(load_error(test::baseline, {{"run.yeers", "3", "--set"}}), Contains("--set") && Contains("did you mean 'run.years'"));
    CHECK_THAT(load_error(test::baseline, {{"run.years", "-1", "--set"}}), Contains("--set") && Contains("out of range"));
    CHECK_THAT(load_error(test::baseline, {{"run.seed", "x", "--seed"}}), Contains("--seed") && Contains("run.seed = 'x'"));
  }
  SECTION("values that contradict each other") {
    const auto file = folder.write("blocks.ini", "[placement]\nsecond_block_start_week = 10\n");
    CHECK_THAT(load_error(file), Contains("blocks.ini:2") && Contains("second_block_start_week") && Contains("before the first block"));
    const auto no_schools = folder.write(
        "no_schools.ini", "[population]\nscale = 0.004\nprimary_schools = 100\nsecondary_schools = 100\nspecial_schools = 100\n");
    CHECK_THAT(load_error(no_schools), Contains("no_schools.ini:2") && Contains("population.scale") && Contains("leaves no schools"));
    const auto no_providers = folder.write("no_providers.ini", "[population]\nhei_providers = 0\nscitt_providers = 0\n");
    CHECK_THAT(load_error(no_providers), Contains("at least one provider"));
  }
}

TEST_CASE("edit distance counts single-character edits", "[scenario]") {
  CHECK(edit_distance("years", "years") == 0);
  CHECK(edit_distance("yeers", "years") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}
