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

void read_range(const IniSetting& setting, SweepDesign design, VariedParameter& parameter) {
  const auto parts = split(setting.value, ':');
  const auto low = parts.size() == 2 ? parse_number(parts[0]) : std::nullopt;
  const auto high = parts.size() == 2 ? parse_number(parts[1]) : std::nullopt;
  if (!low || !high || !(*low < *high)) {
    throw InputError(fmt::format("{}: {} = '{}': a {} design samples each parameter over a range: "
                                 "expected low:high with low < high",
                                 setting.origin, parameter.key, excerpt(setting.value), design_name(design)));
  }
  parameter.low = *low;
  parameter.high = *high;
}

// A share of a range as the value given to a point: integer parameters take whole values
// from low to high, ends included, in equal strata; real ones are kept to 8 significant digits.
std::string value_in_range(const VariedParameter& parameter, double share, bool integer) {
  if (integer) {
    return sweep_value_text(std::min(parameter.high, std::floor(parameter.low + share * (parameter.high - parameter.low + 1))));
  }
  return sweep_value_text(std::stod(fmt::format("{:.8g}", parameter.low + share * (parameter.high - parameter.low))));
}

// The points of a list design: a CSV file whose header names the varied parameters and whose
// every other line gives one point's values. Blank lines and lines starting with # are skipped.
struct PointList {
  std::vector<VariedParameter> varied;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row_origins;
};

PointList read_point_list(const fs::path& path, std::size_t max_points) {
  const std::string file = path.string();
  const std::string text = read_text_file(path, "point list", max_ini_file_bytes);
  PointList list;
  std::size_t line_number = 0;
  std::size_t start = 0;
  bool header = true;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty() || line.starts_with('#')) continue;
    const std::string origin = fmt::format("{}:{}", file, line_number);
    const auto cells = split(line, ',');
    if (header) {
      for (const auto& key : cells) {
        if (key.empty()) throw InputError(fmt::format("{}: an empty column name; expected parameter keys separated by commas", origin));
        if (!is_parameter(key)) (void)Scenario::from_defaults({{key, "0", origin}});  // names the key, suggests a spelling
        if (key.starts_with("run.")) {
          throw InputError(fmt::format("{}: {} cannot be varied: every point of a sweep covers the same years and takes "
                                       "its seed from the sweep", origin, key));
        }
        for (const auto& earlier : list.varied) {
          if (earlier.key == key) throw InputError(fmt::format("{}: column {} appears twice", origin, key));
        }
        list.varied.push_back({key, origin, {}, 0, 0});
      }
      header = false;
      continue;
    }
    if (cells.size() != list.varied.size()) {
      throw InputError(fmt::format("{}: {} values where the header names {} parameters", origin, cells.size(), list.varied.size()));
    }
    std::vector<std::string> values;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      const auto value = parse_number(cells[k]);
      if (!value) {
        throw InputError(fmt::format("{}: {} = '{}': expected a number", origin, list.varied[k].key, excerpt(cells[k])));
      }
      values.push_back(sweep_value_text(*value));
    }
    if (list.rows.size() == max_points) throw InputError(fmt::format("{}: more than {} points", origin, max_points));
    list.rows.push_back(std::move(values));
    list.row_origins.push_back(origin);
  }
  if (header) throw InputError(fmt::format("{}: empty; expected a header of parameter keys, then one line a point", file));
  if (list.rows.empty()) throw InputError(fmt::format("{}: no points after the header; expected one line of values a point", file));
  return list;
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

std::vector<std::vector<double>> morris_trajectories(std::size_t trajectories, std::size_t dimensions, std::size_t levels,
                                                     std::uint64_t seed) {
  // With an even number of levels, a step of levels / 2 grid intervals is
  // levels / (2 (levels - 1)) of the range, and every lower value has its upper partner.
  const std::size_t jump = levels / 2;
  const double interval = 1.0 / static_cast<double>(levels - 1);
  std::vector<std::vector<double>> rows;
  rows.reserve(trajectories * (dimensions + 1));
  for (std::size_t trajectory = 0; trajectory < trajectories; ++trajectory) {
    RandomStream draw(seed, 0, Purpose::sweep_design, trajectory, 2);
    std::vector<std::size_t> start(dimensions);
    std::vector<std::size_t> end(dimensions);
    for (std::size_t dimension = 0; dimension < dimensions; ++dimension) {
      const auto lower = std::min(jump - 1, static_cast<std::size_t>(draw.uniform() * static_cast<double>(jump)));
      const bool upwards = draw.uniform() < 0.5;
      start[dimension] = upwards ? lower : lower + jump;
      end[dimension] = upwards ? lower + jump : lower;
    }
    std::vector<std::size_t> order(dimensions);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = dimensions; i > 1; --i) {
      const auto j = std::min(i - 1, static_cast<std::size_t>(draw.uniform() * static_cast<double>(i)));
      std::swap(order[i - 1], order[j]);
    }
    std::vector<double> row(dimensions);
    for (std::size_t dimension = 0; dimension < dimensions; ++dimension) row[dimension] = static_cast<double>(start[dimension]) * interval;
    rows.push_back(row);
    for (const std::size_t dimension : order) {
      row[dimension] = static_cast<double>(end[dimension]) * interval;
      rows.push_back(row);
    }
  }
  return rows;
}

std::vector<std::vector<double>> saltelli_matrix(std::size_t base_samples, std::size_t dimensions, std::uint64_t seed) {
  const auto both = latin_hypercube(base_samples, 2 * dimensions, seed);
  std::vector<std::vector<double>> rows;
  rows.reserve(base_samples * (dimensions + 2));
  for (const auto& sample : both) {
    const std::vector<double> a(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(dimensions));
    const std::vector<double> b(sample.begin() + static_cast<std::ptrdiff_t>(dimensions), sample.end());
    rows.push_back(a);
    for (std::size_t dimension = 0; dimension < dimensions; ++dimension) {
      auto ab = a;
      ab[dimension] = b[dimension];
      rows.push_back(std::move(ab));
    }
    rows.push_back(b);
  }
  return rows;
}

const char* design_name(SweepDesign design) noexcept {
  switch (design) {
    case SweepDesign::grid: return "grid";
    case SweepDesign::latin_hypercube: return "latin_hypercube";
    case SweepDesign::morris: return "morris";
    case SweepDesign::saltelli: return "saltelli";
    case SweepDesign::list: return "list";
  }
  return "grid";
}

SweepDefinition SweepDefinition::load(const fs::path& path, std::size_t max_points) {
  SweepDefinition sweep;
  sweep.path_ = path;
  sweep.text_ = read_text_file(path, "sweep file", max_ini_file_bytes);
  const auto settings = parse_ini_text(sweep.text_, path.string());
  sweep.name_ = path.stem().string();
  const std::string file = path.string();

  std::optional<IniSetting> scenario, replicates, seed, design, samples, trajectories, levels, points, common;
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
      else if (key == "trajectories") trajectories = setting;
      else if (key == "levels") levels = setting;
      else if (key == "points") points = setting;
      else if (key == "common_random_numbers") common = setting;
      else {
        throw InputError(fmt::format("{}: unknown key '{}' in [sweep]; expected scenario, replicates, seed, design, samples, "
                                     "trajectories, levels, points or common_random_numbers",
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
  if (!scenario || scenario->value.empty()) {
    throw InputError(fmt::format("{}: expected the base scenario in [sweep], e.g. scenario = ../baseline.ini", file));
  }
  if (design) {
    bool known = false;
    for (const auto candidate : {SweepDesign::grid, SweepDesign::latin_hypercube, SweepDesign::morris, SweepDesign::saltelli,
                                 SweepDesign::list}) {
      if (design->value == design_name(candidate)) {
        sweep.design_ = candidate;
        known = true;
      }
    }
    if (!known) {
      throw InputError(fmt::format("{}: design = '{}': expected grid, latin_hypercube, morris, saltelli or list",
                                   design->origin, excerpt(design->value)));
    }
  }
  const SweepDesign kind = sweep.design_;
  const std::string where = design ? design->origin : file;
  // Each design's own keys: required where it needs them, refused elsewhere.
  const auto needs = [&](const std::optional<IniSetting>& setting, const char* key, bool wanted, const char* example) {
    if (wanted && !setting) {
      throw InputError(fmt::format("{}: a {} design needs {} in [sweep]", where, design_name(kind), example));
    }
    if (!wanted && setting) {
      throw InputError(fmt::format("{}: {} is not used by a {} design", setting->origin, key, design_name(kind)));
    }
  };
  needs(samples, "samples", kind == SweepDesign::latin_hypercube || kind == SweepDesign::saltelli, "samples = N");
  needs(trajectories, "trajectories", kind == SweepDesign::morris, "trajectories = R");
  if (levels) needs(levels, "levels", kind == SweepDesign::morris, "levels = 4");
  needs(points, "points", kind == SweepDesign::list, "points = FILE.csv");
  if (kind == SweepDesign::list && !varied.empty()) {
    throw InputError(fmt::format("{}: a list design takes its parameters from the header of {}; remove [vary]",
                                 varied.front().origin, points->value));
  }
  const bool ranged = kind != SweepDesign::grid && kind != SweepDesign::list;
  if (ranged && varied.empty()) throw InputError(fmt::format("{}: a {} design needs parameters in [vary]", file, design_name(kind)));
  if (common) {
    if (common->value == "true") sweep.common_random_numbers_ = true;
    else if (common->value != "false") {
      throw InputError(fmt::format("{}: common_random_numbers = '{}': expected true or false", common->origin, excerpt(common->value)));
    }
  }

  sweep.base_scenario_ = path.parent_path() / scenario->value;
  // The base as written, with [set]: it gives the replicates and seed when the sweep does not.
  const Scenario written = Scenario::load(sweep.base_scenario_, sweep.fixed_);
  sweep.replicates_ = replicates ? static_cast<std::int64_t>(whole_setting(*replicates, 1, 10000))
                                 : written.parameters().run.replicates;
  sweep.seed_ = seed ? whole_setting(*seed, 0, max_seed) : static_cast<std::uint64_t>(written.parameters().run.seed);
  sweep.base_ = Scenario::load(sweep.base_scenario_, sweep.overrides(nullptr));

  std::vector<std::vector<std::string>> listed;
  std::size_t count = 1;
  if (kind == SweepDesign::list) {
    auto list = read_point_list(path.parent_path() / points->value, max_points);
    sweep.varied_ = std::move(list.varied);
    listed = std::move(list.rows);
    sweep.point_origins_ = std::move(list.row_origins);
    count = listed.size();
  }
  for (const auto& setting : varied) {
    VariedParameter parameter{setting.key, setting.origin, {}, 0, 0};
    if (ranged) {
      read_range(setting, kind, parameter);
    } else {
      parameter.values = grid_values(setting, parameter.key, max_points);
      count *= parameter.values.size();
      if (count > max_points) {
        throw InputError(fmt::format("{}: the grid has more than {} points", setting.origin, max_points));
      }
    }
    sweep.varied_.push_back(std::move(parameter));
  }
  for (const auto& parameter : sweep.varied_) {
    for (const auto& fixed : sweep.fixed_) {
      if (fixed.key == parameter.key) {
        throw InputError(fmt::format("{}: {} is both varied and set (at {})", parameter.origin, parameter.key, fixed.origin));
      }
    }
  }
  const std::size_t dimensions = sweep.varied_.size();
  std::vector<std::vector<double>> unit;
  if (kind == SweepDesign::latin_hypercube) {
    count = whole_setting(*samples, 1, max_points);
    unit = latin_hypercube(count, dimensions, sweep.seed_);
  } else if (kind == SweepDesign::morris) {
    sweep.levels_ = levels ? whole_setting(*levels, 2, 1000) : 4;
    if (sweep.levels_ % 2 != 0) {
      throw InputError(fmt::format("{}: levels = {}: expected an even number, so that every step has the same size",
                                   levels->origin, sweep.levels_));
    }
    sweep.trajectories_ = whole_setting(*trajectories, 1, max_points / (dimensions + 1));
    count = sweep.trajectories_ * (dimensions + 1);
    unit = morris_trajectories(sweep.trajectories_, dimensions, sweep.levels_, sweep.seed_);
  } else if (kind == SweepDesign::saltelli) {
    sweep.base_samples_ = whole_setting(*samples, 1, max_points / (dimensions + 2));
    count = sweep.base_samples_ * (dimensions + 2);
    unit = saltelli_matrix(sweep.base_samples_, dimensions, sweep.seed_);
  }

  std::vector<bool> integer(dimensions);
  for (std::size_t k = 0; k < dimensions; ++k) integer[k] = is_integer_parameter(sweep.varied_[k].key);
  for (std::size_t index = 0; index < count; ++index) {
    SweepPoint point{index, sweep.common_random_numbers_ ? sweep.seed_ : sweep_point_seed(sweep.seed_, index), {}};
    if (kind == SweepDesign::list) {
      point.values = listed[index];
    } else if (ranged) {
      for (std::size_t k = 0; k < dimensions; ++k) point.values.push_back(value_in_range(sweep.varied_[k], unit[index][k], integer[k]));
    } else {
      // Grid points in row-major order: the first varied parameter changes slowest.
      std::size_t rest = index;
      std::vector<std::string> reversed;
      for (std::size_t k = dimensions; k-- > 0;) {
        const auto& parameter = sweep.varied_[k];
        reversed.push_back(parameter.values[rest % parameter.values.size()]);
        rest /= parameter.values.size();
      }
      point.values.assign(reversed.rbegin(), reversed.rend());
    }
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
      const std::string at = sweep.point_origins_.empty() ? path.string() : sweep.point_origins_[point.index];
      throw InputError(fmt::format("{}: point {} ({}): {}", at, point.index, values, error.what()));
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
