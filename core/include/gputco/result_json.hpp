// Writing the result document (§5).
#pragma once

#include <string>

#include "gputco/evaluate.hpp"

namespace gputco {

inline constexpr const char* result_schema = "gpu-tco-result/1";

// {"schema": "gpu-tco-result/1", "cheapest": ID, "options": [...]}: keys in the
// methodology's order, numbers in shortest round-trip form; indent < 0 writes
// one compact line.
std::string write_result(const Evaluation& evaluation, int indent = -1);

}  // namespace gputco
