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
  // Where it is (docs/ODD.md, Geography): its local authority (an index into
  // local_authorities(), sim/model/local_authorities.hpp), its British National Grid
  // coordinates in km, and its area type; and who runs it.
  std::vector<std::int32_t> local_authority;
  std::vector<double> easting_km;
  std::vector<double> northing_km;
  std::vector<AreaType> area_type;
  std::vector<Governance> governance;
  // DfE's unique reference number of a school read from a school list; 0 for a synthesised one.
  std::vector<std::int32_t> urn;
  // Post slots of school s are [first_post[s], first_post[s] + post_count[s]); the school
  // uses as many as its pupils need (Teachers::established), the rest are headroom for growth.
  std::vector<TeacherId> first_post;
  std::vector<std::int32_t> post_count;
  std::vector<std::uint8_t> training_school;  // designated training school (many providers, many trainees)
  std::vector<double> cpd_culture;            // 0 individual ... 1 collaborative professional learning
  std::vector<double> accountability_pressure;  // 0 ... 1
  std::vector<std::vector<ProviderId>> partners;          // home provider first (never dropped), then satellites
  std::vector<std::vector<std::uint8_t>> partner_hosted;  // per partner: hosted one of its trainees this year
  // Set by the placement market: this year's hosting decision, the mentor places free and
  // the trainees on placement this week, and the trainees hosted this year and last.
  std::vector<std::uint8_t> willing_to_host;
  std::vector<std::int32_t> free_mentor_places;
  std::vector<std::int32_t> trainees_on_placement;
  std::vector<std::int32_t> trainees_hosted_this_year;
  std::vector<std::int32_t> trainees_hosted_last_year;
  std::vector<std::int32_t> vacancies_last_year;
  // Networks and CPD: memberships (network ids, in joining order), effectiveness (in
  // standard deviations; its fixed part is drawn at synthesis), and how collaborative its
  // teachers' CPD is (0 ... 1), from its cross-school ties at the last review.
  std::vector<std::vector<NetworkId>> networks;
  std::vector<double> effectiveness_base;
  std::vector<double> effectiveness;
  std::vector<double> collaborative_cpd;
  std::vector<std::uint8_t> had_lead_mentor;  // at the last summer review

  std::size_t size() const noexcept { return phase.size(); }
  ProviderId home_provider(SchoolId school) const { return partners[school].front(); }
  TeacherId posts_end(SchoolId school) const noexcept {
    return first_post[school] + static_cast<TeacherId>(post_count[school]);
  }
  // A school with post slots [first, first + slots), partnered with no provider yet, with
  // middling CPD culture and accountability pressure until synthesis draws them.
  SchoolId add(Phase school_phase, Region school_region, std::int32_t school_pupils, TeacherId first, std::int32_t slots);

  // Every member by name, for checkpoints (sim/io/checkpoint_file.cpp, which also checks
  // that none is missing): a new member is listed here too.
  template <typename Self, typename Visit>
  static constexpr void visit_members(Self& self, Visit&& visit) {
    visit("phase", self.phase);
    visit("region", self.region);
    visit("pupils", self.pupils);
    visit("local_authority", self.local_authority);
    visit("easting_km", self.easting_km);
    visit("northing_km", self.northing_km);
    visit("area_type", self.area_type);
    visit("governance", self.governance);
    visit("urn", self.urn);
    visit("first_post", self.first_post);
    visit("post_count", self.post_count);
    visit("training_school", self.training_school);
    visit("cpd_culture", self.cpd_culture);
    visit("accountability_pressure", self.accountability_pressure);
    visit("partners", self.partners);
    visit("partner_hosted", self.partner_hosted);
    visit("willing_to_host", self.willing_to_host);
    visit("free_mentor_places", self.free_mentor_places);
    visit("trainees_on_placement", self.trainees_on_placement);
    visit("trainees_hosted_this_year", self.trainees_hosted_this_year);
    visit("trainees_hosted_last_year", self.trainees_hosted_last_year);
    visit("vacancies_last_year", self.vacancies_last_year);
    visit("networks", self.networks);
    visit("effectiveness_base", self.effectiveness_base);
    visit("effectiveness", self.effectiveness);
    visit("collaborative_cpd", self.collaborative_cpd);
    visit("had_lead_mentor", self.had_lead_mentor);
  }
};

// Teacher posts: a post holds one teacher or is vacant. A leaver vacates the post and a hire
// fills it, so ids stay dense and stable while the people change.
struct Teachers {
  std::vector<SchoolId> school;
  std::vector<Subject> subject;
  std::vector<std::uint8_t> established;  // the school needs this post now
  std::vector<std::uint8_t> filled;
  std::vector<std::int32_t> experience_years;
  std::vector<std::int32_t> entry_year;  // year a newly qualified holder started, or -1 for others
  // Brought up to date only when the post's load changes and at the year end (see
  // sim/model/teacher_wellbeing.hpp): read it mid-year only through that module.
  std::vector<double> wellbeing;
  std::vector<double> skill;  // 0 ... 1; rises with experience and CPD
  // Mentoring: the role, its training and style, and this week's load.
  std::vector<std::uint8_t> is_mentor;
  std::vector<double> mentor_training_hours;
  std::vector<std::int32_t> mentoring_years;
  std::vector<double> mentoring_style;  // 0 judgemental ... 1 developmental
  std::vector<std::uint8_t> is_lead_mentor;  // a mentor who trains and supports other mentors
  // Academic year in which the mentor first trained to the Market Review's standard, or -1.
  std::vector<std::int32_t> review_training_year;
  std::vector<std::int32_t> mentees;      // ITT trainees this week
  std::vector<std::int32_t> ect_mentees;  // early-career teachers this year
  std::vector<double> mentoring_load_this_year;  // weekly mentoring load summed over the year (as wellbeing, up to date at the year end)
  std::vector<std::uint8_t> mentored_this_year;
  // Induction of an early-career teacher (experience 0 or 1): the mentor, or no_id.
  std::vector<TeacherId> induction_mentor;
  std::vector<double> induction_support;  // mean style of the induction mentoring received; -1 if none
  std::vector<Departure> departure;       // why the post fell vacant at the last year end

  std::size_t size() const noexcept { return school.size(); }
  // Room for this many posts in every member, so that synthesis adds them without copying.
  void reserve(std::size_t posts);
  // A vacant post of a school, with no mentoring role and no induction history.
  TeacherId add_post(SchoolId post_school, Subject post_subject, bool post_established, double post_wellbeing);
  // The holder leaves: the post is vacant and every role and relation of theirs ends, so a
  // vacant post is always as add_post leaves it apart from its person's past attributes.
  void vacate(TeacherId post);
  // The holder of post `from` moves to the vacant post `to`, taking what is theirs (experience,
  // cohort, wellbeing, skill, mentor training and style, lead mentor role) and leaving the
  // relations that belong to the school (mentees, induction mentor); `from` is vacated.
  void move(TeacherId from, TeacherId to);

  // Every member by name, for checkpoints (sim/io/checkpoint_file.cpp, which also checks
  // that none is missing): a new member is listed here too.
  template <typename Self, typename Visit>
  static constexpr void visit_members(Self& self, Visit&& visit) {
    visit("school", self.school);
    visit("subject", self.subject);
    visit("established", self.established);
    visit("filled", self.filled);
    visit("experience_years", self.experience_years);
    visit("entry_year", self.entry_year);
    visit("wellbeing", self.wellbeing);
    visit("skill", self.skill);
    visit("is_mentor", self.is_mentor);
    visit("mentor_training_hours", self.mentor_training_hours);
    visit("mentoring_years", self.mentoring_years);
    visit("mentoring_style", self.mentoring_style);
    visit("is_lead_mentor", self.is_lead_mentor);
    visit("review_training_year", self.review_training_year);
    visit("mentees", self.mentees);
    visit("ect_mentees", self.ect_mentees);
    visit("mentoring_load_this_year", self.mentoring_load_this_year);
    visit("mentored_this_year", self.mentored_this_year);
    visit("induction_mentor", self.induction_mentor);
    visit("induction_support", self.induction_support);
    visit("departure", self.departure);
  }
};

struct Trainees {
  std::vector<ProviderId> provider;
  std::vector<Route> route;
  std::vector<Phase> phase;
  std::vector<Subject> subject;
  std::vector<Region> region;
  std::vector<SchoolId> employer;  // employing school of salaried and Teach First trainees, or no_id
  // Term-time home in British National Grid km, from which placements must lie within reach.
  std::vector<double> home_easting_km;
  std::vector<double> home_northing_km;
  std::vector<std::int32_t> home_local_authority;  // that of the school the home is near (7.1)
  std::vector<double> aptitude;
  std::vector<double> competence;
  std::vector<double> wellbeing;
  std::vector<TraineeStatus> status;
  std::vector<SchoolId> school;        // current placement school, or no_id
  std::vector<TeacherId> mentor;       // current mentor, or no_id
  // The current mentor's skill (sim/model/mentoring.hpp: mentor_skill) and style, as at the
  // match: neither changes during a placement. Meaningful only while mentor != no_id.
  std::vector<double> mentor_skill;
  std::vector<double> mentor_style;
  std::vector<SchoolId> first_school;  // the first block's school, which the second must differ from
  std::vector<SchoolId> last_school;   // the latest placement school, for the job search
  std::vector<std::int32_t> block;     // placement blocks completed (0, 1 or 2)
  std::vector<std::int32_t> block_weeks_done;
  std::vector<std::int32_t> weeks_unplaced;
  std::vector<std::uint8_t> ever_unplaced;
  std::vector<std::uint8_t> extended;     // assessed once and given an extension
  std::vector<std::int32_t> status_week;  // absolute week of the last change to withdrawn, failed or QTS

  std::size_t size() const noexcept { return provider.size(); }
  void clear();
  TraineeId add(ProviderId provider_id, Route trainee_route, Phase trainee_phase, Subject trainee_subject,
                Region trainee_region, double trainee_wellbeing);

  // Every member by name, for checkpoints (sim/io/checkpoint_file.cpp, which also checks
  // that none is missing): a new member is listed here too.
  template <typename Self, typename Visit>
  static constexpr void visit_members(Self& self, Visit&& visit) {
    visit("provider", self.provider);
    visit("route", self.route);
    visit("phase", self.phase);
    visit("subject", self.subject);
    visit("region", self.region);
    visit("employer", self.employer);
    visit("home_easting_km", self.home_easting_km);
    visit("home_northing_km", self.home_northing_km);
    visit("home_local_authority", self.home_local_authority);
    visit("aptitude", self.aptitude);
    visit("competence", self.competence);
    visit("wellbeing", self.wellbeing);
    visit("status", self.status);
    visit("school", self.school);
    visit("mentor", self.mentor);
    visit("mentor_skill", self.mentor_skill);
    visit("mentor_style", self.mentor_style);
    visit("first_school", self.first_school);
    visit("last_school", self.last_school);
    visit("block", self.block);
    visit("block_weeks_done", self.block_weeks_done);
    visit("weeks_unplaced", self.weeks_unplaced);
    visit("ever_unplaced", self.ever_unplaced);
    visit("extended", self.extended);
    visit("status_week", self.status_week);
  }
};

// QTS holders who sought a post at a year end and found none, kept to seek again at the next
// (sim/model/employment.hpp); the job market replaces the whole store each year end.
struct JobSeekers {
  std::vector<Phase> phase;
  std::vector<Subject> subject;
  std::vector<Region> region;
  std::vector<Route> route;
  std::vector<double> home_easting_km;
  std::vector<double> home_northing_km;
  std::vector<std::int32_t> home_local_authority;
  std::vector<std::int32_t> qualified_year;  // academic year in which QTS was awarded

  std::size_t size() const noexcept { return phase.size(); }
  void clear();
  void add(Phase seeker_phase, Subject seeker_subject, Region seeker_region, Route seeker_route, double easting_km,
           double northing_km, std::int32_t authority, std::int32_t year);

  // Every member by name, for checkpoints (sim/io/checkpoint_file.cpp, which also checks
  // that none is missing): a new member is listed here too.
  template <typename Self, typename Visit>
  static constexpr void visit_members(Self& self, Visit&& visit) {
    visit("phase", self.phase);
    visit("subject", self.subject);
    visit("region", self.region);
    visit("route", self.route);
    visit("home_easting_km", self.home_easting_km);
    visit("home_northing_km", self.home_northing_km);
    visit("home_local_authority", self.home_local_authority);
    visit("qualified_year", self.qualified_year);
  }
};

// School networks: one entry per network ever formed; a dissolved one keeps its id with no
// members, so ids stay stable.
struct Networks {
  std::vector<NetworkKind> kind;
  std::vector<Region> region;
  std::vector<std::vector<SchoolId>> members;  // in joining order
  std::vector<double> tightness;               // 0 loose ... 1 tight federation
  std::vector<double> funding_gbp;             // per year while funded
  std::vector<std::int32_t> funded_years_left;
  std::vector<double> capacity;  // share of members with a lead mentor, at the last review
  std::vector<std::int32_t> ties;  // cross-school CPD ties within the network this year

  std::size_t size() const noexcept { return kind.size(); }
  bool active(NetworkId network) const noexcept { return !members[network].empty(); }
  NetworkId add(NetworkKind network_kind, Region network_region, double network_tightness);

  // Every member by name, for checkpoints (sim/io/checkpoint_file.cpp, which also checks
  // that none is missing): a new member is listed here too.
  template <typename Self, typename Visit>
  static constexpr void visit_members(Self& self, Visit&& visit) {
    visit("kind", self.kind);
    visit("region", self.region);
    visit("members", self.members);
    visit("tightness", self.tightness);
    visit("funding_gbp", self.funding_gbp);
    visit("funded_years_left", self.funded_years_left);
    visit("capacity", self.capacity);
    visit("ties", self.ties);
  }
};

struct Providers {
  std::vector<ProviderType> type;
  std::vector<Region> region;
  // Its base, in British National Grid km: an HEI's campus town, a SCITT's lead school, a
  // national provider's office in its region.
  std::vector<double> base_easting_km;
  std::vector<double> base_northing_km;
  std::vector<double> size_weight;
  std::vector<double> quality;           // 0 ... 1: reputation in the competitive regime, programme coherence
  std::vector<double> capability;        // 0 ... 1: the fixed part of quality, drawn at synthesis
  std::vector<double> prescriptiveness;  // 0 ... 1: how heavy its paperwork and procedures are for a school
  std::vector<std::vector<SchoolId>> partner_schools;  // home schools first, then satellites
  std::vector<std::size_t> home_school_count;          // the first this many partner schools are home schools
  std::vector<Accreditation> accreditation;
  std::vector<ProviderId> lead_partner;  // for a provider that lost accreditation, the one that took it over; else no_id
  // This year's placements, those in schools already partnered at the start of the year, and
  // the training gain of their mentors summed, for the year-end quality update.
  std::vector<std::int32_t> placements_this_year;
  std::vector<std::int32_t> placements_with_partners;
  std::vector<double> mentor_training_sum;

  std::size_t size() const noexcept { return type.size(); }
  bool recruits(ProviderId provider) const noexcept { return accreditation[provider] == Accreditation::accredited; }
  // An accredited provider with no partner schools yet; its quality starts at its capability.
  ProviderId add(ProviderType provider_type, Region provider_region, double size, double provider_capability,
                 double provider_prescriptiveness);

  // Every member by name, for checkpoints (sim/io/checkpoint_file.cpp, which also checks
  // that none is missing): a new member is listed here too.
  template <typename Self, typename Visit>
  static constexpr void visit_members(Self& self, Visit&& visit) {
    visit("type", self.type);
    visit("region", self.region);
    visit("base_easting_km", self.base_easting_km);
    visit("base_northing_km", self.base_northing_km);
    visit("size_weight", self.size_weight);
    visit("quality", self.quality);
    visit("capability", self.capability);
    visit("prescriptiveness", self.prescriptiveness);
    visit("partner_schools", self.partner_schools);
    visit("home_school_count", self.home_school_count);
    visit("accreditation", self.accreditation);
    visit("lead_partner", self.lead_partner);
    visit("placements_this_year", self.placements_this_year);
    visit("placements_with_partners", self.placements_with_partners);
    visit("mentor_training_sum", self.mentor_training_sum);
  }
};

}  // namespace ittsim
