// Sensitivity: how much each uncertain input moves a decision metric, one input
// at a time, everything else held fixed (the numbers behind a tornado chart).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gputco/fields.hpp"
#include "gputco/scenario.hpp"

namespace gputco {

struct SensitivityRequest {
    // Either one option (the metric is its npv_cost), or a pair a, b (the metric
    // is npv_a - npv_b), or neither: the cheapest option against the runner-up.
    std::string option;
    std::string a;
    std::string b;
    std::optional<double> step;       // amounts move by -step and +step of their value; default 0.2
    std::optional<double> rate_step;  // rates move by this many units (0.05 = 5 percentage points); default 0.05
};

inline constexpr double default_step = 0.2;
inline constexpr double default_rate_step = 0.05;

struct SensitivityInput {
    std::string param;         // the input's path, e.g. "market.on_demand_price"
    FieldScale scale = FieldScale::amount;
    bool whole = false;
    double base_value = 0;
    double low_value = 0;      // the input moved down (clamped into its valid range, whole fields rounded)
    double high_value = 0;     // ... and up
    double metric_low = 0;     // the metric with the input at low_value
    double metric_high = 0;    // ... and at high_value
    double swing = 0;          // |metric_high - metric_low|
    std::string cheaper_low;   // for a pair: the cheaper of the two (§5 ties) at low_value; empty for one option
    std::string cheaper_high;
};

struct Sensitivity {
    std::string option;        // set for one option
    std::string a, b;          // set for a pair
    double step = default_step;
    double rate_step = default_rate_step;
    double base = 0;           // the metric as the scenario stands
    std::string cheaper;       // for a pair: the cheaper of the two now
    std::vector<SensitivityInput> inputs;  // largest swing first; ties in the order of the field table
};

// Throws InputError naming `option`, `a`, `b`, `step` or `rate_step` when the
// request cannot be answered.
Sensitivity sensitivity(const Scenario& scenario, const SensitivityRequest& request);

}  // namespace gputco
