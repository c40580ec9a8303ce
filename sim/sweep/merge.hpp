#pragma once
// Merges a sweep folder into one HDF5 file (layout in docs/OUTPUT.md, "Sweep files"): a point
// table and every series stacked by point and replicate. Written through a temporary file like
// run outputs, and refused (InputError) while points are incomplete unless allow_partial.

#include <filesystem>
#include <string>

namespace ittsim {

inline constexpr std::int64_t sweep_format_version = 1;

struct MergeOptions {
  std::filesystem::path output;
  bool allow_partial = false;
  std::string command_line;  // recorded under /provenance
};

struct MergeResult {
  std::size_t points = 0;
  std::size_t complete = 0;
  std::size_t failed = 0;
  std::size_t pending = 0;
};

MergeResult merge_sweep(const std::filesystem::path& folder, const MergeOptions& options);

}  // namespace ittsim
