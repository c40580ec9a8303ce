#include "sim/sweep/directory.hpp"

#include "sim/core/errors.hpp"
#include "sim/params/ini_file.hpp"
#include "sim/io/output_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

// Other processes' points show up in the manifest within this interval.
constexpr auto manifest_interval = std::chrono::seconds(5);

std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    fields.push_back(line.substr(start, comma - start));
    if (comma == std::string::npos) return fields;
    start = comma + 1;
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += "\"\"";
    else if (c == '\n' || c == '\r') quoted += ' ';
    else quoted += c;
  }
  return quoted + "\"";
}


// Points files are named point_NNNNNN.h5 or .error; returns the index, or -1 for other names.
std::int64_t point_index(const std::string& name, std::string_view extension) {
  constexpr std::string_view prefix = "point_";
  if (!name.starts_with(prefix) || !name.ends_with(extension)) return -1;
  const auto digits = std::string_view(name).substr(prefix.size(), name.size() - prefix.size() - extension.size());
  std::int64_t index = -1;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
  return ec == std::errc{} && ptr == digits.data() + digits.size() && !digits.empty() ? index : -1;
}

// The first parameter whose value differs between two scenarios, as "key = a" / "b".
std::optional<std::pair<std::string, std::string>> first_difference(const Scenario& a, const Scenario& b) {
  std::vector<std::string> values_a;
  visit_parameters(a.parameters(), [&](const auto& member, const ParameterInfo& info) {
    values_a.push_back(fmt::format("{} = {}", info.key(), member));
  });
  std::size_t index = 0;
  std::optional<std::pair<std::string, std::string>> difference;
  visit_parameters(b.parameters(), [&](const auto& member, const ParameterInfo& info) {
    const auto value = fmt::format("{} = {}", info.key(), member);
    if (!difference && value != values_a[index]) difference = std::pair{values_a[index], value};
    ++index;
  });
  return difference;
}

}  // namespace

std::string_view status_name(PointStatus status) {
  switch (status) {
    case PointStatus::complete: return "complete";
    case PointStatus::failed: return "failed";
    case PointStatus::pending: break;
  }
  return "pending";
}

void write_file_atomically(const fs::path& path, const std::string& text) {
  fs::path temporary = path;
  temporary += fmt::format(".tmp.{}.{}", host_name(), getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw OutputError(fmt::format("cannot write {}", temporary.string()));
    }
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw OutputError(fmt::format("cannot rename {} to {}: {}", temporary.string(), path.string(), error.message()));
  }
}

SweepTable parse_point_table(const std::string& text, const std::string& source) {
  const auto lines = lines_of(text);
  if (lines.empty() || !lines.front().starts_with("point,seed")) {
    throw InputError(fmt::format("{}:1: expected the header point,seed,...", source));
  }
  SweepTable table;
  const auto header = split_line(lines.front());
  table.parameters.assign(header.begin() + 2, header.end());
  for (std::size_t row = 1; row < lines.size(); ++row) {
    if (lines[row].empty()) continue;
    const auto fields = split_line(lines[row]);
    std::uint64_t point = 0;
    std::uint64_t seed = 0;
    const bool numbers = std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), point).ec == std::errc{} &&
                         fields.size() > 1 &&
                         std::from_chars(fields[1].data(), fields[1].data() + fields[1].size(), seed).ec == std::errc{};
    if (fields.size() != header.size() || !numbers || point != table.size()) {
      throw InputError(fmt::format("{}:{}: expected point {} with {} fields, found '{}'", source, row + 1, table.size(),
                                   header.size(), lines[row]));
    }
    table.seeds.push_back(seed);
    table.values.emplace_back(fields.begin() + 2, fields.end());
  }
  return table;
}

SweepDirectory SweepDirectory::prepare(const fs::path& given, const SweepDefinition& sweep) {
  if (given.empty()) throw InputError("--output: expected a folder for the sweep's files");
  const fs::path folder = given.has_filename() ? given : given.parent_path();  // "out/" is "out"
  std::error_code error;
  if (fs::exists(folder, error) && !fs::is_directory(folder, error)) {
    throw InputError(fmt::format("--output {}: is a file, expected a folder for the sweep's files", folder.string()));
  }
  const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, error)) {
    throw InputError(fmt::format("--output {}: folder {} does not exist", folder.string(), parent.string()));
  }
  if (fs::exists(folder / "points", error) && !fs::is_directory(folder / "points", error)) {
    throw InputError(fmt::format("--output {}: its points is not a folder, so this is no sweep folder ittsim wrote; "
                                 "use another output folder", folder.string()));
  }
  fs::create_directories(folder / "points", error);
  if (error || access(folder.c_str(), W_OK) != 0 || access((folder / "points").c_str(), W_OK) != 0) {
    throw OutputError(fmt::format("--output {}: cannot create or write the folder{}", folder.string(),
                                 error ? ": " + error.message() : std::string{}));
  }
  SweepDirectory directory(folder);
  const auto started_with = [&](const std::string& what) {
    return InputError(fmt::format("--output {} holds another sweep: {}. Use another output folder, or delete {} to "
                                  "start again", folder.string(), what, folder.string()));
  };

  const fs::path points_csv = folder / "points.csv";
  const std::string table_text = sweep.point_table_csv();
  if (fs::exists(points_csv)) {
    const auto old_lines = lines_of(read_text_file(points_csv));
    const auto new_lines = lines_of(table_text);
    for (std::size_t line = 0; line < std::max(old_lines.size(), new_lines.size()); ++line) {
      const std::string old_line = line < old_lines.size() ? old_lines[line] : "(nothing)";
      const std::string new_line = line < new_lines.size() ? new_lines[line] : "(nothing)";
      if (old_line != new_line) {
        throw started_with(fmt::format("line {} of its points.csv is '{}' where this sweep gives '{}'", line + 1,
                                       old_line, new_line));
      }
    }
  } else {
    write_file_atomically(points_csv, table_text);
  }

  const fs::path scenario_ini = directory.scenario_path();
  if (fs::exists(scenario_ini)) {
    std::optional<Scenario> old_base;
    try {
      old_base = Scenario::load(scenario_ini);
    } catch (const InputError& problem) {
      throw started_with(fmt::format("its scenario.ini cannot be read ({})", problem.what()));
    }
    if (const auto difference = first_difference(*old_base, sweep.base())) {
      throw started_with(fmt::format("its base scenario has {} where this sweep gives {}", difference->first,
                                     difference->second));
    }
  } else {
    write_file_atomically(scenario_ini, sweep.base().resolved_text());
  }
  write_file_atomically(directory.sweep_path(), sweep.text());
  directory.table_ = parse_point_table(table_text, points_csv.string());
  return directory;
}

SweepDirectory SweepDirectory::open(const fs::path& folder) {
  const fs::path points_csv = folder / "points.csv";
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    throw InputError(fmt::format("{}: not a folder; expected the output folder of ittsim sweep", folder.string()));
  }
  if (!fs::is_regular_file(points_csv, error) || !fs::is_regular_file(folder / "scenario.ini", error) ||
      !fs::is_directory(folder / "points", error)) {
    throw InputError(fmt::format("{}: not a sweep folder (no points.csv, scenario.ini or points folder); expected the "
                                 "output folder of ittsim sweep", folder.string()));
  }
  SweepDirectory directory(folder);
  directory.table_ = parse_point_table(read_text_file(points_csv), points_csv.string());
  return directory;
}

fs::path SweepDirectory::point_path(std::size_t point) const {
  return folder_ / "points" / fmt::format("point_{:06}.h5", point);
}

fs::path SweepDirectory::error_path(std::size_t point) const {
  return folder_ / "points" / fmt::format("point_{:06}.error", point);
}

bool SweepDirectory::complete(std::size_t point) const {
  std::error_code ignored;
  return fs::is_regular_file(point_path(point), ignored);
}

std::optional<FileLock> SweepDirectory::lock_point(std::size_t point) const {
  return FileLock::try_acquire(folder_ / "points" / fmt::format("point_{:06}.lock", point));
}

void SweepDirectory::remove_stale_files(std::size_t point, const FileLock&) const {
  for (const auto& stale : temporary_files(point_path(point))) {
    std::error_code ignored;
    fs::remove(stale, ignored);
  }
}

std::vector<PointState> SweepDirectory::scan() const {
  std::vector<PointState> states(table_.size());
  std::vector<bool> complete(table_.size(), false);
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder_ / "points", error)) {
    const std::string name = entry.path().filename().string();
    if (const auto index = point_index(name, ".h5"); index >= 0 && static_cast<std::size_t>(index) < states.size()) {
      std::error_code ignored;
      if (entry.is_regular_file(ignored)) complete[static_cast<std::size_t>(index)] = true;
    } else if (const auto failed = point_index(name, ".error"); failed >= 0 && static_cast<std::size_t>(failed) < states.size()) {
      auto& state = states[static_cast<std::size_t>(failed)];
      state.status = PointStatus::failed;
      std::ifstream in(entry.path());
      std::getline(in, state.error);
    }
  }
  if (error) throw InputError(fmt::format("cannot list {}: {}", (folder_ / "points").string(), error.message()));
  for (std::size_t point = 0; point < states.size(); ++point) {
    if (complete[point]) states[point] = {PointStatus::complete, {}};
  }
  return states;
}

void SweepDirectory::record_failure(std::size_t point, const std::string& error) const {
  write_file_atomically(error_path(point), error + "\n");
}

void SweepDirectory::clear_failure(std::size_t point) const {
  std::error_code ignored;
  fs::remove(error_path(point), ignored);
}

void SweepDirectory::refresh_manifest(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_refresh_ < manifest_interval) return;
  last_refresh_ = now;
  const auto states = scan();
  std::string text = "point,seed";
  for (const auto& parameter : table_.parameters) text += "," + parameter;
  text += ",status,error\n";
  for (std::size_t point = 0; point < states.size(); ++point) {
    text += fmt::format("{},{}", point, table_.seeds[point]);
    for (const auto& value : table_.values[point]) text += "," + value;
    text += fmt::format(",{},{}\n", status_name(states[point].status), csv_field(states[point].error));
  }
  write_file_atomically(manifest_path(), text);
}

}  // namespace ittsim
