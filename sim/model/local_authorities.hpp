#pragma once
// England's 153 local authorities with education responsibility (counties, unitary
// authorities, metropolitan districts, London boroughs, the City of London and the Isles of
// Scilly): the frame in which the synthetic schools are placed (docs/ODD.md, Geography).

#include "sim/core/types.hpp"

#include <span>
#include <string_view>

namespace ittsim {

struct LocalAuthority {
  std::string_view code;  // ONS GSS code
  std::string_view name;
  Region region;
  bool metropolitan;  // a metropolitan district or a London borough: a conurbation throughout
  double area_km2;
  double population;  // mid-2020 estimate
  double easting_km;  // British National Grid, of the authority's centre
  double northing_km;
};

// How many there are: outputs by local authority have one column each.
inline constexpr std::size_t local_authority_count = 153;

// In region order (ONS), then by name; a school's local_authority indexes this.
std::span<const LocalAuthority> local_authorities();

}  // namespace ittsim
