// Compounding and discounting: the only place the engine raises (1 + rate) to a
// power. Every trend, growth rate, escalator and discount rate in the methodology
// is an annual rate; this header turns one into the factor for a span of months.
#pragma once

#include <vector>

namespace gputco {

// An annual effective rate, e.g. 0.08 for 8 % a year or -0.15 for a 15 % fall.
class AnnualRate {
public:
    constexpr explicit AnnualRate(double per_year) : per_year_(per_year) {}
    constexpr double per_year() const { return per_year_; }

    // (1 + rate)^(months / 12): smooth monthly compounding (§1).
    double growth_over_months(double months) const;
    // (1 + rate)^(whole_years): steps once at each anniversary (the escalator).
    double growth_over_whole_years(int years) const;
    // (1 + rate)^(-months / 12): present value factor of an amount paid `months` from now.
    double discount_over_months(double months) const;

private:
    double per_year_;
};

// factors[i] = (1 + rate)^(sign * (first_month + i) / 12) for i in [0, count).
//
// Built from one pow per whole year and one per month-of-year, instead of a pow
// per month: the same value to within a couple of ulps, and the break-even and
// sensitivity searches evaluate thousands of scenarios, so it matters.
std::vector<double> monthly_growth_factors(AnnualRate rate, int count);     // exponent m/12
std::vector<double> end_of_month_discount_factors(AnnualRate rate, int count);  // exponent -(m+1)/12

}  // namespace gputco
