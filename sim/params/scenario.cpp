#include "sim/params/scenario.hpp"

#include "sim/core/errors.hpp"
#include "sim/params/ini_file.hpp"
#include "sim/params/regions.hpp"
#include "sim/params/schools_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

namespace ittsim {

// The one place that assembles a Scenario from validated parts.
struct ScenarioFactory {
  static Scenario make(Parameters parameters, std::vector<std::string> origins,
                       std::vector<std::filesystem::path> files, std::string name) {
    Scenario scenario;
    scenario.parameters_ = std::move(parameters);
    scenario.origins_ = std::move(origins);
    scenario.files_ = std::move(files);
    scenario.name_ = std::move(name);
    return scenario;
  }
};

namespace {

namespace fs = std::filesystem;

// One key=value found in a scenario file, or given on the command line.
using Setting = IniSetting;

// More files than any real layering of scenarios uses; the bound keeps a crafted chain from
// exhausting the stack.
constexpr std::size_t max_extends_depth = 32;

// Reads one file and, first, everything it extends; later settings override earlier ones.
void read_layers(const fs::path& path, const std::string& referrer, std::vector<fs::path>& chain,
                 std::vector<fs::path>& files, std::vector<Setting>& settings) {
  const auto file_settings = read_ini_file(path, "scenario file", referrer);
  const fs::path canonical = fs::weakly_canonical(path);
  const auto chain_text = [&] {
    std::string text;
    for (const auto& p : chain) text += p.filename().string() + " -> ";
    return text + canonical.filename().string();
  };
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    throw InputError(fmt::format("{}cyclic 'extends': {}", referrer, chain_text()));
  }
  if (chain.size() == max_extends_depth) {
    throw InputError(fmt::format("{}'extends' chain deeper than {} files: {}", referrer, max_extends_depth, chain_text()));
  }
  chain.push_back(canonical);
  files.push_back(path);

  std::vector<Setting> own;
  std::optional<Setting> extends;
  for (const auto& setting : file_settings) {
    if (setting.key == "extends") {
      extends = setting;
    } else {
      own.push_back(setting);
      // A path is relative to the file that sets it, as 'extends' is.
      if (is_path_key(setting.key) && !setting.value.empty() && fs::path(setting.value).is_relative())
        own.back().value = (path.parent_path() / setting.value).string();
    }
  }
  if (extends) {
    if (extends->value.empty()) {
      throw InputError(fmt::format("{}: extends: expected the path of a scenario file", extends->origin));
    }
    const fs::path base = path.parent_path() / extends->value;
    read_layers(base, extends->origin + ": extends: ", chain, files, settings);
  }
  settings.insert(settings.end(), own.begin(), own.end());
  chain.pop_back();
}

std::string format_number(double value) { return fmt::format("{}", value); }

std::string expectation(const ParameterInfo& info, bool integer) {
  return fmt::format("expected {} between {} and {}{}", integer ? "an integer" : "a number",
                     format_number(info.minimum), format_number(info.maximum),
                     info.unit.empty() ? "" : fmt::format(" ({})", info.unit));
}

template <typename T>
bool parse_whole(const std::string& text, T& out) {
  if (text.empty()) return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (*begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, out);
  return ec == std::errc{} && ptr == end;
}

// A number written as people write them elsewhere, "10%" or "5,000": how to write it here.
std::string how_to_write(const std::string& text) {
  double value = 0;
  if (text.size() > 1 && text.back() == '%' && parse_whole(text.substr(0, text.size() - 1), value)) {
    return fmt::format("; write a percentage as a fraction: {} for {}", format_number(value / 100), text);
  }
  std::string digits = text;
  std::erase(digits, ',');
  if (digits.size() < text.size() && parse_whole(digits, value)) {
    return fmt::format("; write numbers without thousands separators: {} for {}", digits, text);
  }
  return {};
}

// Parses one setting into the member it binds to, or throws with the key and expectation.
struct Assign {
  const Setting& setting;
  bool matched = false;

  void operator()(std::int64_t& member, const ParameterInfo& info) {
    if (!info.has_key(setting.key)) return;
    matched = true;
    std::int64_t value = 0;
    if (!parse_whole(setting.value, value)) fail_to_parse(info, true);
    check_range(static_cast<double>(value), info, true);
    member = value;
  }
  void operator()(double& member, const ParameterInfo& info) {
    if (!info.has_key(setting.key)) return;
    matched = true;
    double value = 0;
    if (!parse_whole(setting.value, value) || !std::isfinite(value)) fail_to_parse(info, false);
    check_range(value, info, false);
    member = value;
  }
  void operator()(std::string& member, const ParameterInfo& info) {
    if (!info.has_key(setting.key)) return;
    matched = true;
    // '#' starts a comment in a scenario file, so the resolved text could not write it back.
    const bool writable = std::none_of(setting.value.begin(), setting.value.end(),
                                       [](char c) { return c == '#' || static_cast<unsigned char>(c) < 0x20; });
    if (!writable) {
      throw InputError(fmt::format("{}: {} = '{}': expected a path without '#' or control characters", setting.origin,
                                   setting.key, excerpt(setting.value)));
    }
    // Absolute, so that the resolved text (in outputs and checkpoints) names the same file wherever it is read.
    member = setting.value.empty() ? std::string{} : fs::absolute(setting.value).lexically_normal().string();
  }
  void check_range(double value, const ParameterInfo& info, bool integer) const {
    if (value < info.minimum || value > info.maximum) {
      throw InputError(fmt::format("{}: {} = {} is out of range: {}", setting.origin, setting.key, excerpt(setting.value),
                                   expectation(info, integer)));
    }
  }
  [[noreturn]] void fail_to_parse(const ParameterInfo& info, bool integer) const {
    throw InputError(fmt::format("{}: {} = '{}': {}{}", setting.origin, setting.key, excerpt(setting.value),
                                 expectation(info, integer), how_to_write(setting.value)));
  }
};

std::string suggestion_for(const std::string& key) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& candidate : parameter_keys()) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  // A key in the right group but misspelt, or in the wrong group, is still worth naming.
  const std::string name = key.substr(key.rfind('.') + 1);
  for (const auto& candidate : parameter_keys()) {
    if (candidate.substr(candidate.rfind('.') + 1) == name) return candidate;
  }
  const std::size_t limit = std::max<std::size_t>(3, key.size() / 3);
  return best_distance <= limit ? best : std::string{};
}

// The group among the parameters' groups nearest to a misspelt one, or nothing.
std::string group_suggestion(std::string_view group) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& key : parameter_keys()) {
    const std::string_view candidate = std::string_view(key).substr(0, key.find('.'));
    const std::size_t distance = edit_distance(group, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best_distance <= std::max<std::size_t>(2, group.size() / 3) ? best : std::string{};
}

std::string unknown_parameter(const Setting& setting) {
  const std::string& key = setting.key;
  std::string message = fmt::format("{}: unknown parameter '{}'", setting.origin, excerpt(key));
  const auto dot = key.find('.');
  if (dot == std::string::npos) return message + " (parameters belong to a [group]; run 'ittsim params' for the list)";
  // A key no parameter has cannot be near one: no suggestion is worth comparing it for.
  if (key.size() > max_ini_key_length) return message;
  const std::string group = key.substr(0, dot);
  const auto keys = parameter_keys();
  const bool known_group = std::any_of(keys.begin(), keys.end(), [&](const std::string& candidate) {
    return candidate.starts_with(group) && candidate.size() > group.size() && candidate[group.size()] == '.';
  });
  if (!known_group) {
    const std::string nearest = group_suggestion(group);
    return message + (nearest.empty() ? fmt::format(": there is no group [{}] (run 'ittsim params' for the list)", excerpt(group))
                                      : fmt::format(": there is no group [{}]; did you mean [{}]?", group, nearest));
  }
  const std::string suggestion = suggestion_for(key);
  return suggestion.empty() ? message : message + fmt::format("; did you mean '{}'?", suggestion);
}

void apply(Parameters& parameters, std::vector<std::string>& origins, const Setting& setting) {
  std::size_t index = 0;
  std::size_t matched_index = 0;
  Assign assign{setting};
  visit_parameters(parameters, [&](auto& member, const ParameterInfo& info) {
    const bool before = assign.matched;
    assign(member, info);
    if (assign.matched && !before) matched_index = index;
    ++index;
  });
  if (!assign.matched) throw InputError(unknown_parameter(setting));
  origins[matched_index] = setting.origin;
}

// Checks that hold between parameters rather than within one range.
void validate_relations(const Parameters& p, const std::vector<std::string>& origins) {
  auto fail = [&](const std::string& key, const std::string& what) {
    std::string origin;
    std::size_t index = 0;
    visit_parameters(p, [&](const auto&, const ParameterInfo& info) {
      if (info.has_key(key)) origin = origins[index];
      ++index;
    });
    throw InputError(fmt::format("{}: {}: {}", origin, key, what));
  };
  const auto& placement = p.placement;
  if (placement.first_block_start_week + placement.first_block_weeks > placement.second_block_start_week) {
    fail("placement.second_block_start_week",
         fmt::format("= {} starts before the first block can end (week {} + {} weeks)",
                     placement.second_block_start_week, placement.first_block_start_week,
                     placement.first_block_weeks));
  }
  if (placement.second_block_start_week + placement.second_block_weeks > p.progress.assessment_week) {
    fail("progress.assessment_week",
         fmt::format("= {} comes before the second placement block can end (week {} + {} weeks)",
                     p.progress.assessment_week, placement.second_block_start_week, placement.second_block_weeks));
  }
  if (p.progress.assessment_week + p.progress.extension_weeks > weeks_per_year - 1) {
    fail("progress.extension_weeks",
         fmt::format("= {} runs past the end of the year: assessment week {} + {} weeks must be at most {}",
                     p.progress.extension_weeks, p.progress.assessment_week, p.progress.extension_weeks, weeks_per_year - 1));
  }
  // A lever's values do nothing while it is off, so changing them without a start year is a mistake.
  for (const std::string_view group : lever_groups) {
    const std::string start_key = fmt::format("{}.start_year", group);
    std::int64_t start_year = 0;
    std::string changed;
    visit_parameters(p, [&](const auto& member, const ParameterInfo& info) {
      if constexpr (!is_path_parameter<decltype(member)>) {
        if (info.group != group) return;
        if (info.name == "start_year") {
          start_year = static_cast<std::int64_t>(member);
        } else if (changed.empty() && static_cast<double>(member) != info.default_value) {
          changed = info.key();
        }
      }
    });
    if (start_year != 0 && start_year < 2000) {
      fail(start_key, fmt::format("= {}: expected 0 (the lever is off) or a calendar year from 2000", start_year));
    }
    const std::int64_t first_year = p.run.start_year;
    const std::int64_t last_year = p.run.start_year + p.run.years - 1;
    if (start_year != 0 && start_year < first_year) {
      fail(start_key, fmt::format("= {} is before the run's first year, {} (run.start_year): a lever acts from its start "
                                  "year on, and a run cannot start with one already in force for years; set {} = {} "
                                  "for a lever in force from the run's start",
                                  start_year, first_year, start_key, first_year));
    }
    if (start_year > last_year) {
      fail(start_key, fmt::format("= {} is after the run's last year, {} (run.start_year = {}, run.years = {}): the "
                                  "lever would never act; set it within {} to {}, or run more years",
                                  start_year, last_year, first_year, p.run.years, first_year, last_year));
    }
    if (start_year == 0 && !changed.empty()) {
      fail(changed, fmt::format("is changed from its default but {} is 0, so the lever is off; set {} to the year it "
                                "takes effect", start_key, start_key));
    }
  }
  const auto& review = p.market_review;
  if (review.start_year != 0 && review.minimum_placement_weeks > 0 &&
      placement.second_block_start_week + review.minimum_placement_weeks - placement.first_block_weeks > p.progress.assessment_week) {
    fail("market_review.minimum_placement_weeks",
         fmt::format("= {} cannot be reached: the second block would run from week {} for {} weeks, past the assessment in week {}",
                     review.minimum_placement_weeks, placement.second_block_start_week,
                     review.minimum_placement_weeks - placement.first_block_weeks, p.progress.assessment_week));
  }
  if (review.closure_quality_bar > review.accreditation_quality_bar) {
    fail("market_review.closure_quality_bar",
         fmt::format("= {} is above market_review.accreditation_quality_bar = {}: a provider cannot close while passing",
                     review.closure_quality_bar, review.accreditation_quality_bar));
  }
  // A school list is England's schools as they are: thinning it would need a rule for which
  // schools to drop, and sampling them would lose the trusts and local authorities it gives.
  const bool schools_from_file = !p.population.schools_file.empty();
  if (schools_from_file && p.population.scale != 1.0) {
    fail("population.scale", fmt::format("= {}: expected 1 with population.schools_file, whose schools are simulated as "
                                         "they are (choose regions with population.regions instead)", p.population.scale));
  }
  // Counts are rounded one by one, as population synthesis rounds them.
  const auto scaled = [&](std::int64_t count) { return std::llround(static_cast<double>(count) * england_fraction(p.population)); };
  if (!schools_from_file && scaled(p.population.primary_schools) + scaled(p.population.secondary_schools) +
          scaled(p.population.special_schools) < 1) {
    fail("population.scale", fmt::format("= {} leaves no schools: each school count × scale × the simulated regions' "
                                         "share is rounded, and at least one must round to 1 or more", p.population.scale));
  }
  if (scaled(p.population.hei_providers) + scaled(p.population.scitt_providers) < 1 &&
      p.population.hei_providers + p.population.scitt_providers == 0) {
    fail("population.hei_providers", "and population.scitt_providers are both 0: at least one provider is needed");
  }
}

// The origin of one parameter's value.
std::string origin_of(const std::vector<std::string>& origins, std::string_view key) {
  std::size_t index = 0;
  std::string origin;
  const Parameters parameters{};
  visit_parameters(parameters, [&](const auto&, const ParameterInfo& info) {
    if (info.has_key(key)) origin = origins[index];
    ++index;
  });
  return origin;
}

// Reads population.schools_file into parameters, unless previous already holds that very
// reading (a sweep point or --set that changed something else).
void read_school_list(Parameters& parameters, const std::vector<std::string>& origins, const Parameters* previous) {
  const auto& pop = parameters.population;
  if (pop.schools_file.empty()) {
    parameters.school_list.reset();
    return;
  }
  if (previous != nullptr && previous->school_list && previous->population.schools_file == pop.schools_file &&
      previous->population.regions == pop.regions &&
      previous->population.schools_file_skip_bad_rows == pop.schools_file_skip_bad_rows) {
    parameters.school_list = previous->school_list;
    return;
  }
  try {
    parameters.school_list = std::make_shared<const SchoolList>(
        load_school_list(pop.schools_file, pop.regions, pop.schools_file_skip_bad_rows != 0));
  } catch (const InputError& error) {
    throw InputError(fmt::format("{}: population.schools_file: {}", origin_of(origins, "population.schools_file"), error.what()));
  }
}

Scenario build(std::vector<Setting> settings, std::vector<fs::path> files, std::string name) {
  Parameters parameters = default_parameters();
  std::vector<std::string> origins(parameter_keys().size(), "default");
  for (const auto& setting : settings) apply(parameters, origins, setting);
  validate_relations(parameters, origins);
  read_school_list(parameters, origins, nullptr);
  return ScenarioFactory::make(std::move(parameters), std::move(origins), std::move(files), std::move(name));
}

std::vector<Setting> to_settings(const std::vector<Override>& overrides) {
  std::vector<Setting> settings;
  for (const auto& override : overrides) settings.push_back({override.key, trim(override.value), override.origin});
  return settings;
}

}  // namespace

Parameters default_parameters() {
  Parameters parameters{};
  visit_parameters(parameters, [](auto& member, const ParameterInfo& info) {
    if constexpr (is_path_parameter<decltype(member)>) {
      member.clear();
    } else {
      member = static_cast<std::remove_reference_t<decltype(member)>>(info.default_value);
    }
  });
  return parameters;
}

bool is_path_key(std::string_view key) {
  bool path = false;
  const Parameters parameters{};
  visit_parameters(parameters, [&](const auto& member, const ParameterInfo& info) {
    if (info.has_key(key)) path = is_path_parameter<decltype(member)>;
  });
  return path;
}

std::vector<std::string> Scenario::notes() const {
  std::vector<std::string> notes;
  const auto& list = parameters_.school_list;
  if (!list) return notes;
  notes.push_back("schools read from " + list->report());
  // What the list replaces: these parameters shape only synthesised schools.
  constexpr std::string_view replaced[] = {
      "population.primary_pupils_mean", "population.secondary_pupils_mean", "population.special_pupils_mean",
      "population.pupils_dispersion", "geography.primary_rural_share", "geography.secondary_rural_share",
      "geography.special_rural_share", "geography.primary_academy_share", "geography.secondary_academy_share",
      "geography.special_academy_share", "networks.mat_share", "networks.mat_size_mean"};
  std::string unused;
  std::string set_anyway;
  for (const std::string_view key : replaced) {
    unused += fmt::format("{}{}", unused.empty() ? "" : ", ", key);
    const std::string origin = origin_of(origins_, key);
    if (origin != "default") set_anyway += fmt::format("\n  {} is set ({}) but not used", key, origin);
  }
  notes.push_back(fmt::format("the school list replaces {} (schools' number, phase, pupils, local authority, location, area "
                              "type and governance come from the file; multi-academy trusts are its trusts){}",
                              unused, set_anyway));
  // National counts follow the file's share of England's schools, so a file of part of
  // England gets that part's trainees and providers.
  const auto& pop = parameters_.population;
  const auto england = pop.primary_schools + pop.secondary_schools + pop.special_schools;
  notes.push_back(fmt::format("the file's {} schools are {:.4f} of England's {} (population.primary_schools + "
                              "secondary_schools + special_schools): recruitment targets, providers, hubs and funded "
                              "networks are England's times that share",
                              list->size(), england > 0 ? static_cast<double>(list->size()) / static_cast<double>(england) : 0.0,
                              england));
  return notes;
}

std::vector<std::string> parameter_keys() {
  std::vector<std::string> keys;
  const Parameters parameters{};
  visit_parameters(parameters, [&](const auto&, const ParameterInfo& info) { keys.push_back(info.key()); });
  return keys;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

Scenario Scenario::load(const fs::path& path, const std::vector<Override>& overrides) {
  std::vector<fs::path> chain;
  std::vector<fs::path> files;
  std::vector<Setting> settings;
  read_layers(path, "", chain, files, settings);
  const auto command_line = to_settings(overrides);
  settings.insert(settings.end(), command_line.begin(), command_line.end());
  return build(std::move(settings), std::move(files), path.stem().string());
}

Scenario Scenario::with(const std::vector<Override>& overrides) const {
  Parameters parameters = parameters_;
  std::vector<std::string> origins = origins_;
  for (const auto& setting : to_settings(overrides)) apply(parameters, origins, setting);
  validate_relations(parameters, origins);
  read_school_list(parameters, origins, &parameters_);
  return ScenarioFactory::make(std::move(parameters), std::move(origins), files_, name_);
}

Scenario Scenario::from_text(const std::string& text, const std::string& source, std::string name) {
  auto settings = parse_ini_text(text, source);
  for (const auto& setting : settings) {
    if (setting.key == "extends") throw InputError(fmt::format("{}: extends: not allowed here", setting.origin));
  }
  return build(std::move(settings), {}, std::move(name));
}

Scenario Scenario::from_defaults(const std::vector<Override>& overrides) {
  return build(to_settings(overrides), {}, "defaults");
}

std::string Scenario::values_text() const {
  std::string text;
  visit_parameters(parameters_, [&](const auto& member, const ParameterInfo& info) {
    text += fmt::format("{} = {}\n", info.key(), member);
  });
  return text;
}

std::string Scenario::resolved_text() const {
  // Paths as written relative to the named scenario's folder: the text is then the same
  // wherever the run was started (the paths as read are kept in the output's /provenance).
  std::vector<std::string> written;
  std::vector<std::string> relative;
  if (!files_.empty()) {
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(files_.front()), ec).parent_path();
    for (const auto& file : files_) {
      written.push_back(file.string());
      relative.push_back(fs::weakly_canonical(fs::absolute(file), ec).lexically_relative(folder).string());
    }
  }
  const auto portable = [&](const std::string& origin) {
    for (std::size_t i = 0; i < written.size(); ++i) {
      if (origin.starts_with(written[i]) && origin.size() > written[i].size() && origin[written[i].size()] == ':') {
        return relative[i] + origin.substr(written[i].size());
      }
    }
    return origin;
  };
  std::string text = fmt::format("# Resolved scenario '{}': every parameter, with where its value came from.\n", name_);
  if (!files_.empty()) {
    text += "# Files read (relative to the first one's folder):";
    for (const auto& file : relative) text += ' ' + file;
    text += "\n";
  }
  std::string_view group;
  std::size_t index = 0;
  visit_parameters(parameters_, [&](const auto& member, const ParameterInfo& info) {
    if (info.group != group) {
      group = info.group;
      text += fmt::format("\n[{}]\n", group);
    }
    text += fmt::format("{} = {}  # {}\n", info.name, member, portable(origins_[index++]));
  });
  return text;
}

}  // namespace ittsim
