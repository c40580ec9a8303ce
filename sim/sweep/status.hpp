#pragma once
// What a sweep folder holds, for `ittsim sweep-status`: its points complete, failed and
// pending, by shard when the shard count is given, and the commands that run what is left.

#include "sim/sweep/directory.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ittsim {

struct ShardCounts {
  std::size_t shard = 0;
  std::size_t points = 0;
  std::size_t complete = 0;
  std::size_t failed = 0;
  std::size_t pending = 0;
};

struct SweepStatus {
  std::filesystem::path folder;
  std::size_t points = 0;
  std::size_t complete = 0;
  std::size_t failed = 0;
  std::size_t pending = 0;  // neither complete nor failed: not run yet, or running now
  std::vector<std::pair<std::size_t, std::string>> failures;  // point and its error, in point order
  std::size_t shard_count = 0;                                 // 0: not asked for
  std::vector<ShardCounts> shards;                              // one per shard when shard_count > 0
  std::vector<std::size_t> shards_with_work;                    // shards holding a failed or pending point
};

// Reads the folder's points once (SweepDirectory::scan). shard_count 0 leaves the shards out.
SweepStatus sweep_status(const SweepDirectory& directory, std::size_t shard_count);

enum class StatusFormat { text, json };

// The status as text for a person (with the commands that retry what is left) or as JSON.
std::string format_sweep_status(const SweepStatus& status, StatusFormat format);

}  // namespace ittsim
