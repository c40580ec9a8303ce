#include "sim/io/checkpoint_file.hpp"

#include "sim/core/errors.hpp"
#include "sim/params/schools_file.hpp"

#include <fmt/format.h>
#include <ittsim/build_info.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

inline constexpr std::size_t chunk_elements = std::size_t{1} << 16;
// Fast compression: a checkpoint is written often and read once.
inline constexpr int deflate_level = 1;
inline constexpr const char* title = "ittsim checkpoint";

// A store whose members are all vectors is exactly that many vectors long: a member left out
// of visit_members would be left out of checkpoints, and resumed runs would differ.
template <typename Store>
constexpr std::size_t listed_members() {
  std::size_t count = 0;
  Store store{};
  Store::visit_members(store, [&](const char*, const auto&) constexpr { ++count; });
  return count;
}
template <typename Store>
constexpr bool lists_every_member = sizeof(Store) == listed_members<Store>() * sizeof(std::vector<int>);
static_assert(lists_every_member<Schools>, "Schools::visit_members must list every member");
static_assert(lists_every_member<Teachers>, "Teachers::visit_members must list every member");
static_assert(lists_every_member<Trainees>, "Trainees::visit_members must list every member");
static_assert(lists_every_member<Providers>, "Providers::visit_members must list every member");
static_assert(lists_every_member<Networks>, "Networks::visit_members must list every member");
static_assert(lists_every_member<JobSeekers>, "JobSeekers::visit_members must list every member");

template <typename T>
struct is_vector : std::false_type {};
template <typename T>
struct is_vector<std::vector<T>> : std::true_type {};

template <typename T>
using stored_as = std::conditional_t<std::is_floating_point_v<T>, double, std::int64_t>;

template <typename T>
std::int64_t to_int64(T value) {
  if constexpr (std::is_enum_v<T>) {
    return static_cast<std::int64_t>(static_cast<std::underlying_type_t<T>>(value));
  } else {
    return static_cast<std::int64_t>(value);
  }
}

void write_values(h5::Group& group, const std::string& name, std::span<const std::int64_t> values) {
  group.create_array(name, h5::ElementType::int64, {values.size()}, {chunk_elements}, deflate_level).write_block({}, values);
}

void write_values(h5::Group& group, const std::string& name, std::span<const double> values) {
  group.create_array(name, h5::ElementType::float64, {values.size()}, {chunk_elements}, deflate_level).write_block({}, values);
}

template <typename T>
void write_member(h5::Group& group, const std::string& name, const std::vector<T>& values) {
  if constexpr (is_vector<T>::value) {
    // Ragged: every row's values end to end, and where each row starts (one more than rows).
    auto ragged = group.create_group(name);
    std::vector<std::int64_t> offsets{0};
    std::vector<stored_as<typename T::value_type>> flat;
    for (const auto& row : values) {
      for (const auto value : row) {
        if constexpr (std::is_floating_point_v<typename T::value_type>) flat.push_back(value);
        else flat.push_back(to_int64(value));
      }
      offsets.push_back(static_cast<std::int64_t>(flat.size()));
    }
    write_values(ragged, "offsets", std::span<const std::int64_t>(offsets));
    write_values(ragged, "values", std::span<const stored_as<typename T::value_type>>(flat));
  } else if constexpr (std::is_floating_point_v<T>) {
    write_values(group, name, std::span<const double>(values));
  } else {
    std::vector<std::int64_t> converted(values.size());
    std::transform(values.begin(), values.end(), converted.begin(), [](T value) { return to_int64(value); });
    write_values(group, name, std::span<const std::int64_t>(converted));
  }
}

// Reading checks what writing guarantees, so that a damaged or edited checkpoint is refused
// with its path rather than run.
[[noreturn]] void damaged(const std::string& where, const std::string& what) {
  throw InputError(fmt::format("{}: damaged checkpoint: {}", where, what));
}

// How many values an enumeration has: a stored one at or past this is not one of them.
template <typename T>
constexpr std::size_t enumerators() {
  if constexpr (std::is_same_v<T, Phase>) return phase_names.size();
  else if constexpr (std::is_same_v<T, Region>) return region_count;
  else if constexpr (std::is_same_v<T, AreaType>) return area_type_count;
  else if constexpr (std::is_same_v<T, Governance>) return governance_count;
  else if constexpr (std::is_same_v<T, ProviderType>) return provider_type_count;
  else if constexpr (std::is_same_v<T, Route>) return route_count;
  else if constexpr (std::is_same_v<T, Subject>) return subject_count;
  else if constexpr (std::is_same_v<T, NetworkKind>) return network_kind_count;
  else if constexpr (std::is_same_v<T, Accreditation>) return static_cast<std::size_t>(Accreditation::closed) + 1;
  else if constexpr (std::is_same_v<T, TraineeStatus>) return static_cast<std::size_t>(TraineeStatus::qts) + 1;
  else if constexpr (std::is_same_v<T, Departure>) return static_cast<std::size_t>(Departure::moved) + 1;
  else static_assert(!std::is_enum_v<T>, "enumerators: an enumeration stored in checkpoints is missing here");
}

template <typename T>
T from_int64(std::int64_t value, const std::string& where) {
  using Integer = typename std::conditional_t<std::is_enum_v<T>, std::underlying_type<T>, std::type_identity<T>>::type;
  if (value < static_cast<std::int64_t>(std::numeric_limits<Integer>::min()) ||
      (value > 0 && static_cast<std::uint64_t>(value) > static_cast<std::uint64_t>(std::numeric_limits<Integer>::max()))) {
    damaged(where, fmt::format("value {} out of range", value));
  }
  if constexpr (std::is_enum_v<T>) {
    if (value < 0 || static_cast<std::size_t>(value) >= enumerators<T>()) {
      damaged(where, fmt::format("value {} is not one of the {} values of this enumeration", value, enumerators<T>()));
    }
  }
  return static_cast<T>(static_cast<Integer>(value));
}

template <typename T>
std::vector<T> read_values(const h5::Group& group, const std::string& name) {
  const auto dataset = group.open_dataset(name);
  if (dataset.dims().size() != 1) damaged(dataset.path(), "expected a one-dimensional dataset");
  if constexpr (std::is_floating_point_v<T>) {
    if (dataset.element_type() != h5::ElementType::float64) damaged(dataset.path(), "expected float64 values");
    auto values = dataset.read_doubles();
    const auto infinite = std::find_if(values.begin(), values.end(), [](double value) { return !std::isfinite(value); });
    if (infinite != values.end()) {
      damaged(dataset.path(), fmt::format("value {} at index {} is not a finite number", *infinite, infinite - values.begin()));
    }
    return values;
  } else {
    if (dataset.element_type() != h5::ElementType::int64) damaged(dataset.path(), "expected int64 values");
    const auto stored = dataset.read_int64s();
    std::vector<T> values;
    values.reserve(stored.size());
    for (const auto value : stored) values.push_back(from_int64<T>(value, dataset.path()));
    return values;
  }
}

template <typename T>
void read_member(const h5::Group& group, const std::string& name, std::vector<T>& values) {
  if constexpr (is_vector<T>::value) {
    const auto ragged = group.open_group(name);
    const auto offsets = read_values<std::int64_t>(ragged, "offsets");
    const auto flat = read_values<typename T::value_type>(ragged, "values");
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != static_cast<std::int64_t>(flat.size()) ||
        !std::is_sorted(offsets.begin(), offsets.end())) {
      damaged(ragged.path(), "row offsets do not match the values");
    }
    values.assign(offsets.size() - 1, {});
    for (std::size_t row = 0; row + 1 < offsets.size(); ++row) {
      values[row].assign(flat.begin() + offsets[row], flat.begin() + offsets[row + 1]);
    }
  } else {
    values = read_values<T>(group, name);
  }
}

template <typename Store>
void write_store(h5::Group& state, const std::string& name, const Store& store) {
  auto group = state.create_group(name);
  group.write_attribute("size", static_cast<std::int64_t>(store.size()));
  Store::visit_members(store, [&](const char* member, const auto& values) { write_member(group, member, values); });
}

template <typename Store>
void read_store(const h5::Group& state, const std::string& name, Store& store) {
  const auto group = state.open_group(name);
  const auto size = group.read_int_attribute("size");
  if (size < 0 || size >= static_cast<std::int64_t>(no_id)) damaged(group.path(), fmt::format("size {} out of range", size));
  Store::visit_members(store, [&](const char* member, auto& values) {
    read_member(group, member, values);
    if (static_cast<std::int64_t>(values.size()) != size) {
      damaged(group.path(), fmt::format("{} has {} entries, expected {}", member, values.size(), size));
    }
  });
}

// The world's agent stores, each under its own name: one list for writing and reading.
template <typename WorldType, typename Visit>
void visit_stores(WorldType& world, Visit&& visit) {
  visit("schools", world.schools);
  visit("teachers", world.teachers);
  visit("trainees", world.trainees);
  visit("providers", world.providers);
  visit("networks", world.networks);
  visit("job_seekers", world.job_seekers);
}

void write_state(h5::Group& root, const Simulation& simulation) {
  auto state = root.create_group("state");
  const auto& clock = simulation.clock();
  state.write_attribute("week_of_year", static_cast<std::int64_t>(clock.week_of_year));
  state.write_attribute("absolute_week", static_cast<std::int64_t>(clock.absolute_week));
  state.write_attribute("academic_year", clock.academic_year);
  write_values(state, "cohort_sizes", std::span<const std::int64_t>(simulation.cohort_sizes()));
  write_values(state, "cohort_retained", std::span<const std::int64_t>(simulation.cohort_retained()));
  const auto& world = simulation.world();
  visit_stores(world, [&](const char* name, const auto& store) { write_store(state, name, store); });
  std::vector<std::vector<SchoolId>> by_region_phase;
  for (const auto& region : world.schools_by_region_phase) by_region_phase.insert(by_region_phase.end(), region.begin(), region.end());
  write_member(state, "schools_by_region_phase", by_region_phase);
}

// Which store each stored id indexes, by store and member: an id past its store's end would
// be used as an index. Every id member must be listed; none (no_id) is allowed where marked.
struct IdMember {
  std::string_view store;
  std::string_view member;
  std::string_view target;
  bool may_be_none;
};
inline constexpr std::array<IdMember, 14> id_members{{
    {"schools", "first_post", "teachers", false},
    {"schools", "partners", "providers", false},
    {"schools", "networks", "networks", false},
    {"teachers", "school", "schools", false},
    {"teachers", "induction_mentor", "teachers", true},
    {"trainees", "provider", "providers", false},
    {"trainees", "employer", "schools", true},
    {"trainees", "school", "schools", true},
    {"trainees", "mentor", "teachers", true},
    {"trainees", "first_school", "schools", true},
    {"trainees", "last_school", "schools", true},
    {"providers", "partner_schools", "schools", false},
    {"providers", "lead_partner", "providers", true},
    {"networks", "members", "schools", false},
}};

template <typename T>
void check_ids(const std::vector<T>& values, std::size_t target_size, const IdMember& ids, const std::string& where) {
  if constexpr (is_vector<T>::value) {
    for (const auto& row : values) check_ids(row, target_size, ids, where);
  } else {
    for (std::size_t index = 0; index < values.size(); ++index) {
      const auto id = values[index];
      if (id < target_size || (ids.may_be_none && id == no_id)) continue;
      damaged(where, fmt::format("{} {} in {} is not one of the {} {}{}", ids.member, id, ids.store, target_size,
                                 ids.target, ids.may_be_none ? " (or none)" : ""));
    }
  }
}

// What the stores' sizes alone do not guarantee: ids within their stores, each school's posts
// within the teachers, and the region and phase lists holding every school once, rightly placed.
void check_references(const World& world, const std::string& where) {
  std::map<std::string_view, std::size_t> sizes;
  visit_stores(world, [&](const char* name, const auto& store) { sizes[name] = store.size(); });
  visit_stores(world, [&](const char* store_name, const auto& store) {
    using Store = std::remove_cvref_t<decltype(store)>;
    Store::visit_members(store, [&](const char* member, const auto& values) {
      using Value = typename std::remove_cvref_t<decltype(values)>::value_type;
      using Element = typename std::conditional_t<is_vector<Value>::value, Value, std::vector<Value>>::value_type;
      if constexpr (std::is_same_v<Element, std::uint32_t>) {
        const auto ids = std::find_if(id_members.begin(), id_members.end(), [&](const IdMember& entry) {
          return entry.store == store_name && entry.member == member;
        });
        if (ids == id_members.end()) throw std::logic_error(fmt::format("{}.{} is missing from id_members", store_name, member));
        check_ids(values, sizes.at(ids->target), *ids, fmt::format("{}/{}/{}", where, store_name, member));
      }
    });
  });
  const auto& schools = world.schools;
  for (std::size_t school = 0; school < schools.size(); ++school) {
    if (schools.post_count[school] < 0 ||
        std::uint64_t{schools.first_post[school]} + static_cast<std::uint64_t>(schools.post_count[school]) > world.teachers.size()) {
      damaged(where, fmt::format("school {} has posts past the {} teachers", school, world.teachers.size()));
    }
    if (schools.partners[school].empty()) damaged(where, fmt::format("school {} has no home provider", school));
  }
  for (std::size_t provider = 0; provider < world.providers.size(); ++provider) {
    if (world.providers.home_school_count[provider] > world.providers.partner_schools[provider].size()) {
      damaged(where, fmt::format("provider {} has more home schools than partner schools", provider));
    }
  }
  // Locations within a box well beyond England's on the British National Grid, and authorities
  // of the table: the school grid and the series by local authority are indexed by them.
  const auto check_place = [&](std::string_view what, std::size_t id, double easting_km, double northing_km, std::int32_t authority) {
    constexpr double grid_low_km = -1000;
    constexpr double grid_high_km = 2000;
    if (!(easting_km >= grid_low_km && easting_km <= grid_high_km && northing_km >= grid_low_km && northing_km <= grid_high_km)) {
      damaged(where, fmt::format("{} {} at ({}, {}) km is off the British National Grid", what, id, easting_km, northing_km));
    }
    if (authority < 0 || static_cast<std::size_t>(authority) >= local_authority_count) {
      damaged(where, fmt::format("{} {} has local authority {}: expected 0 to {}", what, id, authority, local_authority_count - 1));
    }
  };
  for (std::size_t school = 0; school < schools.size(); ++school)
    check_place("school", school, schools.easting_km[school], schools.northing_km[school], schools.local_authority[school]);
  const auto& providers = world.providers;
  for (std::size_t provider = 0; provider < providers.size(); ++provider)
    check_place("provider", provider, providers.base_easting_km[provider], providers.base_northing_km[provider], 0);
  const auto& trainees = world.trainees;
  for (std::size_t trainee = 0; trainee < trainees.size(); ++trainee) {
    check_place("trainee", trainee, trainees.home_easting_km[trainee], trainees.home_northing_km[trainee],
                trainees.home_local_authority[trainee]);
  }
  const auto& seekers = world.job_seekers;
  for (std::size_t seeker = 0; seeker < seekers.size(); ++seeker) {
    check_place("job seeker", seeker, seekers.home_easting_km[seeker], seekers.home_northing_km[seeker],
                seekers.home_local_authority[seeker]);
  }
  std::vector<std::uint8_t> listed(schools.size(), 0);
  for (std::size_t region = 0; region < region_count; ++region) {
    for (std::size_t phase = 0; phase < phase_names.size(); ++phase) {
      for (const SchoolId school : world.schools_by_region_phase[region][phase]) {
        if (school >= schools.size() || listed[school] != 0 || static_cast<std::size_t>(schools.region[school]) != region ||
            static_cast<std::size_t>(schools.phase[school]) != phase) {
          damaged(where, fmt::format("schools_by_region_phase: school {} listed wrongly in region {}, phase {}", school,
                                     region, phase));
        }
        listed[school] = 1;
      }
    }
  }
  if (std::find(listed.begin(), listed.end(), 0) != listed.end()) damaged(where, "schools_by_region_phase misses a school");
}

YearBoundaryState read_saved_state(const h5::Group& root) {
  const auto state = root.open_group("state");
  YearBoundaryState saved;
  saved.clock.week_of_year = from_int64<int>(state.read_int_attribute("week_of_year"), state.path());
  saved.clock.absolute_week = from_int64<int>(state.read_int_attribute("absolute_week"), state.path());
  saved.clock.academic_year = state.read_int_attribute("academic_year");
  saved.cohort_sizes = read_values<std::int64_t>(state, "cohort_sizes");
  saved.cohort_retained = read_values<std::int64_t>(state, "cohort_retained");
  auto& world = saved.world;
  visit_stores(world, [&](const char* name, auto& store) { read_store(state, name, store); });
  std::vector<std::vector<SchoolId>> by_region_phase;
  read_member(state, "schools_by_region_phase", by_region_phase);
  if (by_region_phase.size() != world.schools_by_region_phase.size() * 3) {
    damaged(state.path(), "schools_by_region_phase has the wrong number of rows");
  }
  for (std::size_t row = 0; row < by_region_phase.size(); ++row) {
    world.schools_by_region_phase[row / 3][row % 3] = std::move(by_region_phase[row]);
  }
  check_references(world, state.path());
  if (std::any_of(saved.cohort_sizes.begin(), saved.cohort_sizes.end(), [](std::int64_t size) { return size < 0; })) {
    damaged(state.path() + "/cohort_sizes", "a negative cohort size");
  }
  if (std::any_of(saved.cohort_retained.begin(), saved.cohort_retained.end(), [](std::int64_t count) { return count < 0; })) {
    damaged(state.path() + "/cohort_retained", "a negative count");
  }
  return saved;
}

// HDF5 failures while reading a checkpoint are bad input: the file is not what ittsim wrote.
template <typename Read>
auto reading(const fs::path& path, Read&& read) {
  return h5::read_input(path, "ittsim checkpoint", std::forward<Read>(read));
}

// A checkpoint's description, from its open file: build, scenario, run position, and its
// output read whole (resuming copies it into the new output, where a failure is the output's).
Checkpoint described(const fs::path& path, h5::File file, CheckpointBuild build) {
  const std::string where = path.string();
  const auto& root = file.root();
  if (!root.has_attribute("title") || root.read_string_attribute("title") != title) {
    throw InputError(fmt::format("{}: not an ittsim checkpoint", where));
  }
  const auto format = root.read_int_attribute("checkpoint_format_version");
  const auto version = root.read_string_attribute("ittsim_version");
  const auto commit = root.read_string_attribute("git_commit");
  if (format != checkpoint_format_version ||
      (build == CheckpointBuild::same && (version != build_info::version || commit != build_info::git_commit))) {
    throw InputError(fmt::format(
        "{}: written by ittsim {} (commit {}, checkpoint format {}); this is ittsim {} (commit {}, format {}). A "
        "checkpoint resumes only in the build that wrote it, which alone reproduces the run exactly: resume with "
        "that build, or run the scenario again",
        where, version, commit, format, build_info::version, build_info::git_commit, checkpoint_format_version));
  }
  const auto scenario_text = root.read_strings("scenario");
  if (scenario_text.size() != 1) damaged(where, "expected one scenario text");
  Scenario scenario = Scenario::from_text(scenario_text.front(), where + ":/scenario", root.read_string_attribute("scenario_name"));
  // A school list is read again from its file: it must be the file the run started from.
  if (root.has_attribute("schools_file_sha256")) {
    const auto saved = root.read_string_attribute("schools_file_sha256");
    const auto& list = scenario.parameters().school_list;
    if (!list || list->sha256 != saved) {
      throw InputError(fmt::format("{}: the run read population.schools_file {} with SHA-256 {}, but it now has {}: "
                                   "put that file back to resume, or run the scenario again",
                                   where, list ? list->path : scenario.parameters().population.schools_file, saved,
                                   list ? list->sha256 : std::string("no school list")));
    }
  }
  RunPosition position;
  const auto replicate = root.read_int_attribute("replicate");
  position.years_done = root.read_int_attribute("years_done");
  position.checkpoint_every = root.read_int_attribute("checkpoint_every");
  if (replicate < 0 || replicate >= scenario.parameters().run.replicates || position.years_done < 1 ||
      position.checkpoint_every < 0) {
    damaged(where, fmt::format("replicate {} of {}, {} years done, checkpoints every {}", replicate,
                               scenario.parameters().run.replicates, position.years_done, position.checkpoint_every));
  }
  position.replicate = static_cast<std::uint64_t>(replicate);
  const bool has_state = root.has_child("state");
  auto output = root.open_group("output");
  output.read_every_dataset();
  return Checkpoint{path, std::move(scenario), position, has_state, std::move(file), std::move(output)};
}

// A checkpoint is named complete only once it reads back whole: else a write that failed
// unnoticed would replace the run's previous, good checkpoint with an unreadable one.
// This run's own file, just closed: read here, without the child process that guards a
// command against damaged input files.
void verify_written(const fs::path& partial) {
  try {
    const Checkpoint checkpoint = described(partial, h5::File::open_read_only(partial), CheckpointBuild::same);
    if (checkpoint.has_state) checkpoint.file.root().open_group("state").read_every_dataset();
  } catch (const std::runtime_error& error) {
    throw OutputError(fmt::format("{} does not read back as written: {}", partial.string(), error.what()));
  }
}

}  // namespace

void write_checkpoint(const fs::path& path, const Scenario& scenario, const RunPosition& position,
                      const Simulation* simulation, const OutputFile& output) {
  const fs::path partial = partial_path(path);
  try {
    auto file = h5::File::create(partial);
    auto& root = file.root();
    root.write_attribute("title", std::string(title));
    root.write_attribute("checkpoint_format_version", checkpoint_format_version);
    root.write_attribute("ittsim_version", std::string(build_info::version));
    root.write_attribute("git_commit", std::string(build_info::git_commit));
    root.write_attribute("scenario_name", scenario.name());
    root.write_attribute("replicate", static_cast<std::int64_t>(position.replicate));
    root.write_attribute("years_done", position.years_done);
    root.write_attribute("checkpoint_every", position.checkpoint_every);
    root.write_attribute("written_at", utc_now());
    root.write_strings("scenario", {scenario.resolved_text()});
    if (const auto& list = scenario.parameters().school_list) root.write_attribute("schools_file_sha256", list->sha256);
    {
      auto saved_output = root.create_group("output");
      output.save_to(saved_output);
    }
    if (simulation != nullptr) write_state(root, *simulation);
    file.close();
    verify_written(partial);
  } catch (...) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw;
  }
  std::error_code error;
  fs::rename(partial, path, error);
  if (error) {
    fs::remove(partial, error);
    throw OutputError(fmt::format("cannot rename {} to {}: {}", partial.string(), path.string(), error.message()));
  }
}

Checkpoint read_checkpoint(const fs::path& path, CheckpointBuild build) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw InputError(fmt::format("checkpoint not found: {}", path.string()));
  return reading(path, [&] {
    Checkpoint checkpoint = described(path, h5::File::open_read_only(path), build);
    // Read here too as resuming will copy it into the new output (OutputFile): so inside read_input.
    checkpoint.output.read_as_copied();
    return checkpoint;
  });
}

std::optional<YearBoundaryState> Checkpoint::read_state() const {
  if (!has_state) return std::nullopt;
  return reading(path, [&] { return std::optional<YearBoundaryState>(read_saved_state(file.root())); });
}

std::string checkpoint_file_name(std::int64_t years_done) { return fmt::format("checkpoint_{:06}.h5", years_done); }

std::vector<fs::path> checkpoints_in(const fs::path& folder) {
  std::vector<fs::path> found;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return found;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("checkpoint_") && name.ends_with(".h5") && entry.is_regular_file(ec)) found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace ittsim
