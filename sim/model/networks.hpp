#pragma once
// School networks and CPD (MODEL.md §5.8). Networks of five kinds are built at synthesis
// (SCITT cooperatives, multi-academy trusts, teaching school hubs, professional learning
// networks) or formed by a funding programme. Each summer review: members of a network form
// cross-school CPD ties, weighed by accountability; teachers' skill and wellbeing rise more
// with collaborative CPD (ties) than with individual CPD; lead mentors train the mentors of
// their own school and of schools tied to it; funded networks build internal capacity (lead
// mentors); members of voluntary networks stay or leave by weighing benefit against cost,
// and networks too small dissolve.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <array>
#include <cstdint>

namespace ittsim {

// Network synthesis, after schools, teachers, providers and partnerships; also gives
// teachers their skill, schools their effectiveness and some schools a lead mentor.
void synthesise_networks(World& world, const Parameters& parameters, const RandomStreams& streams);

// September of a funding programme's start year: funded networks form.
void form_funded_networks(World& world, const Parameters& parameters, const RandomStreams& streams,
                                  const Clock& clock);

struct NetworkReview {
  std::int64_t funding_paid_gbp = 0;
  std::int64_t ties = 0;  // cross-school CPD ties formed this year, over all networks
};

// The summer review (year end, before departures).
NetworkReview review_networks(World& world, const Parameters& parameters, const RandomStreams& streams,
                              const Clock& clock);

// How willing a school of effectiveness `own` is to tie with one of effectiveness `other`:
// 1 when the other is as strong or stronger; otherwise the stronger school discounts the
// link under individual accountability (group = 0) and seeks it under group accountability.
double tie_willingness(double own, double other, double group, double strength, double link_discount);

// The utility of staying a year in a voluntary network.
// Membership costs staff time in proportion to the network's tightness; funding covers it.
double membership_utility(const NetworkParameters& networks, double ties_in_network, double capacity, double tightness,
                          bool funded);

// Share of the gap to full skill a teacher closes in a year, given the school's collaborative CPD (0 ... 1).
double yearly_skill_gain(const CpdParameters& cpd, double collaborative_cpd);

// A teacher's resting wellbeing, raised by collaborative CPD.
double resting_wellbeing_with_cpd(const CpdParameters& cpd, double collaborative_cpd);

// Makes one of the school's mentors (the most experienced; failing that, its most experienced
// eligible teacher, who becomes a mentor) a lead mentor. False if no one can be.
bool appoint_lead_mentor(World& world, const Parameters& parameters, SchoolId school);
bool has_lead_mentor(const World& world, SchoolId school);

// Skill of a teacher with this experience who had CPD at this collaborative level throughout.
double skill_for_experience(const CpdParameters& cpd, std::int32_t experience_years, double collaborative_cpd);
double mean_teacher_skill(const World& world, SchoolId school);

// Recomputes every school's effectiveness from its teachers' skill.
void update_school_effectiveness(World& world, const Parameters& parameters);

// Ofsted grade (0 outstanding ... 3 inadequate) for an effectiveness in standard deviations;
// cut points give 17% / 72% / 9% / 2% at the start, as Ofsted's 2023 judgements.
std::size_t ofsted_grade(double effectiveness) noexcept;

// Whether schools may leave a network of this kind by their own yearly decision.
bool is_voluntary(NetworkKind kind) noexcept;

}  // namespace ittsim
