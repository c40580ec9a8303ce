#pragma once
// Renderings of the parameter table: for `ittsim params` and for docs/PARAMETERS.md.

#include <string>

namespace ittsim {

std::string parameters_as_text();
std::string parameters_as_markdown();

}  // namespace ittsim
