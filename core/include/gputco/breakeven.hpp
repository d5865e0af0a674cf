// Break-even (§8): the values of one numeric input at which two options cost
// the same (equal npv_cost), everything else held fixed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gputco/scenario.hpp"

namespace gputco {

struct BreakevenRequest {
    std::string a;      // option ids
    std::string b;
    std::string param;  // a path as in error messages: "market.price_trend_per_year", "options[2].escalator_per_year"
    std::optional<double> min;  // the search range; by default the field's valid range
    std::optional<double> max;
    int scan_points = 1001;     // §8 scans 1,001 points; tests use fewer to exercise the refinement
};

struct Crossing {
    double value = 0;            // where npv_a = npv_b; for a whole-number input, the first whole value past the change
    std::string cheaper_below;   // the option that is cheaper just below `value`
    std::string cheaper_above;   // ... and from `value` on
};

struct Breakeven {
    std::string param, a, b;
    std::vector<Crossing> crossings;  // in increasing value; empty when one option is cheaper over the whole range
    // Extensions for writing sentences about the result:
    bool whole = false;          // a whole-number input: values are whole numbers
    double min = 0, max = 0;     // the range searched
    double valid_min = 0, valid_max = 0;  // the lowest and highest scan points at which the scenario is valid
    int invalid_points = 0;      // scan points skipped because the scenario would be invalid there
    double current_value = 0;    // the input's value in the scenario
    std::string cheaper_at_min;  // the cheaper of the two (§5 ties) at valid_min
    std::string cheaper_at_max;  // ... and at valid_max
    std::string cheaper_now;     // ... and in the scenario as it stands
};

// Throws InputError naming the request field (`a`, `b`, `param`, `min`, `max`)
// when the request cannot be answered.
Breakeven breakeven(const Scenario& scenario, const BreakevenRequest& request);

}  // namespace gputco
