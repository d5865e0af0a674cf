// Shared by break-even and sensitivity: naming options in a request, and
// re-evaluating a few options with one numeric input moved.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gputco/evaluate.hpp"
#include "gputco/fields.hpp"
#include "gputco/problem.hpp"
#include "gputco/scenario.hpp"

namespace gputco::detail {

// Appends the problem {path, the parts joined}. One out-of-line function for
// every message keeps their many concatenations small in the WebAssembly build.
void add_problem(Problems& problems, const char* path, std::initializer_list<std::string_view> parts);

// "must be RULE, got VALUE" at `path` when `rule` does not allow `value`; true when it does.
bool check_number(Problems& problems, const char* path, const NumberRule& rule, double value);

// The index of the option with `id`. When `id` is empty or names no option, adds
// a problem at the request field `field` and returns nothing.
std::optional<std::size_t> check_option(const Scenario& scenario, const std::string& id, const char* field,
                                        Problems& problems);

// The order of two NPVs under the §5 tie rule: -1 when the first is cheaper,
// +1 when the second is, 0 when they are tied (within a relative 1e-9 of the lower).
int pair_order(double first, double second);

// Re-evaluates the watched options of a scenario with one numeric input set to
// another value, everything else held fixed. Only what the input can change is
// recomputed: the shared curves and every watched option for a scenario-level
// input, one option for an option's input, nothing for another option's input.
class NpvProbe {
public:
    NpvProbe(const Scenario& scenario, std::vector<std::size_t> watched);

    // The watched options' NPVs as the scenario stands.
    const std::vector<double>& base() const { return base_; }

    // With `field` at `value`: the watched options' NPVs into `out` and true, or
    // false when the scenario would then be invalid (a term or lead time longer
    // than a shortened horizon: the only rules that tie one input to another).
    bool npvs(const FieldRef& field, double value, double* out);

private:
    bool still_valid() const;

    Scenario scenario_;
    std::vector<std::size_t> watched_;
    ScenarioCurves curves_;
    std::vector<double> base_;
    std::vector<FieldRef> horizon_bounded_;  // the inputs whose range ends at the horizon
};

}  // namespace gputco::detail
