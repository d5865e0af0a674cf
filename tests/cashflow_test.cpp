#include <catch2/catch.hpp>

#include "gputco/cashflow.hpp"

using namespace gputco;
using Catch::Matchers::WithinRel;

namespace {
CashFlows flows(double upfront, std::vector<double> fixed, std::vector<double> market, double residual) {
    CashFlows f;
    f.upfront = upfront;
    f.fixed_monthly = std::move(fixed);
    f.market_monthly = std::move(market);
    f.residual_value = residual;
    return f;
}
}  // namespace

TEST_CASE("total cost is upfront plus every month minus the residual", "[cashflow]") {
    const CashFlows f = flows(100, {1, 2, 3}, {10, 20, 30}, 50);
    CHECK(f.monthly(1) == 22);
    CHECK(total_cost(f) == 100 + 66 - 50);
}

TEST_CASE("npv discounts months at their end and the residual at the horizon, never the upfront", "[cashflow]") {
    // 12 months at r = 10 %: the last payment and the residual are one year out.
    std::vector<double> fixed(12, 0.0), market(12, 0.0);
    market[11] = 110;
    const CashFlows f = flows(1000, fixed, market, 220);
    const DiscountCurve curve = make_discount_curve(0.10, 12);
    CHECK_THAT(curve.at_horizon, WithinRel(1 / 1.1, 1e-15));
    CHECK_THAT(npv_cost(f, curve), WithinRel(1000 + 100 - 200, 1e-13));
}

TEST_CASE("with a zero discount rate npv equals the total", "[cashflow]") {
    const CashFlows f = flows(7, {1, 2, 3, 4}, {0.5, 0.25, 0, 9}, 3);
    const DiscountCurve curve = make_discount_curve(0.0, 4);
    CHECK(npv_cost(f, curve) == total_cost(f));
    CHECK(present_value_of_monthly({1, 2, 3, 4}, curve) == 10);
}
