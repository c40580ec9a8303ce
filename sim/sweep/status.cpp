#include "sim/sweep/status.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ittsim {

SweepStatus sweep_status(const SweepDirectory& directory, std::size_t shard_count) {
  SweepStatus status;
  status.folder = directory.folder();
  status.shard_count = shard_count;
  const auto states = directory.scan();
  status.points = states.size();
  for (std::size_t shard = 0; shard < shard_count; ++shard) status.shards.push_back({.shard = shard});
  for (std::size_t point = 0; point < states.size(); ++point) {
    const auto& state = states[point];
    ShardCounts* shard = shard_count > 0 ? &status.shards[point % shard_count] : nullptr;
    if (shard) ++shard->points;
    switch (state.status) {
      case PointStatus::complete:
        ++status.complete;
        if (shard) ++shard->complete;
        break;
      case PointStatus::failed:
        ++status.failed;
        if (shard) ++shard->failed;
        status.failures.emplace_back(point, state.error);
        break;
      case PointStatus::pending:
        ++status.pending;
        if (shard) ++shard->pending;
        break;
    }
  }
  for (const auto& shard : status.shards) {
    if (shard.failed + shard.pending > 0) status.shards_with_work.push_back(shard.shard);
  }
  return status;
}

namespace {

std::string json_string(const std::string& text) {
  std::string quoted = "\"";
  for (const unsigned char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c < 0x20) {
      quoted += fmt::format("\\u{:04x}", c);
    } else {
      quoted += static_cast<char>(c);
    }
  }
  return quoted + "\"";
}

// An error's first line, shortened for a table.
std::string first_line(const std::string& error) {
  auto line = error.substr(0, error.find('\n'));
  return line.size() > 200 ? line.substr(0, 197) + "..." : line;
}

std::string as_text(const SweepStatus& status) {
  const auto folder = status.folder.string();
  std::string text = fmt::format("{}: {} points: {} complete, {} failed, {} pending (not run yet, or running now)\n",
                                 folder, status.points, status.complete, status.failed, status.pending);
  if (!status.failures.empty()) {
    text += "Failed:\n";
    for (const auto& [point, error] : status.failures) text += fmt::format("  point {}: {}\n", point, first_line(error));
  }
  if (status.shard_count > 0) {
    text += fmt::format("By shard (point p is shard p mod {}):\n  {:>5} {:>7} {:>9} {:>7} {:>8}\n", status.shard_count,
                        "shard", "points", "complete", "failed", "pending");
    for (const auto& shard : status.shards) {
      text += fmt::format("  {:>5} {:>7} {:>9} {:>7} {:>8}\n", shard.shard, shard.points, shard.complete, shard.failed,
                          shard.pending);
    }
  }
  if (status.complete == status.points) {
    return text + fmt::format("Every point is complete: merge with\n  ittsim merge {} -o {}.h5\n", folder,
                              status.folder.has_filename() ? folder : status.folder.parent_path().string());
  }
  text += "Complete points are skipped and failed ones retried when the sweep runs again:\n";
  if (status.shard_count > 0) {
    const auto tasks = fmt::format("{}", fmt::join(status.shards_with_work, ","));
    text += fmt::format(
        "  as a Slurm array, only the shards with work left (the same SHARDS as before):\n"
        "    sbatch --array={} --export=ALL,ITTSIM=$PWD/build/bin/ittsim,SWEEP=SWEEP.ini,SWEEP_DIR={},SHARDS={} "
        "scripts/slurm/sweep.sbatch\n"
        "  or here, one shard at a time:\n",
        tasks, folder, status.shard_count);
    for (const auto shard : status.shards_with_work) {
      text += fmt::format("    ittsim sweep SWEEP.ini -o {} --shards {} --shard {}\n", folder, status.shard_count, shard);
    }
  } else {
    text += fmt::format("  ittsim sweep SWEEP.ini -o {}\n  (with --shards N, sweep-status lists the array tasks to "
                        "resubmit)\n",
                        folder);
  }
  return text + "SWEEP.ini is the sweep file the sweep was started with (DIR/sweep.ini keeps a copy).\n";
}

std::string as_json(const SweepStatus& status) {
  std::string failures;
  for (const auto& [point, error] : status.failures) {
    failures += fmt::format("{}{{\"point\": {}, \"error\": {}}}", failures.empty() ? "" : ", ", point, json_string(error));
  }
  std::string shards;
  for (const auto& shard : status.shards) {
    shards += fmt::format("{}{{\"shard\": {}, \"points\": {}, \"complete\": {}, \"failed\": {}, \"pending\": {}}}",
                          shards.empty() ? "" : ", ", shard.shard, shard.points, shard.complete, shard.failed,
                          shard.pending);
  }
  return fmt::format(
      "{{\"folder\": {}, \"points\": {}, \"complete\": {}, \"failed\": {}, \"pending\": {}, \"failures\": [{}], "
      "\"shard_count\": {}, \"shards\": [{}], \"shards_with_work\": [{}]}}\n",
      json_string(status.folder.string()), status.points, status.complete, status.failed, status.pending, failures,
      status.shard_count, shards, fmt::join(status.shards_with_work, ", "));
}

}  // namespace

std::string format_sweep_status(const SweepStatus& status, StatusFormat format) {
  return format == StatusFormat::json ? as_json(status) : as_text(status);
}

}  // namespace ittsim
