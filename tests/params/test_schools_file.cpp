// The school list reader (population.schools_file): the CSV format, which rows are kept and
// how they are read, and how rows lacking what the model needs are refused or skipped.

#include "sim/core/errors.hpp"
#include "sim/model/local_authorities.hpp"
#include "sim/params/scenario.hpp"
#include "sim/params/schools_file.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <map>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;

// The columns read, in an order of their own (the reader must not care), and one it ignores.
const std::vector<std::string> columns{"Northing", "Easting", "URN", "EstablishmentName", "LA (code)", "LA (name)",
                                       "GSSLACode (name)", "TypeOfEstablishment (name)", "EstablishmentTypeGroup (name)",
                                       "EstablishmentStatus (name)", "PhaseOfEducation (name)", "NumberOfPupils",
                                       "Trusts (code)", "Trusts (name)", "GOR (code)", "GOR (name)", "UrbanRural (name)"};

// A row of an open community primary school in Newcastle upon Tyne, with changes.
std::string row(int urn, std::map<std::string, std::string> changes = {}) {
  std::map<std::string, std::string> values{
      {"Northing", "565000"}, {"Easting", "424000"}, {"URN", std::to_string(urn)}, {"EstablishmentName", "\"Elm, Oak School\""},
      {"LA (code)", "391"}, {"LA (name)", "Newcastle upon Tyne"}, {"GSSLACode (name)", "E08000021"},
      {"TypeOfEstablishment (name)", "Community school"}, {"EstablishmentTypeGroup (name)", "Local authority maintained schools"},
      {"EstablishmentStatus (name)", "Open"}, {"PhaseOfEducation (name)", "Primary"}, {"NumberOfPupils", "250"},
      {"Trusts (code)", ""}, {"Trusts (name)", ""}, {"GOR (code)", "A"}, {"GOR (name)", "North East"},
      {"UrbanRural (name)", "(England/Wales) Urban major conurbation"}};
  for (const auto& [key, value] : changes) values.at(key) = value;
  std::string line;
  for (std::size_t k = 0; k < columns.size(); ++k) line += (k == 0 ? "" : ",") + values.at(columns[k]);
  return line;
}

std::string header(const std::string& without = {}) {
  std::string line;
  for (const auto& column : columns) {
    if (column != without) line += (line.empty() ? "" : ",") + column;
  }
  return line;
}

std::string file_of(const std::vector<std::string>& rows) {
  std::string text = header() + "\n";
  for (const auto& line : rows) text += line + "\n";
  return text;
}

std::size_t authority(std::string_view code) {
  const auto all = local_authorities();
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (all[k].code == code) return k;
  }
  FAIL("no local authority " << code);
  return 0;
}

std::string refusal(const fs::path& path, std::int64_t regions = 511) {
  try {
    load_school_list(path, regions, false);
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("expected " << path << " to be refused");
  return {};
}

}  // namespace

TEST_CASE("a school list keeps its schools in URN order, with phase, place and governance", "[schools_file]") {
  test::TemporaryFolder folder;
  const auto path = folder.write(
      "gias.csv", file_of({row(300003, {{"PhaseOfEducation (name)", "Secondary"}, {"NumberOfPupils", "1100"},
                                        {"EstablishmentTypeGroup (name)", "Academies"}, {"TypeOfEstablishment (name)", "Academy converter"},
                                        {"Trusts (code)", "5001"}, {"UrbanRural (name)", "(England/Wales) Urban city and town"},
                                        {"GSSLACode (name)", "E06000057"}, {"LA (name)", "Northumberland"}, {"Easting", "400000"}, {"Northing", "590000"}}),
                           row(300001),
                           row(300002, {{"EstablishmentTypeGroup (name)", "Free Schools"}, {"TypeOfEstablishment (name)", "Free schools"},
                                        {"Trusts (code)", "5001"}, {"PhaseOfEducation (name)", "All-through"}}),
                           row(300004, {{"EstablishmentTypeGroup (name)", "Academies"}, {"TypeOfEstablishment (name)", "Academy special converter"},
                                        {"PhaseOfEducation (name)", "Not applicable"}, {"Trusts (code)", "5002"},
                                        {"UrbanRural (name)", "(England/Wales) Rural village in a sparse setting"}}),
                           row(300005, {{"PhaseOfEducation (name)", "Middle deemed primary"}, {"GSSLACode (name)", ""},
                                        {"LA (name)", "gateshead"}, {"EstablishmentStatus (name)", "\"Open, but proposed to close\""}})}));
  const SchoolList list = load_school_list(path, 511, false);
  REQUIRE(list.size() == 5);
  CHECK(list.rows == 5);
  CHECK(list.urn == std::vector<std::int32_t>{300001, 300002, 300003, 300004, 300005});
  CHECK(list.phase == std::vector<Phase>{Phase::primary, Phase::secondary, Phase::secondary, Phase::special, Phase::primary});
  CHECK(list.pupils[2] == 1100);
  CHECK(list.easting_km[2] == 400.0);
  CHECK(list.northing_km[2] == 590.0);
  CHECK(list.local_authority[0] == static_cast<std::int32_t>(authority("E08000021")));
  CHECK(list.local_authority[2] == static_cast<std::int32_t>(authority("E06000057")));
  CHECK(list.local_authority[4] == static_cast<std::int32_t>(authority("E08000037")));  // by name, any case
  CHECK(list.area_type == std::vector<AreaType>{AreaType::conurbation, AreaType::conurbation, AreaType::city_and_town,
                                                AreaType::rural, AreaType::conurbation});
  // Trust 5001 has two schools: a multi-academy trust; 5002 one: a single-academy trust.
  CHECK(list.governance == std::vector<Governance>{Governance::maintained, Governance::multi_academy_trust,
                                                   Governance::multi_academy_trust, Governance::single_academy_trust,
                                                   Governance::maintained});
  CHECK(list.trust[1] == list.trust[2]);
  CHECK(list.trust[1] >= 0);
  CHECK(list.trust[3] == -1);
  CHECK(list.sha256 == sha256_hex(test::read_file(path)));
  CHECK(list.region == std::vector<Region>(5, Region::north_east));
}

TEST_CASE("a school list leaves out closed, independent and unmodelled schools and unsimulated regions, and counts each reason",
          "[schools_file]") {
  test::TemporaryFolder folder;
  const auto path = folder.write(
      "gias.csv",
      file_of({row(1), row(2, {{"EstablishmentStatus (name)", "Closed"}}), row(3, {{"EstablishmentStatus (name)", "Proposed to open"}}),
               row(4, {{"EstablishmentTypeGroup (name)", "Independent schools"}}),
               row(5, {{"EstablishmentTypeGroup (name)", "universities"}}), row(6, {{"PhaseOfEducation (name)", "Nursery"}}),
               row(7, {{"PhaseOfEducation (name)", "16 plus"}}), row(8, {{"EstablishmentStatus (name)", "Closed"}}),
               row(9, {{"GOR (code)", "H"}, {"GOR (name)", "London"}, {"GSSLACode (name)", "E09000022"}, {"LA (name)", "Lambeth"},
                       {"Easting", "531000"}, {"Northing", "176000"}})}));
  const SchoolList north_east = load_school_list(path, 1, false);
  CHECK(north_east.urn == std::vector<std::int32_t>{1});
  std::map<std::string, std::int64_t> counts;
  for (const auto& group : north_east.left_out) counts[group.reason] = group.count;
  CHECK(counts["not open (EstablishmentStatus 'Closed')"] == 2);
  CHECK(counts["not open (EstablishmentStatus 'Proposed to open')"] == 1);
  CHECK(counts["not state-funded (EstablishmentTypeGroup 'Independent schools')"] == 1);
  CHECK(counts["not state-funded (EstablishmentTypeGroup 'universities')"] == 1);
  CHECK(counts["phase not modelled (PhaseOfEducation 'Nursery')"] == 1);
  CHECK(counts["phase not modelled (PhaseOfEducation '16 plus')"] == 1);
  CHECK(counts["region not simulated (population.regions)"] == 1);
  CHECK_THAT(north_east.report(), Contains("2 rows: not open (EstablishmentStatus 'Closed'): line 3 (URN 2), line 9 (URN 8)"));
  // London as well: the Lambeth school is kept.
  CHECK(load_school_list(path, 1 + 64, false).urn == std::vector<std::int32_t>{1, 9});
  CHECK_THAT(refusal(path, 2), Contains("no open state-funded primary, secondary or special school"));
}

TEST_CASE("a school list refuses a header without a column it needs, naming the file and the column", "[schools_file]") {
  test::TemporaryFolder folder;
  const auto path = folder.write("gias.csv", header("NumberOfPupils") + "\n");
  const std::string message = refusal(path);
  CHECK_THAT(message, Contains(path.string() + ":1: no column 'NumberOfPupils'"));
  // GOR by name alone is enough.
  const auto by_name = folder.write("by_name.csv", header("GOR (code)") + "\n");
  CHECK_THAT(refusal(by_name), Contains("no open state-funded"));
  std::string neither = header();
  for (const std::string column : {",GOR (code)", ",GOR (name)"}) neither.erase(neither.find(column), column.size());
  const auto no_gor = folder.write("neither.csv", neither + "\n");
  CHECK_THAT(refusal(no_gor), Contains("no column 'GOR (name)' or 'GOR (code)'"));
}

TEST_CASE("a duplicated URN is refused with the file, the line and the column", "[schools_file]") {
  test::TemporaryFolder folder;
  // Even when the second is a closed school, which would be left out.
  const auto path = folder.write("gias.csv", file_of({row(7), row(8), row(7, {{"EstablishmentStatus (name)", "Closed"}})}));
  CHECK_THAT(refusal(path), Contains(path.string() + ":4: column URN = 7 is duplicated: first on line 2"));
  const auto bad_urn = folder.write("bad_urn.csv", file_of({row(7), row(8, {{"URN", "A12"}})}));
  CHECK_THAT(refusal(bad_urn), Contains(bad_urn.string() + ":3: column URN = 'A12': expected"));
}

TEST_CASE("bad coordinates are refused by default and skipped on request, with the rows named", "[schools_file]") {
  test::TemporaryFolder folder;
  const auto path = folder.write("gias.csv", file_of({row(1), row(2, {{"Easting", "abc"}}), row(3, {{"Easting", "0"}, {"Northing", "0"}}),
                                                      row(4, {{"Easting", "900000"}}), row(5, {{"Northing", ""}}), row(6)}));
  const std::string message = refusal(path);
  CHECK_THAT(message, Contains(path.string() + ": rows lacking what the model needs"));
  CHECK_THAT(message, Contains("population.schools_file_skip_bad_rows = 1"));
  CHECK_THAT(message, Contains("2 rows: columns Easting, Northing: expected British National Grid coordinates in metres "
                               "(numbers): line 3 (URN 2), line 6 (URN 5)"));
  CHECK_THAT(message, Contains("1 row: columns Easting, Northing are 0, 0: expected the school's location: line 4 (URN 3)"));
  CHECK_THAT(message, Contains("1 row: columns Easting, Northing: expected a point in England (80 to 660 km east, 0 to 660 km north): "
                               "line 5 (URN 4)"));
  const SchoolList skipped = load_school_list(path, 511, true);
  CHECK(skipped.urn == std::vector<std::int32_t>{1, 6});
  std::int64_t bad = 0;
  for (const auto& group : skipped.bad_rows) bad += group.count;
  CHECK(bad == 4);
  CHECK_THAT(skipped.report(), Contains("skipped (population.schools_file_skip_bad_rows = 1): 1 row: columns Easting, Northing are 0, 0"));
}

TEST_CASE("rows lacking pupils, a known local authority or region, or a trust are reported with the first URNs and a count",
          "[schools_file]") {
  test::TemporaryFolder folder;
  std::vector<std::string> rows{row(1)};
  for (int urn = 10; urn < 17; ++urn) rows.push_back(row(urn, {{"NumberOfPupils", ""}}));
  rows.push_back(row(20, {{"NumberOfPupils", "many"}}));
  rows.push_back(row(21, {{"GSSLACode (name)", "E99999999"}, {"LA (name)", "Atlantis"}}));
  rows.push_back(row(22, {{"GOR (code)", "W"}, {"GOR (name)", "Wales (pseudo)"}}));
  rows.push_back(row(23, {{"GOR (code)", "H"}, {"GOR (name)", "London"}}));  // Newcastle is not in London
  rows.push_back(row(24, {{"EstablishmentTypeGroup (name)", "Academies"}, {"TypeOfEstablishment (name)", "Academy converter"}}));
  rows.push_back(row(25, {{"UrbanRural (name)", ""}}));
  const auto path = folder.write("gias.csv", file_of(rows));
  const std::string message = refusal(path);
  CHECK_THAT(message, Contains("7 rows: column NumberOfPupils is empty: expected the pupils on roll (a whole number above 0): "
                               "line 3 (URN 10), line 4 (URN 11), line 5 (URN 12), line 6 (URN 13), line 7 (URN 14) and 2 more"));
  CHECK_THAT(message, Contains("1 row: column NumberOfPupils: expected the pupils on roll (a whole number above 0): line 10 (URN 20)"));
  CHECK_THAT(message, Contains("columns GSSLACode (name) = 'E99999999', LA (name) = 'Atlantis': expected one of England's 153 local "
                               "authorities: line 11 (URN 21)"));
  CHECK_THAT(message, Contains("expected one of England's nine regions: line 12 (URN 22)"));
  CHECK_THAT(message, Contains("column GOR: local authority Newcastle upon Tyne is in North East, not London: line 13 (URN 23)"));
  CHECK_THAT(message, Contains("column Trusts (code) is empty for an academy or free school: expected its trust: line 14 (URN 24)"));
  CHECK_THAT(message, Contains("column UrbanRural (name): expected an ONS 2011 rural-urban class"));
  CHECK(load_school_list(path, 511, true).urn == std::vector<std::int32_t>{1});
}

TEST_CASE("the CSV reader follows RFC 4180: quoted commas, doubled quotes, line breaks in quotes, CRLF, any bytes",
          "[schools_file]") {
  std::vector<std::pair<std::int64_t, std::vector<std::string>>> records;
  const std::string text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\xE9t\xE9,,\"\"\r\n";
  for_each_csv_record(text, "t.csv", [&](std::int64_t line, const std::vector<std::string>& fields) { records.emplace_back(line, fields); });
  REQUIRE(records.size() == 3);
  CHECK(records[1].first == 2);
  CHECK(records[1].second == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
  CHECK(records[2].first == 4);  // the quoted line break counts
  CHECK(records[2].second == std::vector<std::string>{"\xE9t\xE9", "", ""});
  const auto refused = [](const std::string& bad) {
    try {
      for_each_csv_record(bad, "t.csv", [](std::int64_t, const std::vector<std::string>&) {});
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(refused("a,b\n\"open,b\n"), Contains("t.csv:2: field 1: a quoted field is not closed"));
  CHECK_THAT(refused("a,b\n\"x\"y,b\n"), Contains("t.csv:2: field 1: text after a closing quote"));

  // A whole file so written loads, with Windows-1252 bytes in a column it ignores.
  test::TemporaryFolder folder;
  std::string file = header() + "\r\n" + row(1) + "\r\n" + row(2, {{"EstablishmentName", "\"Caf\xE9, \"\"Le\"\" School\""}}) + "\r\n";
  const auto path = folder.write("crlf.csv", file);
  const SchoolList list = load_school_list(path, 511, false);
  CHECK(list.urn == std::vector<std::int32_t>{1, 2});
  CHECK(list.pupils == std::vector<std::int32_t>{250, 250});
  const auto short_row = folder.write("short.csv", header() + "\n" + row(1) + ",extra\n");
  CHECK_THAT(refusal(short_row), Contains(short_row.string() + ":2: 18 fields: expected 17"));
}

TEST_CASE("SHA-256 matches the standard's test vectors", "[schools_file]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("population.schools_file is a path relative to its scenario file, read once when the scenario is validated",
          "[schools_file][scenario]") {
  test::TemporaryFolder folder;
  fs::create_directories(folder / "data");
  folder.write("data/gias.csv", file_of({row(1), row(2)}));
  const auto scenario_path = folder.write("scenario.ini", "[population]\nschools_file = data/gias.csv  # beside this file\n");
  const Scenario scenario = Scenario::load(scenario_path);
  const auto& list = scenario.parameters().school_list;
  REQUIRE(list);
  CHECK(list->size() == 2);
  const std::string absolute = fs::absolute(folder / "data" / "gias.csv").lexically_normal().string();
  CHECK(scenario.parameters().population.schools_file == absolute);
  CHECK(list->path == absolute);
  // The resolved text (outputs, checkpoints) reproduces it from anywhere.
  const Scenario again = Scenario::from_text(scenario.resolved_text(), "resolved.ini", "again");
  CHECK(again.values_text() == scenario.values_text());
  CHECK(again.parameters().school_list->urn == list->urn);
  // Changing something else keeps the reading; changing the regions reads it again.
  CHECK(scenario.with({{"run.years", "3", "--set"}}).parameters().school_list == list);
  CHECK(scenario.with({{"population.regions", "3", "--set"}}).parameters().school_list != list);

  const auto notes = scenario.notes();
  REQUIRE(notes.size() == 3);
  CHECK_THAT(notes[0], Contains("2 schools kept (2 primary, 0 secondary, 0 special)"));
  CHECK_THAT(notes[1], Contains("replaces population.primary_pupils_mean") && Contains("geography.primary_rural_share"));
  // England's school counts stay: the list's share of them scales the national counts.
  CHECK_THAT(notes[2], Contains("2 schools are 0.0001 of England's 21214"));
  CHECK(Scenario::from_defaults().notes().empty());
  const auto set_anyway = folder.write("set.ini", "extends = scenario.ini\n[population]\nprimary_pupils_mean = 100\n");
  CHECK_THAT(Scenario::load(set_anyway).notes()[1], Contains("population.primary_pupils_mean is set (" + set_anyway.string() + ":3) but not used"));

  const auto expect_refused = [&](const std::string& text, const std::string& part) {
    const auto path = folder.write("refused.ini", text);
    try {
      Scenario::load(path);
      FAIL("expected refusal of " << text);
    } catch (const InputError& error) {
      CHECK_THAT(error.what(), Contains(part));
    }
  };
  expect_refused("[population]\nschools_file = data/gias.csv\nscale = 0.5\n",
                 "population.scale: = 0.5: expected 1 with population.schools_file");
  expect_refused("[population]\nschools_file = data/missing.csv\n",
                 "refused.ini:2: population.schools_file: schools file not found: " + (folder / "data" / "missing.csv").string());
  CHECK_THROWS_AS(Scenario::from_defaults({{"population.schools_file", "a\x01.csv", "--set"}}), InputError);
}
