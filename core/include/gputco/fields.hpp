// The numeric inputs of a scenario and their valid ranges (§2, §4), in one table.
//
// Validation reads its ranges from here; break-even and sensitivity use the same
// table to find a field by its path, read and change its value and know its
// valid range, so the three can never disagree about what a field allows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gputco/scenario.hpp"

namespace gputco {

// A closed or half-open numeric range, optionally restricted to whole numbers.
struct NumberRule {
    double min = 0;
    double max = 0;
    bool min_exclusive = false;
    bool max_exclusive = false;
    bool whole = false;

    bool allows(double value) const;
    // "a number from 0 to 1", "a whole number from 1 to 240",
    // "a number greater than -1 and at most 10".
    std::string describe() const;
    // The range for a search: open bounds moved inward by `inward` (§8).
    double search_min(double inward = 1e-6) const { return min_exclusive ? min + inward : min; }
    double search_max(double inward = 1e-6) const { return max_exclusive ? max - inward : max; }
};

// Where a numeric field lives.
enum class FieldOwner { scenario, commit_option, own_option };

// How sensitivity moves a field: rates by percentage points, the rest by a share of their value.
enum class FieldScale { amount, rate };

struct NumericField {
    std::string_view key;      // "discount_rate", "demand.gpus", or an option's key such as "price"
    FieldOwner owner;
    NumberRule rule;           // for term_months and lead_time_months, max is the scenario's horizon
    FieldScale scale;
    bool bounded_by_horizon;   // max is horizon_months rather than rule.max
    double (*get)(const Scenario&, std::size_t option_index);
    void (*set)(Scenario&, std::size_t option_index, double value);

    NumberRule rule_for(const Scenario& scenario) const;
};

// Every numeric input, scenario-level first, then commit and own option fields.
const std::vector<NumericField>& numeric_fields();

// The table entry for `key` ("demand.gpus", or an option key such as "price"), or nullptr.
const NumericField* numeric_field(FieldOwner owner, std::string_view key);

// A numeric input located in a particular scenario: the field and, for an option
// field, the option's index.
struct FieldRef {
    const NumericField* field = nullptr;
    std::size_t option_index = 0;
    std::string path;  // canonical path, e.g. "options[2].escalator_per_year"

    double get(const Scenario& s) const { return field->get(s, option_index); }
    void set(Scenario& s, double v) const { field->set(s, option_index, v); }
    NumberRule rule(const Scenario& s) const { return field->rule_for(s); }
};

// Finds the numeric input at `path` in `scenario`, or explains why there is none
// (the path does not exist, the option has no such field, the field is not numeric).
// On failure returns nullopt and fills `why`.
std::optional<FieldRef> find_numeric_field(const Scenario& scenario, std::string_view path, std::string& why);

// Every numeric input that applies to this scenario, in table order, option by option.
std::vector<FieldRef> numeric_fields_of(const Scenario& scenario);

}  // namespace gputco
