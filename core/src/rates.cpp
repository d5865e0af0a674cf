#include "gputco/rates.hpp"

#include <cmath>

namespace gputco {

double AnnualRate::growth_over_months(double months) const {
    return std::pow(1.0 + per_year_, months / 12.0);
}

double AnnualRate::growth_over_whole_years(int years) const {
    return std::pow(1.0 + per_year_, years);
}

double AnnualRate::discount_over_months(double months) const {
    return std::pow(1.0 + per_year_, -months / 12.0);
}

namespace {

// (1 + rate)^(sign * n / 12) for n = first .. first + count - 1, split as
// (1 + rate)^(sign * years) * (1 + rate)^(sign * month_of_year / 12).
std::vector<double> factors_for_months(AnnualRate rate, int first, int count, double sign) {
    std::vector<double> factors(count > 0 ? static_cast<std::size_t>(count) : 0);
    if (count <= 0) return factors;
    const double base = 1.0 + rate.per_year();
    if (base == 1.0) {
        factors.assign(factors.size(), 1.0);
        return factors;
    }
    double month_of_year[12];
    for (int j = 0; j < 12; ++j) month_of_year[j] = std::pow(base, sign * j / 12.0);
    int year = -1;
    double whole_years = 1.0;
    for (int i = 0; i < count; ++i) {
        const int n = first + i;
        if (n / 12 != year) {
            year = n / 12;
            whole_years = std::pow(base, sign * year);
        }
        factors[static_cast<std::size_t>(i)] = whole_years * month_of_year[n % 12];
    }
    return factors;
}

}  // namespace

std::vector<double> monthly_growth_factors(AnnualRate rate, int count) {
    return factors_for_months(rate, 0, count, +1.0);
}

std::vector<double> end_of_month_discount_factors(AnnualRate rate, int count) {
    return factors_for_months(rate, 1, count, -1.0);
}

}  // namespace gputco
