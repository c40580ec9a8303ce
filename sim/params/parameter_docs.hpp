#pragma once
// Renderings of the parameter table: for `ittsim params` and for docs/PARAMETERS.md.

#include <string>
#include <vector>

namespace ittsim {

std::string parameters_as_text();
std::string parameters_as_markdown();

// One parameter of the table, as text and bounds: for the Python module's ittsim.params().
struct ParameterRow {
  std::string key;  // group.name
  std::string group;
  std::string name;
  std::string default_value;
  std::string unit;
  std::string type;  // integer, real or path
  double minimum = 0;
  double maximum = 0;
  std::string description;
};
std::vector<ParameterRow> parameter_rows();

}  // namespace ittsim
