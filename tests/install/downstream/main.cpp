// Runs one North East year of a scenario through the installed libraries: the model directly,
// printing the teachers in post at its end, and the driver into an output file (HDF5).
#include "sim/driver/run.hpp"
#include "sim/model/simulation.hpp"
#include "sim/params/scenario.hpp"

#include <exception>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: downstream SCENARIO.ini OUT.h5\n";
    return 2;
  }
  try {
    const auto scenario = ittsim::Scenario::load(argv[1], {{"population.regions", "1", "--set"},
                                                           {"run.years", "1", "--set"}});
    ittsim::Simulation simulation(scenario.parameters(), 0);
    while (!simulation.finished()) simulation.step();
    std::cout << simulation.last_year().teachers_in_post << "\n";
    ittsim::RunOptions options;
    options.output = argv[2];
    ittsim::run_scenario(scenario, options);
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
  return 0;
}
