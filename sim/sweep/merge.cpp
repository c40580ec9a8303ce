#include "sim/sweep/merge.hpp"

#include "sim/core/errors.hpp"
#include "sim/params/ini_file.hpp"
#include "sim/core/types.hpp"
#include "sim/io/command_line.hpp"
#include "sim/io/hdf5_file.hpp"
#include "sim/io/output_file.hpp"
#include "sim/sweep/directory.hpp"

#include <fmt/format.h>
#include <ittsim/build_info.hpp>

#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>
#include <variant>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

// One series of a point file, as found in its first replicate.
struct SeriesLayout {
  std::string group;
  std::string name;
  h5::ElementType type = h5::ElementType::other;
  std::vector<std::size_t> shape;  // rows, or rows × columns
  std::vector<std::pair<std::string, std::string>> attributes;
};

std::vector<SeriesLayout> layout_of(const h5::File& file) {
  std::vector<SeriesLayout> layout;
  const auto replicate = file.root().open_group(replicate_group_name(0));
  for (const auto& group_name : replicate.child_names()) {
    // The per-agent tables of where schools and providers are: not series, and their sizes
    // may differ between points (population.scale); and the series by local authority, 153
    // columns each, which would make a merged sweep of thousands of runs large. A point's own
    // file keeps them.
    if (group_name == "schools" || group_name == "providers" || group_name == "yearly_by_local_authority") continue;
    const auto group = replicate.open_group(group_name);
    for (const auto& name : group.child_names()) {
      const auto dataset = group.open_dataset(name);
      SeriesLayout series{group_name, name, dataset.element_type(), dataset.dims(), {}};
      if (series.type == h5::ElementType::other || series.shape.empty() || series.shape.size() > 2) {
        throw InputError(fmt::format("{}: expected a series of int64 or float64 values, of one or two dimensions",
                                     dataset.path()));
      }
      for (const auto& attribute : dataset.attribute_names()) {
        series.attributes.emplace_back(attribute, dataset.read_string_attribute(attribute));
      }
      layout.push_back(std::move(series));
    }
  }
  return layout;
}

// The facts every point file must share with the first, and with the folder's records.
struct PointFileFacts {
  std::string ittsim_version;
  std::string git_commit;
  std::int64_t format_version = 0;
  std::int64_t replicates = 0;
  std::int64_t years = 0;
};

PointFileFacts facts_of(const h5::File& file) {
  const auto& root = file.root();
  return {root.read_string_attribute("ittsim_version"), root.read_string_attribute("git_commit"),
          root.read_int_attribute("format_version"), root.read_int_attribute("replicates"),
          root.read_int_attribute("years")};
}

// What a point file must share with the sweep and with the sweep's first complete point.
struct PointCheck {
  const std::vector<SeriesLayout>& layout;
  const PointFileFacts& facts;
  std::size_t first = 0;   // the first complete point, which gave the layout and facts
  std::uint64_t seed = 0;  // the point's seed in points.csv
  std::size_t replicates = 0;
  std::int64_t years = 0;
};

// One series of one replicate, as stored.
using SeriesValues = std::variant<std::vector<std::int64_t>, std::vector<double>>;

// A point file's series, read whole once it is found to belong to the sweep: replicate r's
// series k is at r * layout size + k.
std::vector<SeriesValues> read_point_series(const h5::File& file, const fs::path& path, const PointCheck& check) {
  const auto mismatch = [&](const std::string& what) {
    return InputError(fmt::format("{}: {}; every point of a sweep must come from the same sweep and the same ittsim. "
                                  "Delete it and run the sweep again to redo the point", path.string(), what));
  };
  const auto facts = facts_of(file);
  const auto seed = static_cast<std::uint64_t>(file.root().read_int_attribute("seed"));
  if (seed != check.seed) throw mismatch(fmt::format("its seed is {} where points.csv gives {}", seed, check.seed));
  if (facts.replicates != static_cast<std::int64_t>(check.replicates) || facts.years != check.years) {
    throw mismatch(fmt::format("it has {} replicates of {} years where the sweep has {} of {}", facts.replicates,
                               facts.years, check.replicates, check.years));
  }
  if (facts.git_commit != check.facts.git_commit || facts.format_version != check.facts.format_version) {
    throw mismatch(fmt::format("it was written by ittsim {} ({}) where point {} was written by {} ({})",
                               facts.ittsim_version, facts.git_commit, check.first, check.facts.ittsim_version,
                               check.facts.git_commit));
  }
  std::vector<SeriesValues> values;
  values.reserve(check.replicates * check.layout.size());
  for (std::size_t replicate = 0; replicate < check.replicates; ++replicate) {
    const auto group = file.root().open_group(replicate_group_name(replicate));
    for (const auto& series : check.layout) {
      const auto dataset = group.open_group(series.group).open_dataset(series.name);
      if (dataset.dims() != series.shape || dataset.element_type() != series.type) {
        throw mismatch(fmt::format("{} has another shape or type than in point {}", dataset.path(), check.first));
      }
      if (series.type == h5::ElementType::int64) {
        values.emplace_back(dataset.read_int64s());
      } else {
        values.emplace_back(dataset.read_doubles());
      }
    }
  }
  return values;
}

// The first complete point, read whole: its layout and facts, which every other point must
// share, and its series.
struct FirstPoint {
  std::vector<SeriesLayout> layout;
  PointFileFacts facts;
  std::vector<SeriesValues> series;
};

// Removes the temporary file unless the merge got as far as renaming it.
class PartialFile {
 public:
  explicit PartialFile(fs::path path) : path_(std::move(path)) {}
  ~PartialFile() {
    if (!committed_) {
      std::error_code ignored;
      fs::remove(path_, ignored);
    }
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;
  void commit(const fs::path& final_path) {
    std::error_code error;
    fs::rename(path_, final_path, error);
    if (error) throw OutputError(fmt::format("cannot rename {} to {}: {}", path_.string(), final_path.string(), error.message()));
    committed_ = true;
  }

 private:
  fs::path path_;
  bool committed_ = false;
};

void write_point_table(h5::Group& root, const SweepTable& table, const std::vector<PointState>& states) {
  auto points = root.create_group("points");
  const std::size_t count = table.size();
  const std::vector<std::size_t> shape{count};
  std::vector<std::int64_t> indices(count);
  std::vector<std::int64_t> seeds(count);
  std::vector<std::string> status(count);
  std::vector<std::string> errors(count);
  for (std::size_t point = 0; point < count; ++point) {
    indices[point] = static_cast<std::int64_t>(point);
    seeds[point] = static_cast<std::int64_t>(table.seeds[point]);
    status[point] = std::string(status_name(states[point].status));
    errors[point] = states[point].error;
  }
  points.create_array("point", h5::ElementType::int64, shape, shape).write_block({}, std::span<const std::int64_t>(indices));
  points.create_array("seed", h5::ElementType::int64, shape, shape).write_block({}, std::span<const std::int64_t>(seeds));
  points.write_strings("status", status);
  points.write_strings("error", errors);
  for (std::size_t k = 0; k < table.parameters.size(); ++k) {
    std::vector<double> values(count);
    for (std::size_t point = 0; point < count; ++point) values[point] = std::stod(table.values[point][k]);
    auto dataset = points.create_array(table.parameters[k], h5::ElementType::float64, shape, shape);
    dataset.write_block({}, std::span<const double>(values));
    dataset.write_attribute("description", std::string("value of this varied parameter at each point"));
  }
}

}  // namespace

MergeResult merge_sweep(const fs::path& folder, const MergeOptions& options) {
  const auto directory = SweepDirectory::open(folder);
  const auto& table = directory.table();
  const auto states = directory.scan();
  MergeResult result;
  result.points = table.size();
  std::string incomplete;
  for (std::size_t point = 0; point < states.size(); ++point) {
    const auto& state = states[point];
    if (state.status == PointStatus::complete) {
      ++result.complete;
      continue;
    }
    ++(state.status == PointStatus::failed ? result.failed : result.pending);
    if (result.failed + result.pending <= 3) {
      incomplete += fmt::format("; point {} {}{}", point, status_name(state.status),
                                state.error.empty() ? std::string{} : ": " + state.error);
    }
  }
  if (result.complete == 0 || (result.complete < result.points && !options.allow_partial)) {
    throw InputError(fmt::format("{}: {} of {} points complete, {} failed, {} pending{}{}. Run the sweep again to "
                                 "finish it (complete points are skipped){}",
                                 folder.string(), result.complete, result.points, result.failed, result.pending,
                                 incomplete, result.failed + result.pending > 3 ? "; …" : "",
                                 result.complete > 0 ? ", or merge what there is with --allow-partial" : ""));
  }
  check_output_path(options.output, {}, {{folder, "the sweep folder"}});
  const Scenario base = Scenario::load(directory.scenario_path());
  const auto replicates = static_cast<std::size_t>(base.parameters().run.replicates);

  std::size_t first = 0;
  while (states[first].status != PointStatus::complete) ++first;
  const std::string what = "ittsim point file";
  // Each point file is read whole inside one read_input (so first in a child process, as
  // every input is), then written into the merged file outside it.
  const auto first_path = directory.point_path(first);
  auto first_point = h5::read_input(first_path, what, [&] {
    const auto point_file = h5::File::open_read_only(first_path);
    FirstPoint read{layout_of(point_file), facts_of(point_file), {}};
    read.series = read_point_series(point_file, first_path,
                                    {read.layout, read.facts, first, table.seeds[first], replicates, base.parameters().run.years});
    return read;
  });
  const auto& layout = first_point.layout;
  const auto& expected = first_point.facts;

  const fs::path partial = temporary_path(options.output);
  PartialFile guard(partial);
  auto file = h5::File::create_new(partial);
  auto& root = file.root();
  root.write_attribute("title", std::string("ittsim sweep"));
  root.write_attribute("format_version", sweep_format_version);
  root.write_attribute("point_format_version", expected.format_version);
  root.write_attribute("ittsim_version", expected.ittsim_version);
  root.write_attribute("git_commit", expected.git_commit);
  root.write_attribute("sweep", read_text_file(directory.sweep_path()));
  root.write_attribute("scenario", read_text_file(directory.scenario_path()));
  std::string parameters;
  for (const auto& key : table.parameters) parameters += (parameters.empty() ? "" : ", ") + key;
  root.write_attribute("parameters", parameters);
  root.write_attribute("points", static_cast<std::int64_t>(result.points));
  root.write_attribute("complete_points", static_cast<std::int64_t>(result.complete));
  root.write_attribute("replicates", static_cast<std::int64_t>(replicates));
  root.write_attribute("start_year", base.parameters().run.start_year);
  root.write_attribute("years", base.parameters().run.years);
  root.write_attribute("weeks_per_year", static_cast<std::int64_t>(weeks_per_year));
  write_point_table(root, table, states);

  std::vector<h5::Dataset> stacked;
  {
    std::string group_name;
    std::optional<h5::Group> group;
    for (const auto& series : layout) {
      if (!group || group_name != series.group) {
        group = root.create_group(series.group);
        group_name = series.group;
      }
      std::vector<std::size_t> shape{result.points, replicates};
      shape.insert(shape.end(), series.shape.begin(), series.shape.end());
      std::vector<std::size_t> chunk = shape;
      chunk[0] = 1;  // a chunk holds one point's replicates, written at once
      auto dataset = group->create_array(series.name, series.type, shape, chunk);
      for (const auto& [name, value] : series.attributes) dataset.write_attribute(name, value);
      const std::string_view rows = series.group.starts_with("weekly") ? "week" : series.group == "cohorts" ? "cohort" : "year";
      dataset.write_attribute("dimensions", fmt::format("point, replicate, {}{}", rows, series.shape.size() > 1 ? ", column" : ""));
      stacked.push_back(std::move(dataset));
    }
  }

  for (std::size_t point = 0; point < states.size(); ++point) {
    if (states[point].status != PointStatus::complete) continue;
    const fs::path path = directory.point_path(point);
    const PointCheck check{layout, expected, first, table.seeds[point], replicates, base.parameters().run.years};
    const auto series = point == first ? std::move(first_point.series) : h5::read_input(path, what, [&] {
      return read_point_series(h5::File::open_read_only(path), path, check);
    });
    for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
      const std::array<std::size_t, 2> at{point, replicate};
      for (std::size_t k = 0; k < layout.size(); ++k) {
        std::visit([&](const auto& values) { stacked[k].write_block(at, std::span(values)); },
                   series[replicate * layout.size() + k]);
      }
    }
  }
  stacked.clear();
  {
    auto provenance = root.create_group("provenance");
    provenance.write_attribute("host", host_name());
    provenance.write_attribute("merged_at", utc_now());
    provenance.write_attribute("merged_by", fmt::format("ittsim {} ({})", build_info::version, build_info::git_commit));
    provenance.write_attribute("command_line", options.command_line);
    provenance.write_attribute("sweep_folder", fs::absolute(folder).string());
  }
  file.close();
  guard.commit(options.output);
  return result;
}

}  // namespace ittsim
