// Writing the result document (§5).
#pragma once

#include <string>

#include "gputco/evaluate.hpp"
#include "gputco/problem.hpp"

namespace gputco {

inline constexpr const char* result_schema = "gpu-tco-result/1";

struct ResultFormat {
    int indent = -1;          // < 0: one compact line
    bool monthly = true;      // false: "monthly": null, for callers that take the months in binary
};

// {"schema": "gpu-tco-result/1", "cheapest": ID, "options": [...]}: keys in the
// methodology's order, numbers in shortest round-trip form.
std::string write_result(const Evaluation& evaluation, ResultFormat format = {});

// The problems of an input as [{"path": ..., "message": ...}, ...].
std::string write_problems(const Problems& problems);

}  // namespace gputco
