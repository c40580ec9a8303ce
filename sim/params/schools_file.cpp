#include "sim/params/schools_file.hpp"

#include "sim/core/errors.hpp"
#include "sim/model/local_authorities.hpp"
#include "sim/params/ini_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

// A full GIAS extract is some 60 MB; the bound keeps a wrong path (a disk image) from being read whole.
constexpr std::size_t max_schools_file_bytes = std::size_t{1} << 30;
// Rows named in a report for each reason; the rest are counted.
constexpr std::size_t examples_shown = 5;

// England's extent in the British National Grid, in km, with a margin: a point outside is a
// typing or export error (0/0 is the commonest).
constexpr double min_easting_km = 80;
constexpr double max_easting_km = 660;
constexpr double min_northing_km = 0;
constexpr double max_northing_km = 660;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The columns read; the others are ignored, in any order.
enum Column : std::size_t {
  urn_column, type_column, type_group_column, status_column, phase_column, la_code_column, la_name_column,
  gss_column, pupils_column, easting_column, northing_column, trust_code_column, urban_rural_column,
  gor_name_column, gor_code_column, column_count
};
constexpr std::array<std::string_view, column_count> column_names{
    "URN", "TypeOfEstablishment (name)", "EstablishmentTypeGroup (name)", "EstablishmentStatus (name)",
    "PhaseOfEducation (name)", "LA (code)", "LA (name)", "GSSLACode (name)", "NumberOfPupils", "Easting", "Northing",
    "Trusts (code)", "UrbanRural (name)", "GOR (name)", "GOR (code)"};
// GOR is given by name, by code, or both.
constexpr bool optional_column(std::size_t column) { return column == gor_name_column || column == gor_code_column; }

// GOR (code) A ... K of the nine English regions, in ONS order.
constexpr std::string_view gor_codes = "ABDEFGHJK";

std::optional<Region> region_of(std::string_view code, std::string_view name) {
  const std::string trimmed_code = trim(code);
  if (trimmed_code.size() == 1) {
    const auto at = gor_codes.find(trimmed_code.front());
    if (at != std::string_view::npos) return static_cast<Region>(at);
  }
  const std::string wanted = lower(trim(name));
  for (std::size_t r = 0; r < region_count; ++r) {
    if (lower(region_names[r]) == wanted) return static_cast<Region>(r);
  }
  // GIAS spells two regions differently from ONS.
  if (wanted == "yorkshire and the humber" || wanted == "yorkshire and humber") return Region::yorkshire_humber;
  if (wanted == "east of england" || wanted == "eastern") return Region::east_of_england;
  return std::nullopt;
}

std::optional<std::size_t> authority_of(std::string_view gss_code, std::string_view name) {
  const auto all = local_authorities();
  const std::string code = trim(gss_code);
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (!code.empty() && all[k].code == code) return k;
  }
  const std::string wanted = lower(trim(name));
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (lower(all[k].name) == wanted) return k;
  }
  return std::nullopt;
}

std::optional<AreaType> area_type_of(std::string_view urban_rural) {
  const std::string value = lower(urban_rural);
  if (value.find("conurbation") != std::string::npos) return AreaType::conurbation;
  if (value.find("urban city and town") != std::string::npos) return AreaType::city_and_town;
  if (value.find("rural") != std::string::npos) return AreaType::rural;
  return std::nullopt;
}

template <typename T>
std::optional<T> number(std::string_view text) {
  const std::string trimmed = trim(text);
  T value{};
  const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (trimmed.empty() || ec != std::errc{} || end != trimmed.data() + trimmed.size()) return std::nullopt;
  return value;
}

// Tally of rows by reason, in the order reasons first occur.
struct Tally {
  std::vector<RowGroup> groups;
  void add(const std::string& reason, std::int64_t line, std::int64_t urn) {
    auto found = std::find_if(groups.begin(), groups.end(), [&](const RowGroup& group) { return group.reason == reason; });
    if (found == groups.end()) found = groups.insert(groups.end(), RowGroup{reason, 0, {}});
    found->count += 1;
    if (found->examples.size() < examples_shown) found->examples.emplace_back(line, urn);
  }
};

std::string describe(const RowGroup& group) {
  std::string text = fmt::format("{} row{}: {}", group.count, group.count == 1 ? "" : "s", group.reason);
  for (std::size_t k = 0; k < group.examples.size(); ++k) {
    text += fmt::format("{}line {} (URN {})", k == 0 ? ": " : ", ", group.examples[k].first, group.examples[k].second);
  }
  const auto more = group.count - static_cast<std::int64_t>(group.examples.size());
  if (more > 0) text += fmt::format(" and {} more", more);
  return text;
}

bool state_funded(std::string_view type_group) {
  const std::string group = lower(trim(type_group));
  return group == "local authority maintained schools" || group == "academies" || group == "free schools" ||
         group == "special schools";
}

bool is_academy(std::string_view type_group) {
  const std::string group = lower(trim(type_group));
  return group == "academies" || group == "free schools";
}

// The modelled phase of a state-funded school, or nothing for phases the model leaves out.
std::optional<Phase> phase_of(std::string_view type_group, std::string_view type, std::string_view phase) {
  if (lower(trim(type_group)) == "special schools" || lower(type).find("special") != std::string::npos) return Phase::special;
  const std::string value = lower(trim(phase));
  if (value == "primary" || value == "middle deemed primary") return Phase::primary;
  if (value == "secondary" || value == "middle deemed secondary" || value == "all-through") return Phase::secondary;
  return std::nullopt;
}

// One kept row before trusts are resolved.
struct Row {
  std::int64_t line;
  std::int32_t urn;
  Phase phase;
  Region region;
  std::int32_t authority;
  std::int32_t pupils;
  double easting_km;
  double northing_km;
  AreaType area_type;
  bool academy;
  std::string trust_code;
};

}  // namespace

void for_each_csv_record(std::string_view text, std::string_view source,
                         const std::function<void(std::int64_t, const std::vector<std::string>&)>& record) {
  std::vector<std::string> fields;
  std::string field;
  std::int64_t line = 1;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::int64_t record_line = line;
    fields.clear();
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (at < text.size() && text[at] == '"') {
        const std::int64_t quote_line = line;
        ++at;
        while (true) {
          if (at >= text.size()) {
            throw InputError(fmt::format("{}:{}: field {}: a quoted field is not closed: expected a closing '\"'", source,
                                         quote_line, fields.size() + 1));
          }
          const char c = text[at++];
          if (c == '"') {
            if (at < text.size() && text[at] == '"') {
              field += '"';
              ++at;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field += c;
        }
        if (at < text.size() && text[at] != ',' && text[at] != '\n' && !(text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n') &&
            !(text[at] == '\r' && at + 1 == text.size())) {
          throw InputError(fmt::format("{}:{}: field {}: text after a closing quote: expected ',' or the end of the line "
                                       "(a '\"' inside a quoted field is written '\"\"')",
                                       source, line, fields.size() + 1));
        }
      } else {
        const auto end = text.find_first_of(",\n", at);
        field.assign(text.substr(at, (end == std::string_view::npos ? text.size() : end) - at));
        at = end == std::string_view::npos ? text.size() : end;
        if (!field.empty() && field.back() == '\r' && (at == text.size() || text[at] == '\n')) field.pop_back();
      }
      fields.push_back(field);
      if (at < text.size() && text[at] == ',') {
        ++at;
      } else {
        if (at < text.size() && text[at] == '\r') ++at;
        if (at < text.size() && text[at] == '\n') {
          ++at;
          ++line;
        }
        end_of_record = true;
      }
    }
    // A blank line (the last one of many files) is no record.
    if (fields.size() == 1 && fields.front().empty()) continue;
    record(record_line, fields);
  }
}

std::int64_t SchoolList::count(Phase of_phase) const { return std::count(phase.begin(), phase.end(), of_phase); }

std::int64_t SchoolList::count(Region of_region) const { return std::count(region.begin(), region.end(), of_region); }

std::string SchoolList::report() const {
  std::string text = fmt::format("{} (SHA-256 {}): {} data rows; {} schools kept ({} primary, {} secondary, {} special)", path,
                                 sha256, rows, size(), count(Phase::primary), count(Phase::secondary), count(Phase::special));
  for (const auto& group : left_out) text += "\n  left out: " + describe(group);
  for (const auto& group : bad_rows) text += "\n  skipped (population.schools_file_skip_bad_rows = 1): " + describe(group);
  return text;
}

SchoolList load_school_list(const fs::path& path, std::int64_t regions, bool skip_bad_rows) {
  const std::string text = read_text_file(path, "schools file", max_schools_file_bytes);
  const std::string source = path.string();
  SchoolList list;
  list.path = source;
  list.sha256 = sha256_hex(text);

  std::array<std::size_t, column_count> index{};
  std::size_t header_fields = 0;
  bool header_read = false;
  std::map<std::int32_t, std::int64_t> line_of_urn;
  std::vector<Row> kept;
  // Trust codes of every open state-funded school of a modelled phase, in any region: a trust
  // with two or more is a multi-academy trust, even if only one is simulated.
  std::unordered_map<std::string, std::int64_t> trust_members;
  Tally left_out;
  Tally bad;

  for_each_csv_record(text, source, [&](std::int64_t line, const std::vector<std::string>& fields) {
    if (!header_read) {
      header_read = true;
      header_fields = fields.size();
      for (std::size_t column = 0; column < column_count; ++column) {
        std::size_t found = fields.size();
        for (std::size_t k = 0; k < fields.size(); ++k) {
          std::string_view name = fields[k];
          // A UTF-8 byte order mark before the first name, as spreadsheets save it.
          if (k == 0 && name.starts_with("\xEF\xBB\xBF")) name.remove_prefix(3);
          if (trim(name) == column_names[column]) found = k;
        }
        if (found == fields.size() && !optional_column(column)) {
          throw InputError(fmt::format("{}:{}: no column '{}' in the header: expected the columns of a Get Information about "
                                       "Schools extract (edubasealldata*.csv), spelt exactly so",
                                       source, line, column_names[column]));
        }
        index[column] = found;
      }
      if (index[gor_name_column] == fields.size() && index[gor_code_column] == fields.size()) {
        throw InputError(fmt::format("{}:{}: no column 'GOR (name)' or 'GOR (code)' in the header: expected one of them, "
                                     "for each school's region", source, line));
      }
      return;
    }
    list.rows += 1;
    if (fields.size() != header_fields) {
      throw InputError(fmt::format("{}:{}: {} fields: expected {}, as in the header (a field with a comma must be quoted)",
                                   source, line, fields.size(), header_fields));
    }
    const auto field = [&](Column column) -> std::string_view {
      return index[column] < fields.size() ? std::string_view(fields[index[column]]) : std::string_view{};
    };
    const auto urn = number<std::int32_t>(field(urn_column));
    if (!urn || *urn <= 0) {
      throw InputError(fmt::format("{}:{}: column URN = '{}': expected a school's unique reference number (a whole number above 0)",
                                   source, line, excerpt(field(urn_column))));
    }
    if (const auto [found, added] = line_of_urn.emplace(*urn, line); !added) {
      throw InputError(fmt::format("{}:{}: column URN = {} is duplicated: first on line {}; expected each school once",
                                   source, line, *urn, found->second));
    }
    const std::string status = trim(field(status_column));
    if (status != "Open" && status != "Open, but proposed to close") {
      left_out.add(fmt::format("not open (EstablishmentStatus '{}')", excerpt(status)), line, *urn);
      return;
    }
    if (!state_funded(field(type_group_column))) {
      left_out.add(fmt::format("not state-funded (EstablishmentTypeGroup '{}')", excerpt(trim(field(type_group_column)))), line, *urn);
      return;
    }
    const auto phase = phase_of(field(type_group_column), field(type_column), field(phase_column));
    if (!phase) {
      left_out.add(fmt::format("phase not modelled (PhaseOfEducation '{}')", excerpt(trim(field(phase_column)))), line, *urn);
      return;
    }
    const bool academy = is_academy(field(type_group_column));
    const std::string trust_code = trim(field(trust_code_column));
    if (academy && !trust_code.empty()) trust_members[trust_code] += 1;

    const auto region = region_of(field(gor_code_column), field(gor_name_column));
    if (!region) {
      bad.add(fmt::format("column GOR = '{}{}': expected one of England's nine regions",
                          excerpt(trim(field(gor_code_column))), excerpt(trim(field(gor_name_column)))), line, *urn);
      return;
    }
    if (((regions >> static_cast<int>(*region)) & 1) == 0) {
      left_out.add("region not simulated (population.regions)", line, *urn);
      return;
    }
    const auto authority = authority_of(field(gss_column), field(la_name_column));
    if (!authority) {
      bad.add(fmt::format("columns GSSLACode (name) = '{}', LA (name) = '{}': expected one of England's 153 local authorities",
                          excerpt(trim(field(gss_column))), excerpt(trim(field(la_name_column)))), line, *urn);
      return;
    }
    const auto& of_authority = local_authorities()[*authority];
    if (of_authority.region != *region) {
      bad.add(fmt::format("column GOR: local authority {} is in {}, not {}", of_authority.name,
                          region_names[static_cast<std::size_t>(of_authority.region)], region_names[static_cast<std::size_t>(*region)]),
              line, *urn);
      return;
    }
    const auto pupils = number<std::int32_t>(field(pupils_column));
    if (!pupils || *pupils <= 0) {
      bad.add(trim(field(pupils_column)).empty() ? "column NumberOfPupils is empty: expected the pupils on roll (a whole number above 0)"
                                                 : "column NumberOfPupils: expected the pupils on roll (a whole number above 0)",
              line, *urn);
      return;
    }
    const auto easting = number<double>(field(easting_column));
    const auto northing = number<double>(field(northing_column));
    if (!easting || !northing) {
      bad.add("columns Easting, Northing: expected British National Grid coordinates in metres (numbers)", line, *urn);
      return;
    }
    const double easting_km = *easting / 1000.0;
    const double northing_km = *northing / 1000.0;
    if (*easting == 0 && *northing == 0) {
      bad.add("columns Easting, Northing are 0, 0: expected the school's location", line, *urn);
      return;
    }
    if (!(easting_km >= min_easting_km && easting_km <= max_easting_km && northing_km >= min_northing_km && northing_km <= max_northing_km)) {
      bad.add(fmt::format("columns Easting, Northing: expected a point in England ({:.0f} to {:.0f} km east, {:.0f} to {:.0f} km north)",
                          min_easting_km, max_easting_km, min_northing_km, max_northing_km),
              line, *urn);
      return;
    }
    const auto area_type = area_type_of(field(urban_rural_column));
    if (!area_type) {
      bad.add("column UrbanRural (name): expected an ONS 2011 rural-urban class (e.g. '(England/Wales) Urban city and town')", line, *urn);
      return;
    }
    if (academy && trust_code.empty()) {
      bad.add("column Trusts (code) is empty for an academy or free school: expected its trust", line, *urn);
      return;
    }
    kept.push_back({line, *urn, *phase, *region, static_cast<std::int32_t>(*authority), *pupils, easting_km, northing_km,
                    *area_type, academy, trust_code});
  });
  if (!header_read) throw InputError(fmt::format("{}: empty: expected a header line and a row for each school", source));

  list.left_out = std::move(left_out.groups);
  list.bad_rows = std::move(bad.groups);
  if (!list.bad_rows.empty() && !skip_bad_rows) {
    std::string message = fmt::format("{}: rows lacking what the model needs (set population.schools_file_skip_bad_rows = 1 "
                                      "to leave them out and run with the rest):", source);
    for (const auto& group : list.bad_rows) message += "\n  " + describe(group);
    throw InputError(message);
  }
  if (kept.empty()) {
    throw InputError(fmt::format("{}: no open state-funded primary, secondary or special school of the simulated regions "
                                 "(population.regions = {}): expected at least one", source, regions));
  }

  std::sort(kept.begin(), kept.end(), [](const Row& a, const Row& b) { return a.urn < b.urn; });
  std::map<std::string, std::int32_t> trust_index;
  for (const Row& row : kept) {
    list.urn.push_back(row.urn);
    list.phase.push_back(row.phase);
    list.region.push_back(row.region);
    list.local_authority.push_back(row.authority);
    list.pupils.push_back(row.pupils);
    list.easting_km.push_back(row.easting_km);
    list.northing_km.push_back(row.northing_km);
    list.area_type.push_back(row.area_type);
    std::int32_t trust = -1;
    Governance governance = Governance::maintained;
    if (row.academy) {
      governance = trust_members[row.trust_code] >= 2 ? Governance::multi_academy_trust : Governance::single_academy_trust;
      if (governance == Governance::multi_academy_trust) {
        const auto [found, added] = trust_index.emplace(row.trust_code, static_cast<std::int32_t>(list.trust_codes.size()));
        if (added) list.trust_codes.push_back(row.trust_code);
        trust = found->second;
      }
    }
    list.governance.push_back(governance);
    list.trust.push_back(trust);
  }
  return list;
}

// FIPS 180-4.
std::string sha256_hex(std::string_view bytes) {
  static constexpr std::array<std::uint32_t, 64> k{
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
      0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
      0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
      0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
      0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
      0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  std::array<std::uint32_t, 8> h{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto rotr = [](std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
  std::string padded(bytes);
  const std::uint64_t bits = static_cast<std::uint64_t>(bytes.size()) * 8;
  padded += static_cast<char>(0x80);
  while (padded.size() % 64 != 56) padded += '\0';
  for (int shift = 56; shift >= 0; shift -= 8) padded += static_cast<char>((bits >> shift) & 0xff);
  std::array<std::uint32_t, 64> w{};
  for (std::size_t block = 0; block < padded.size(); block += 64) {
    for (std::size_t t = 0; t < 16; ++t) {
      w[t] = 0;
      for (std::size_t b = 0; b < 4; ++b) w[t] = (w[t] << 8) | static_cast<unsigned char>(padded[block + 4 * t + b]);
    }
    for (std::size_t t = 16; t < 64; ++t) {
      const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
      const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    auto v = h;
    for (std::size_t t = 0; t < 64; ++t) {
      const std::uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
      const std::uint32_t choose = (v[4] & v[5]) ^ (~v[4] & v[6]);
      const std::uint32_t t1 = v[7] + s1 + choose + k[t] + w[t];
      const std::uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
      const std::uint32_t majority = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      const std::uint32_t t2 = s0 + majority;
      v = {t1 + t2, v[0], v[1], v[2], v[3] + t1, v[4], v[5], v[6]};
    }
    for (std::size_t i = 0; i < 8; ++i) h[i] += v[i];
  }
  std::string hex;
  for (const std::uint32_t word : h) hex += fmt::format("{:08x}", word);
  return hex;
}

}  // namespace ittsim
