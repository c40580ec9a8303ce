#include "sim/io/output_file.hpp"

#include "sim/model/local_authorities.hpp"

#include "sim/core/errors.hpp"
#include "sim/core/types.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>
#include <ittsim/build_info.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <random>
#include <system_error>
#include <type_traits>
#include <tuple>
#include <variant>

namespace ittsim {
namespace {

inline constexpr std::size_t yearly_chunk = 64;
inline constexpr std::size_t weekly_chunk = 520;

template <typename Member>
constexpr h5::ElementType element_type_of() {
  return std::is_same_v<Member, double> ? h5::ElementType::float64 : h5::ElementType::int64;
}

// The series of Row in group: created empty, with their units and descriptions, or opened as
// a checkpoint saved them.
template <typename Row>
void series_of(h5::Group& group, bool create, std::vector<h5::Dataset>& datasets, std::size_t chunk, const Row& row,
               auto visit) {
  visit(row, [&](const auto& member, const SeriesInfo& info) {
    using Member = std::remove_cvref_t<decltype(member)>;
    if (!create) {
      datasets.push_back(group.open_dataset(std::string(info.name)));
      return;
    }
    auto dataset = group.create_series(std::string(info.name), element_type_of<Member>(), chunk);
    dataset.write_attribute("unit", std::string(info.unit));
    dataset.write_attribute("description", std::string(info.description));
    datasets.push_back(std::move(dataset));
  });
}

h5::Group child_group(h5::Group& parent, const std::string& name, bool create) {
  return create ? parent.create_group(name) : parent.open_group(name);
}

// Appends column k of rows to datasets[k], for every series of the row type.
template <typename Row>
void append_rows(std::vector<h5::Dataset>& datasets, const std::vector<Row>& rows, auto visit) {
  using Column = std::variant<std::vector<std::int64_t>, std::vector<double>>;
  std::vector<Column> columns;
  visit(Row{}, [&](const auto& member, const SeriesInfo&) {
    columns.emplace_back(std::vector<std::remove_cvref_t<decltype(member)>>{});
  });
  for (const Row& row : rows) {
    std::size_t column = 0;
    visit(row, [&](const auto& member, const SeriesInfo&) {
      std::get<std::vector<std::remove_cvref_t<decltype(member)>>>(columns[column++]).push_back(member);
    });
  }
  for (std::size_t column = 0; column < columns.size(); ++column) {
    std::visit([&](const auto& values) { datasets[column].append(std::span(values)); }, columns[column]);
  }
}


template <std::size_t N>
std::string join(const std::array<std::string_view, N>& names) {
  std::string text;
  for (const auto name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

// A two-dimensional int64 dataset, one row per year or week, with its column names.
h5::Dataset create_table(h5::Group& group, const SeriesInfo& info, std::size_t chunk, std::size_t width,
                         const std::string& columns) {
  auto dataset = group.create_series(std::string(info.name), h5::ElementType::int64, chunk, width);
  dataset.write_attribute("unit", std::string(info.unit));
  dataset.write_attribute("description", std::string(info.description));
  dataset.write_attribute("columns", columns);
  return dataset;
}

// Groups <prefix>_by_region and <prefix>_by_phase, with a table for each series of Row.
template <typename Row>
void region_phase_tables_of(h5::Group& replicate, bool create, const std::string& prefix, std::size_t chunk,
                            const Row& row, std::vector<h5::Dataset>& by_region, std::vector<h5::Dataset>& by_phase,
                            auto visit) {
  auto region_group = child_group(replicate, prefix + "_by_region", create);
  auto phase_group = child_group(replicate, prefix + "_by_phase", create);
  visit(row, [&](const RegionPhaseCounts&, const SeriesInfo& info) {
    if (!create) {
      by_region.push_back(region_group.open_dataset(std::string(info.name)));
      by_phase.push_back(phase_group.open_dataset(std::string(info.name)));
      return;
    }
    by_region.push_back(create_table(region_group, info, chunk, region_count, join(region_names)));
    by_phase.push_back(create_table(phase_group, info, chunk, phase_names.size(), join(phase_names)));
  });
}

template <typename Row>
void append_region_phase_rows(std::vector<h5::Dataset>& by_region, std::vector<h5::Dataset>& by_phase,
                              const std::vector<Row>& rows, auto visit) {
  std::vector<std::vector<std::int64_t>> region_values(by_region.size());
  std::vector<std::vector<std::int64_t>> phase_values(by_phase.size());
  for (const Row& row : rows) {
    std::size_t column = 0;
    visit(row, [&](const RegionPhaseCounts& counts, const SeriesInfo&) {
      region_values[column].insert(region_values[column].end(), counts.by_region.begin(), counts.by_region.end());
      phase_values[column].insert(phase_values[column].end(), counts.by_phase.begin(), counts.by_phase.end());
      ++column;
    });
  }
  for (std::size_t k = 0; k < by_region.size(); ++k) {
    by_region[k].append(std::span<const std::int64_t>(region_values[k]));
    by_phase[k].append(std::span<const std::int64_t>(phase_values[k]));
  }
}

}  // namespace

std::filesystem::path partial_path(const std::filesystem::path& path) {
  auto partial = path;
  partial += ".part";
  return partial;
}

std::filesystem::path temporary_path(const std::filesystem::path& path) {
  std::random_device entropy;
  const std::uint64_t random = (static_cast<std::uint64_t>(entropy()) << 32U) | entropy();
  auto temporary = partial_path(path);
  temporary += fmt::format("-{}-{:016x}", getpid(), random);
  return temporary;
}

std::vector<std::filesystem::path> temporary_files(const std::filesystem::path& path) {
  const std::string prefix = partial_path(path.filename()).string();
  const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::vector<std::filesystem::path> found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().filename().string().starts_with(prefix)) found.push_back(entry.path());
  }
  return found;
}

std::string host_name() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0) return "unknown";
  return name.data();
}

std::string utc_now() { return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now())); }

std::string replicate_group_name(std::uint64_t replicate) { return fmt::format("replicate_{:04}", replicate); }

OutputFile::OutputFile(std::filesystem::path path, const Scenario& scenario)
    : path_(std::move(path)), partial_(temporary_path(path_)) {
  file_ = std::make_unique<h5::File>(h5::File::create_new(partial_));
  auto& root = file_->root();
  const auto& run = scenario.parameters().run;
  root.write_attribute("title", std::string("ittsim simulation output"));
  root.write_attribute("format_version", output_format_version);
  root.write_attribute("ittsim_version", std::string(build_info::version));
  root.write_attribute("git_commit", std::string(build_info::git_commit));
  root.write_attribute("scenario_name", scenario.name());
  root.write_attribute("scenario", scenario.resolved_text());
  for (const auto& file : scenario.files()) scenario_files_.push_back(std::filesystem::absolute(file).lexically_normal().string());
  root.write_attribute("seed", static_cast<std::int64_t>(run.seed));
  root.write_attribute("replicates", static_cast<std::int64_t>(run.replicates));
  root.write_attribute("start_year", static_cast<std::int64_t>(run.start_year));
  root.write_attribute("years", static_cast<std::int64_t>(run.years));
  root.write_attribute("weeks_per_year", static_cast<std::int64_t>(weeks_per_year));
}

OutputFile::~OutputFile() {
  if (committed_) return;
  file_.reset();
  std::error_code ignored;
  std::filesystem::remove(partial_, ignored);
}

OutputFile::OutputFile(std::filesystem::path path, const h5::Group& saved)
    : path_(std::move(path)), partial_(temporary_path(path_)) {
  file_ = std::make_unique<h5::File>(h5::File::create_new(partial_));
  auto& root = file_->root();
  root.copy_attributes_from(saved);
  for (const auto& name : saved.child_names()) root.copy_child_from(saved, name);
}

void OutputFile::save_to(h5::Group& destination) const {
  const auto& root = file_->root();
  destination.copy_attributes_from(root);
  for (const auto& name : root.child_names()) destination.copy_child_from(root, name);
}

void OutputFile::begin_replicate(std::uint64_t replicate) {
  auto& root = file_->root();
  const auto name = replicate_group_name(replicate);
  if (root.has_child(name)) {
    auto group = root.open_group(name);
    replicates_[replicate] = replicate_series(group, false);
    return;
  }
  auto group = root.create_group(name);
  group.write_attribute("replicate", static_cast<std::int64_t>(replicate));
  replicates_[replicate] = replicate_series(group, true);
}

namespace {

// One value per agent, as a one-dimensional dataset with its description and unit.
template <typename T>
void write_column(h5::Group& group, const std::string& name, const std::vector<T>& values, const std::string& description,
                  const std::string& unit) {
  const std::vector<std::size_t> shape{values.size()};
  const std::vector<std::size_t> chunk{std::max<std::size_t>(1, std::min<std::size_t>(values.size(), 1U << 14U))};
  if constexpr (std::is_floating_point_v<T>) {
    auto dataset = group.create_array(name, h5::ElementType::float64, shape, chunk);
    dataset.write_block({}, std::span<const double>(values));
    dataset.write_attribute("description", description);
    dataset.write_attribute("unit", unit);
  } else {
    std::vector<std::int64_t> converted(values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
      if constexpr (std::is_enum_v<T>) converted[k] = static_cast<std::int64_t>(static_cast<std::underlying_type_t<T>>(values[k]));
      else converted[k] = static_cast<std::int64_t>(values[k]);
    }
    auto dataset = group.create_array(name, h5::ElementType::int64, shape, chunk);
    dataset.write_block({}, std::span<const std::int64_t>(converted));
    dataset.write_attribute("description", description);
    dataset.write_attribute("unit", unit);
  }
}

// Coordinates in whole metres, as the British National Grid and GIAS give them: they compress
// to about a third of the doubles in km.
std::vector<std::int64_t> in_metres(const std::vector<double>& kilometres) {
  std::vector<std::int64_t> metres(kilometres.size());
  for (std::size_t k = 0; k < kilometres.size(); ++k) metres[k] = std::llround(kilometres[k] * 1000.0);
  return metres;
}

// "0 = first, 1 = second, ...": what an enumeration's codes mean.
template <std::size_t N>
std::string codes_of(const std::array<std::string_view, N>& names) {
  std::string text;
  for (std::size_t k = 0; k < N; ++k) text += fmt::format("{}{} = {}", k > 0 ? ", " : "", k, names[k]);
  return text;
}

}  // namespace

void OutputFile::write_geography(std::uint64_t replicate, const Schools& schools, const Providers& providers) {
  auto group = file_->root().open_group(replicate_group_name(replicate));
  auto of_schools = group.create_group("schools");
  write_column(of_schools, "phase", schools.phase, "school phase: " + codes_of(phase_names), "code");
  write_column(of_schools, "region", schools.region, "region: " + codes_of(region_names), "code");
  std::string authorities;
  const auto all = local_authorities();
  for (std::size_t k = 0; k < all.size(); ++k) authorities += fmt::format("{}{} = {} {}", k > 0 ? ", " : "", k, all[k].code, all[k].name);
  write_column(of_schools, "local_authority", schools.local_authority, "local authority: " + authorities, "code");
  write_column(of_schools, "area_type", schools.area_type, "area type (ONS 2011 rural-urban groups): " + codes_of(area_type_names), "code");
  write_column(of_schools, "governance", schools.governance, "who runs the school: " + codes_of(governance_names), "code");
  write_column(of_schools, "easting_m", in_metres(schools.easting_km), "British National Grid easting", "m");
  write_column(of_schools, "northing_m", in_metres(schools.northing_km), "British National Grid northing", "m");
  write_column(of_schools, "pupils", schools.pupils, "pupils on roll", "pupils");
  write_column(of_schools, "urn", schools.urn, "DfE unique reference number (population.schools_file); 0 for a synthesised school", "");
  of_schools.close();
  auto of_providers = group.create_group("providers");
  write_column(of_providers, "type", providers.type, "provider type: " + codes_of(provider_type_names), "code");
  write_column(of_providers, "region", providers.region, "region: " + codes_of(region_names), "code");
  write_column(of_providers, "base_easting_m", in_metres(providers.base_easting_km), "British National Grid easting of the provider's base", "m");
  write_column(of_providers, "base_northing_m", in_metres(providers.base_northing_km), "British National Grid northing of the provider's base", "m");
  of_providers.close();
}

void OutputFile::write_cohorts(std::uint64_t replicate, const CohortRetention& cohorts) {
  auto group = file_->root().open_group(replicate_group_name(replicate)).create_group("cohorts");
  write_column(group, "entry_year", cohorts.entry_year, "academic year in which the cohort of newly qualified teachers started teaching (2023 means 2023/24)", "year");
  write_column(group, "cohort_size", cohorts.size, "newly qualified teachers who started that year (new_teachers_employed of the year before)", "teachers");
  const std::vector<std::size_t> shape{cohorts.entry_year.size(), retention_curve_years};
  auto curve = group.create_array("retention_curve", h5::ElementType::float64, shape, shape);
  curve.write_block({}, std::span<const double>(cohorts.curve));
  curve.write_attribute("description", std::string("share of the cohort (row) still in service in a state school k years after starting (column k = 1 ... 10), whatever school they are in; NaN where the run has not reached it"));
  curve.write_attribute("unit", std::string("share"));
  curve.write_attribute("columns", std::string("1, 2, 3, 4, 5, 6, 7, 8, 9, 10"));
  curve.close();
  group.close();
}

void OutputFile::end_replicate(std::uint64_t replicate) {
  const auto found = replicates_.find(replicate);
  if (found == replicates_.end()) return;
  close_series(found->second);
  replicates_.erase(found);
}

void OutputFile::close_series(ReplicateSeries& series) {
  for (auto* datasets : {&series.yearly, &series.by_region, &series.by_phase, &series.distributions, &series.by_authority,
                         &series.weekly, &series.weekly_by_region, &series.weekly_by_phase}) {
    for (auto& dataset : *datasets) dataset.close();
  }
}

OutputFile::ReplicateSeries OutputFile::replicate_series(h5::Group& group, bool create) {
  ReplicateSeries series;
  auto yearly = child_group(group, "yearly", create);
  series_of(yearly, create, series.yearly, yearly_chunk, YearlyIndicators{},
            [](const auto& row, auto&& f) { visit_yearly(row, f); });
  region_phase_tables_of(group, create, "yearly", yearly_chunk, YearlyBreakdowns{}, series.by_region, series.by_phase,
                         [](const auto& row, auto&& f) { visit_breakdowns(row, f); });
  auto distributions = child_group(group, "yearly_distributions", create);
  const YearlyDistributions no_distributions{};
  visit_distributions(no_distributions, [&](const auto& columns, const SeriesInfo& info) {
    if (!create) {
      series.distributions.push_back(distributions.open_dataset(std::string(info.name)));
      return;
    }
    std::string names = join(provider_count_names);
    if (info.name.ends_with("_by_route")) names = join(route_names);
    if (info.name.ends_with("_by_kind")) names = join(network_kind_names);
    if (info.name.ends_with("_by_grade")) names = join(grade_names);
    if (info.name.ends_with("_by_area_type")) names = join(area_type_names);
    if (info.name.ends_with("_by_governance")) names = join(governance_names);
    if (info.name.ends_with("_by_travel_distance")) names = join(travel_distance_band_names);
    if (info.name.ends_with("_by_experience")) names = join(move_experience_band_names);
    if (info.name.ends_with("_by_subject")) names = join(subject_names);
    series.distributions.push_back(create_table(distributions, info, yearly_chunk, columns.size(), names));
  });
  auto by_authority = child_group(group, "yearly_by_local_authority", create);
  const YearlyByLocalAuthority no_counts{};
  visit_local_authority_series(no_counts, [&](const LocalAuthorityCounts&, const SeriesInfo& info) {
    if (!create) {
      series.by_authority.push_back(by_authority.open_dataset(std::string(info.name)));
      return;
    }
    // Columns by GSS code ("columns"), and by name ("column_names", joined by "; ", since
    // some names hold a comma).
    std::string codes;
    std::string names;
    for (const auto& authority : local_authorities()) {
      codes += fmt::format("{}{}", codes.empty() ? "" : ", ", authority.code);
      names += fmt::format("{}{}", names.empty() ? "" : "; ", authority.name);
    }
    auto dataset = create_table(by_authority, info, yearly_chunk, local_authority_count, codes);
    dataset.write_attribute("column_names", names);
    series.by_authority.push_back(std::move(dataset));
  });
  auto weekly = child_group(group, "weekly", create);
  series_of(weekly, create, series.weekly, weekly_chunk, WeeklyIndicators{},
            [](const auto& row, auto&& f) { visit_weekly(row, f); });
  region_phase_tables_of(group, create, "weekly", weekly_chunk, WeeklyBreakdowns{}, series.weekly_by_region,
                         series.weekly_by_phase, [](const auto& row, auto&& f) { visit_weekly_breakdowns(row, f); });
  return series;
}

void OutputFile::append_year(std::uint64_t replicate, const YearRecord& record) {
  auto& series = replicates_.at(replicate);
  append_region_phase_rows(series.by_region, series.by_phase, std::vector<YearlyBreakdowns>{record.breakdowns},
                           [](const auto& row, auto&& f) { visit_breakdowns(row, f); });
  std::size_t column = 0;
  visit_distributions(record.distributions, [&](const auto& counts, const SeriesInfo&) {
    series.distributions[column++].append(std::span<const std::int64_t>(counts));
  });
  column = 0;
  visit_local_authority_series(record.by_authority, [&](const LocalAuthorityCounts& counts, const SeriesInfo&) {
    series.by_authority[column++].append(std::span<const std::int64_t>(counts));
  });
  append_rows(series.yearly, std::vector<YearlyIndicators>{record.year}, [](const auto& row, auto&& f) { visit_yearly(row, f); });
  append_rows(series.weekly, record.weeks, [](const auto& row, auto&& f) { visit_weekly(row, f); });
  append_region_phase_rows(series.weekly_by_region, series.weekly_by_phase, record.weekly_breakdowns,
                           [](const auto& row, auto&& f) { visit_weekly_breakdowns(row, f); });
}

void OutputFile::commit(const Provenance& provenance) {
  {
    auto group = file_->root().create_group("provenance");
    group.write_attribute("host", provenance.host);
    group.write_attribute("started_at", provenance.started_at);
    group.write_attribute("finished_at", provenance.finished_at);
    group.write_attribute("wall_seconds", provenance.wall_seconds);
    group.write_attribute("threads", provenance.threads);
    group.write_attribute("command_line", provenance.command_line);
    group.write_attribute("working_directory", provenance.working_directory);
    if (!provenance.resumed_from.empty()) group.write_attribute("resumed_from", provenance.resumed_from);
    if (!provenance.schools_file.empty()) {
      group.write_attribute("schools_file", provenance.schools_file);
      group.write_attribute("schools_file_sha256", provenance.schools_file_sha256);
      group.write_attribute("schools_file_report", provenance.schools_file_report);
    }
    if (!scenario_files_.empty()) group.write_attribute("scenario_files", fmt::format("{}", fmt::join(scenario_files_, "\n")));
  }
  // Every object must be closed before the file, or HDF5 keeps the file open past close.
  for (auto& [replicate, series] : replicates_) close_series(series);
  replicates_.clear();
  file_->close();
  file_.reset();
  std::error_code error;
  std::filesystem::rename(partial_, path_, error);
  if (error) throw OutputError(fmt::format("cannot rename {} to {}: {}", partial_.string(), path_.string(), error.message()));
  committed_ = true;
}

}  // namespace ittsim
