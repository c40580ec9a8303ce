#include "sim/model/accreditation.hpp"

#include "sim/core/id_lists.hpp"

#include <algorithm>

namespace ittsim {

void record_placement(Providers& providers, ProviderId provider, bool existing_partner, double mentor_training_gain) {
  providers.placements_this_year[provider] += 1;
  providers.placements_with_partners[provider] += existing_partner ? 1 : 0;
  providers.mentor_training_sum[provider] += mentor_training_gain;
}

double quality_target(const ProviderParameters& p, double capability, double stability, double mentor_training) {
  const double own = std::max(0.0, 1.0 - p.stability_weight - p.mentor_training_weight);
  return std::clamp(own * capability + p.stability_weight * stability + p.mentor_training_weight * mentor_training, 0.0, 1.0);
}

void update_provider_quality(World& world, const Parameters& p) {
  auto& providers = world.providers;
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    const auto placements = providers.placements_this_year[provider];
    if (placements > 0) {
      const double stability = static_cast<double>(providers.placements_with_partners[provider]) / placements;
      const double training = providers.mentor_training_sum[provider] / placements;
      const double target = quality_target(p.providers, providers.capability[provider], stability, training);
      providers.quality[provider] += p.providers.quality_adjustment_rate * (target - providers.quality[provider]);
    }
    providers.placements_this_year[provider] = 0;
    providers.placements_with_partners[provider] = 0;
    providers.mentor_training_sum[provider] = 0;
  }
}

namespace {

bool is_local(ProviderType type) { return type == ProviderType::hei || type == ProviderType::scitt; }

// The best accredited local provider of the region, or of anywhere if the region has none.
ProviderId choose_lead_partner(const Providers& providers, Region region) {
  ProviderId best = no_id;
  ProviderId best_anywhere = no_id;
  for (ProviderId candidate = 0; candidate < providers.size(); ++candidate) {
    if (!is_local(providers.type[candidate]) || !providers.recruits(candidate)) continue;
    if (best_anywhere == no_id || providers.quality[candidate] > providers.quality[best_anywhere]) best_anywhere = candidate;
    if (providers.region[candidate] == region && (best == no_id || providers.quality[candidate] > providers.quality[best]))
      best = candidate;
  }
  return best != no_id ? best : best_anywhere;
}

}  // namespace

Reaccreditation reaccredit(World& world, const Parameters& p) {
  auto& providers = world.providers;
  const auto& review = p.market_review;
  Reaccreditation result;
  // Outcomes are judged on quality before any change, so the order of providers does not matter.
  std::vector<ProviderId> failing;
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    if (is_local(providers.type[provider]) && providers.recruits(provider) &&
        providers.quality[provider] < review.accreditation_quality_bar)
      failing.push_back(provider);
  }
  for (const ProviderId provider : failing) {
    const bool closes = providers.quality[provider] < review.closure_quality_bar;
    providers.accreditation[provider] = closes ? Accreditation::closed : Accreditation::delivery_partner;
  }
  for (const ProviderId provider : failing) {
    const ProviderId lead = choose_lead_partner(providers, providers.region[provider]);
    if (lead == no_id) {
      // No one left to take over: the provider keeps its accreditation.
      providers.accreditation[provider] = Accreditation::accredited;
      continue;
    }
    const bool closes = providers.accreditation[provider] == Accreditation::closed;
    providers.lead_partner[provider] = lead;
    providers.size_weight[lead] += providers.size_weight[provider] * (closes ? p.providers.closed_capacity_transfer : 1.0);
    result.closed += closes ? 1 : 0;
    result.demoted += closes ? 0 : 1;
  }
  return result;
}

std::int64_t transfer_partnerships(World& world) {
  auto& providers = world.providers;
  auto& schools = world.schools;
  std::int64_t moved = 0;
  for (ProviderId provider = 0; provider < providers.size(); ++provider) {
    const ProviderId lead = providers.lead_partner[provider];
    if (providers.recruits(provider) || lead == no_id || providers.partner_schools[provider].empty()) continue;
    const auto listed = std::move(providers.partner_schools[provider]);
    const std::size_t home = providers.home_school_count[provider];
    providers.partner_schools[provider].clear();
    providers.home_school_count[provider] = 0;
    for (std::size_t k = 0; k < listed.size(); ++k) {
      const SchoolId school = listed[k];
      auto& partners = schools.partners[school];
      auto& hosted = schools.partner_hosted[school];
      const auto index = static_cast<std::size_t>(position_of(partners, provider) - partners.begin());
      const auto existing = std::find(partners.begin(), partners.end(), lead);
      if (existing == partners.end()) {
        partners[index] = lead;
        auto& lead_schools = providers.partner_schools[lead];
        if (k < home) {
          lead_schools.insert(lead_schools.begin() + static_cast<std::ptrdiff_t>(providers.home_school_count[lead]), school);
          providers.home_school_count[lead] += 1;
        } else {
          lead_schools.push_back(school);
        }
      } else {
        // Already a partner of the lead: the school keeps one partnership with it, as its
        // home partnership if the old provider was its home.
        const auto lead_index = static_cast<std::size_t>(existing - partners.begin());
        if (index == 0) {
          std::swap(partners[0], partners[lead_index]);
          std::swap(hosted[0], hosted[lead_index]);
          auto& lead_schools = providers.partner_schools[lead];
          const auto position = position_of(lead_schools, school);
          if (static_cast<std::size_t>(position - lead_schools.begin()) >= providers.home_school_count[lead]) {
            lead_schools.erase(position);
            lead_schools.insert(lead_schools.begin() + static_cast<std::ptrdiff_t>(providers.home_school_count[lead]), school);
            providers.home_school_count[lead] += 1;
          }
        }
        const std::size_t drop = index == 0 ? lead_index : index;
        partners.erase(partners.begin() + static_cast<std::ptrdiff_t>(drop));
        hosted.erase(hosted.begin() + static_cast<std::ptrdiff_t>(drop));
      }
      moved += 1;
    }
  }
  return moved;
}

std::int64_t accredited_providers(const World& world) {
  std::int64_t count = 0;
  for (ProviderId provider = 0; provider < world.providers.size(); ++provider) count += world.providers.recruits(provider);
  return count;
}

}  // namespace ittsim
