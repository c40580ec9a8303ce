#include "sim/model/placement.hpp"

#include "sim/core/parallel.hpp"

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <utility>

namespace ittsim {

std::int64_t block_weeks(const PlacementParameters& placement, std::int32_t block) {
  return block == 0 ? placement.first_block_weeks : placement.second_block_weeks;
}

std::int64_t block_start_week(const PlacementParameters& placement, std::int32_t block) {
  return block == 0 ? placement.first_block_start_week : placement.second_block_start_week;
}

void decide_hosting(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  auto& schools = world.schools;
  for_each_agent(schools.size(), [&](std::size_t id) {
    double probability = 0.0;
    if (schools.phase[id] == Phase::primary) probability = p.placement.primary_hosting_probability;
    if (schools.phase[id] == Phase::secondary) probability = p.placement.secondary_hosting_probability;
    auto rng = streams.stream(Purpose::hosting_decision, id, static_cast<std::uint64_t>(clock.absolute_week));
    schools.willing_to_host[id] = rng.uniform() < probability;
    schools.hosted_this_year[id] = 0;
  });
  auto& teachers = world.teachers;
  for_each_agent(teachers.size(), [&](std::size_t id) { teachers.mentored_this_year[id] = 0; });
}

namespace {

bool needs_placement(const Trainees& trainees, TraineeId id, const Parameters& p, int week_of_year) {
  const auto status = trainees.status[id];
  if (status != TraineeStatus::in_training && status != TraineeStatus::unplaced) return false;
  const std::int32_t block = trainees.block[id];
  return block < 2 && week_of_year >= block_start_week(p.placement, block) &&
         week_of_year < p.progress.assessment_week;
}

// Trainees whose block is complete leave their school; mentor loads and free places are then
// recounted from the placements that remain.
void release_and_recount(World& world, const Parameters& p, int week_of_year) {
  auto& trainees = world.trainees;
  auto& teachers = world.teachers;
  auto& schools = world.schools;
  for_each_agent(trainees.size(), [&](std::size_t id) {
    const bool finished = trainees.status[id] == TraineeStatus::on_placement &&
                          trainees.block_weeks_done[id] >= block_weeks(p.placement, trainees.block[id]);
    // The placement period ends in the assessment week: a placement still running ends
    // unfinished, and a trainee still waiting for one stops waiting.
    const bool programme_over = (trainees.status[id] == TraineeStatus::on_placement ||
                                 trainees.status[id] == TraineeStatus::unplaced) &&
                                week_of_year >= p.progress.assessment_week;
    if (programme_over) trainees.status[id] = TraineeStatus::in_training;
    if (finished) {
      trainees.status[id] = TraineeStatus::in_training;
      trainees.block[id] += 1;
      trainees.block_weeks_done[id] = 0;
    }
    if (trainees.status[id] != TraineeStatus::on_placement) {
      trainees.school[id] = no_id;
      trainees.mentor[id] = no_id;
    }
  });
  for_each_agent(teachers.size(), [&](std::size_t id) { teachers.mentees[id] = 0; });
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    if (trainees.mentor[id] != no_id) teachers.mentees[trainees.mentor[id]] += 1;
  }
  const auto capacity = static_cast<std::int32_t>(p.placement.trainees_per_mentor);
  for_each_agent(schools.size(), [&](std::size_t id) {
    std::int32_t free = 0;
    if (schools.willing_to_host[id]) {
      const TeacherId end = schools.first_post[id] + static_cast<TeacherId>(schools.post_count[id]);
      for (TeacherId post = schools.first_post[id]; post < end; ++post) {
        if (teachers.filled[post] && teachers.is_mentor[post]) free += std::max(0, capacity - teachers.mentees[post]);
      }
    }
    schools.free_mentor_places[id] = free;
  });
}

class Market {
 public:
  Market(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock)
      : world_(world), p_(p), streams_(streams), clock_(clock) {}

  // Tries partners, then the wider region; true if the trainee was placed.
  bool place(TraineeId id, PlacementWeek& tally) {
    const auto& schools = world_.schools;
    const ProviderId provider = world_.trainees.provider[id];
    for (const SchoolId school : world_.providers.partner_schools[provider]) {
      if (acceptable(id, school)) {
        assign(id, school);
        return true;
      }
    }
    const auto& nearby = world_.schools_by_region_phase[static_cast<std::size_t>(world_.trainees.region[id])]
                                                       [static_cast<std::size_t>(world_.trainees.phase[id])];
    if (nearby.empty()) return false;
    auto rng = streams_.stream(Purpose::placement_choice, id, static_cast<std::uint64_t>(clock_.absolute_week));
    boost::random::uniform_int_distribution<std::size_t> pick(0, nearby.size() - 1);
    for (std::int64_t attempt = 0; attempt < p_.placement.wider_search_attempts; ++attempt) {
      const SchoolId school = nearby[pick(rng)];
      if (!acceptable(id, school)) continue;
      const auto& partners = schools.partners[school];
      if (std::find(partners.begin(), partners.end(), provider) == partners.end()) {
        world_.schools.partners[school].push_back(provider);
        world_.providers.partner_schools[provider].push_back(school);
        tally.new_partnerships += 1;
      }
      assign(id, school);
      return true;
    }
    return false;
  }

 private:
  bool acceptable(TraineeId id, SchoolId school) const {
    const auto& schools = world_.schools;
    return schools.free_mentor_places[school] > 0 && schools.phase[school] == world_.trainees.phase[id] &&
           school != world_.trainees.first_school[id];
  }

  void assign(TraineeId id, SchoolId school) {
    auto& schools = world_.schools;
    auto& teachers = world_.teachers;
    auto& trainees = world_.trainees;
    const TeacherId end = schools.first_post[school] + static_cast<TeacherId>(schools.post_count[school]);
    for (TeacherId post = schools.first_post[school]; post < end; ++post) {
      if (teachers.filled[post] && teachers.is_mentor[post] && teachers.mentees[post] < p_.placement.trainees_per_mentor) {
        teachers.mentees[post] += 1;
        teachers.mentored_this_year[post] = 1;
        schools.free_mentor_places[school] -= 1;
        schools.hosted_this_year[school] = 1;
        trainees.status[id] = TraineeStatus::on_placement;
        trainees.school[id] = school;
        trainees.mentor[id] = post;
        trainees.weeks_unplaced[id] = 0;
        if (trainees.block[id] == 0) trainees.first_school[id] = school;
        return;
      }
    }
  }

  World& world_;
  const Parameters& p_;
  const RandomStreams& streams_;
  const Clock& clock_;
};

}  // namespace

PlacementWeek run_placement_market(World& world, const Parameters& p, const RandomStreams& streams,
                                   const Clock& clock) {
  PlacementWeek tally;
  release_and_recount(world, p, clock.week_of_year);
  auto& trainees = world.trainees;
  const auto& schools = world.schools;
  const auto& teachers = world.teachers;

  tally.places_offered = static_cast<std::int64_t>(deterministic_sum(teachers.size(), [&](std::size_t post) {
    return teachers.filled[post] && teachers.is_mentor[post] && schools.willing_to_host[teachers.school[post]]
               ? static_cast<double>(p.placement.trainees_per_mentor)
               : 0.0;
  }));

  std::vector<std::pair<std::uint64_t, TraineeId>> seekers;
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    if (!needs_placement(trainees, id, p, clock.week_of_year)) continue;
    auto rng = streams.stream(Purpose::placement_order, id, static_cast<std::uint64_t>(clock.absolute_week));
    seekers.emplace_back(rng(), id);
  }
  std::sort(seekers.begin(), seekers.end());

  Market market(world, p, streams, clock);
  for (const auto& [priority, id] : seekers) {
    if (market.place(id, tally)) continue;
    trainees.status[id] = TraineeStatus::unplaced;
    trainees.weeks_unplaced[id] += 1;
    if (!trainees.ever_unplaced[id]) {
      trainees.ever_unplaced[id] = 1;
      tally.first_time_unplaced += 1;
    }
    if (trainees.weeks_unplaced[id] >= p.placement.unplaced_withdrawal_weeks) {
      trainees.status[id] = TraineeStatus::withdrawn;
      trainees.status_week[id] = clock.absolute_week;
    }
  }
  for (TraineeId id = 0; id < trainees.size(); ++id) {
    tally.on_placement += trainees.status[id] == TraineeStatus::on_placement;
    tally.unplaced += trainees.status[id] == TraineeStatus::unplaced;
  }
  return tally;
}

}  // namespace ittsim
