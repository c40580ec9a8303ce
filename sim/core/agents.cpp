#include "sim/core/agents.hpp"

namespace ittsim {

SchoolId Schools::add(Phase school_phase, Region school_region, std::int32_t school_pupils, TeacherId first,
                      std::int32_t slots) {
  const auto id = static_cast<SchoolId>(phase.size());
  phase.push_back(school_phase);
  region.push_back(school_region);
  pupils.push_back(school_pupils);
  local_authority.push_back(0);
  easting_km.push_back(0);
  northing_km.push_back(0);
  area_type.push_back(AreaType::city_and_town);
  governance.push_back(Governance::maintained);
  urn.push_back(0);
  first_post.push_back(first);
  post_count.push_back(slots);
  training_school.push_back(0);
  cpd_culture.push_back(0.5);
  accountability_pressure.push_back(0.5);
  partners.emplace_back();
  partner_hosted.emplace_back();
  willing_to_host.push_back(0);
  free_mentor_places.push_back(0);
  trainees_on_placement.push_back(0);
  trainees_hosted_this_year.push_back(0);
  trainees_hosted_last_year.push_back(0);
  vacancies_last_year.push_back(0);
  networks.emplace_back();
  effectiveness_base.push_back(0);
  effectiveness.push_back(0);
  collaborative_cpd.push_back(0);
  had_lead_mentor.push_back(0);
  return id;
}

TeacherId Teachers::add_post(SchoolId post_school, Subject post_subject, bool post_established, double post_wellbeing) {
  const auto id = static_cast<TeacherId>(school.size());
  school.push_back(post_school);
  subject.push_back(post_subject);
  established.push_back(post_established);
  filled.push_back(0);
  experience_years.push_back(0);
  entry_year.push_back(-1);
  wellbeing.push_back(post_wellbeing);
  skill.push_back(0);
  is_mentor.push_back(0);
  mentor_training_hours.push_back(0);
  mentoring_years.push_back(0);
  mentoring_style.push_back(0);
  is_lead_mentor.push_back(0);
  review_training_year.push_back(-1);
  mentees.push_back(0);
  ect_mentees.push_back(0);
  mentoring_load_this_year.push_back(0);
  mentored_this_year.push_back(0);
  induction_mentor.push_back(no_id);
  induction_support.push_back(-1);
  departure.push_back(Departure::none);
  return id;
}

void Trainees::clear() {
  // Each member keeps its memory for the next cohort, which is about as large.
  visit_members(*this, [](const char*, auto& values) { values.clear(); });
}

void Teachers::reserve(std::size_t posts) {
  visit_members(*this, [&](const char*, auto& values) { values.reserve(posts); });
}

TraineeId Trainees::add(ProviderId provider_id, Route trainee_route, Phase trainee_phase, Subject trainee_subject,
                        Region trainee_region, double trainee_wellbeing) {
  const auto id = static_cast<TraineeId>(provider.size());
  provider.push_back(provider_id);
  route.push_back(trainee_route);
  phase.push_back(trainee_phase);
  subject.push_back(trainee_subject);
  region.push_back(trainee_region);
  employer.push_back(no_id);
  home_easting_km.push_back(0.0);
  home_northing_km.push_back(0.0);
  home_local_authority.push_back(0);
  aptitude.push_back(1.0);
  competence.push_back(0.0);
  wellbeing.push_back(trainee_wellbeing);
  status.push_back(TraineeStatus::in_training);
  school.push_back(no_id);
  mentor.push_back(no_id);
  mentor_skill.push_back(0.0);
  mentor_style.push_back(0.0);
  first_school.push_back(no_id);
  last_school.push_back(no_id);
  block.push_back(0);
  block_weeks_done.push_back(0);
  weeks_unplaced.push_back(0);
  ever_unplaced.push_back(0);
  extended.push_back(0);
  status_week.push_back(-1);
  return id;
}

ProviderId Providers::add(ProviderType provider_type, Region provider_region, double size, double provider_capability,
                          double provider_prescriptiveness) {
  const auto id = static_cast<ProviderId>(type.size());
  type.push_back(provider_type);
  region.push_back(provider_region);
  base_easting_km.push_back(0);
  base_northing_km.push_back(0);
  size_weight.push_back(size);
  quality.push_back(provider_capability);
  capability.push_back(provider_capability);
  prescriptiveness.push_back(provider_prescriptiveness);
  partner_schools.emplace_back();
  home_school_count.push_back(0);
  accreditation.push_back(Accreditation::accredited);
  lead_partner.push_back(no_id);
  placements_this_year.push_back(0);
  placements_with_partners.push_back(0);
  mentor_training_sum.push_back(0);
  return id;
}

void Teachers::vacate(TeacherId post) {
  filled[post] = 0;
  is_mentor[post] = 0;
  is_lead_mentor[post] = 0;
  review_training_year[post] = -1;
  mentees[post] = 0;
  ect_mentees[post] = 0;
  induction_mentor[post] = no_id;
  entry_year[post] = -1;
}

void Teachers::move(TeacherId from, TeacherId to) {
  filled[to] = 1;
  experience_years[to] = experience_years[from];
  entry_year[to] = entry_year[from];
  wellbeing[to] = wellbeing[from];
  skill[to] = skill[from];
  is_mentor[to] = is_mentor[from];
  mentor_training_hours[to] = mentor_training_hours[from];
  mentoring_years[to] = mentoring_years[from];
  mentoring_style[to] = mentoring_style[from];
  is_lead_mentor[to] = is_lead_mentor[from];
  review_training_year[to] = review_training_year[from];
  mentees[to] = 0;
  ect_mentees[to] = 0;
  mentoring_load_this_year[to] = 0;
  mentored_this_year[to] = 0;
  induction_mentor[to] = no_id;
  induction_support[to] = induction_support[from];
  vacate(from);
  departure[from] = Departure::moved;
}

void JobSeekers::clear() {
  visit_members(*this, [](const char*, auto& values) { values.clear(); });
}

void JobSeekers::add(Phase seeker_phase, Subject seeker_subject, Region seeker_region, Route seeker_route, double easting_km,
                     double northing_km, std::int32_t authority, std::int32_t year) {
  phase.push_back(seeker_phase);
  subject.push_back(seeker_subject);
  region.push_back(seeker_region);
  route.push_back(seeker_route);
  home_easting_km.push_back(easting_km);
  home_northing_km.push_back(northing_km);
  home_local_authority.push_back(authority);
  qualified_year.push_back(year);
}

NetworkId Networks::add(NetworkKind network_kind, Region network_region, double network_tightness) {
  const auto id = static_cast<NetworkId>(kind.size());
  kind.push_back(network_kind);
  region.push_back(network_region);
  members.emplace_back();
  tightness.push_back(network_tightness);
  funding_gbp.push_back(0);
  funded_years_left.push_back(0);
  capacity.push_back(0);
  ties.push_back(0);
  return id;
}

}  // namespace ittsim
