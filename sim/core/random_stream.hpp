#pragma once
// Counter-based random streams. Every draw is a pure function of
// (run seed, replicate, purpose, key, week, draw index), so results do not depend on
// which thread handles which agent, nor on the order in which agents are visited. Each of
// these takes its own bits of Philox's key and counter, so two different tuples never share
// a stream: the model keeps to one purpose per place that draws, and the week is always the
// clock's absolute week (0 at synthesis), never a tag.

#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace ittsim {

// Why a number is drawn. Each purpose is a separate family of streams, drawn at one place
// in the model; add new purposes at the end so that existing streams keep their numbers,
// below 2^31 (the bit above marks a grouped key). 10, 16, 18 and 22 are retired.
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
  teacher_leaving = 11,
  job_market_order = 12,
  job_choice = 13,
  vacancy_filling = 14,
  hosting_decision = 15,
  partnership_review = 17,
  network_ties = 19,
  network_membership = 20,
  network_formation = 21,
  mentoring_culture = 23,
  lead_mentor = 24,
  sweep_point_seed = 25,
  sweep_design = 26,
  trust_membership = 27,
  trust_sizes = 28,
  learning_network_membership = 29,
  learning_network_sizes = 30,
  hub_leader = 31,
  hub_engagement = 32,
  school_effectiveness = 33,
  initial_lead_mentor = 34,
  learning_network_leads = 35,
  funded_network_leads = 36,
  network_joining = 37,
  school_location = 38,
  town_location = 39,
  provider_base = 40,
  governance = 41,
  trainee_home = 42,
  teacher_move = 43,
  job_seeker_retry = 44,
};

// Whose stream it is, within a purpose: one entity (an agent, a region, a network) by its id,
// or a member of a group (a school within a network; an agent within the world of one
// selection of regions). Member m of group g and entity m never meet: a grouped key sets a
// flag bit above the purpose, with the group in the 32 bits above that.
class StreamKey {
 public:
  // Implicit, so that an id is its own key.
  constexpr StreamKey(std::uint64_t entity) noexcept : entity_(entity) {}
  static constexpr StreamKey member(std::uint32_t group, std::uint64_t entity) noexcept {
    StreamKey key(entity);
    key.group_bits_ = grouped_flag | (static_cast<std::uint64_t>(group) << 32U);
    return key;
  }

  constexpr std::uint64_t entity() const noexcept { return entity_; }
  // The counter bits above the purpose: 0 for an ungrouped key.
  constexpr std::uint64_t group_bits() const noexcept { return group_bits_; }

 private:
  static constexpr std::uint64_t grouped_flag = std::uint64_t{1} << 31U;
  std::uint64_t entity_;
  std::uint64_t group_bits_ = 0;
};

// A UniformRandomBitGenerator over one stream; cheap to construct on the stack, so each
// agent update makes its own. Boost.Random distributions sit on top of it because their
// algorithms are fixed in the library, unlike std:: distributions, which vary by platform.
class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream(std::uint64_t seed, std::uint64_t replicate, Purpose purpose, StreamKey key,
               std::uint64_t week) noexcept
      : key_{{seed, replicate}},
        counter_{{key.entity(), week, static_cast<std::uint64_t>(purpose) | key.group_bits(), 0}} {}

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

  RandomStream stream(Purpose purpose, StreamKey key, std::uint64_t week) const noexcept {
    return {seed_, replicate_, purpose, key, week};
  }

  std::uint64_t seed() const noexcept { return seed_; }
  std::uint64_t replicate() const noexcept { return replicate_; }

 private:
  std::uint64_t seed_;
  std::uint64_t replicate_;
};

}  // namespace ittsim
