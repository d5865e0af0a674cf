// Cash flows of one option, kept apart from their valuation.
//
// An option's terms produce payments at known times (§1): an upfront amount at
// t = 0, one amount at the end of each month, and a residual value received at
// the horizon. Totals and present values are free functions over these flows.
//
// Each month's payment is stored in two parts: what is fixed by contract or by
// owning hardware, and what is bought from the market at that month's price.
// Only the market part moves with market prices, which is what lets the Monte
// Carlo simulation price a path with one dot product per option (§7).
#pragma once

#include <vector>

namespace gputco {

struct CashFlows {
    double upfront = 0;                  // paid at t = 0
    std::vector<double> fixed_monthly;   // paid at end of month m, independent of market prices
    std::vector<double> market_monthly;  // paid at end of month m, proportional to market prices
    double residual_value = 0;           // received at t = H / 12

    int months() const { return static_cast<int>(fixed_monthly.size()); }
    // What is paid at the end of month m.
    double monthly(int m) const {
        return fixed_monthly[static_cast<std::size_t>(m)] + market_monthly[static_cast<std::size_t>(m)];
    }
};

// Present value factors for a horizon: one for each month-end payment and one
// for the residual at the horizon.
struct DiscountCurve {
    std::vector<double> end_of_month;  // (1 + r)^(-(m + 1) / 12)
    double at_horizon = 1;             // (1 + r)^(-H / 12)
};

DiscountCurve make_discount_curve(double annual_rate, int horizon_months);

// upfront + sum(monthly) - residual_value
double total_cost(const CashFlows& flows);

// Present value of the same flows.
double npv_cost(const CashFlows& flows, const DiscountCurve& curve);

// sum_m values[m] * curve.end_of_month[m]: the present value of a monthly series.
double present_value_of_monthly(const std::vector<double>& values, const DiscountCurve& curve);

}  // namespace gputco
