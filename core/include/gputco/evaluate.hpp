// Evaluation of a valid scenario into cash flows and their valuation (§3–§5).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "gputco/cashflow.hpp"
#include "gputco/scenario.hpp"

namespace gputco {

struct OptionResult {
    std::string id;
    CashFlows flows;
    double total_cost = 0;
    double npv_cost = 0;
    double work_gpu_hours = 0;
    double idle_gpu_hours = 0;
    std::optional<double> levelized_cost_per_gpu_hour;  // empty when there is no work
};

struct Evaluation {
    std::vector<OptionResult> options;  // in the scenario's order
    std::size_t cheapest = 0;           // index into options
};

// Evaluates every option of a scenario that parse_scenario() accepted.
Evaluation evaluate(const Scenario& scenario);

// Month-by-month inputs that every option of a scenario shares: the work to
// serve, the market prices and the discount factors.
struct ScenarioCurves {
    int horizon_months = 0;
    double hours_per_month = 0;
    std::vector<double> work_gpu_hours;           // W(m)
    std::vector<double> on_demand_per_gpu_hour;   // OD(m)
    std::vector<double> spot_per_work_hour;       // (1 + overhead) * SP(m); empty when no spot price
    DiscountCurve discount;
    double total_work_gpu_hours = 0;              // sum_m W(m)
    double discounted_work_gpu_hours = 0;         // sum_m W(m) (1 + r)^(-t_m)

    // Cost of buying `work_hours` of work from `market` in month m.
    double market_cost(Market market, int m, double work_hours) const;
};

ScenarioCurves make_curves(const Scenario& scenario);

// One option against precomputed curves: what evaluate() does for each option.
OptionResult evaluate_option(const Option& option, const ScenarioCurves& curves);

// The index of the option with the lowest NPV; options within a relative 1e-9
// of the lowest count as tied and the first of them wins (§5).
std::size_t cheapest_index(const double* npv_costs, std::size_t count);

// The relative tolerance of that tie rule.
inline constexpr double tie_relative_tolerance = 1e-9;

}  // namespace gputco
