// Scenario and sweep files as hostile input: what is not a regular file, what is too large,
// too long or too deep, and values written the way people write them elsewhere.

#include "sim/core/errors.hpp"
#include "sim/params/scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
