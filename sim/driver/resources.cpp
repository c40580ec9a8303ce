#include "sim/driver/resources.hpp"

#include "sim/core/errors.hpp"
#include "sim/model/population.hpp"
#include "sim/params/regions.hpp"
#include "sim/params/schools_file.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace ittsim {
namespace {

// Peak resident memory of `ittsim run` (/usr/bin/time, 4 years, 1 thread) at scales 0.25,
// 0.5 and 1 of England: 36.5, 51.2 and 79.8 MiB for 149,525, 298,402 and 589,949 post slots
// and 5,304, 10,606 and 21,214 schools. Worlds of many tiny schools (10 pupils, one or two
// posts each; 1 year) peaked at 36.1, 65.2 and 169.2 MiB for 30,000, 90,000 and 300,000
// schools: 519 bytes a school with its posts. Fitted together: about 90 bytes a post slot
// and 370 a school (its networks and partnerships with it); 300 schools of 5,000 pupils
// (375,000 slots) peaked at 54.2 MiB. Providers cost about 100 bytes each (20,000 against
// 2,000: +1.7 MiB). Rounded up for allocator slack and for address space (ulimit -v): a
// growing vector holds its old and new blocks at once. Writing checkpoints (one member at a
// time, compressed) added 9.2, 10.1 and 11.9 MiB. With more replicates the peak rises and
// levels off 17-18 MiB higher at scales 0.1 and 1 (12 and 24 replicates): HDF5's caches, as
// the file's objects grow.
constexpr double bytes_per_post = 110;
constexpr double bytes_per_school = 450;
constexpr double bytes_per_provider = 128;
// Trainees are recruited against national targets, which grow with population.scale (and the
// regions' share), not with schools: 10,000 schools at scale 10 (166,869 slots) peaked at
// 70.8 MiB with 2,000 providers and 72.5 MiB with 20,000, some 28 MiB above their schools,
// slots and providers.
constexpr double bytes_per_england = 3.0 * 1024 * 1024;
constexpr double fixed_bytes = 24.0 * 1024 * 1024;
constexpr double more_replicates_bytes = 20.0 * 1024 * 1024;
constexpr double checkpoint_bytes_per_post = 8;
constexpr double checkpoint_fixed_bytes = 12.0 * 1024 * 1024;

// Counts are rounded one by one, as population synthesis rounds them.
double scaled_count(std::int64_t count, const PopulationParameters& population) {
  return static_cast<double>(std::llround(static_cast<double>(count) * england_fraction(population)));
}

std::optional<std::uint64_t> read_number(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  try {
    return std::stoull(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A "Key:   value kB" line of /proc/meminfo or /proc/self/status, in bytes.
std::optional<std::uint64_t> read_kilobytes(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with(key + ":")) continue;
    std::istringstream fields(line.substr(key.size() + 1));
    std::uint64_t kilobytes = 0;
    if (fields >> kilobytes) return kilobytes * 1024;
  }
  return std::nullopt;
}



void consider(std::optional<MemoryRoom>& least, std::optional<std::uint64_t> bytes, const char* source) {
  if (bytes && (!least || *bytes < least->bytes)) least = MemoryRoom{*bytes, source};
}

}  // namespace

std::optional<std::uint64_t> cgroup_room(const std::filesystem::path& cgroup_list, const std::filesystem::path& mount) {
  std::ifstream in(cgroup_list);
  std::string line;
  std::optional<std::uint64_t> least;
  while (std::getline(in, line)) {
    std::optional<std::uint64_t> limit;
    std::optional<std::uint64_t> used;
    if (line.starts_with("0::")) {
      const std::string folder = mount.string() + line.substr(3);
      limit = read_number(folder + "/memory.max");
      used = read_number(folder + "/memory.current");
    } else if (const auto at = line.find(":memory:"); at != std::string::npos) {
      const std::string folder = (mount / "memory").string() + line.substr(at + 8);
      limit = read_number(folder + "/memory.limit_in_bytes");
      used = read_number(folder + "/memory.usage_in_bytes");
      if (limit && *limit >= (std::uint64_t{1} << 62)) limit.reset();
    }
    if (!limit) continue;
    const std::uint64_t room = *limit > used.value_or(0) ? *limit - used.value_or(0) : 0;
    if (!least || room < *least) least = room;
  }
  return least;
}

std::string format_bytes(std::uint64_t bytes) {
  const double mebibytes = static_cast<double>(bytes) / (1024.0 * 1024.0);
  return mebibytes >= 1024 ? fmt::format("{:.1f} GiB", mebibytes / 1024) : fmt::format("{:.0f} MiB", mebibytes);
}

MemoryEstimate estimate_run_memory(const Parameters& parameters, bool checkpointing) {
  MemoryEstimate estimate;
  const auto& population = parameters.population;
  estimate.schools = parameters.school_list ? static_cast<double>(parameters.school_list->size())
                                            : scaled_count(population.primary_schools, population) +
                                                  scaled_count(population.secondary_schools, population) +
                                                  scaled_count(population.special_schools, population);
  const double providers = scaled_count(population.hei_providers, population) +
                           scaled_count(population.scitt_providers, population) +
                           static_cast<double>(population.distance_hei_providers + population.teach_first_providers);
  // Every school has at least one post and its headroom, however few pupils it has.
  estimate.teacher_posts =
      std::max(expected_teacher_posts(parameters), estimate.schools * (1.0 + population.post_headroom));
  double bytes = fixed_bytes + bytes_per_post * estimate.teacher_posts + bytes_per_school * estimate.schools +
                 bytes_per_provider * providers + bytes_per_england * england_fraction(population);
  if (parameters.run.replicates > 1) bytes += more_replicates_bytes;
  if (checkpointing) bytes += checkpoint_fixed_bytes + checkpoint_bytes_per_post * estimate.teacher_posts;
  estimate.bytes = static_cast<std::uint64_t>(bytes);
  return estimate;
}

std::optional<MemoryRoom> available_memory() {
  std::optional<MemoryRoom> least;
  consider(least, read_kilobytes("/proc/meminfo", "MemAvailable"), "available on this machine (MemAvailable)");
  consider(least, cgroup_room("/proc/self/cgroup", "/sys/fs/cgroup"),
           "left under this job's memory limit (cgroup memory.max or memory.limit_in_bytes)");
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    const auto used = read_kilobytes("/proc/self/status", "VmSize").value_or(0);
    consider(least, limit.rlim_cur > used ? limit.rlim_cur - used : 0, "left under the address-space limit (ulimit -v)");
  }
  return least;
}

void check_memory(const Parameters& parameters, bool checkpointing) {
  const auto estimate = estimate_run_memory(parameters, checkpointing);
  const auto room = available_memory();
  if (!room || estimate.bytes <= room->bytes) return;
  throw InputError(fmt::format("this scenario needs an estimated {} ({:.0f} schools and {:.0f} teacher post slots at "
                               "population.scale = {}), "
                               "but only {} is {}; reduce population.scale or population.regions, or run where there is "
                               "more memory",
                               format_bytes(estimate.bytes), estimate.schools, estimate.teacher_posts,
                               parameters.population.scale,
                               format_bytes(room->bytes), room->source));
}

}  // namespace ittsim
