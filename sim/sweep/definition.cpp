#include "sim/sweep/definition.hpp"

#include "sim/core/errors.hpp"
#include "sim/core/random_stream.hpp"
#include "sim/params/ini_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

// More points than this is almost certainly a mistake in a range (a step too small); every
// point is validated before anything runs, at some tens of microseconds each.
constexpr std::uint64_t max_seed = 9007199254740991;  // run.seed's range: 2^53 - 1

std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (*begin == '+') ++begin;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto found = text.find(separator, start);
    parts.push_back(trim(std::string_view(text).substr(start, found - start)));
    if (found == std::string::npos) return parts;
    start = found + 1;
  }
}

// Integer parameters take whole values; a Latin hypercube rounds onto them.
bool is_integer_parameter(const std::string& key) {
  bool integer = false;
  const Parameters parameters{};
  visit_parameters(parameters, [&](const auto& member, const ParameterInfo& info) {
    if (info.has_key(key)) integer = std::is_integral_v<std::remove_cvref_t<decltype(member)>>;
  });
  return integer;
}

bool is_parameter(const std::string& key) {
  const auto keys = parameter_keys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::uint64_t whole_setting(const IniSetting& setting, std::uint64_t minimum, std::uint64_t maximum) {
  const auto value = parse_number(setting.value);
  if (!value || *value != std::floor(*value) || *value < static_cast<double>(minimum) ||
      *value > static_cast<double>(maximum)) {
    throw InputError(fmt::format("{}: {} = '{}': expected a whole number from {} to {}", setting.origin, setting.key,
                                 excerpt(setting.value), minimum, maximum));
  }
  return static_cast<std::uint64_t>(*value);
}

// In a list, "1,000" is a number with a thousands separator when the list separates its values
// by ", " elsewhere ("1,000, 2,000") or the group starts with 0 (no list value is written
// "000"): the number as written, or nothing. "100,200,300" is a list of three values.
std::string thousands_grouped_number(const std::string& list) {
  const auto digit = [&](std::size_t i) { return i < list.size() && list[i] >= '0' && list[i] <= '9'; };
  const bool spaced = list.find(", ") != std::string::npos || list.find(",\t") != std::string::npos;
  for (std::size_t comma = list.find(','); comma != std::string::npos; comma = list.find(',', comma + 1)) {
    const bool group = comma > 0 && digit(comma - 1) && digit(comma + 1) && digit(comma + 2) && digit(comma + 3) &&
                       !digit(comma + 4) && (comma + 4 >= list.size() || list[comma + 4] != '.');
    if (!group || !(spaced || list[comma + 1] == '0')) continue;
    // Back over the digits before the comma, and over earlier groups of three ("12,500,000").
    std::size_t first = comma;
    std::size_t part_end = comma;
    while (true) {
      while (first > 0 && digit(first - 1)) --first;
      if (part_end - first != 3 || first < 2 || list[first - 1] != ',' || !digit(first - 2)) break;
      part_end = first - 1;
      first = part_end;
    }
    std::size_t last = comma + 4;
    while (last + 3 < list.size() && list[last] == ',' && digit(last + 1) && digit(last + 2) && digit(last + 3) &&
           !digit(last + 4)) {
      last += 4;
    }
    return list.substr(first, last - first);
  }
  return {};
}

// A grid entry: "a, b, c" or "start:stop:step" (stop included when the steps reach it).
std::vector<std::string> grid_values(const IniSetting& setting, const std::string& key, std::size_t max_points) {
  auto fail = [&](const std::string& what) {
    throw InputError(fmt::format("{}: {} = '{}': {}", setting.origin, key, excerpt(setting.value), what));
  };
  std::vector<std::string> values;
  if (setting.value.find(':') != std::string::npos) {
    const auto parts = split(setting.value, ':');
    if (parts.size() != 3) fail("expected a range start:stop:step, or a list of values separated by commas");
    const auto start = parse_number(parts[0]);
    const auto stop = parse_number(parts[1]);
    const auto step = parse_number(parts[2]);
    if (!start || !stop || !step) fail("expected numbers in start:stop:step");
    if (*step == 0 || (*stop - *start) / *step < 0) {
      fail("the step must be non-zero and lead from start towards stop");
    }
    const double steps = (*stop - *start) / *step;
    if (steps + 1 > static_cast<double>(max_points)) fail(fmt::format("gives more than {} values", max_points));
    // A tolerance, so that 0:1:0.1 includes 1 despite rounding; each value is computed
    // from start rather than accumulated, and printed to 12 significant digits.
    const auto count = static_cast<std::size_t>(std::floor(steps + 1e-9)) + 1;
    for (std::size_t i = 0; i < count; ++i) {
      const double value = *start + static_cast<double>(i) * *step;
      values.push_back(sweep_value_text(std::stod(fmt::format("{:.12g}", value))));
    }
  } else {
    if (const auto grouped = thousands_grouped_number(setting.value); !grouped.empty()) {
      std::string plain = grouped;
      std::erase(plain, ',');
      fail(fmt::format("'{}' looks like a number with thousands separators, which would be read as several values; "
                       "write {} (list values are separated by commas, e.g. 1000, 2000)",
                       grouped, plain));
    }
    for (const auto& part : split(setting.value, ',')) {
      const auto value = parse_number(part);
      if (!value) fail(fmt::format("'{}' is not a number; expected a list of numbers separated by commas, or start:stop:step", excerpt(part)));
      values.push_back(sweep_value_text(*value));
    }
  }
  return values;
}

void read_latin_range(const IniSetting& setting, VariedParameter& parameter) {
  const auto parts = split(setting.value, ':');
  const auto low = parts.size() == 2 ? parse_number(parts[0]) : std::nullopt;
  const auto high = parts.size() == 2 ? parse_number(parts[1]) : std::nullopt;
  if (!low || !high || !(*low < *high)) {
    throw InputError(fmt::format("{}: {} = '{}': a latin_hypercube design samples each parameter over a range: "
                                 "expected low:high with low < high",
                                 setting.origin, parameter.key, excerpt(setting.value)));
  }
  parameter.low = *low;
  parameter.high = *high;
}

}  // namespace

std::uint64_t sweep_point_seed(std::uint64_t sweep_seed, std::size_t index) {
  RandomStream stream(sweep_seed, 0, Purpose::sweep_point_seed, index, 0);
  return stream() >> 11;  // 53 bits: within run.seed's range
}

std::vector<std::vector<double>> latin_hypercube(std::size_t samples, std::size_t dimensions, std::uint64_t seed) {
  std::vector<std::vector<double>> rows(samples, std::vector<double>(dimensions));
  for (std::size_t dimension = 0; dimension < dimensions; ++dimension) {
    std::vector<std::size_t> stratum(samples);
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    RandomStream shuffle(seed, 0, Purpose::sweep_design, dimension, 0);
    for (std::size_t i = samples; i > 1; --i) {
      const auto j = static_cast<std::size_t>(shuffle.uniform() * static_cast<double>(i));
      std::swap(stratum[i - 1], stratum[std::min(j, i - 1)]);
    }
    RandomStream within(seed, 0, Purpose::sweep_design, dimension, 1);
    for (std::size_t i = 0; i < samples; ++i) {
      rows[i][dimension] = (static_cast<double>(stratum[i]) + within.uniform()) / static_cast<double>(samples);
    }
  }
  return rows;
}

std::string sweep_value_text(double value) { return fmt::format("{}", value); }

SweepDefinition SweepDefinition::load(const fs::path& path, std::size_t max_points) {
  SweepDefinition sweep;
  sweep.path_ = path;
  sweep.text_ = read_text_file(path, "sweep file", max_ini_file_bytes);
  const auto settings = parse_ini_text(sweep.text_, path.string());
  sweep.name_ = path.stem().string();
  const std::string file = path.string();

  std::optional<IniSetting> scenario, replicates, seed, design, samples;
  std::vector<IniSetting> varied;
  for (const auto& setting : settings) {
    const auto dot = setting.key.find('.');
    const std::string section = dot == std::string::npos ? std::string{} : setting.key.substr(0, dot);
    const std::string key = dot == std::string::npos ? setting.key : setting.key.substr(dot + 1);
    if (section == "sweep") {
      if (key == "scenario") scenario = setting;
      else if (key == "replicates") replicates = setting;
      else if (key == "seed") seed = setting;
      else if (key == "design") design = setting;
      else if (key == "samples") samples = setting;
      else {
        throw InputError(fmt::format("{}: unknown key '{}' in [sweep]; expected scenario, replicates, seed, design or samples",
                                     setting.origin, key));
      }
    } else if (section == "set" || section == "vary") {
      if (!is_parameter(key)) {
        // Let the scenario's own check name the key and suggest a spelling.
        (void)Scenario::from_defaults({{key, setting.value, setting.origin}});
      }
      if (key == "run.seed" || key == "run.replicates") {
        throw InputError(fmt::format("{}: {} is set by the sweep: use seed and replicates in [sweep]", setting.origin, key));
      }
      if (section == "set") {
        sweep.fixed_.push_back({key, setting.value, setting.origin});
      } else {
        if (key.starts_with("run.")) {
          throw InputError(fmt::format("{}: {} cannot be varied: every point of a sweep covers the same years, so "
                                       "that their series stack; set it in [set] instead", setting.origin, key));
        }
        varied.push_back({key, setting.value, setting.origin});
      }
    } else {
      throw InputError(fmt::format("{}: '{}' is outside the sections of a sweep file: expected it under [sweep], [set] "
                                   "or [vary]", setting.origin, setting.key));
    }
  }
  for (const auto& parameter : varied) {
    for (const auto& fixed : sweep.fixed_) {
      if (fixed.key == parameter.key) {
        throw InputError(fmt::format("{}: {} is both varied and set (at {})", parameter.origin, parameter.key, fixed.origin));
      }
    }
  }
  if (!scenario || scenario->value.empty()) {
    throw InputError(fmt::format("{}: expected the base scenario in [sweep], e.g. scenario = ../baseline.ini", file));
  }
  if (design) {
    if (design->value == "grid") sweep.design_ = SweepDesign::grid;
    else if (design->value == "latin_hypercube") sweep.design_ = SweepDesign::latin_hypercube;
    else throw InputError(fmt::format("{}: design = '{}': expected grid or latin_hypercube", design->origin, excerpt(design->value)));
  }
  const bool latin = sweep.design_ == SweepDesign::latin_hypercube;
  if (latin && !samples) throw InputError(fmt::format("{}: a latin_hypercube design needs samples = N in [sweep]", design->origin));
  if (!latin && samples) {
    throw InputError(fmt::format("{}: samples is for design = latin_hypercube; a grid runs every combination", samples->origin));
  }
  if (latin && varied.empty()) throw InputError(fmt::format("{}: a latin_hypercube design needs parameters in [vary]", file));

  sweep.base_scenario_ = path.parent_path() / scenario->value;
  // The base as written, with [set]: it gives the replicates and seed when the sweep does not.
  const Scenario written = Scenario::load(sweep.base_scenario_, sweep.fixed_);
  sweep.replicates_ = replicates ? static_cast<std::int64_t>(whole_setting(*replicates, 1, 10000))
                                 : written.parameters().run.replicates;
  sweep.seed_ = seed ? whole_setting(*seed, 0, max_seed) : static_cast<std::uint64_t>(written.parameters().run.seed);
  sweep.base_ = Scenario::load(sweep.base_scenario_, sweep.overrides(nullptr));

  std::size_t count = 1;
  for (const auto& setting : varied) {
    VariedParameter parameter{setting.key, setting.origin, {}, 0, 0};
    if (latin) {
      read_latin_range(setting, parameter);
    } else {
      parameter.values = grid_values(setting, parameter.key, max_points);
      count *= parameter.values.size();
      if (count > max_points) {
        throw InputError(fmt::format("{}: the grid has more than {} points", setting.origin, max_points));
      }
    }
    sweep.varied_.push_back(std::move(parameter));
  }
  if (latin) count = whole_setting(*samples, 1, max_points);

  const auto unit = latin ? latin_hypercube(count, sweep.varied_.size(), sweep.seed_) : std::vector<std::vector<double>>{};
  for (std::size_t index = 0; index < count; ++index) {
    SweepPoint point{index, sweep_point_seed(sweep.seed_, index), {}};
    // Grid points in row-major order: the first varied parameter changes slowest.
    std::size_t rest = index;
    std::vector<std::string> reversed;
    for (std::size_t k = sweep.varied_.size(); k-- > 0;) {
      const auto& parameter = sweep.varied_[k];
      if (latin) {
        const double share = unit[index][k];
        double value = parameter.low + share * (parameter.high - parameter.low);
        if (is_integer_parameter(parameter.key)) {
          value = std::min(parameter.high, std::floor(parameter.low + share * (parameter.high - parameter.low + 1)));
        } else {
          value = std::stod(fmt::format("{:.8g}", value));
        }
        reversed.push_back(sweep_value_text(value));
      } else {
        reversed.push_back(parameter.values[rest % parameter.values.size()]);
        rest /= parameter.values.size();
      }
    }
    point.values.assign(reversed.rbegin(), reversed.rend());
    sweep.points_.push_back(std::move(point));
  }
  // Every point must make a valid scenario before anything runs.
  for (const auto& point : sweep.points_) {
    try {
      (void)sweep.scenario(point);
    } catch (const InputError& error) {
      std::string values;
      for (std::size_t k = 0; k < sweep.varied_.size(); ++k) {
        values += fmt::format("{}{} = {}", k == 0 ? "" : ", ", sweep.varied_[k].key, point.values[k]);
      }
      throw InputError(fmt::format("{}: point {} ({}): {}", path.string(), point.index, values, error.what()));
    }
  }
  return sweep;
}

std::vector<Override> SweepDefinition::overrides(const SweepPoint* point) const {
  // Origins name the sweep file without its folder, so that a point's resolved scenario is
  // the same wherever the sweep was started (the path as given is in the sweep folder's
  // sweep.ini and the command line in /provenance).
  const std::string given = path_.string();
  const std::string name = path_.filename().string();
  const auto portable = [&](const std::string& origin) {
    return origin.starts_with(given + ":") ? name + origin.substr(given.size()) : origin;
  };
  // The base takes [set]; a point, made from the base, adds its own values and seed.
  std::vector<Override> all;
  if (point == nullptr) {
    for (const auto& fixed : fixed_) all.push_back({fixed.key, fixed.value, portable(fixed.origin)});
  } else {
    for (std::size_t k = 0; k < varied_.size(); ++k) {
      all.push_back({varied_[k].key, point->values[k], portable(varied_[k].origin)});
    }
  }
  const auto origin = [&](const char* what) { return fmt::format("{}: {}", name, what); };
  all.push_back({"run.seed", std::to_string(point != nullptr ? point->seed : seed_),
                 origin(point != nullptr ? "seed of this point" : "sweep seed")});
  all.push_back({"run.replicates", std::to_string(replicates_), origin("replicates")});
  return all;
}

Scenario SweepDefinition::scenario(const SweepPoint& point) const { return base_->with(overrides(&point)); }

std::string SweepDefinition::point_table_csv() const {
  std::string text = "point,seed";
  for (const auto& parameter : varied_) text += "," + parameter.key;
  text += "\n";
  for (const auto& point : points_) {
    text += fmt::format("{},{}", point.index, point.seed);
    for (const auto& value : point.values) text += "," + value;
    text += "\n";
  }
  return text;
}

}  // namespace ittsim
