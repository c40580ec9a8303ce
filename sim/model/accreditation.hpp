#pragma once
// Providers and accreditation (MODEL.md §5.9). A provider's quality moves each year towards
// what its partnerships support: its own capability, the stability of its placements (in
// schools it already partnered) and the training of its trainees' mentors. A re-accreditation
// event demotes HEIs and SCITTs below a quality bar to delivery partners of an accredited lead
// partner, or closes those far below it; they recruit no more, their trainees finish, and at
// the year end their partnerships move to the lead partner.

#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <cstdint>

namespace ittsim {

// Called by the placement market for each placement made.
void record_placement(Providers& providers, ProviderId provider, bool existing_partner, double mentor_training_gain);

// Year end: quality moves towards its target; the year's placement records are cleared.
void update_provider_quality(World& world, const Parameters& parameters);

// The quality a provider's year supports (public for tests).
double quality_target(const ProviderParameters& providers, double capability, double stability, double mentor_training);

struct Reaccreditation {
  std::int64_t demoted = 0;
  std::int64_t closed = 0;
};

// The re-accreditation week of the review's first year.
Reaccreditation reaccredit(World& world, const Parameters& parameters);

// Year end: partnerships of providers that lost accreditation move to their lead partners.
// Returns the partnerships moved.
std::int64_t transfer_partnerships(World& world);

std::int64_t accredited_providers(const World& world);

}  // namespace ittsim
