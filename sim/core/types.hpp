#pragma once
// Dense ids and the small enumerations shared by every agent store.

#include <array>
#include <cstdint>
#include <string_view>

namespace ittsim {

using SchoolId = std::uint32_t;
using TeacherId = std::uint32_t;  // a teacher post; the person in it changes over time
using TraineeId = std::uint32_t;
using ProviderId = std::uint32_t;
using NetworkId = std::uint32_t;

inline constexpr std::uint32_t no_id = UINT32_MAX;

enum class Phase : std::uint8_t { primary, secondary, special };
inline constexpr std::array<std::string_view, 3> phase_names{"primary", "secondary", "special"};

// The nine English regions (ITL1), in ONS order.
enum class Region : std::uint8_t {
  north_east, north_west, yorkshire_humber, east_midlands, west_midlands, east_of_england, london,
  south_east, south_west
};
inline constexpr std::size_t region_count = 9;
inline constexpr std::array<std::string_view, region_count> region_names{
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West"};

// Where a school is, in the three groups of ONS's 2011 rural-urban classification of its
// output area: a major or minor conurbation, a city or town, or rural (town and fringe,
// village, hamlet and isolated dwellings).
enum class AreaType : std::uint8_t { conurbation, city_and_town, rural };
inline constexpr std::size_t area_type_count = 3;
inline constexpr std::array<std::string_view, area_type_count> area_type_names{"conurbation", "city and town", "rural"};

// Who runs a school: its local authority, a single-academy trust or a multi-academy trust.
enum class Governance : std::uint8_t { maintained, single_academy_trust, multi_academy_trust };
inline constexpr std::size_t governance_count = 3;
inline constexpr std::array<std::string_view, governance_count> governance_names{
    "local-authority maintained", "single-academy trust", "multi-academy trust"};

enum class ProviderType : std::uint8_t { hei, distance_hei, scitt, teach_first };
inline constexpr std::size_t provider_type_count = 4;
inline constexpr std::array<std::string_view, provider_type_count> provider_type_names{
    "HEI", "distance-learning HEI", "SCITT", "Teach First"};

// How a trainee trains. School Direct places are led by a school and delivered with an
// accredited HEI or SCITT; salaried and Teach First trainees are employed by a school.
enum class Route : std::uint8_t { hei, scitt, school_direct_fee, school_direct_salaried, teach_first, undergraduate };
inline constexpr std::size_t route_count = 6;
inline constexpr std::array<std::string_view, route_count> route_names{
    "HEI-led postgraduate", "SCITT", "School Direct (fee)", "School Direct (salaried)", "Teach First", "undergraduate"};

// Subjects in three groups: the shortage subjects (mathematics, physics, chemistry,
// computing, languages), the other EBacc subjects, and the rest. Primary posts are general.
enum class Subject : std::uint8_t { general, shortage, other_ebacc, non_ebacc };
inline constexpr std::size_t subject_count = 4;
inline constexpr std::array<std::string_view, subject_count> subject_names{"general (primary)", "shortage", "other EBacc",
                                                                           "non-EBacc"};

// Kinds of school network (MODEL.md §2): a SCITT's family of home schools, a multi-academy
// trust, a teaching school hub's network, a funded learning network (networked learning
// community) and a voluntary professional learning network.
enum class NetworkKind : std::uint8_t { scitt_cooperative, multi_academy_trust, teaching_school_hub, funded_learning, professional_learning };
inline constexpr std::size_t network_kind_count = 5;
inline constexpr std::array<std::string_view, network_kind_count> network_kind_names{
    "SCITT cooperative", "multi-academy trust", "teaching school hub", "funded learning network", "professional learning network"};

// A provider's standing after re-accreditation: a delivery partner trains under a lead
// partner's accreditation and recruits in its name; a closed provider trains no one.
enum class Accreditation : std::uint8_t { accredited, delivery_partner, closed };

// Ofsted grades 1 (outstanding) ... 4 (inadequate), as school effectiveness maps onto them.
inline constexpr std::size_t grade_count = 4;
inline constexpr std::array<std::string_view, grade_count> grade_names{"outstanding", "good", "requires improvement",
                                                                       "inadequate"};

enum class TraineeStatus : std::uint8_t {
  in_training,  // enrolled, between placements or in centre-based weeks
  on_placement,
  unplaced,     // needs a placement block and has none
  withdrawn,
  failed,
  qts,
};

// Why a post fell vacant at the last year end: its holder left teaching, retired or moved to
// another state school.
enum class Departure : std::uint8_t { none, left, retired, moved };

inline constexpr int weeks_per_year = 52;

// Trainees in training are counted in this week of the year, as the October ITT census does.
inline constexpr int census_week = 4;

inline bool is_active(TraineeStatus status) noexcept {
  return status == TraineeStatus::in_training || status == TraineeStatus::on_placement ||
         status == TraineeStatus::unplaced;
}

}  // namespace ittsim
