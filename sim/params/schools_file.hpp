#pragma once
// A real school list (population.schools_file): a CSV in the columns of DfE's "Get Information
// about Schools" establishment extract (edubasealldata<YYYYMMDD>.csv), read once when the
// scenario is validated. docs/ODD.md (School list) gives the rules: which rows are kept and
// how phase, governance, area type and local authority are read.

#include "sim/core/types.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ittsim {

// Rows of one kind, left out or found wanting: how many, and the first few (line, URN).
struct RowGroup {
  std::string reason;
  std::int64_t count = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> examples;  // (line, URN), the first few
};

// The schools kept, one per entry in ascending URN order (a school's id in the world), and
// what was left out and why.
struct SchoolList {
  std::string path;        // absolute, as read
  std::string sha256;      // of the file's bytes, in hex
  std::vector<std::int32_t> urn;
  std::vector<Phase> phase;
  std::vector<Region> region;
  std::vector<std::int32_t> local_authority;  // index into local_authorities()
  std::vector<std::int32_t> pupils;
  std::vector<double> easting_km;
  std::vector<double> northing_km;
  std::vector<AreaType> area_type;
  std::vector<Governance> governance;
  // Each kept school's multi-academy trust, as an index into trust_codes; -1 for none.
  std::vector<std::int32_t> trust;
  std::vector<std::string> trust_codes;

  std::int64_t rows = 0;             // data rows read
  std::vector<RowGroup> left_out;    // by design: closed, not state-funded, phase not modelled, region not simulated
  std::vector<RowGroup> bad_rows;    // lacking what the model needs; skipped only when asked

  std::size_t size() const noexcept { return urn.size(); }
  std::int64_t count(Phase of_phase) const;
  std::int64_t count(Region of_region) const;
  // A few lines on what was kept, what was left out and why, for `validate` and provenance.
  std::string report() const;
};

// Reads and checks path. regions is population.regions (a bit mask); with skip_bad_rows false,
// rows lacking what the model needs are refused with the report. Throws InputError naming
// the file, line, column and what was expected.
SchoolList load_school_list(const std::filesystem::path& path, std::int64_t regions, bool skip_bad_rows);

// The RFC 4180 records of text (quoted fields with commas, doubled quotes and line breaks; LF or
// CRLF line ends), each with the line on which it starts. Bytes are kept as they are: only
// the fields a caller reads need be text. Throws InputError naming source and line of an
// unterminated quote or text after a closing quote.
// Calls record(line, fields) for each record; fields are valid only during the call.
void for_each_csv_record(std::string_view text, std::string_view source,
                         const std::function<void(std::int64_t line, const std::vector<std::string>& fields)>& record);

// SHA-256 of bytes, in lower-case hex (as sha256sum prints it).
std::string sha256_hex(std::string_view bytes);

}  // namespace ittsim
