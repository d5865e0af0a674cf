#include "gputco/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "gputco/rates.hpp"

namespace gputco {

double ScenarioCurves::market_cost(Market market, int m, double work_hours) const {
    const auto i = static_cast<std::size_t>(m);
    return market == Market::spot ? work_hours * spot_per_work_hour[i]
                                  : work_hours * on_demand_per_gpu_hour[i];
}

ScenarioCurves make_curves(const Scenario& s) {
    const int months = s.horizon_months;
    ScenarioCurves curves;
    curves.horizon_months = months;
    curves.hours_per_month = s.hours_per_month;
    curves.discount = make_discount_curve(s.discount_rate, months);

    const std::vector<double> demand_growth = monthly_growth_factors(AnnualRate(s.demand.growth_per_year), months);
    const std::vector<double> price_trend = monthly_growth_factors(AnnualRate(s.market.price_trend_per_year), months);

    curves.work_gpu_hours.resize(demand_growth.size());
    curves.on_demand_per_gpu_hour.resize(price_trend.size());
    if (s.market.spot_price) curves.spot_per_work_hour.resize(price_trend.size());
    const double spot_hours_per_work_hour = 1.0 + s.market.spot_interruption_overhead;

    for (std::size_t m = 0; m < demand_growth.size(); ++m) {
        curves.work_gpu_hours[m] = s.demand.gpus * demand_growth[m] * s.hours_per_month;
        curves.on_demand_per_gpu_hour[m] = s.market.on_demand_price * price_trend[m];
        if (s.market.spot_price) {
            curves.spot_per_work_hour[m] = spot_hours_per_work_hour * (*s.market.spot_price * price_trend[m]);
        }
        curves.total_work_gpu_hours += curves.work_gpu_hours[m];
        curves.discounted_work_gpu_hours += curves.work_gpu_hours[m] * curves.discount.end_of_month[m];
    }
    return curves;
}

namespace {

struct MonthlyFlows {
    CashFlows flows;
    double idle_gpu_hours = 0;
};

MonthlyFlows empty_flows(int months) {
    MonthlyFlows out;
    out.flows.fixed_monthly.assign(static_cast<std::size_t>(months), 0.0);
    out.flows.market_monthly.assign(static_cast<std::size_t>(months), 0.0);
    return out;
}

// All work bought from one market, every month.
MonthlyFlows market_flows(Market market, const ScenarioCurves& c) {
    MonthlyFlows out = empty_flows(c.horizon_months);
    for (int m = 0; m < c.horizon_months; ++m) {
        out.flows.market_monthly[static_cast<std::size_t>(m)] =
            c.market_cost(market, m, c.work_gpu_hours[static_cast<std::size_t>(m)]);
    }
    return out;
}

MonthlyFlows commit_flows(const CommitTerms& t, const ScenarioCurves& c) {
    MonthlyFlows out = empty_flows(c.horizon_months);
    const double committed_hours = t.gpus * c.hours_per_month;
    const AnnualRate escalator(t.escalator_per_year);

    double term_charges = 0;
    double price = t.price_per_gpu_hour;  // P(m), stepped at each anniversary
    for (int m = 0; m < c.horizon_months; ++m) {
        const auto i = static_cast<std::size_t>(m);
        const double work = c.work_gpu_hours[i];
        if (m < t.term_months) {
            if (m > 0 && m % 12 == 0) price = t.price_per_gpu_hour * escalator.growth_over_whole_years(m / 12);
            const double committed_charge = committed_hours * price;
            term_charges += committed_charge;
            out.flows.fixed_monthly[i] = (1.0 - t.prepay_fraction) * committed_charge;
            out.flows.market_monthly[i] = c.market_cost(t.overflow, m, std::max(0.0, work - committed_hours));
            out.idle_gpu_hours += std::max(0.0, committed_hours - work);
        } else {
            out.flows.market_monthly[i] = c.market_cost(t.after_term, m, work);
        }
    }
    out.flows.upfront = t.prepay_fraction * (1.0 - t.prepay_discount) * term_charges;
    return out;
}

MonthlyFlows own_flows(const OwnTerms& t, const ScenarioCurves& c) {
    MonthlyFlows out = empty_flows(c.horizon_months);
    const double capex = t.gpus * t.capex_per_gpu;
    const double capacity_hours = t.gpus * c.hours_per_month;
    const double it_kw = t.gpus * t.power_kw_per_gpu;
    const double energy_at_month0 = it_kw * t.pue * c.hours_per_month * t.energy_price_per_kwh;
    const double colocation = it_kw * t.colo_per_kw_month;
    const double upkeep = capex * t.opex_fraction_per_year / 12.0;
    const std::vector<double> energy_trend =
        monthly_growth_factors(AnnualRate(t.energy_trend_per_year), c.horizon_months);

    for (int m = 0; m < c.horizon_months; ++m) {
        const auto i = static_cast<std::size_t>(m);
        const double work = c.work_gpu_hours[i];
        if (m < t.lead_time_months) {
            out.flows.market_monthly[i] = c.market_cost(t.overflow, m, work);
            continue;
        }
        out.flows.fixed_monthly[i] = energy_at_month0 * energy_trend[i] + colocation + upkeep;
        out.flows.market_monthly[i] = c.market_cost(t.overflow, m, std::max(0.0, work - capacity_hours));
        out.idle_gpu_hours += std::max(0.0, capacity_hours - work);
    }
    out.flows.upfront = capex;
    if (t.residual == ResidualRule::straight_line) {
        const double remaining_life = 1.0 - static_cast<double>(c.horizon_months) / t.useful_life_months;
        out.flows.residual_value = capex * std::max(0.0, remaining_life);
    }
    return out;
}

}  // namespace

OptionResult evaluate_option(const Option& option, const ScenarioCurves& curves) {
    MonthlyFlows monthly = std::visit(
        [&](const auto& terms) -> MonthlyFlows {
            using T = std::decay_t<decltype(terms)>;
            if constexpr (std::is_same_v<T, OnDemandTerms>) return market_flows(Market::on_demand, curves);
            else if constexpr (std::is_same_v<T, SpotTerms>) return market_flows(Market::spot, curves);
            else if constexpr (std::is_same_v<T, CommitTerms>) return commit_flows(terms, curves);
            else return own_flows(terms, curves);
        },
        option.terms);

    OptionResult r;
    r.id = option.id;
    r.flows = std::move(monthly.flows);
    r.idle_gpu_hours = monthly.idle_gpu_hours;
    r.total_cost = total_cost(r.flows);
    r.npv_cost = npv_cost(r.flows, curves.discount);
    r.work_gpu_hours = curves.total_work_gpu_hours;
    if (curves.discounted_work_gpu_hours > 0) {
        const double levelized = r.npv_cost / curves.discounted_work_gpu_hours;
        if (std::isfinite(levelized)) r.levelized_cost_per_gpu_hour = levelized;
    }
    return r;
}

std::size_t cheapest_index(const double* npv_costs, std::size_t count) {
    if (count == 0) return 0;
    const double lowest = *std::min_element(npv_costs, npv_costs + count);
    const double tied_up_to = lowest + tie_relative_tolerance * std::fabs(lowest);
    for (std::size_t i = 0; i < count; ++i) {
        if (npv_costs[i] <= tied_up_to) return i;
    }
    return 0;  // unreachable: the lowest itself is always within the tolerance
}

Evaluation evaluate(const Scenario& scenario) {
    const ScenarioCurves curves = make_curves(scenario);
    Evaluation evaluation;
    evaluation.options.reserve(scenario.options.size());
    std::vector<double> npvs;
    npvs.reserve(scenario.options.size());
    for (const Option& option : scenario.options) {
        evaluation.options.push_back(evaluate_option(option, curves));
        npvs.push_back(evaluation.options.back().npv_cost);
    }
    evaluation.cheapest = cheapest_index(npvs.data(), npvs.size());
    return evaluation;
}

}  // namespace gputco
