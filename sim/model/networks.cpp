#include "sim/model/networks.hpp"

#include "sim/core/id_lists.hpp"
#include "sim/core/parallel.hpp"
#include "sim/model/constants.hpp"
#include "sim/model/population.hpp"
#include "sim/params/schools_file.hpp"

#include <boost/random/normal_distribution.hpp>
#include <boost/random/geometric_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace ittsim {
namespace {

// The stream key of a school within a network.
StreamKey pair_key(NetworkId network, SchoolId school) { return StreamKey::member(network, school); }

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

void join(World& world, NetworkId network, SchoolId school) {
  world.networks.members[network].push_back(school);
  world.schools.networks[school].push_back(network);
}

void remove_member(World& world, NetworkId network, SchoolId school) {
  erase_present(world.networks.members[network], school);
  erase_present(world.schools.networks[school], network);
}

// Ordinary schools of a region (primary, secondary and special), in id order.
std::vector<SchoolId> schools_of_region(const World& world, Region region) {
  std::vector<SchoolId> schools;
  for (const auto& by_phase : world.schools_by_region_phase[static_cast<std::size_t>(region)])
    schools.insert(schools.end(), by_phase.begin(), by_phase.end());
  std::sort(schools.begin(), schools.end());
  return schools;
}

// Schools of a region drawn with probability `share` each, in a random order, cut into
// consecutive groups whose sizes are 1 + geometric (skewed, with the mean size), at least the minimum.
// Each kind draws from its own purposes: one for schools' membership, one for group sizes.
void group_schools(World& world, const Parameters& p, const RandomStreams& streams, NetworkKind kind, double share,
                   double mean_size, double tightness, Purpose membership, Purpose sizes) {
  for (std::size_t r = 0; r < region_count; ++r) {
    std::vector<std::pair<double, SchoolId>> chosen;
    for (const SchoolId school : schools_of_region(world, static_cast<Region>(r))) {
      auto rng = streams.stream(membership, synthesis_key(p.population, school), 0);
      if (rng.uniform() < share) chosen.emplace_back(rng.uniform(), school);
    }
    std::sort(chosen.begin(), chosen.end());
    auto rng = streams.stream(sizes, synthesis_key(p.population, r), 0);
    boost::random::geometric_distribution<int> extra(1.0 / mean_size);
    std::size_t next = 0;
    while (next < chosen.size()) {
      const auto size = std::max<std::size_t>(static_cast<std::size_t>(p.networks.minimum_members),
                                              1 + static_cast<std::size_t>(extra(rng)));
      if (chosen.size() - next < static_cast<std::size_t>(p.networks.minimum_members)) break;
      const NetworkId network = world.networks.add(kind, static_cast<Region>(r), tightness);
      for (std::size_t k = next; k < std::min(chosen.size(), next + size); ++k) join(world, network, chosen[k].second);
      next += size;
    }
  }
}

// The multi-academy trusts of a school list, each with two or more schools simulated, in the
// order the list first names them; a trust's region is its first school's.
void add_listed_trusts(World& world, const Parameters& p) {
  const auto& list = *p.school_list;
  std::vector<std::vector<SchoolId>> members(list.trust_codes.size());
  for (SchoolId school = 0; school < list.size(); ++school) {
    if (list.trust[school] >= 0) members[static_cast<std::size_t>(list.trust[school])].push_back(school);
  }
  for (const auto& schools : members) {
    if (schools.size() < 2) continue;
    const NetworkId network = world.networks.add(NetworkKind::multi_academy_trust, world.schools.region[schools.front()],
                                                 p.networks.mat_tightness);
    for (const SchoolId school : schools) join(world, network, school);
  }
}

void add_scitt_cooperatives(World& world, const Parameters& p) {
  const auto& providers = world.providers;
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    if (providers.type[provider] != ProviderType::scitt) continue;
    const std::size_t home = std::min(providers.home_school_count[provider], providers.partner_schools[provider].size());
    if (home < static_cast<std::size_t>(p.networks.minimum_members)) continue;
    const NetworkId network = world.networks.add(NetworkKind::scitt_cooperative, providers.region[provider],
                                                 p.networks.scitt_tightness);
    for (std::size_t k = 0; k < home; ++k) join(world, network, providers.partner_schools[provider][k]);
  }
}

// Each hub is led by a training school of its region where there is one (the first member,
// who never leaves); schools engage with one of their region's hubs at random.
void add_teaching_school_hubs(World& world, const Parameters& p, const RandomStreams& streams) {
  const auto& schools = world.schools;
  const auto count = static_cast<std::int64_t>(std::llround(static_cast<double>(p.networks.teaching_school_hubs) *
                                                            england_fraction(p)));
  const auto regions = regional_quotas(count, p);
  std::array<std::vector<NetworkId>, region_count> hubs;
  std::vector<std::uint8_t> leads(schools.size(), 0);
  for (std::size_t k = 0; k < regions.size(); ++k) {
    const Region region = regions[k];
    const auto candidates = schools_of_region(world, region);
    if (candidates.empty()) continue;
    SchoolId leader = no_id;
    for (const SchoolId school : candidates) {
      if (schools.training_school[school] && !leads[school]) {
        leader = school;
        break;
      }
    }
    if (leader == no_id) {
      auto rng = streams.stream(Purpose::hub_leader, synthesis_key(p.population, k), 0);
      boost::random::uniform_int_distribution<std::size_t> pick(0, candidates.size() - 1);
      leader = candidates[pick(rng)];
      if (leads[leader]) continue;
    }
    leads[leader] = 1;
    const NetworkId hub = world.networks.add(NetworkKind::teaching_school_hub, region, p.networks.hub_tightness);
    join(world, hub, leader);
    hubs[static_cast<std::size_t>(region)].push_back(hub);
  }
  for (SchoolId school = 0; school < schools.size(); ++school) {
    const auto& regional = hubs[static_cast<std::size_t>(schools.region[school])];
    if (regional.empty() || leads[school]) continue;
    auto rng = streams.stream(Purpose::hub_engagement, synthesis_key(p.population, school), 0);
    if (rng.uniform() >= p.networks.hub_engagement) continue;
    boost::random::uniform_int_distribution<std::size_t> pick(0, regional.size() - 1);
    join(world, regional[pick(rng)], school);
  }
}

// The school's teacher (not already a lead mentor) with the most years of mentoring, among
// its mentors; or, with mentors_only false, with the most years of teaching among those
// experienced enough to mentor. The first in post order wins a tie.
TeacherId most_experienced(const World& world, SchoolId school, bool mentors_only) {
  const auto& teachers = world.teachers;
  const auto& years = mentors_only ? teachers.mentoring_years : teachers.experience_years;
  TeacherId best = no_id;
  for (TeacherId post = world.schools.first_post[school]; post < world.schools.posts_end(school); ++post) {
    const bool eligible = mentors_only ? teachers.is_mentor[post] != 0 : teachers.experience_years[post] >= mentor_experience_years;
    if (!teachers.filled[post] || teachers.is_lead_mentor[post] || !eligible) continue;
    if (best == no_id || years[post] > years[best]) best = post;
  }
  return best;
}

// Each network's internal capacity: the share of its members with a lead mentor.
void update_capacity(Networks& networks, const std::vector<std::uint8_t>& has_lead) {
  for (NetworkId n = 0; n < networks.size(); ++n) {
    const auto& members = networks.members[n];
    if (members.empty()) continue;
    double with_lead = 0;
    for (const SchoolId school : members) with_lead += has_lead[school];
    networks.capacity[n] = with_lead / static_cast<double>(members.size());
  }
}

// Each member of a network considers a few fellow members; a pair ties with a chance set by
// the network's tightness and both schools' willingness under accountability (trusts are
// accountable as a group whatever the lever says). Sets each network's ties and each school's
// collaborative CPD (from its ties over all its networks); returns the ties of each network as sorted school pairs.
std::vector<std::vector<std::pair<SchoolId, SchoolId>>> form_ties(World& world, const Parameters& p,
                                                                 const RandomStreams& streams, std::uint64_t week) {
  auto& networks = world.networks;
  auto& schools = world.schools;
  const auto& policy = world.policy;
  std::vector<std::vector<std::pair<SchoolId, SchoolId>>> ties(networks.size());
  // A network's ties are much work and networks are few (about 1,500 in England), so they are
  // shared out in small chunks rather than the agents' usual grain.
  for_each_index(networks.size(), 8, [&](std::size_t n) {
    const auto network = static_cast<NetworkId>(n);
    const auto& members = networks.members[n];
    auto& pairs = ties[n];
    networks.ties[n] = 0;
    if (members.size() < 2) return;
    const double group = networks.kind[n] == NetworkKind::multi_academy_trust ? 1.0 : policy.group_accountability;
    boost::random::uniform_int_distribution<std::size_t> pick(0, members.size() - 2);
    for (std::size_t i = 0; i < members.size(); ++i) {
      const SchoolId own = members[i];
      auto rng = streams.stream(Purpose::network_ties, pair_key(network, own), week);
      for (std::int64_t c = 0; c < p.networks.tie_candidates; ++c) {
        std::size_t j = pick(rng);
        if (j >= i) j += 1;  // any member but itself
        const SchoolId other = members[j];
        const double willingness =
            tie_willingness(schools.effectiveness[own], schools.effectiveness[other], group,
                            policy.accountability_strength, p.networks.link_discount) *
            tie_willingness(schools.effectiveness[other], schools.effectiveness[own], group,
                            policy.accountability_strength, p.networks.link_discount);
        const double chance = std::min(1.0, p.networks.tie_rate * networks.tightness[n] * willingness);
        if (rng.uniform() < chance) pairs.emplace_back(std::min(own, other), std::max(own, other));
      }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    networks.ties[n] = static_cast<std::int32_t>(pairs.size());
  });
  std::vector<double> school_ties(schools.size(), 0.0);
  for (const auto& pairs : ties) {
    for (const auto& [a, b] : pairs) {
      school_ties[a] += 1;
      school_ties[b] += 1;
    }
  }
  for_each_agent(schools.size(), [&](std::size_t id) {
    schools.collaborative_cpd[id] = std::min(1.0, school_ties[id] / p.cpd.ties_for_full_collaboration);
  });
  return ties;
}

}  // namespace

bool is_voluntary(NetworkKind kind) noexcept {
  return kind == NetworkKind::teaching_school_hub || kind == NetworkKind::funded_learning ||
         kind == NetworkKind::professional_learning;
}

double tie_willingness(double own, double other, double group, double strength, double link_discount) {
  const double ahead = std::min(3.0, own - other);
  if (ahead <= 0) return 1.0;
  return std::exp(link_discount * strength * (2.0 * group - 1.0) * ahead);
}

double membership_utility(const NetworkParameters& n, double ties_in_network, double capacity, double tightness,
                          bool funded) {
  return n.stay_intercept + n.tie_benefit * ties_in_network + n.capacity_benefit * capacity -
         (funded ? 0.0 : n.membership_cost * tightness);
}

double yearly_skill_gain(const CpdParameters& cpd, double collaborative_cpd) {
  return std::min(1.0, cpd.individual_skill_gain + cpd.collaborative_skill_gain * collaborative_cpd);
}

double resting_wellbeing_with_cpd(const CpdParameters& cpd, double collaborative_cpd) {
  return resting_wellbeing + cpd.collaborative_wellbeing_gain * collaborative_cpd;
}

bool has_lead_mentor(const World& world, SchoolId school) {
  const auto& teachers = world.teachers;
  for (TeacherId post = world.schools.first_post[school]; post < world.schools.posts_end(school); ++post) {
    if (teachers.filled[post] && teachers.is_lead_mentor[post]) return true;
  }
  return false;
}

bool appoint_lead_mentor(World& world, const Parameters& p, SchoolId school) {
  auto& teachers = world.teachers;
  TeacherId chosen = most_experienced(world, school, true);
  if (chosen == no_id) {
    chosen = most_experienced(world, school, false);
    if (chosen == no_id) return false;
    teachers.is_mentor[chosen] = 1;
    teachers.mentor_training_hours[chosen] = p.mentoring.new_mentor_training_hours;
    teachers.mentoring_years[chosen] = 0;
    teachers.mentoring_style[chosen] = p.population.developmental_style_mean;
  }
  teachers.is_lead_mentor[chosen] = 1;
  teachers.mentor_training_hours[chosen] += p.market_review.lead_mentor_training_hours;
  return true;
}

std::size_t ofsted_grade(double effectiveness) noexcept {
  if (effectiveness >= 0.95) return 0;
  if (effectiveness >= -1.23) return 1;
  if (effectiveness >= -2.05) return 2;
  return 3;
}

double skill_for_experience(const CpdParameters& cpd, std::int32_t experience_years, double collaborative_cpd) {
  return 1.0 - (1.0 - cpd.new_teacher_skill) * std::pow(1.0 - yearly_skill_gain(cpd, collaborative_cpd), experience_years);
}

double mean_teacher_skill(const World& world, SchoolId school) {
  const auto& teachers = world.teachers;
  double skill = 0;
  int staff = 0;
  for (TeacherId post = world.schools.first_post[school]; post < world.schools.posts_end(school); ++post) {
    if (!teachers.filled[post]) continue;
    skill += teachers.skill[post];
    staff += 1;
  }
  return staff > 0 ? skill / staff : 0.0;
}

void update_school_effectiveness(World& world, const Parameters& p) {
  auto& schools = world.schools;
  for_each_agent(schools.size(), [&](std::size_t id) {
    schools.effectiveness[id] =
        schools.effectiveness_base[id] + p.cpd.effectiveness_skill_weight * mean_teacher_skill(world, static_cast<SchoolId>(id));
  });
}

void synthesise_networks(World& world, const Parameters& p, const RandomStreams& streams) {
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  for (SchoolId school = 0; school < schools.size(); ++school) {
    bool has_mentor = false;
    for (TeacherId post = schools.first_post[school]; post < schools.posts_end(school); ++post)
      has_mentor = has_mentor || (teachers.filled[post] && teachers.is_mentor[post]);
    auto rng = streams.stream(Purpose::initial_lead_mentor, synthesis_key(p.population, school), 0);
    if (has_mentor && (schools.training_school[school] || rng.uniform() < p.cpd.lead_mentor_share)) {
      teachers.is_lead_mentor[most_experienced(world, school, true)] = 1;
    }
  }
  add_scitt_cooperatives(world, p);
  if (p.school_list) {
    add_listed_trusts(world, p);
  } else {
    group_schools(world, p, streams, NetworkKind::multi_academy_trust, p.networks.mat_share, p.networks.mat_size_mean,
                  p.networks.mat_tightness, Purpose::trust_membership, Purpose::trust_sizes);
  }
  add_teaching_school_hubs(world, p, streams);
  const auto learning_networks_from = static_cast<NetworkId>(world.networks.size());
  group_schools(world, p, streams, NetworkKind::professional_learning, p.networks.learning_network_share,
                p.networks.learning_network_size_mean, p.networks.learning_network_tightness,
                Purpose::learning_network_membership, Purpose::learning_network_sizes);
  // Learning networks that exist have leaders: CPD leaders, here lead mentors, in some members.
  for (NetworkId n = learning_networks_from; n < world.networks.size(); ++n) {
    for (const SchoolId school : world.networks.members[n]) {
      auto rng = streams.stream(Purpose::learning_network_leads, pair_key(n, school), 0);
      if (!has_lead_mentor(world, school) && rng.uniform() < p.networks.learning_network_capacity)
        appoint_lead_mentor(world, p, school);
    }
  }
  for (SchoolId school = 0; school < schools.size(); ++school) schools.had_lead_mentor[school] = has_lead_mentor(world, school);
  update_capacity(world.networks, schools.had_lead_mentor);

  // Effectiveness starts as a standard normal draw. Ties formed on it set each school's
  // collaborative CPD, and teachers' skill is what their years at that rate of CPD would
  // give; the fixed part of effectiveness then absorbs today's skill, so that effectiveness
  // later moves with the change in skill.
  std::vector<double> start(schools.size());
  for_each_agent(schools.size(), [&](std::size_t id) {
    auto rng = streams.stream(Purpose::school_effectiveness, synthesis_key(p.population, id), 0);
    boost::random::normal_distribution<double> standard(0.0, 1.0);
    start[id] = standard(rng);
    schools.effectiveness[id] = start[id];
  });
  form_ties(world, p, streams, 0);
  for_each_agent(teachers.size(), [&](std::size_t id) {
    if (!teachers.filled[id]) return;
    teachers.skill[id] = skill_for_experience(p.cpd, teachers.experience_years[id], schools.collaborative_cpd[teachers.school[id]]);
  });
  for_each_agent(schools.size(), [&](std::size_t id) {
    schools.effectiveness_base[id] = start[id] - p.cpd.effectiveness_skill_weight * mean_teacher_skill(world, static_cast<SchoolId>(id));
  });
}

void form_funded_networks(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  const auto& funding = p.network_funding;
  const auto count = std::max<std::int64_t>(
      1, std::llround(static_cast<double>(funding.networks) * england_fraction(p)));
  const auto regions = regional_quotas(count, p);
  std::vector<std::uint8_t> taken(world.schools.size(), 0);
  const auto week = static_cast<std::uint64_t>(clock.absolute_week);
  for (std::size_t k = 0; k < regions.size(); ++k) {
    const auto candidates = schools_of_region(world, regions[k]);
    auto rng = streams.stream(Purpose::network_formation, k, week);
    boost::random::uniform_int_distribution<int> extra(0, 2);
    const auto wanted = static_cast<std::size_t>(funding.minimum_schools + extra(rng));
    std::vector<SchoolId> members;
    if (!candidates.empty()) {
      boost::random::uniform_int_distribution<std::size_t> pick(0, candidates.size() - 1);
      for (std::size_t attempt = 0; attempt < 20 * wanted && members.size() < wanted; ++attempt) {
        const SchoolId school = candidates[pick(rng)];
        if (taken[school]) continue;
        taken[school] = 1;
        members.push_back(school);
      }
    }
    // A region too small for a network of the minimum size gets none.
    if (members.size() < static_cast<std::size_t>(funding.minimum_schools)) continue;
    const NetworkId network = world.networks.add(NetworkKind::funded_learning, regions[k], p.networks.funded_tightness);
    world.networks.funding_gbp[network] = funding.amount_gbp;
    world.networks.funded_years_left[network] = static_cast<std::int32_t>(funding.years);
    for (const SchoolId school : members) join(world, network, school);
  }
}

NetworkReview review_networks(World& world, const Parameters& p, const RandomStreams& streams, const Clock& clock) {
  NetworkReview review;
  auto& networks = world.networks;
  auto& schools = world.schools;
  auto& teachers = world.teachers;
  const auto week = static_cast<std::uint64_t>(clock.absolute_week);

  // 1. Ties, and the collaborative CPD they make.
  const auto ties = form_ties(world, p, streams, week);
  std::vector<std::uint8_t> lead(schools.size(), 0);
  for_each_agent(schools.size(), [&](std::size_t school) { lead[school] = has_lead_mentor(world, static_cast<SchoolId>(school)); });
  std::vector<std::uint8_t> tied_to_lead(schools.size(), 0);
  for (const auto& pairs : ties) {
    review.ties += static_cast<std::int64_t>(pairs.size());
    for (const auto& [a, b] : pairs) {
      tied_to_lead[a] |= lead[b];
      tied_to_lead[b] |= lead[a];
    }
  }

  // 2. CPD: skill and (through resting wellbeing, weekly) wellbeing rise more where
  // professional learning is collaborative; lead mentors train mentors near them.
  for_each_agent(schools.size(), [&](std::size_t id) {
    const double gain = yearly_skill_gain(p.cpd, schools.collaborative_cpd[id]);
    const double support = p.cpd.lead_mentor_support_hours * ((lead[id] ? 1.0 : 0.0) + (tied_to_lead[id] ? 0.5 : 0.0));
    for (TeacherId post = schools.first_post[id]; post < schools.posts_end(static_cast<SchoolId>(id)); ++post) {
      if (!teachers.filled[post]) continue;
      teachers.skill[post] += gain * (1.0 - teachers.skill[post]);
      if (teachers.is_mentor[post] && !teachers.is_lead_mentor[post]) teachers.mentor_training_hours[post] += support;
    }
  });

  // 3. Funding and capacity: a funded network pays for the year just run and trains lead
  // mentors in its members; hosting schools also appoint lead mentors on their own.
  for (NetworkId n = 0; n < networks.size(); ++n) {
    if (!networks.active(n) || networks.funded_years_left[n] <= 0) continue;
    review.funding_paid_gbp += static_cast<std::int64_t>(networks.funding_gbp[n]);
    const double per_school = networks.funding_gbp[n] / static_cast<double>(networks.members[n].size());
    const double chance = std::min(1.0, p.network_funding.capacity_building_rate * per_school / 10000.0);
    for (const SchoolId school : networks.members[n]) {
      auto rng = streams.stream(Purpose::funded_network_leads, pair_key(n, school), week);
      if (!lead[school] && rng.uniform() < chance && appoint_lead_mentor(world, p, school)) lead[school] = 1;
    }
    networks.funded_years_left[n] -= 1;
  }
  // A school whose lead mentor left usually replaces them; a hosting school without one now
  // and then appoints one.
  for (SchoolId school = 0; school < schools.size(); ++school) {
    if (lead[school]) continue;
    const double chance = schools.had_lead_mentor[school] ? p.cpd.lead_mentor_replacement
                          : schools.trainees_hosted_this_year[school] > 0 ? p.cpd.lead_mentor_appointment_rate
                                                                          : 0.0;
    auto rng = streams.stream(Purpose::lead_mentor, school, week);
    if (rng.uniform() < chance && appoint_lead_mentor(world, p, school)) lead[school] = 1;
  }
  update_capacity(networks, lead);

  // 4. Membership of voluntary networks: stay or leave by weighing benefit against cost;
  // a hub's leading school stays. Networks left too small dissolve.
  std::vector<double> ties_here(schools.size(), 0.0);  // a school's ties in the network under review
  for (NetworkId n = 0; n < networks.size(); ++n) {
    if (!networks.active(n)) continue;
    if (is_voluntary(networks.kind[n])) {
      for (const auto& [a, b] : ties[n]) {
        ties_here[a] += 1;
        ties_here[b] += 1;
      }
      const bool funded = networks.funded_years_left[n] > 0;
      const auto members = networks.members[n];
      const std::size_t first_free = networks.kind[n] == NetworkKind::teaching_school_hub ? 1 : 0;
      for (std::size_t k = first_free; k < members.size(); ++k) {
        const SchoolId school = members[k];
        auto rng = streams.stream(Purpose::network_membership, pair_key(n, school), week);
        const double utility =
            membership_utility(p.networks, ties_here[school], networks.capacity[n], networks.tightness[n], funded);
        if (rng.uniform() >= logistic(utility)) remove_member(world, n, school);
      }
      for (const auto& [a, b] : ties[n]) ties_here[a] = ties_here[b] = 0;
    }
    if (networks.members[n].size() < static_cast<std::size_t>(p.networks.minimum_members)) {
      for (const SchoolId school : std::vector<SchoolId>(networks.members[n])) remove_member(world, n, school);
    }
  }

  // 5. Joining: a school now and then considers a voluntary network of its region (a
  // learning network or a hub, not a closed funded one) and joins if staying would pay.
  std::array<std::vector<NetworkId>, region_count> open;
  for (NetworkId n = 0; n < networks.size(); ++n) {
    const auto kind = networks.kind[n];
    if (networks.active(n) && (kind == NetworkKind::professional_learning || kind == NetworkKind::teaching_school_hub))
      open[static_cast<std::size_t>(networks.region[n])].push_back(n);
  }
  for (SchoolId school = 0; school < schools.size(); ++school) {
    const auto& regional = open[static_cast<std::size_t>(schools.region[school])];
    auto rng = streams.stream(Purpose::network_joining, school, week);
    if (regional.empty() || rng.uniform() >= p.networks.join_rate) continue;
    boost::random::uniform_int_distribution<std::size_t> pick(0, regional.size() - 1);
    const NetworkId n = regional[pick(rng)];
    const auto& memberships = schools.networks[school];
    if (std::find(memberships.begin(), memberships.end(), n) != memberships.end()) continue;
    const double expected_ties = 2.0 * networks.ties[n] / static_cast<double>(networks.members[n].size());
    const double utility = membership_utility(p.networks, expected_ties, networks.capacity[n], networks.tightness[n], false);
    if (rng.uniform() < logistic(utility)) join(world, n, school);
  }

  for (SchoolId school = 0; school < schools.size(); ++school) schools.had_lead_mentor[school] = lead[school];
  update_school_effectiveness(world, p);
  return review;
}

}  // namespace ittsim
