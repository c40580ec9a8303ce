#include "sim/model/placement.hpp"

#include "sim/core/id_lists.hpp"
#include "sim/core/parallel.hpp"
#include "sim/model/accreditation.hpp"
#include "sim/model/geography.hpp"
#include "sim/model/mentoring.hpp"
#include "sim/model/networks.hpp"
#include "sim/model/teacher_wellbeing.hpp"

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace ittsim {

std::int64_t block_weeks(const PolicyInForce& policy, std::int32_t block) {
  return block == 0 ? policy.first_block_weeks : policy.second_block_weeks;
}

std::int64_t block_start_week(const PlacementParameters& placement, std::int32_t block) {
  return block == 0 ? placement.first_block_start_week : placement.second_block_start_week;
}

double max_travel_km(const Parameters& p, Phase phase) noexcept {
  return scaled_km(p.population, phase == Phase::secondary ? p.placement.secondary_max_travel_km : p.placement.primary_max_travel_km);
}

namespace {

double squared_distance_from_home(const World& world, TraineeId trainee, SchoolId school) noexcept {
  const double east = world.schools.easting_km[school] - world.trainees.home_easting_km[trainee];
  const double north = world.schools.northing_km[school] - world.trainees.home_northing_km[trainee];
  return east * east + north * north;
}

}  // namespace

bool within_travel_distance(const World& world, const Parameters& p, TraineeId trainee, SchoolId school) noexcept {
  const double reach = max_travel_km(p, world.trainees.phase[trainee]);
  return squared_distance_from_home(world, trainee, school) <= reach * reach;
}

namespace {

inline constexpr int random_partner_draws = 8;
// Draws among the schools near a trainee's home for each wider-search attempt, at most: the
// squares searched also hold schools beyond reach, which are drawn again.
inline constexpr int draws_per_attempt = 4;
// The side of the school grid's squares (scaled_km), unless a distance limit needs wider ones.
inline constexpr double grid_square_km = 5.0;
// Training hours against which the Market Review's training cost is scaled.
inline constexpr double training_cost_hours = 20.0;

// The grant pays for each mentor's training up to funded_training_hours.
double funded_hours(const PolicyInForce& policy, double hours) {
  return policy.mentor_funding ? std::min(hours, policy.funded_training_hours) : 0.0;
}

}  // namespace

double coordination_cost(const World& world, const Parameters& p, SchoolId school) {
  const auto& partners = world.schools.partners[school];
  double prescriptiveness = 0;
  for (std::size_t k = 1; k < partners.size(); ++k) prescriptiveness += world.providers.prescriptiveness[partners[k]];
  const double shared = world.policy.common_paperwork ? 1.0 - p.collaboration.paperwork_reduction : 1.0;
  return p.placement.coordination_cost * prescriptiveness * shared;
}

double review_training_content(const World& world, TeacherId mentor) {
  const auto& policy = world.policy;
  if (!policy.market_review) return 0.0;
  const auto trained = world.teachers.review_training_year[mentor];
  if (trained < 0) return policy.mentor_initial_training_hours;
  return trained == policy.academic_year - 1 ? policy.mentor_refresher_training_hours : 0.0;
}

double review_training_hours(const World& world, const Parameters& p, TeacherId mentor) {
  const double content = review_training_content(world, mentor);
  const auto providers = world.schools.partners[world.teachers.school[mentor]].size();
  const double repeated = 1.0 + p.market_review.multi_provider_training_share * static_cast<double>(providers - 1);
  return content * repeated;
}

SchoolStaffing staffing_of(const World& world, const Parameters& p, SchoolId school) {
  const auto& teachers = world.teachers;
  SchoolStaffing staffing;
  for (TeacherId post = world.schools.first_post[school]; post < world.schools.posts_end(school); ++post) {
    staffing.established_posts += teachers.established[post];
    if (teachers.filled[post] && teachers.is_mentor[post]) {
      staffing.mentors += 1;
      staffing.mentor_capacity += p.placement.mentor_capacity;
      staffing.ect_load += p.placement.ect_mentoring_load * teachers.ect_mentees[post];
      const double hours = review_training_hours(world, p, post);
      staffing.training_hours += hours;
      staffing.unfunded_training_hours += hours - funded_hours(world.policy, hours);
      staffing.has_lead_mentor = staffing.has_lead_mentor || teachers.is_lead_mentor[post];
    }
  }
  return staffing;
}

double review_cost(const Parameters& p, const PolicyInForce& policy, const SchoolStaffing& staffing) {
  if (!policy.market_review || staffing.mentors == 0) return 0.0;
  const auto& review = p.market_review;
  const double unfunded_per_mentor = staffing.unfunded_training_hours / staffing.mentors;
  const double extra_mentoring = std::max(0.0, policy.mentoring_hours_per_trainee - p.placement.mentoring_hours_per_trainee);
  const bool needs_lead = policy.lead_mentor_required && !staffing.has_lead_mentor;
  return review.training_time_cost * unfunded_per_mentor / training_cost_hours +
         review.mentoring_time_cost * extra_mentoring * (1.0 - protected_time_relief(policy)) +
         (needs_lead && !policy.mentor_funding ? review.lead_mentor_cost : 0.0);
}

double hosting_utility(const World& world, const Parameters& p, SchoolId school) {
  return hosting_utility(world, p, school, staffing_of(world, p, school));
}

double hosting_utility(const World& world, const Parameters& p, SchoolId school, const SchoolStaffing& staffing) {
  const auto& schools = world.schools;
  const auto& placement = p.placement;
  const double intercept =
      schools.phase[school] == Phase::primary ? placement.primary_hosting_intercept : placement.secondary_hosting_intercept;
  const double vacancy_rate = staffing.established_posts > 0
                                  ? static_cast<double>(schools.vacancies_last_year[school]) / staffing.established_posts
                                  : 0.0;
  const double benefits = placement.staff_development_benefit * schools.cpd_culture[school] +
                          placement.pipeline_benefit * std::min(1.0, 10.0 * vacancy_rate) +
                          placement.discourse_benefit *
                              std::min(1.0, schools.trainees_hosted_last_year[school] / placement.critical_mass);
  const double ect_share = staffing.mentor_capacity > 0 ? staffing.ect_load / staffing.mentor_capacity : 1.0;
  const auto& policy = world.policy;
  const double relief = protected_time_relief(policy);
  const double costs = placement.mentor_time_cost * ect_share * (1.0 - relief) + coordination_cost(world, p, school) +
                       placement.accountability_cost * schools.accountability_pressure[school] * policy.accountability_strength;
  return intercept + benefits - costs - review_cost(p, policy, staffing);
}

double decide_hosting(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  const auto& policy = world.policy;
  std::vector<double> grant_hours(schools.size(), 0.0);
  for_each_agent(schools.size(), [&](std::size_t id) {
    schools.trainees_hosted_last_year[id] = schools.trainees_hosted_this_year[id];
    schools.trainees_hosted_this_year[id] = 0;
    std::fill(schools.partner_hosted[id].begin(), schools.partner_hosted[id].end(), 0);
    const auto school = static_cast<SchoolId>(id);
    const SchoolStaffing staffing = staffing_of(world, p, school);
    if (schools.phase[id] == Phase::special || staffing.mentors == 0) {
      schools.willing_to_host[id] = 0;
      return;
    }
    const double probability = 1.0 / (1.0 + std::exp(-hosting_utility(world, p, school, staffing)));
    auto rng = streams.stream(Purpose::hosting_decision, id, static_cast<std::uint64_t>(clock.absolute_week));
    schools.willing_to_host[id] = rng.uniform() < probability;
    if (!schools.willing_to_host[id] || !policy.market_review) return;
    // A school that hosts under the Market Review trains its mentors (and, if required, a
    // lead mentor) this year; the grant pays for part of their time.
    grant_hours[id] = staffing.training_hours - staffing.unfunded_training_hours;
    for (TeacherId post = schools.first_post[id]; post < schools.posts_end(school); ++post) {
      if (!teachers.filled[post] || !teachers.is_mentor[post]) continue;
      teachers.mentor_training_hours[post] += review_training_content(world, post);
      if (teachers.review_training_year[post] < 0) teachers.review_training_year[post] = static_cast<std::int32_t>(policy.academic_year);
    }
    if (policy.lead_mentor_required && !staffing.has_lead_mentor && appoint_lead_mentor(world, p, school) && policy.mentor_funding)
      grant_hours[id] += policy.lead_mentor_training_hours;
  });
  for_each_agent(teachers.size(), [&](std::size_t id) { teachers.mentored_this_year[id] = 0; });
  return deterministic_sum(grant_hours.size(), [&](std::size_t id) { return grant_hours[id]; }) * p.providers.mentor_hour_gbp;
}

void prepare_placement_year(World& world, const Parameters& p) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  world.mentor_posts.build(schools, teachers);
  world.mentor_places.assign(schools.size(), 0);
  world.free_places_by_subject.assign(schools.size() * subject_count, 0);
  for_each_agent(schools.size(), [&](std::size_t id) {
    const auto school = static_cast<SchoolId>(id);
    std::int32_t places = 0;
    for (const TeacherId post : world.mentor_posts.of(school)) {
      // The year's placements all ended by the assessment week, so nobody holds a place now.
      if (teachers.mentees[post] != 0) throw std::logic_error("prepare_placement_year: a mentor still has a trainee");
      const std::int32_t offered = mentor_trainee_places(teachers, post, p.placement);
      places += offered;
      world.free_places_by_subject[World::school_subject(school, teachers.subject[post])] += offered;
    }
    if (schools.trainees_on_placement[id] != 0) throw std::logic_error("prepare_placement_year: a school still hosts a trainee");
    world.mentor_places[id] = places;
    schools.free_mentor_places[id] = places;
  });
  for (auto& of_region : world.willing_schools_places) of_region.fill(0);
  world.willing_schools_places_by_authority.fill(0);
  for (SchoolId school = 0; school < schools.size(); ++school) {
    if (!schools.willing_to_host[school]) continue;
    world.willing_schools_places[static_cast<std::size_t>(schools.region[school])][static_cast<std::size_t>(schools.phase[school])] +=
        world.mentor_places[school];
    world.willing_schools_places_by_authority[static_cast<std::size_t>(schools.local_authority[school])] += world.mentor_places[school];
  }
  build_school_grid(world, p);
  world.placement_request_stamps.assign(schools.size(), 0);
  list_local_partners(world);
}

void build_school_grid(World& world, const Parameters& p) {
  // Squares of a town's size, so that a search for the nearest school visits few of them;
  // wider where a travel distance would span more squares than the market's search visits.
  const double widest = std::max(max_travel_km(p, Phase::primary), max_travel_km(p, Phase::secondary));
  const double cell_km = std::max(scaled_km(p.population, grid_square_km), widest / static_cast<double>(SchoolGrid::max_squares_per_radius));
  if (world.school_grid.built_for(world.schools, cell_km)) return;
  world.school_grid.build(world.schools, cell_km);
}

void list_local_partners(World& world) {
  const auto& providers = world.providers;
  const auto& schools = world.schools;
  world.local_partners.resize(providers.size());
  for_each_index(providers.size(), 1, [&](std::size_t provider) {
    auto& lists = world.local_partners[provider];
    for (auto& list : lists) list.clear();
    const auto& listed = providers.partner_schools[provider];
    for (std::size_t k = 0; k < listed.size(); ++k) {
      lists[World::local_list(schools.region[listed[k]], schools.phase[listed[k]])].push_back(
          {k, listed[k], schools.easting_km[listed[k]], schools.northing_km[listed[k]]});
    }
  });
}

namespace {

bool needs_placement(const Trainees& trainees, TraineeId id, const Parameters& p, int week_of_year) {
  const auto status = trainees.status[id];
  if (status != TraineeStatus::in_training && status != TraineeStatus::unplaced) return false;
  const std::int32_t block = trainees.block[id];
  return block < 2 && week_of_year >= block_start_week(p.placement, block) && week_of_year < p.progress.assessment_week;
}

// What one region's market does that touches more than its own schools, posts and trainees:
// it is applied after every region's market, in region order, so that the result does not
// depend on which region finished first.
struct RegionMarketResult {
  struct Placement {
    ProviderId provider;
    bool existing_partner;
    double mentor_training_gain;
  };
  std::vector<Placement> placements;                            // in the order made
  std::vector<std::pair<ProviderId, SchoolId>> new_partnerships;  // likewise
  PlacementWeek tally;
};

// The placement market of one region. Trainees are placed in their own region, so the regions'
// markets share nothing they write but the providers, whose records (placements, new partner
// schools) each market keeps to itself; the lists of a provider's partners in the region
// (World::local_partners) are the region's own.
class Market {
 public:
  Market(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock, RegionMarketResult& result)
      : world_(world), p_(p), streams_(streams), clock_(clock), result_(result) {
    for (std::size_t phase = 0; phase < reach_squared_.size(); ++phase) {
      reach_[phase] = max_travel_km(p, static_cast<Phase>(phase));
      reach_squared_[phase] = reach_[phase] * reach_[phase];
    }
  }

  // Trainees whose block is complete, who withdrew last week or whose placement period is
  // over leave their mentor and school.
  void release(TraineeId id) {
    auto& trainees = world_.trainees;
    const auto status = trainees.status[id];
    const bool finished = status == TraineeStatus::on_placement &&
                          trainees.block_weeks_done[id] >= block_weeks(world_.policy, trainees.block[id]);
    // The placement period ends in the assessment week: a placement still running ends
    // unfinished, and a trainee still waiting for one stops waiting.
    const bool programme_over = (status == TraineeStatus::on_placement || status == TraineeStatus::unplaced) &&
                                clock_.week_of_year >= p_.progress.assessment_week;
    if (finished) {
      trainees.block[id] += 1;
      trainees.block_weeks_done[id] = 0;
    }
    if (finished || programme_over) trainees.status[id] = TraineeStatus::in_training;
    const TeacherId mentor = trainees.mentor[id];
    if (trainees.status[id] == TraineeStatus::on_placement || mentor == no_id) return;
    move_trainees(mentor, trainees.school[id], -1);
    trainees.school[id] = no_id;
    trainees.mentor[id] = no_id;
  }

  bool place(TraineeId id) {
    auto& trainees = world_.trainees;
    const ProviderId provider = trainees.provider[id];
    const SchoolId employer = trainees.employer[id];
    if (trainees.block[id] == 0 && employer != no_id && assign(id, employer, true)) return true;
    // Home schools first, then satellites; each group from a random starting point, so that
    // a provider spreads its trainees over its partners rather than filling the first ones.
    const auto& partners = world_.providers.partner_schools[provider];
    const auto& local = world_.local_partners[provider][World::local_list(trainees.region[id], trainees.phase[id])];
    const std::size_t home = std::min(world_.providers.home_school_count[provider], partners.size());
    auto rng = streams_.stream(Purpose::placement_choice, id, static_cast<std::uint64_t>(clock_.absolute_week));
    if (try_from_random_start(id, partners, local, 0, home, false, rng) ||
        try_from_random_start(id, partners, local, home, partners.size(), true, rng))
      return true;
    return world_.policy.clearing_house ? clearing_house(id) : wider_search(id, rng);
  }

 private:
  // Tries the partners at positions [begin, end) of the provider's list: a few drawn at
  // random, then a scan from a random position, wrapping round (a scan alone would favour the
  // school just after a run of full or unsuitable ones). The scan visits only the partners of
  // the trainee's region and phase (local, in list order), since it would pass over the rest,
  // and, with_new, any partner this region's market has formed this week (past the list's end).
  bool try_from_random_start(TraineeId id, const std::vector<SchoolId>& schools, const std::vector<World::LocalPartner>& local,
                             std::size_t begin, std::size_t end, bool with_new, RandomStream& rng) {
    if (begin >= end) return false;
    boost::random::uniform_int_distribution<std::size_t> pick(begin, end - 1);
    for (int draw = 0; draw < random_partner_draws; ++draw) {
      if (assign(id, schools[pick(rng)], false)) return true;
    }
    const std::size_t start = pick(rng);
    // assign() may append to local, but only when it succeeds, after which nothing here reads local.
    const auto at_or_after = [&](std::size_t position) {
      return std::partition_point(local.begin(), local.end(), [&](const World::LocalPartner& partner) { return partner.position < position; });
    };
    const auto first = at_or_after(begin);
    const auto last = with_new ? local.end() : at_or_after(end);
    const auto from = at_or_after(start);
    for (auto partner = from; partner != last; ++partner) {
      if (within_reach(id, *partner) && assign(id, partner->school, false)) return true;
    }
    for (auto partner = first; partner != from; ++partner) {
      if (within_reach(id, *partner) && assign(id, partner->school, false)) return true;
    }
    return false;
  }

  // Calls visit(span) for each column of grid squares around the trainee's home.
  template <typename Visit>
  void for_each_span_near(TraineeId id, Visit&& visit) const {
    const auto& trainees = world_.trainees;
    world_.school_grid.for_each_span(trainees.region[id], trainees.phase[id], trainees.home_easting_km[id], trainees.home_northing_km[id],
                                     reach_[static_cast<std::size_t>(trainees.phase[id])], visit);
  }

  // Competition: the provider approaches schools within reach of the trainee's home at random
  // (drawn evenly from the grid squares around it; those beyond reach are drawn again).
  bool wider_search(TraineeId id, RandomStream& rng) {
    std::array<std::span<const SchoolId>, SchoolGrid::max_spans> spans;
    std::size_t span_count = 0;
    std::size_t candidates = 0;
    for_each_span_near(id, [&](std::span<const SchoolId> span) {
      if (span_count == spans.size()) throw std::logic_error("wider_search: the travel distance spans more grid squares than a search visits");
      spans[span_count++] = span;
      candidates += span.size();
    });
    if (candidates == 0) return false;
    boost::random::uniform_int_distribution<std::size_t> pick(0, candidates - 1);
    std::int64_t attempts = 0;
    for (std::int64_t draw = 0; draw < draws_per_attempt * p_.placement.wider_search_attempts && attempts < p_.placement.wider_search_attempts; ++draw) {
      std::size_t index = pick(rng);
      std::size_t span = 0;
      while (index >= spans[span].size()) index -= spans[span++].size();
      const SchoolId school = spans[span][index];
      if (!within_reach(id, school)) continue;
      ++attempts;
      if (assign(id, school, false)) return true;
    }
    return false;
  }

  // Collaboration: the local clearing-house offers the willing school within reach with most
  // free places (the lowest id among equals).
  bool clearing_house(TraineeId id) {
    const auto& schools = world_.schools;
    SchoolId best = no_id;
    for_each_span_near(id, [&](std::span<const SchoolId> span) {
      for (const SchoolId school : span) {
        const bool better = best == no_id || schools.free_mentor_places[school] > schools.free_mentor_places[best] ||
                            (schools.free_mentor_places[school] == schools.free_mentor_places[best] && school < best);
        if (better && acceptable(id, school, false) && has_mentor(id, school)) best = school;
      }
    });
    return best != no_id && assign(id, best, false);
  }

  // Of the trainee's region and phase, within its travel distance (its employer always is) and,
  // for the second block, not the first block's school unless no other is within reach.
  bool eligible(TraineeId id, SchoolId school, bool employer) const {
    const auto& schools = world_.schools;
    return schools.region[school] == world_.trainees.region[id] && schools.phase[school] == world_.trainees.phase[id] &&
           (employer || within_reach(id, school)) &&
           (school != world_.trainees.first_school[id] || !other_school_within_reach(id, school));
  }

  bool other_school_within_reach(TraineeId id, SchoolId school) const {
    bool found = false;
    for_each_span_near(id, [&](std::span<const SchoolId> span) {
      found = found || std::any_of(span.begin(), span.end(), [&](SchoolId other) { return other != school && within_reach(id, other); });
    });
    return found;
  }

  // Whether this week's search for the trainee has not asked the school yet (each region's
  // market stamps only its own schools).
  bool first_request(TraineeId id, SchoolId school) {
    const std::uint64_t stamp = (static_cast<std::uint64_t>(clock_.absolute_week) << 32U) | (static_cast<std::uint64_t>(id) + 1);
    auto& asked = world_.placement_request_stamps[school];
    if (asked == stamp) return false;
    asked = stamp;
    return true;
  }

  // The school hosts this year (an employer hosts its own trainee regardless) and has a free place.
  bool hosts(SchoolId school, bool employer) const {
    const auto& schools = world_.schools;
    return (employer || schools.willing_to_host[school]) && schools.free_mentor_places[school] > 0;
  }

  bool acceptable(TraineeId id, SchoolId school, bool employer) const { return eligible(id, school, employer) && hosts(school, employer); }

  // A mentor of the trainee's subject with a free place, or no_id.
  TeacherId find_mentor(TraineeId id, SchoolId school) const {
    const auto& teachers = world_.teachers;
    const Subject subject = world_.trainees.subject[id];
    if (world_.free_places_by_subject[World::school_subject(school, subject)] <= 0) return no_id;
    for (const TeacherId post : world_.mentor_posts.of(school)) {
      if (teachers.subject[post] == subject && free_mentor_places(teachers, post, p_.placement) > 0) return post;
    }
    return no_id;
  }

  bool has_mentor(TraineeId id, SchoolId school) const { return find_mentor(id, school) != no_id; }

  // A mentor in school takes (+1) or lets go of (-1) a trainee: the mentor's load and the
  // school's trainees and free places follow.
  void move_trainees(TeacherId mentor, SchoolId school, std::int32_t delta) {
    const auto& teachers = world_.teachers;
    auto& schools = world_.schools;
    const auto free_before = free_mentor_places(teachers, mentor, p_.placement);
    change_mentees(world_, p_, mentor, delta);
    const auto freed = free_mentor_places(teachers, mentor, p_.placement) - free_before;
    schools.free_mentor_places[school] += freed;
    world_.free_places_by_subject[World::school_subject(school, teachers.subject[mentor])] += freed;
    schools.trainees_on_placement[school] += delta;
  }

  // Asks the school for a placement: a request, unless it is the trainee's employer.
  bool assign(TraineeId id, SchoolId school, bool employer) {
    auto& schools = world_.schools;
    if (!eligible(id, school, employer)) return false;
    const bool request = !employer && school != world_.trainees.employer[id] && first_request(id, school);
    if (request) result_.tally.requests.add(schools.region[school], schools.phase[school]);
    if (!hosts(school, employer)) return false;
    const TeacherId mentor = find_mentor(id, school);
    if (mentor == no_id) return false;
    if (request) result_.tally.requests_granted.add(schools.region[school], schools.phase[school]);
    const double distance = std::sqrt(squared_distance_from_home(world_, id, school));
    result_.tally.placements_by_travel_distance[travel_distance_band(england_km(p_.population, distance))] += 1;
    auto& teachers = world_.teachers;
    auto& trainees = world_.trainees;
    const ProviderId provider = trainees.provider[id];
    auto& partners = schools.partners[school];
    auto known = std::find(partners.begin(), partners.end(), provider);
    result_.placements.push_back(
        {provider, known != partners.end(), mentor_training_gain(p_.mentoring, teachers.mentor_training_hours[mentor])});
    if (known == partners.end()) {
      // Placing beyond the partnership forms a new one, which adds to the school's
      // coordination cost from next year. The provider's partners in this region include it at
      // once; its list of all partners, after every region's market, in region order.
      partners.push_back(provider);
      schools.partner_hosted[school].push_back(0);
      auto& local = world_.local_partners[provider][World::local_list(schools.region[school], schools.phase[school])];
      const std::size_t listed = world_.providers.partner_schools[provider].size();
      local.push_back({std::max(listed, local.empty() ? 0 : local.back().position + 1), school, schools.easting_km[school], schools.northing_km[school]});
      result_.new_partnerships.emplace_back(provider, school);
      result_.tally.new_partnerships += 1;
      known = partners.end() - 1;
    }
    schools.partner_hosted[school][static_cast<std::size_t>(known - partners.begin())] = 1;
    move_trainees(mentor, school, +1);
    teachers.mentored_this_year[mentor] = 1;
    schools.trainees_hosted_this_year[school] += 1;
    trainees.status[id] = TraineeStatus::on_placement;
    trainees.school[id] = school;
    trainees.last_school[id] = school;
    trainees.mentor[id] = mentor;
    trainees.mentor_skill[id] = mentor_skill(p_.mentoring, teachers.mentor_training_hours[mentor], teachers.mentoring_years[mentor]);
    trainees.mentor_style[id] = teachers.mentoring_style[mentor];
    trainees.weeks_unplaced[id] = 0;
    if (trainees.block[id] == 0) trainees.first_school[id] = school;
    return true;
  }

  // within_travel_distance, with the limits worked out once.
  bool within_reach(TraineeId id, SchoolId school) const {
    return squared_distance_from_home(world_, id, school) <= reach_squared_[static_cast<std::size_t>(world_.trainees.phase[id])];
  }
  bool within_reach(TraineeId id, const World::LocalPartner& partner) const {
    const auto& trainees = world_.trainees;
    const double east = partner.easting_km - trainees.home_easting_km[id];
    const double north = partner.northing_km - trainees.home_northing_km[id];
    return east * east + north * north <= reach_squared_[static_cast<std::size_t>(trainees.phase[id])];
  }

  World& world_;
  const Parameters& p_;
  const RandomStreams& streams_;
  const Clock& clock_;
  RegionMarketResult& result_;
  std::array<double, 3> reach_{};
  std::array<double, 3> reach_squared_{};
};

// One region's week: releases, then seekers served in priority order (by provider reputation
// under competition, by weeks already waited under collaboration; a per-trainee random draw
// breaks ties), then the region's places and placements counted.
void run_region_market(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock,
                       Region region, const std::vector<TraineeId>& region_trainees, RegionMarketResult& result) {
  auto& trainees = world.trainees;
  Market market(world, p, streams, clock, result);
  for (const TraineeId id : region_trainees) market.release(id);

  const bool collaboration = world.policy.clearing_house;
  std::vector<std::tuple<double, std::uint64_t, TraineeId>> seekers;
  for (const TraineeId id : region_trainees) {
    if (!needs_placement(trainees, id, p, clock.week_of_year)) continue;
    auto rng = streams.stream(Purpose::placement_order, id, static_cast<std::uint64_t>(clock.absolute_week));
    const double priority = collaboration ? trainees.weeks_unplaced[id] : world.providers.quality[trainees.provider[id]];
    seekers.emplace_back(-priority, rng(), id);
  }
  std::sort(seekers.begin(), seekers.end());

  auto& tally = result.tally;
  for (const auto& [priority, tie_break, id] : seekers) {
    if (market.place(id)) continue;
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
  // Places offered, counted after the market so that every place taken is one offered: a
  // willing school's mentors offer their places, taken or free (fixed from September, when
  // nobody holds one, so a mentor never holds more trainees than places); any other school
  // offers only the places its trainees hold (an employer placing its own trainee, in the
  // trainee's region and phase).
  const auto& willing = world.willing_schools_places[static_cast<std::size_t>(region)];
  for (std::size_t phase = 0; phase < willing.size(); ++phase) tally.offered.add(region, static_cast<Phase>(phase), willing[phase]);
  const auto& schools = world.schools;
  for (const TraineeId id : region_trainees) {
    const auto home = static_cast<std::size_t>(trainees.home_local_authority[id]);
    if (trainees.status[id] == TraineeStatus::on_placement) {
      const SchoolId school = trainees.school[id];
      const auto authority = static_cast<std::size_t>(schools.local_authority[school]);
      tally.on_placement.add(region, trainees.phase[id]);
      tally.filled_by_authority[authority] += 1;
      tally.demanded_by_authority[home] += 1;
      if (!schools.willing_to_host[school]) {
        tally.offered.add(region, trainees.phase[id]);
        tally.offered_by_authority[authority] += 1;
      }
    }
    if (trainees.status[id] == TraineeStatus::unplaced) {
      tally.unplaced.add(region, trainees.phase[id]);
      tally.demanded_by_authority[home] += 1;
    }
  }
}

}  // namespace

PlacementWeek run_placement_market(World& world, const Parameters& p, const RandomStreams& streams,
                                   const Clock& clock) {
  if (!world.mentor_posts.covers(world.schools)) throw std::logic_error("run_placement_market: prepare_placement_year was not called");
  const auto& trainees = world.trainees;
  auto& trainees_by_region = world.trainees_by_region;
  for (auto& of_region : trainees_by_region) of_region.clear();
  for (TraineeId id = 0; id < trainees.size(); ++id) trainees_by_region[static_cast<std::size_t>(trainees.region[id])].push_back(id);

  std::array<RegionMarketResult, region_count> results;
  for_each_part(region_count, [&](std::size_t region) {
    run_region_market(world, p, streams, clock, static_cast<Region>(region), trainees_by_region[region], results[region]);
  });

  PlacementWeek tally;
  auto& providers = world.providers;
  for (const auto& result : results) {
    for (const auto& placement : result.placements)
      record_placement(providers, placement.provider, placement.existing_partner, placement.mentor_training_gain);
    for (const auto& partnership : result.new_partnerships) {
      const ProviderId provider = partnership.first;
      const SchoolId school = partnership.second;
      // The school's entry in the provider's local list takes its true position in the list.
      auto& listed = providers.partner_schools[provider];
      auto& local = world.local_partners[provider][World::local_list(world.schools.region[school], world.schools.phase[school])];
      const auto entry = std::find_if(local.rbegin(), local.rend(), [&](const auto& partner) { return partner.school == school; });
      entry->position = listed.size();
      listed.push_back(school);
    }
    tally += result.tally;
  }
  add_counts(tally.offered_by_authority, world.willing_schools_places_by_authority);
  return tally;
}

PartnershipChanges review_partnerships(World& world, const Parameters& p, const RandomStreams& streams,
                                       const Clock& clock) {
  PartnershipChanges changes;
  auto& schools = world.schools;
  auto& providers = world.providers;
  std::array<std::vector<ProviderId>, region_count> local;
  std::array<std::vector<double>, region_count> local_weights;
  std::vector<double> within_reach;
  const double reach_km = scaled_km(p.population, p.geography.provider_reach_km);
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    const ProviderType type = providers.type[provider];
    if ((type != ProviderType::hei && type != ProviderType::scitt) || !providers.recruits(provider)) continue;
    local[static_cast<std::size_t>(providers.region[provider])].push_back(provider);
    local_weights[static_cast<std::size_t>(providers.region[provider])].push_back(providers.size_weight[provider]);
  }
  for (SchoolId school = 0; school < schools.size(); ++school) {
    auto& partners = schools.partners[school];
    auto& hosted = schools.partner_hosted[school];
    auto rng = streams.stream(Purpose::partnership_review, school, static_cast<std::uint64_t>(clock.absolute_week));
    // The home partnership (index 0) and SCITTs' families are stable; HEIs' satellites churn.
    for (std::size_t k = partners.size(); k-- > 1;) {
      const ProviderType type = providers.type[partners[k]];
      const bool hei = type == ProviderType::hei || type == ProviderType::distance_hei;
      if (!hei || hosted[k] || rng.uniform() >= p.placement.hei_partnership_churn) continue;
      auto& listed = providers.partner_schools[partners[k]];
      const auto position = position_of(listed, school);
      if (static_cast<std::size_t>(position - listed.begin()) < providers.home_school_count[partners[k]])
        providers.home_school_count[partners[k]] -= 1;
      listed.erase(position);
      partners.erase(partners.begin() + static_cast<std::ptrdiff_t>(k));
      hosted.erase(hosted.begin() + static_cast<std::ptrdiff_t>(k));
      changes.dropped += 1;
    }
    // Providers also recruit partners, larger schools (more mentors) more often: a school may
    // take on one more provider of its region based within geography.provider_reach_km (scaled_km).
    const auto region = static_cast<std::size_t>(schools.region[school]);
    const double size_factor = std::min(1.0, schools.pupils[school] / 1000.0);
    if (schools.phase[school] == Phase::special || local[region].empty() ||
        rng.uniform() >= p.placement.partnership_formation_rate * size_factor) {
      continue;
    }
    within_reach.assign(local_weights[region].begin(), local_weights[region].end());
    for (std::size_t k = 0; k < within_reach.size(); ++k) {
      const ProviderId provider = local[region][k];
      if (distance_km(schools.easting_km[school], schools.northing_km[school], providers.base_easting_km[provider],
                      providers.base_northing_km[provider]) > reach_km)
        within_reach[k] = 0;
    }
    if (std::all_of(within_reach.begin(), within_reach.end(), [](double weight) { return weight == 0; })) continue;
    boost::random::discrete_distribution<std::size_t> pick(within_reach.begin(), within_reach.end());
    const ProviderId provider = local[region][pick(rng)];
    if (std::find(partners.begin(), partners.end(), provider) != partners.end()) continue;
    partners.push_back(provider);
    hosted.push_back(0);
    providers.partner_schools[provider].push_back(school);
    changes.recruited += 1;
  }
  return changes;
}

}  // namespace ittsim
