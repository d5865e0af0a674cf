// Writing the break-even (§8), sensitivity and simulation (§7) documents: keys
// in a fixed order, numbers in shortest round-trip form.
#pragma once

#include <string>

#include "gputco/breakeven.hpp"
#include "gputco/sensitivity.hpp"
#include "gputco/simulate.hpp"

namespace gputco {

inline constexpr const char* breakeven_schema = "gpu-tco-breakeven/1";
inline constexpr const char* sensitivity_schema = "gpu-tco-sensitivity/1";
inline constexpr const char* simulation_schema = "gpu-tco-simulation/1";

// indent < 0: one compact line; otherwise pretty-printed with `indent` spaces.
std::string write_breakeven(const Breakeven& breakeven, int indent = -1);
std::string write_sensitivity(const Sensitivity& sensitivity, int indent = -1);
std::string write_simulation(const Simulation& simulation, int indent = -1);

}  // namespace gputco
