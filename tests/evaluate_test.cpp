// Hand-checkable cases: every expected number here can be worked out on paper
// from METHODOLOGY.md; the comment next to it shows how.
#include <catch2/catch.hpp>

#include <cmath>

#include "gputco/evaluate.hpp"
#include "gputco/scenario_json.hpp"

using namespace gputco;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// A scenario with 100-hour months and no discounting unless the test says otherwise.
Evaluation run(const std::string& options, const std::string& extra = "", int horizon = 36, double rate = 0.0,
               double gpus = 1) {
    const std::string text = R"({"schema": "gpu-tco/1", "horizon_months": )" + std::to_string(horizon) +
                             R"(, "discount_rate": )" + std::to_string(rate) +
                             R"(, "hours_per_month": 100, "demand": {"gpus": )" + std::to_string(gpus) +
                             R"(}, "market": {"on_demand_price": 3, "spot_price": 2)" + extra +
                             R"(}, "options": [)" + options + "]}";
    const ScenarioParse parsed = parse_scenario(text);
    std::vector<std::string> problems;
    for (const Problem& p : parsed.problems) problems.push_back(p.to_string());
    CAPTURE(text, problems);
    REQUIRE(parsed.ok());
    return evaluate(*parsed.scenario);
}

double month(const Evaluation& e, std::size_t option, int m) { return e.options[option].flows.monthly(m); }

}  // namespace

TEST_CASE("the escalator steps at months 12 and 24, not 11 or 13", "[commit]") {
    // 1 GPU x 100 h x 1.00 = 100 a month in year 1, then x 1.1 at each anniversary.
    const Evaluation e = run(R"({"id": "c", "kind": "commit", "gpus": 1, "term_months": 36, "price": 1, "escalator_per_year": 0.1})");
    CHECK_THAT(month(e, 0, 0), WithinRel(100.0, 1e-15));
    CHECK_THAT(month(e, 0, 11), WithinRel(100.0, 1e-15));
    CHECK_THAT(month(e, 0, 12), WithinRel(110.0, 1e-15));
    CHECK_THAT(month(e, 0, 13), WithinRel(110.0, 1e-15));
    CHECK_THAT(month(e, 0, 23), WithinRel(110.0, 1e-15));
    CHECK_THAT(month(e, 0, 24), WithinRel(121.0, 1e-15));
    CHECK_THAT(month(e, 0, 35), WithinRel(121.0, 1e-15));
    CHECK_THAT(e.options[0].total_cost, WithinRel(1200.0 + 1320.0 + 1452.0, 1e-15));
}

TEST_CASE("a prepayment is paid at t = 0 and is not discounted", "[commit]") {
    // 12 months x 100 = 1200 committed; all prepaid at 10 % off = 1080 upfront, nothing monthly.
    const Evaluation e = run(R"({"id": "c", "kind": "commit", "gpus": 1, "term_months": 12, "price": 1,
                                 "prepay_fraction": 1, "prepay_discount": 0.1})", "", 12, 0.25);
    CHECK_THAT(e.options[0].flows.upfront, WithinRel(1080.0, 1e-15));
    for (int m = 0; m < 12; ++m) CHECK(month(e, 0, m) == 0.0);
    CHECK_THAT(e.options[0].npv_cost, WithinRel(1080.0, 1e-15));
}

TEST_CASE("a partial prepayment splits every committed month", "[commit]") {
    // 40 % of 2400 prepaid at 5 % off = 912 upfront; each month pays 60 % of 100 = 60.
    const Evaluation e = run(R"({"id": "c", "kind": "commit", "gpus": 1, "term_months": 24, "price": 1,
                                 "prepay_fraction": 0.4, "prepay_discount": 0.05})", "", 24);
    CHECK_THAT(e.options[0].flows.upfront, WithinRel(912.0, 1e-15));
    CHECK_THAT(month(e, 0, 0), WithinRel(60.0, 1e-15));
    CHECK_THAT(month(e, 0, 23), WithinRel(60.0, 1e-15));
}

TEST_CASE("the residual value is received at t = H/12", "[own]") {
    // 1200 capex, 24-month life, 12-month horizon: half the value is left, 600, received one year out.
    const Evaluation e = run(R"({"id": "o", "kind": "own", "gpus": 1, "capex_per_gpu": 1200, "useful_life_months": 24})",
                             "", 12, 0.10);
    CHECK(e.options[0].flows.residual_value == 600.0);
    CHECK_THAT(e.options[0].total_cost, WithinRel(600.0, 1e-15));
    CHECK_THAT(e.options[0].npv_cost, WithinRel(1200.0 - 600.0 / 1.1, 1e-14));
}

TEST_CASE("no residual once the horizon reaches the useful life, or with residual none", "[own]") {
    const Evaluation e = run(R"({"id": "a", "kind": "own", "gpus": 1, "capex_per_gpu": 1200, "useful_life_months": 12},
                                {"id": "b", "kind": "own", "gpus": 1, "capex_per_gpu": 1200, "residual": "none"})", "", 24);
    CHECK(e.options[0].flows.residual_value == 0.0);
    CHECK(e.options[1].flows.residual_value == 0.0);
}

TEST_CASE("work above a commitment overflows to its market; capacity below demand is idle", "[commit]") {
    // Demand 15 GPUs x 100 h = 1500 h. A 10-GPU commit at 1.00 buys 500 h on demand at 3.00;
    // a 20-GPU commit at 1.00 leaves 500 h idle; a 10-GPU commit overflowing to spot pays 2.00 x 1.1.
    const Evaluation e = run(R"({"id": "small", "kind": "commit", "gpus": 10, "term_months": 12, "price": 1},
                                {"id": "large", "kind": "commit", "gpus": 20, "term_months": 12, "price": 1},
                                {"id": "spotty", "kind": "commit", "gpus": 10, "term_months": 12, "price": 1, "overflow": "spot"})",
                             R"(, "spot_interruption_overhead": 0.1)", 12, 0.0, 15);
    CHECK_THAT(month(e, 0, 0), WithinRel(1000.0 + 500 * 3.0, 1e-15));
    CHECK(e.options[0].idle_gpu_hours == 0.0);
    CHECK_THAT(month(e, 1, 5), WithinRel(2000.0, 1e-15));
    CHECK_THAT(e.options[1].idle_gpu_hours, WithinRel(12 * 500.0, 1e-15));
    CHECK_THAT(month(e, 2, 0), WithinRel(1000.0 + 500 * 1.1 * 2.0, 1e-15));
}

TEST_CASE("after its term a commit buys all work from its after_term market with no idle hours", "[commit]") {
    // 20 committed GPUs for 6 of 12 months against 15 GPUs of work; then spot at 2.00 x 1.5.
    const Evaluation e = run(R"({"id": "c", "kind": "commit", "gpus": 20, "term_months": 6, "price": 1, "after_term": "spot"})",
                             R"(, "spot_interruption_overhead": 0.5)", 12, 0.0, 15);
    CHECK_THAT(month(e, 0, 5), WithinRel(2000.0, 1e-15));
    CHECK_THAT(month(e, 0, 6), WithinRel(1500 * 1.5 * 2.0, 1e-15));
    CHECK_THAT(e.options[0].idle_gpu_hours, WithinRel(6 * 500.0, 1e-15));
}

TEST_CASE("owned servers buy everything from the market during the lead time", "[own]") {
    // 3-month lead time: months 0-2 buy 100 h on demand at 3.00 and pay no running cost and
    // have no idle hours; from month 3 the running cost is 0.5 kW x 1.2 PUE x 100 h x 0.1
    // energy + 0.5 kW x 10 colocation + 1200 x 0.12 / 12 upkeep = 6 + 5 + 12 = 23, and 2 GPUs
    // serving 1 GPU of work leave 100 h idle.
    const Evaluation e = run(R"({"id": "o", "kind": "own", "gpus": 2, "capex_per_gpu": 600, "lead_time_months": 3,
                                 "power_kw_per_gpu": 0.25, "pue": 1.2, "energy_price_per_kwh": 0.1,
                                 "colo_per_kw_month": 10, "opex_fraction_per_year": 0.12, "residual": "none"})",
                             "", 12);
    for (int m = 0; m < 3; ++m) CHECK_THAT(month(e, 0, m), WithinRel(300.0, 1e-15));
    for (int m = 3; m < 12; ++m) CHECK_THAT(month(e, 0, m), WithinRel(23.0, 1e-14));
    CHECK_THAT(e.options[0].idle_gpu_hours, WithinRel(9 * 100.0, 1e-15));
    CHECK(e.options[0].flows.upfront == 1200.0);
}

TEST_CASE("the energy trend counts from month 0, not from delivery", "[own]") {
    // Energy 1 kW x 100 h x 1.00 = 100 in month 0 prices; delivered at month 12 it already costs 100 x 1.5.
    const Evaluation e = run(R"({"id": "o", "kind": "own", "gpus": 1, "capex_per_gpu": 0, "lead_time_months": 12,
                                 "power_kw_per_gpu": 1, "energy_price_per_kwh": 1, "energy_trend_per_year": 0.5})", "", 24);
    CHECK_THAT(month(e, 0, 12), WithinRel(150.0, 1e-14));
}

TEST_CASE("servers past their useful life keep running at the same cost", "[own]") {
    const Evaluation e = run(R"({"id": "o", "kind": "own", "gpus": 1, "capex_per_gpu": 1200, "useful_life_months": 12,
                                 "opex_fraction_per_year": 0.1})", "", 36);
    CHECK_THAT(month(e, 0, 11), WithinRel(10.0, 1e-14));
    CHECK_THAT(month(e, 0, 30), WithinRel(10.0, 1e-14));
    CHECK(e.options[0].flows.residual_value == 0.0);
}

TEST_CASE("spot buys every hour of work plus the interruption overhead at the spot price", "[market]") {
    // 100 h x 1.25 x 2.00 = 250 a month; on demand 100 h x 3.00 = 300.
    const Evaluation e = run(R"({"id": "od", "kind": "on_demand"}, {"id": "sp", "kind": "spot"})",
                             R"(, "spot_interruption_overhead": 0.25)", 12);
    CHECK_THAT(month(e, 0, 0), WithinRel(300.0, 1e-15));
    CHECK_THAT(month(e, 1, 0), WithinRel(250.0, 1e-15));
    CHECK(e.options[0].idle_gpu_hours == 0.0);
    CHECK(e.options[1].work_gpu_hours == 1200.0);  // overhead hours are not work
}

TEST_CASE("market prices follow the trend smoothly month by month", "[market]") {
    // Prices fall 19 % a year: month 6 is 3.00 x 0.81^0.5 = 3.00 x 0.9.
    const Evaluation e = run(R"({"id": "od", "kind": "on_demand"})", R"(, "price_trend_per_year": -0.19)", 24);
    CHECK_THAT(month(e, 0, 6), WithinRel(300 * 0.9, 1e-14));
    CHECK_THAT(month(e, 0, 12), WithinRel(300 * 0.81, 1e-14));
}

TEST_CASE("zero demand gives a null levelized cost and idle committed hours", "[results]") {
    const Evaluation e = run(R"({"id": "od", "kind": "on_demand"}, {"id": "c", "kind": "commit", "gpus": 2, "term_months": 12, "price": 1})",
                             "", 12, 0.08, 0);
    CHECK(e.options[0].work_gpu_hours == 0.0);
    CHECK_FALSE(e.options[0].levelized_cost_per_gpu_hour.has_value());
    CHECK_FALSE(e.options[1].levelized_cost_per_gpu_hour.has_value());
    CHECK(e.options[0].npv_cost == 0.0);
    CHECK_THAT(e.options[1].idle_gpu_hours, WithinRel(12 * 200.0, 1e-15));
}

TEST_CASE("levelized cost divides npv by the discounted work", "[results]") {
    // On demand at a flat 3.00 costs exactly 3.00 per GPU-hour whatever the discount rate.
    const Evaluation e = run(R"({"id": "od", "kind": "on_demand"})", "", 36, 0.3);
    REQUIRE(e.options[0].levelized_cost_per_gpu_hour.has_value());
    CHECK_THAT(*e.options[0].levelized_cost_per_gpu_hour, WithinRel(3.0, 1e-14));
}

TEST_CASE("a tie picks the first option in the scenario's order", "[results]") {
    // On demand at 3.00 and a commit at 3.00 for the whole horizon cost the same.
    const std::string od = R"({"id": "od", "kind": "on_demand"})";
    const std::string cm = R"({"id": "cm", "kind": "commit", "gpus": 1, "term_months": 12, "price": 3})";
    CHECK(run(od + "," + cm, "", 12, 0.05).cheapest == 0);
    CHECK(run(cm + "," + od, "", 12, 0.05).cheapest == 0);
}

TEST_CASE("options within a relative 1e-9 of the lowest npv count as tied", "[results]") {
    const double lowest = 1000.0;
    const double close[] = {lowest * (1 + 5e-10), lowest};      // within the tolerance: first wins
    const double apart[] = {lowest * (1 + 2e-9), lowest};       // outside it: the lower wins
    CHECK(cheapest_index(close, 2) == 0);
    CHECK(cheapest_index(apart, 2) == 1);
    const double zeros[] = {0.0, 0.0, -0.0};
    CHECK(cheapest_index(zeros, 3) == 0);
}

TEST_CASE("demand growth compounds monthly from month 0", "[demand]") {
    // 1 GPU growing 44 % a year: month 6 has 1.2 GPUs of work, month 12 has 1.44.
    const std::string text = R"({"schema": "gpu-tco/1", "horizon_months": 24, "discount_rate": 0, "hours_per_month": 100,
        "demand": {"gpus": 1, "growth_per_year": 0.44}, "market": {"on_demand_price": 1},
        "options": [{"id": "od", "kind": "on_demand"}]})";
    const Evaluation g = evaluate(*parse_scenario(text).scenario);
    CHECK_THAT(month(g, 0, 6), WithinRel(120.0, 1e-14));
    CHECK_THAT(month(g, 0, 12), WithinRel(144.0, 1e-14));
}
