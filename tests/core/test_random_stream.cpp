#include "sim/core/random_stream.hpp"

#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
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
  CHECK(draws(RandomStream(42, 3, Purpose::trainee_withdrawal, 17, 9), 8) != reference);
  CHECK(draws(RandomStream(42, 3, Purpose::trainee_progress, 18, 9), 8) != reference);
  CHECK(draws(RandomStream(42, 3, Purpose::trainee_progress, 17, 10), 8) != reference);
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
