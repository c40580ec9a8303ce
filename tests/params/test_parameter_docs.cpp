#include "sim/params/parameter_docs.hpp"
#include "sim/params/scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace ittsim;

TEST_CASE("docs/PARAMETERS.md is exactly what the parameter table generates", "[docs]") {
  // Regenerate with: build/bin/ittsim params --markdown > docs/PARAMETERS.md
  const std::string committed = test::read_file(test::source_dir / "docs" / "PARAMETERS.md");
  CHECK(committed == parameters_as_markdown());
}

TEST_CASE("the parameter listings name every parameter", "[docs]") {
  const std::string text = parameters_as_text();
  const std::string markdown = parameters_as_markdown();
  for (const auto& key : parameter_keys()) {
    const std::string name = key.substr(key.find('.') + 1);
    CHECK(text.find("  " + name + " = ") != std::string::npos);
    CHECK(markdown.find("| `" + name + "` |") != std::string::npos);
  }
}
