#include <catch2/catch.hpp>

#include <cmath>

#include "gputco/rates.hpp"

using namespace gputco;
using Catch::Matchers::WithinRel;

TEST_CASE("monthly growth factors are (1 + g)^(m/12) to within a few ulps", "[rates]") {
    for (double g : {-0.99, -0.15, 0.0, 0.03, 0.5, 10.0}) {
        CAPTURE(g);
        const std::vector<double> f = monthly_growth_factors(AnnualRate(g), 240);
        REQUIRE(f.size() == 240);
        for (int m = 0; m < 240; ++m) {
            CAPTURE(m);
            CHECK_THAT(f[static_cast<std::size_t>(m)], WithinRel(std::pow(1.0 + g, m / 12.0), 1e-14));
        }
    }
}

TEST_CASE("growth factors start at exactly 1 and hit whole years exactly as pow does", "[rates]") {
    const std::vector<double> f = monthly_growth_factors(AnnualRate(0.21), 37);
    CHECK(f[0] == 1.0);
    CHECK(f[12] == std::pow(1.21, 1));
    CHECK(f[24] == std::pow(1.21, 2));
    CHECK(f[36] == std::pow(1.21, 3));
}

TEST_CASE("a zero rate gives factors of exactly 1", "[rates]") {
    for (double x : monthly_growth_factors(AnnualRate(0.0), 30)) CHECK(x == 1.0);
    for (double x : end_of_month_discount_factors(AnnualRate(0.0), 30)) CHECK(x == 1.0);
}

TEST_CASE("end-of-month discount factors pay month m at t = (m + 1) / 12", "[rates]") {
    const std::vector<double> d = end_of_month_discount_factors(AnnualRate(0.1), 24);
    REQUIRE(d.size() == 24);
    CHECK_THAT(d[11], WithinRel(1 / 1.1, 1e-15));       // the 12th payment is one year out
    CHECK_THAT(d[23], WithinRel(1 / 1.21, 1e-15));      // the 24th, two years
    CHECK_THAT(d[0], WithinRel(std::pow(1.1, -1.0 / 12), 1e-15));
    for (int m = 0; m < 24; ++m) CHECK_THAT(d[static_cast<std::size_t>(m)], WithinRel(std::pow(1.1, -(m + 1) / 12.0), 1e-14));
}

TEST_CASE("AnnualRate compounds smoothly over months and in steps over whole years", "[rates]") {
    const AnnualRate r(0.44);
    CHECK_THAT(r.growth_over_months(6), WithinRel(1.2, 1e-15));  // sqrt(1.44)
    CHECK_THAT(r.growth_over_whole_years(2), WithinRel(1.44 * 1.44, 1e-15));
    CHECK_THAT(r.discount_over_months(6), WithinRel(1 / 1.2, 1e-15));
    CHECK(monthly_growth_factors(r, 0).empty());
}
