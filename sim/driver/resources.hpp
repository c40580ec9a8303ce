#pragma once
// Whether a run will fit in memory, checked before anything is built: the estimate is an
// upper bound from measured costs per teacher post slot, per school (with its networks and
// partnerships) and per provider, for worlds of many tiny schools as of few large ones; the
// room is the least of what the machine, the process's cgroup (a Slurm job's --mem; cgroup v2
// or v1) and its address-space limit (ulimit -v) allow.

#include "sim/params/parameters.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ittsim {

struct MemoryEstimate {
  double schools = 0;
  double teacher_posts = 0;  // at least one per school, with its headroom
  std::uint64_t bytes = 0;
};

// Peak resident memory of a run: of one replicate (replicates run one after another), the
// output file's caches, which grow with replicates up to a limit, and writing checkpoints.
MemoryEstimate estimate_run_memory(const Parameters& parameters, bool checkpointing = false);

struct MemoryRoom {
  std::uint64_t bytes = 0;
  std::string source;  // what limits it, for messages: "MemAvailable", "cgroup memory.max or memory.limit_in_bytes", "ulimit -v"
};

// The limit of a memory cgroup less what the group already uses, for the groups listed in
// cgroup_list (/proc/self/cgroup) under mount (/sys/fs/cgroup): cgroup v2 (memory.max) or v1
// (memory/…/memory.limit_in_bytes, where "no limit" is a number near 2^63); the least of them.
std::optional<std::uint64_t> cgroup_room(const std::filesystem::path& cgroup_list, const std::filesystem::path& mount);

// The memory this process may still use; nothing when no limit can be read.
std::optional<MemoryRoom> available_memory();

// Throws InputError, with the estimate and the room, when the run cannot fit.
void check_memory(const Parameters& parameters, bool checkpointing = false);

std::string format_bytes(std::uint64_t bytes);

}  // namespace ittsim
