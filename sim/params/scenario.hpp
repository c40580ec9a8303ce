#pragma once
// A Scenario is the immutable, validated description of a run: every parameter's value and
// where it came from. The simulation reads only this object, never a file or an options map.

#include "sim/params/parameters.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace ittsim {

// Where one value came from: "scenarios/baseline.ini:12", "--set", or "default".
struct ValueOrigin {
  std::string source;
};

// A `--set group.key=value` override from the command line.
struct Override {
  std::string key;
  std::string value;
  std::string origin;  // how it was given, for messages ("--set", "--seed")
};

class Scenario {
 public:
  // Reads path and everything it extends, applies overrides in order, validates every value
  // and the relations between them. Throws InputError naming file, line, key and expectation.
  static Scenario load(const std::filesystem::path& path, const std::vector<Override>& overrides = {});

  // This scenario with more overrides, validated as load() validates them: the same as
  // loading the files again with these overrides appended, without reading them again.
  Scenario with(const std::vector<Override>& overrides) const;

  // A scenario from INI text already read (a checkpoint's resolved scenario): source names it
  // in messages; the text cannot extend other files.
  static Scenario from_text(const std::string& text, const std::string& source, std::string name);

  // Defaults with overrides only; for tests and benchmarks that build worlds in code.
  static Scenario from_defaults(const std::vector<Override>& overrides = {});

  const Parameters& parameters() const noexcept { return parameters_; }
  const std::string& name() const noexcept { return name_; }
  // Files read, the named one first, then each one it extends.
  const std::vector<std::filesystem::path>& files() const noexcept { return files_; }
  // Every parameter with its resolved value and origin, as an INI file that reproduces the run.
  // Files are named relative to the named scenario's folder, so that the text does not depend
  // on the folder the scenario was loaded from.
  std::string resolved_text() const;
  // Every parameter as key = value, without origins or files: equal for two scenarios exactly
  // when they run identically.
  std::string values_text() const;
  // What a reader of this scenario should know that no value says: with a school list, what
  // was read and left out, and which parameters it replaces. Empty otherwise.
  std::vector<std::string> notes() const;

 private:
  Scenario() = default;
  friend struct ScenarioFactory;
  Parameters parameters_{};
  std::string name_;
  std::vector<std::filesystem::path> files_;
  std::vector<std::string> origins_;  // in visit_parameters order
};

Parameters default_parameters();

// Whether key names a path parameter (relative paths in a file are read from its folder).
bool is_path_key(std::string_view key);

// All parameter keys ("group.name"), in table order.
std::vector<std::string> parameter_keys();

// Levenshtein distance, for did-you-mean suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace ittsim
