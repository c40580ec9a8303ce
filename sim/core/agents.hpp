#pragma once
// Agent stores: one struct of arrays per agent type, indexed by dense ids. Each member is a
// real field, so a typo fails at compile time; relations are id vectors.

#include "sim/core/types.hpp"

#include <cstdint>
#include <vector>

namespace ittsim {

struct Schools {
  std::vector<Phase> phase;
  std::vector<Region> region;
  std::vector<std::int32_t> pupils;
  std::vector<TeacherId> first_post;  // posts of school s are [first_post[s], first_post[s] + post_count[s])
  std::vector<std::int32_t> post_count;
  std::vector<ProviderId> home_provider;
  std::vector<std::vector<ProviderId>> partners;  // home provider first, then satellites
  // Set by the placement market: this year's hosting decision, the mentor places free this
  // week, and whether the school has hosted anyone this year.
  std::vector<std::uint8_t> willing_to_host;
  std::vector<std::int32_t> free_mentor_places;
  std::vector<std::uint8_t> hosted_this_year;

  std::size_t size() const noexcept { return phase.size(); }
};

// Teacher posts: a post holds one teacher or is vacant. A leaver vacates the post and a hire
// fills it, so ids stay dense and stable while the people change.
struct Teachers {
  std::vector<SchoolId> school;
  std::vector<std::uint8_t> filled;
  std::vector<std::int32_t> experience_years;
  std::vector<double> wellbeing;
  std::vector<std::uint8_t> is_mentor;
  std::vector<std::int32_t> mentees;
  std::vector<std::uint8_t> mentored_this_year;
  std::vector<Departure> departure;  // why the post fell vacant at the last year end

  std::size_t size() const noexcept { return school.size(); }
};

struct Trainees {
  std::vector<ProviderId> provider;
  std::vector<Phase> phase;
  std::vector<Region> region;
  std::vector<double> aptitude;
  std::vector<double> competence;
  std::vector<double> wellbeing;
  std::vector<TraineeStatus> status;
  std::vector<SchoolId> school;        // current placement school, or no_id
  std::vector<TeacherId> mentor;       // current mentor, or no_id
  std::vector<SchoolId> first_school;  // the first block's school, which the second must differ from
  std::vector<std::int32_t> block;     // placement blocks completed (0, 1 or 2)
  std::vector<std::int32_t> block_weeks_done;
  std::vector<std::int32_t> weeks_unplaced;
  std::vector<std::uint8_t> ever_unplaced;
  std::vector<std::int32_t> status_week;  // absolute week of the last change to withdrawn, failed or QTS

  std::size_t size() const noexcept { return provider.size(); }
  void clear();
  TraineeId add(ProviderId provider_id, Phase trainee_phase, Region trainee_region, double trainee_aptitude,
                double trainee_wellbeing);
};

struct Providers {
  std::vector<ProviderType> type;
  std::vector<Region> region;
  std::vector<double> size_weight;
  std::vector<std::vector<SchoolId>> partner_schools;  // home schools first, then satellites

  std::size_t size() const noexcept { return type.size(); }
};

}  // namespace ittsim
