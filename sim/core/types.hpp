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

enum class ProviderType : std::uint8_t { hei, scitt };
inline constexpr std::array<std::string_view, 2> provider_type_names{"HEI", "SCITT"};

enum class TraineeStatus : std::uint8_t {
  in_training,  // enrolled, between placements or in centre-based weeks
  on_placement,
  unplaced,     // needs a placement block and has none
  withdrawn,
  failed,
  qts,
};

enum class Departure : std::uint8_t { none, left, retired };

inline constexpr int weeks_per_year = 52;

// Trainees in training are counted in this week of the year, as the October ITT census does.
inline constexpr int census_week = 4;

inline bool is_active(TraineeStatus status) noexcept {
  return status == TraineeStatus::in_training || status == TraineeStatus::on_placement ||
         status == TraineeStatus::unplaced;
}

}  // namespace ittsim
