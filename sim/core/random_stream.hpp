#pragma once
// Counter-based random streams. Every draw is a pure function of
// (run seed, replicate, purpose, entity id, week, draw index), so results do not depend on
// which thread handles which agent, nor on the order in which agents are visited.

#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace ittsim {

// Why a number is drawn. Each purpose is a separate family of streams; add new purposes at
// the end so that existing streams keep their numbers.
enum class Purpose : std::uint32_t {
  school_synthesis = 1,
  provider_synthesis = 2,
  teacher_synthesis = 3,
  partnership_synthesis = 4,
  recruitment = 5,
  trainee_attributes = 6,
  placement_order = 7,
  placement_choice = 8,
  trainee_progress = 9,
  trainee_withdrawal = 10,
  teacher_leaving = 11,
  job_market_order = 12,
  job_choice = 13,
  vacancy_filling = 14,
  hosting_decision = 15,
  mentor_training = 16,
  partnership_review = 17,
  network_synthesis = 18,
  network_ties = 19,
  network_membership = 20,
  network_formation = 21,
  mentoring_culture = 23,
  lead_mentor = 24,
  sweep_point_seed = 25,
  sweep_design = 26,
};

// A UniformRandomBitGenerator over one stream; cheap to construct on the stack, so each
// agent update makes its own. Boost.Random distributions sit on top of it because their
// algorithms are fixed in the library, unlike std:: distributions, which vary by platform.
class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream(std::uint64_t seed, std::uint64_t replicate, Purpose purpose, std::uint64_t entity,
               std::uint64_t week) noexcept
      : key_{{seed, replicate}},
        counter_{{entity, week, static_cast<std::uint64_t>(purpose), 0}} {}

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  result_type operator()() noexcept {
    if (next_ == block_.size()) {
      block_ = engine_(counter_, key_);
      ++counter_.v[3];
      next_ = 0;
    }
    return block_.v[next_++];
  }

  // A double in [0, 1) from the top 53 bits of one draw.
  double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

 private:
  using Engine = r123::Philox4x64;
  Engine engine_{};
  Engine::key_type key_;
  Engine::ctr_type counter_;
  Engine::ctr_type block_{};
  std::size_t next_ = 4;
};

// The streams of one replicate: everything a submodel needs to make its own RandomStream.
class RandomStreams {
 public:
  RandomStreams(std::uint64_t seed, std::uint64_t replicate) noexcept
      : seed_(seed), replicate_(replicate) {}

  RandomStream stream(Purpose purpose, std::uint64_t entity, std::uint64_t week) const noexcept {
    return {seed_, replicate_, purpose, entity, week};
  }

  std::uint64_t seed() const noexcept { return seed_; }
  std::uint64_t replicate() const noexcept { return replicate_; }

 private:
  std::uint64_t seed_;
  std::uint64_t replicate_;
};

}  // namespace ittsim
