#include "analysis_support.hpp"

#include <cmath>

#include "gputco/format.hpp"

namespace gputco::detail {
void add_problem(Problems& problems, const char* path, std::initializer_list<std::string_view> parts) {
    std::string message;
    for (std::string_view part : parts) message += part;
    problems.push_back({path, std::move(message)});
}
bool check_number(Problems& problems, const char* path, const NumberRule& rule, double value) {
    if (rule.allows(value)) return true;
    add_problem(problems, path, {"must be ", rule.describe(), ", got ", shortest_number(value)});
    return false;
}
std::optional<std::size_t> check_option(const Scenario& scenario, const std::string& id, const char* field,
                                        Problems& problems) {
    if (id.empty()) {
        add_problem(problems, field, {"required: the id of an option"});
        return std::nullopt;
    }
    for (std::size_t i = 0; i < scenario.options.size(); ++i) {
        if (scenario.options[i].id == id) return i;
    }
    std::string ids;
    for (std::size_t i = 0; i < scenario.options.size(); ++i) {
        ids += (i == 0 ? "" : ", ") + quote_text(scenario.options[i].id);
    }
    add_problem(problems, field, {"no option has the id ", quote_text(id), "; the ids are ", ids});
    return std::nullopt;
}

int pair_order(double first, double second) {
    const double lowest = std::fmin(first, second);
    const double tied_up_to = lowest + tie_relative_tolerance * std::fabs(lowest);
    if (first <= tied_up_to && second <= tied_up_to) return 0;
    return first < second ? -1 : 1;
}
NpvProbe::NpvProbe(const Scenario& scenario, std::vector<std::size_t> watched)
    : scenario_(scenario), watched_(std::move(watched)), curves_(make_curves(scenario_)) {
    for (std::size_t i : watched_) base_.push_back(evaluate_option(scenario_.options[i], curves_).npv_cost);
    for (FieldRef& ref : numeric_fields_of(scenario_)) {
        if (ref.field->bounded_by_horizon) horizon_bounded_.push_back(std::move(ref));
    }
}

bool NpvProbe::still_valid() const {
    for (const FieldRef& ref : horizon_bounded_) {
        if (!ref.rule(scenario_).allows(ref.get(scenario_))) return false;
    }
    return true;
}

bool NpvProbe::npvs(const FieldRef& field, double value, double* out) {
    const double original = field.get(scenario_);
    field.set(scenario_, value);
    const bool valid = still_valid();
    if (valid) {
        if (field.field->owner == FieldOwner::scenario) {
            const ScenarioCurves curves = make_curves(scenario_);
            for (std::size_t k = 0; k < watched_.size(); ++k) {
                out[k] = evaluate_option(scenario_.options[watched_[k]], curves).npv_cost;
            }
        } else {
            for (std::size_t k = 0; k < watched_.size(); ++k) {
                out[k] = watched_[k] == field.option_index
                             ? evaluate_option(scenario_.options[watched_[k]], curves_).npv_cost
                             : base_[k];
            }
        }
    }
    field.set(scenario_, original);
    return valid;
}

}  // namespace gputco::detail
