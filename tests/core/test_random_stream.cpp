#include "sim/core/random_stream.hpp"
#include "support.hpp"

#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <vector>

using namespace ittsim;

namespace {

std::vector<std::uint64_t> draws(RandomStream stream, int count) {
  std::vector<std::uint64_t> values;
  for (int i = 0; i < count; ++i) values.push_back(stream());
  return values;
}

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
    sxy += x[i] * y[i];
  }
  return (sxy - sx * sy / n) / std::sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
}

}  // namespace

TEST_CASE("a stream is a pure function of its key and counter", "[random]") {
  const RandomStreams streams(42, 3);
  const auto first = draws(streams.stream(Purpose::trainee_progress, 17, 9), 11);
  // Other streams drawn in between must not matter: there is no shared state.
  (void)draws(streams.stream(Purpose::trainee_progress, 18, 9), 5);
  const auto again = draws(RandomStreams(42, 3).stream(Purpose::trainee_progress, 17, 9), 11);
  CHECK(first == again);
}

TEST_CASE("every part of the key selects a different stream", "[random]") {
  const auto reference = draws(RandomStream(42, 3, Purpose::trainee_progress, 17, 9), 8);
  CHECK(draws(RandomStream(43, 3, Purpose::trainee_progress, 17, 9), 8) != reference);
  CHECK(draws(RandomStream(42, 4, Purpose::trainee_progress, 17, 9), 8) != reference);
  CHECK(draws(RandomStream(42, 3, Purpose::job_choice, 17, 9), 8) != reference);
  CHECK(draws(RandomStream(42, 3, Purpose::trainee_progress, 18, 9), 8) != reference);
  CHECK(draws(RandomStream(42, 3, Purpose::trainee_progress, 17, 10), 8) != reference);
}

TEST_CASE("no two keys share a stream, grouped or not", "[random]") {
  // Network n's member s was once keyed n * 2^32 + s, the same as entity s when n = 0. Every
  // key the model makes (entities, members of groups up to the largest group, entities as
  // large as a packed pair) in several purposes and weeks: the first draws all differ.
  const std::vector<std::uint32_t> groups = {0, 1, 2, 511, 0xFFFFFFFFU};
  std::set<std::uint64_t> entities;
  std::vector<StreamKey> keys;
  for (std::uint64_t entity = 0; entity < 4; ++entity) {
    for (const std::uint32_t group : groups) {
      keys.push_back(StreamKey::member(group, entity));
      entities.insert({entity, (std::uint64_t{group} << 32U) | entity, (std::uint64_t{group} << 31U) | entity});
    }
  }
  keys.insert(keys.end(), entities.begin(), entities.end());
  std::set<std::uint64_t> first_draws;
  std::size_t streams_made = 0;
  for (const Purpose purpose : {Purpose::lead_mentor, Purpose::network_ties, Purpose::school_synthesis}) {
    for (std::uint64_t week = 0; week < 3; ++week) {
      for (const StreamKey& key : keys) {
        first_draws.insert(RandomStream(42, 0, purpose, key, week)());
        streams_made += 1;
      }
    }
  }
  CHECK(first_draws.size() == streams_made);
}

TEST_CASE("every purpose has its own number and is drawn at one place in the model", "[random]") {
  // One purpose per place that draws, so that no place can reuse another's streams or use the
  // week as a tag. Read from the sources: the enumeration and every use in sim/model.
  const std::string header = test::read_file(test::source_dir / "sim" / "core" / "random_stream.hpp");
  const auto enumeration = header.substr(header.find("enum class Purpose"));
  const std::regex entry(R"((\w+) = (\d+),)");
  std::map<std::string, int> uses;
  std::set<std::uint64_t> numbers;
  for (std::sregex_iterator it(enumeration.begin(), enumeration.begin() + static_cast<std::ptrdiff_t>(enumeration.find('}')), entry), end;
       it != end; ++it) {
    const auto number = std::stoull((*it)[2].str());
    INFO((*it)[1].str());
    CHECK(numbers.insert(number).second);
    CHECK(number < (std::uint64_t{1} << 31U));
    uses[(*it)[1].str()] = 0;
  }
  REQUIRE(uses.size() > 20);
  const std::regex use(R"(Purpose::(\w+))");
  for (const auto& file : std::filesystem::directory_iterator(test::source_dir / "sim" / "model")) {
    const std::string text = test::read_file(file.path());
    for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it) uses[(*it)[1].str()] += 1;
  }
  for (const auto& [purpose, count] : uses) {
    INFO(purpose);
    CHECK(count <= 1);
  }
}

TEST_CASE("a long stream does not repeat across counter blocks", "[random]") {
  const auto values = draws(RandomStream(1, 0, Purpose::recruitment, 0, 0), 4000);
  CHECK(std::set<std::uint64_t>(values.begin(), values.end()).size() == values.size());
}

TEST_CASE("uniform draws are uniform and neighbouring entities' streams uncorrelated", "[random][statistical]") {
  // 20,000 entities, first draw each: chi-square over 20 bins with 19 degrees of freedom has
  // a 99.9% quantile of 43.8; neighbouring entities' draws must not correlate (|r| < 0.03 is
  // about four standard errors).
  constexpr int entities = 20000;
  constexpr int bins = 20;
  std::array<int, bins> counts{};
  std::vector<double> current;
  std::vector<double> neighbour;
  for (int entity = 0; entity < entities; ++entity) {
    RandomStream stream(20220901, 0, Purpose::placement_choice, static_cast<std::uint64_t>(entity), 7);
    const double u = stream.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    counts[static_cast<std::size_t>(u * bins)] += 1;
    current.push_back(u);
    neighbour.push_back(RandomStream(20220901, 0, Purpose::placement_choice, static_cast<std::uint64_t>(entity) + 1, 7).uniform());
  }
  const double expected = static_cast<double>(entities) / bins;
  double chi_square = 0;
  for (const int count : counts) chi_square += (count - expected) * (count - expected) / expected;
  CHECK(chi_square < 43.8);
  CHECK(std::abs(correlation(current, neighbour)) < 0.03);
}

TEST_CASE("Boost distributions on a stream give the same numbers every time", "[random]") {
  RandomStream a(5, 1, Purpose::trainee_attributes, 99, 0);
  RandomStream b(5, 1, Purpose::trainee_attributes, 99, 0);
  boost::random::normal_distribution<double> normal(1.0, 0.2);
  for (int i = 0; i < 100; ++i) CHECK(normal(a) == normal(b));
}
