#include "gputco/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "analysis_support.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/format.hpp"

namespace gputco {

namespace {

constexpr NumberRule step_rule{0, 1, true, false, false};  // greater than 0 and at most 1

// horizon_months and hours_per_month define the question being asked (how long,
// and what a month of GPU time is), not an uncertain input, so they are not moved.
bool defines_the_question(const FieldRef& ref) {
    return ref.field->owner == FieldOwner::scenario &&
           (ref.field->key == "horizon_months" || ref.field->key == "hours_per_month");
}
double moved(const FieldRef& ref, const NumberRule& rule, double value, double direction, double step,
             double rate_step) {
    double x = ref.field->scale == FieldScale::rate ? value + direction * rate_step
                                                    : value + direction * step * std::fabs(value);
    x = std::min(std::max(x, rule.search_min()), rule.search_max());
    if (rule.whole) x = std::min(std::max(std::round(x), rule.min), rule.max);
    return x;
}

// The options the metric is about, from the request: one, a pair, or by
// default the cheapest against the runner-up (§5 ties), or the only option.
std::vector<std::size_t> metric_options(const Scenario& scenario, const SensitivityRequest& request,
                                        Problems& problems) {
    if (!request.option.empty()) {
        if (!request.a.empty() || !request.b.empty()) {
            detail::add_problem(problems, "option", {"give either one option, or a and b to compare, not both"});
            return {};
        }
        const std::optional<std::size_t> i = detail::check_option(scenario, request.option, "option", problems);
        return i ? std::vector<std::size_t>{*i} : std::vector<std::size_t>{};
    }
    if (!request.a.empty() || !request.b.empty()) {
        if (request.a.empty()) {
            detail::add_problem(problems, "a", {"required with b: the id of the option to compare b with"});
        }
        if (request.b.empty()) {
            detail::add_problem(problems, "b", {"required with a: the id of the option to compare a with"});
        }
        std::vector<std::size_t> pair;
        for (const auto& [id, field] : {std::pair{&request.a, "a"}, std::pair{&request.b, "b"}}) {
            if (id->empty()) continue;
            const std::optional<std::size_t> i = detail::check_option(scenario, *id, field, problems);
            if (i) pair.push_back(*i);
        }
        if (pair.size() != 2) return {};
        if (pair[0] == pair[1]) {
            detail::add_problem(problems, "b", {"must be another option than a, got ", quote_text(request.b), " twice"});
        }
        return pair;
    }
    const Evaluation evaluation = evaluate(scenario);
    std::vector<std::size_t> out = {evaluation.cheapest};
    std::vector<double> others;
    std::vector<std::size_t> other_index;
    for (std::size_t i = 0; i < evaluation.options.size(); ++i) {
        if (i == evaluation.cheapest) continue;
        others.push_back(evaluation.options[i].npv_cost);
        other_index.push_back(i);
    }
    if (!others.empty()) out.push_back(other_index[cheapest_index(others.data(), others.size())]);
    return out;
}

// The metric over the watched options' NPVs, and for a pair the cheaper of the two.
struct Metric {
    const Sensitivity& result;
    bool pair;
    bool a_listed_first;

    double of(const double* npv) const { return pair ? npv[0] - npv[1] : npv[0]; }
    const std::string& cheaper(const double* npv) const {
        if (!pair) return no_one();
        const int order = detail::pair_order(npv[0], npv[1]);
        if (order == 0) return a_listed_first ? result.a : result.b;
        return order < 0 ? result.a : result.b;
    }
    static const std::string& no_one() {
        static const std::string empty;
        return empty;
    }
};
SensitivityInput measure(detail::NpvProbe& probe, const Scenario& scenario, const FieldRef& ref, const Metric& metric,
                         double step, double rate_step) {
    SensitivityInput input;
    input.param = ref.path;
    input.scale = ref.field->scale;
    const NumberRule rule = ref.rule(scenario);
    input.whole = rule.whole;
    input.base_value = ref.get(scenario);
    input.low_value = moved(ref, rule, input.base_value, -1, step, rate_step);
    input.high_value = moved(ref, rule, input.base_value, +1, step, rate_step);
    // Clamped into their own valid ranges, and with the horizon never moved,
    // the moved scenarios are always valid.
    double npv[2];
    double npv_high[2];
    if (!probe.npvs(ref, input.low_value, npv) || !probe.npvs(ref, input.high_value, npv_high)) {
        throw std::logic_error("sensitivity: a moved input made the scenario invalid");
    }
    input.metric_low = metric.of(npv);
    input.cheaper_low = metric.cheaper(npv);
    input.metric_high = metric.of(npv_high);
    input.cheaper_high = metric.cheaper(npv_high);
    input.swing = std::fabs(input.metric_high - input.metric_low);
    return input;
}

}  // namespace
Sensitivity sensitivity(const Scenario& scenario, const SensitivityRequest& request) {
    Problems problems;
    const std::vector<std::size_t> watched = metric_options(scenario, request, problems);
    Sensitivity out;
    out.step = request.step.value_or(default_step);
    out.rate_step = request.rate_step.value_or(default_rate_step);
    if (request.step) detail::check_number(problems, "step", step_rule, out.step);
    if (request.rate_step) detail::check_number(problems, "rate_step", step_rule, out.rate_step);
    if (!problems.empty()) throw InputError(std::move(problems));

    const bool pair = watched.size() == 2;
    if (pair) {
        out.a = scenario.options[watched[0]].id;
        out.b = scenario.options[watched[1]].id;
    } else {
        out.option = scenario.options[watched[0]].id;
    }
    const Metric metric{out, pair, pair && watched[0] < watched[1]};
    detail::NpvProbe probe(scenario, watched);
    out.base = metric.of(probe.base().data());
    out.cheaper = metric.cheaper(probe.base().data());

    // Every input of the scenario and of the options in the metric. Inputs of
    // other options cannot move the metric and are left out.
    std::vector<SensitivityInput> inputs;
    for (const FieldRef& ref : numeric_fields_of(scenario)) {
        if (defines_the_question(ref)) continue;
        if (ref.field->owner != FieldOwner::scenario &&
            std::find(watched.begin(), watched.end(), ref.option_index) == watched.end()) {
            continue;
        }
        inputs.push_back(measure(probe, scenario, ref, metric, out.step, out.rate_step));
    }
    // Largest swing first, ties in table order: a stable insertion sort of the
    // indices (there are at most a few dozen inputs), then one move each.
    std::vector<std::size_t> order(inputs.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        std::size_t j = i;
        for (; j > 0 && inputs[order[j - 1]].swing < inputs[i].swing; --j) order[j] = order[j - 1];
        order[j] = i;
    }
    for (std::size_t i : order) out.inputs.push_back(std::move(inputs[i]));
    return out;
}

}  // namespace gputco
