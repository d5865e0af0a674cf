#include "gputco/cashflow.hpp"

#include "gputco/rates.hpp"

namespace gputco {

DiscountCurve make_discount_curve(double annual_rate, int horizon_months) {
    const AnnualRate rate(annual_rate);
    DiscountCurve curve;
    curve.end_of_month = end_of_month_discount_factors(rate, horizon_months);
    curve.at_horizon = rate.discount_over_months(horizon_months);
    return curve;
}

double total_cost(const CashFlows& flows) {
    double sum = flows.upfront;
    for (int m = 0; m < flows.months(); ++m) sum += flows.monthly(m);
    return sum - flows.residual_value;
}

double npv_cost(const CashFlows& flows, const DiscountCurve& curve) {
    double sum = flows.upfront;
    for (int m = 0; m < flows.months(); ++m) {
        sum += flows.monthly(m) * curve.end_of_month[static_cast<std::size_t>(m)];
    }
    return sum - flows.residual_value * curve.at_horizon;
}

double present_value_of_monthly(const std::vector<double>& values, const DiscountCurve& curve) {
    double sum = 0;
    for (std::size_t m = 0; m < values.size(); ++m) sum += values[m] * curve.end_of_month[m];
    return sum;
}

}  // namespace gputco
