#pragma once
// Fixed values of the model that are definitions rather than behaviours to calibrate, named
// once here so that code and docs/ODD.md point at one place.

#include <cstdint>

namespace ittsim {

// Teachers' wellbeing settles here when nothing strains it; hazards are centred on it.
inline constexpr double resting_wellbeing = 0.7;
// A new trainee's wellbeing on recruitment.
inline constexpr double recruit_wellbeing = 0.8;
// Years of experience a teacher needs before training as an ITT mentor.
inline constexpr std::int32_t mentor_experience_years = 3;
// Lowest aptitude a recruit can have, so that progress is always positive on average.
inline constexpr double minimum_aptitude = 0.1;

}  // namespace ittsim
