// Reading a scenario document (§2, §4): every rule checked, every problem reported.
#pragma once

#include <optional>
#include <string_view>

#include "gputco/json_document.hpp"
#include "gputco/problem.hpp"
#include "gputco/scenario.hpp"

namespace gputco {

inline constexpr const char* scenario_schema = "gpu-tco/1";

struct ScenarioParse {
    std::optional<Scenario> scenario;  // set exactly when problems is empty
    Problems problems;
    bool ok() const { return problems.empty(); }
};

// Validates a parsed document and builds the scenario with defaults applied.
ScenarioParse scenario_from_json(const Json& document);

// read_json() then scenario_from_json().
ScenarioParse parse_scenario(std::string_view text, JsonLimits limits = {});

}  // namespace gputco
