// Runs one North East year of a scenario through the installed model library and prints the
// teachers in post at its end.
#include "sim/model/simulation.hpp"
#include "sim/params/scenario.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: downstream SCENARIO.ini\n";
    return 2;
  }
  try {
    const auto scenario = ittsim::Scenario::load(argv[1], {{"population.regions", "1", "--set"},
                                                           {"run.years", "1", "--set"}});
    ittsim::Simulation simulation(scenario.parameters(), 0);
    while (!simulation.finished()) simulation.step();
    std::cout << simulation.last_year().teachers_in_post << "\n";
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
  return 0;
}
