#include "sim/driver/resources.hpp"

#include "sim/core/errors.hpp"
#include "sim/model/population.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace ittsim {
namespace {

// Peak resident memory of `ittsim run` (/usr/bin/time, 4 years, 1 thread) at scales 0.25,
// 0.5 and 1 of England: 36.5, 51.2 and 79.8 MiB for 149,525, 298,402 and 589,949 post slots,
// i.e. 21.8 MiB (program, libraries, HDF5) + 103 bytes a slot; rounded up for allocator slack
// and for address space (ulimit -v): a growing vector holds its old and new blocks at once.
// Writing checkpoints (one member at a time, compressed) added 9.2, 10.1 and 11.9 MiB. With
// more replicates the peak rises and levels off 17-18 MiB higher at scales 0.1 and 1 (12 and
// 24 replicates): HDF5's caches, as the file's objects grow.
constexpr double bytes_per_post = 125;
constexpr double fixed_bytes = 24.0 * 1024 * 1024;
constexpr double more_replicates_bytes = 20.0 * 1024 * 1024;
constexpr double checkpoint_bytes_per_post = 8;
constexpr double checkpoint_fixed_bytes = 12.0 * 1024 * 1024;

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

// cgroup v2: the limit of this process's group, less what the group already uses.
std::optional<std::uint64_t> cgroup_room() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("0::")) continue;
    const std::string folder = "/sys/fs/cgroup" + line.substr(3);
    const auto limit = read_number(folder + "/memory.max");
    if (!limit) return std::nullopt;
    const auto used = read_number(folder + "/memory.current").value_or(0);
    return *limit > used ? *limit - used : 0;
  }
  return std::nullopt;
}

void consider(std::optional<MemoryRoom>& least, std::optional<std::uint64_t> bytes, const char* source) {
  if (bytes && (!least || *bytes < least->bytes)) least = MemoryRoom{*bytes, source};
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  const double mebibytes = static_cast<double>(bytes) / (1024.0 * 1024.0);
  return mebibytes >= 1024 ? fmt::format("{:.1f} GiB", mebibytes / 1024) : fmt::format("{:.0f} MiB", mebibytes);
}

MemoryEstimate estimate_run_memory(const Parameters& parameters, bool checkpointing) {
  MemoryEstimate estimate;
  estimate.teacher_posts = expected_teacher_posts(parameters.population);
  double bytes = fixed_bytes + bytes_per_post * estimate.teacher_posts;
  if (parameters.run.replicates > 1) bytes += more_replicates_bytes;
  if (checkpointing) bytes += checkpoint_fixed_bytes + checkpoint_bytes_per_post * estimate.teacher_posts;
  estimate.bytes = static_cast<std::uint64_t>(bytes);
  return estimate;
}

std::optional<MemoryRoom> available_memory() {
  std::optional<MemoryRoom> least;
  consider(least, read_kilobytes("/proc/meminfo", "MemAvailable"), "available on this machine (MemAvailable)");
  consider(least, cgroup_room(), "left under this job's memory limit (cgroup memory.max)");
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
  throw InputError(fmt::format("this scenario needs an estimated {} ({:.0f} teacher post slots at population.scale = {}), "
                               "but only {} is {}; reduce population.scale or population.regions, or run where there is "
                               "more memory",
                               format_bytes(estimate.bytes), estimate.teacher_posts, parameters.population.scale,
                               format_bytes(room->bytes), room->source));
}

}  // namespace ittsim
