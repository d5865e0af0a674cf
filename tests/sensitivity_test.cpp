// Sensitivity: swings worked out by hand, the default pair, clamping and
// rounding of moved inputs, the order of the result, and bad requests.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "gputco/analysis_json.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/sensitivity.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// 10 GPUs, 100-hour months, 12 months, on demand at 3, spot at 2 with 10 % overhead, no trends, no discounting.
Scenario scenario(const std::string& options) {
    const std::string text = R"({"schema": "gpu-tco/1", "horizon_months": 12, "discount_rate": 0, "hours_per_month": 100,
        "demand": {"gpus": 10}, "market": {"on_demand_price": 3, "spot_price": 2, "spot_interruption_overhead": 0.1},
        "options": [)" + options + "]}";
    ScenarioParse parsed = parse_scenario(text);
    std::vector<std::string> problems;
    for (const Problem& p : parsed.problems) problems.push_back(p.to_string());
    CAPTURE(problems);
    REQUIRE(parsed.ok());
    return std::move(*parsed.scenario);
}

const SensitivityInput& input(const Sensitivity& s, const std::string& param) {
    for (const SensitivityInput& in : s.inputs) {
        if (in.param == param) return in;
    }
    FAIL("no input " << param);
    return s.inputs.front();
}

bool has_input(const Sensitivity& s, const std::string& param) {
    return std::any_of(s.inputs.begin(), s.inputs.end(), [&](const SensitivityInput& in) { return in.param == param; });
}

std::vector<std::string> params(const Sensitivity& s) {
    std::vector<std::string> out;
    for (const SensitivityInput& in : s.inputs) out.push_back(in.param);
    return out;
}

// sum_m factor^(m/12) over 12 months, and sum_m factor^(-(m+1)/12): the hand formulas.
double growth_sum(double factor) {
    double sum = 0;
    for (int m = 0; m < 12; ++m) sum += std::pow(factor, m / 12.0);
    return sum;
}
double discount_sum(double rate) {
    double sum = 0;
    for (int m = 0; m < 12; ++m) sum += std::pow(1 + rate, -(m + 1) / 12.0);
    return sum;
}

std::string first_path(const Scenario& s, const SensitivityRequest& r) {
    try {
        sensitivity(s, r);
    } catch (const InputError& e) {
        return e.problems().front().path;
    }
    return "";
}

}  // namespace

TEST_CASE("one option's swings, worked out by hand", "[sensitivity]") {
    // On demand: 10 GPUs x 100 h x 3 x 12 months = 36000, and 3000 a month.
    const Scenario s = scenario(R"({"id": "od", "kind": "on_demand"}, {"id": "sp", "kind": "spot"})");
    SensitivityRequest r;
    r.option = "od";
    const Sensitivity result = sensitivity(s, r);
    CHECK(result.option == "od");
    CHECK(result.a.empty());
    CHECK(result.base == 36000);
    CHECK(result.step == 0.2);
    CHECK(result.rate_step == 0.05);

    // Demand and the on-demand price move the cost by +-20 %: 28800 to 43200.
    const SensitivityInput& gpus = input(result, "demand.gpus");
    CHECK(gpus.low_value == 8);
    CHECK(gpus.high_value == 12);
    CHECK_THAT(gpus.metric_low, WithinRel(28800.0, 1e-12));
    CHECK_THAT(gpus.metric_high, WithinRel(43200.0, 1e-12));
    CHECK_THAT(gpus.swing, WithinRel(14400.0, 1e-12));
    const SensitivityInput& price = input(result, "market.on_demand_price");
    CHECK_THAT(price.low_value, WithinRel(2.4, 1e-15));
    CHECK_THAT(price.high_value, WithinRel(3.6, 1e-15));
    CHECK_THAT(price.swing, WithinRel(14400.0, 1e-12));
    CHECK(price.scale == FieldScale::amount);

    // Growth and the price trend move by 5 points: 3000 x sum 1.05^(m/12), 3000 x sum 0.95^(m/12).
    for (const char* param : {"demand.growth_per_year", "market.price_trend_per_year"}) {
        CAPTURE(param);
        const SensitivityInput& in = input(result, param);
        CHECK(in.scale == FieldScale::rate);
        CHECK(in.low_value == -0.05);
        CHECK(in.high_value == 0.05);
        CHECK_THAT(in.metric_low, WithinRel(3000 * growth_sum(0.95), 1e-13));
        CHECK_THAT(in.metric_high, WithinRel(3000 * growth_sum(1.05), 1e-13));
        CHECK_THAT(in.swing, WithinRel(3000 * (growth_sum(1.05) - growth_sum(0.95)), 1e-11));
    }

    // The discount rate cannot go below 0: low stays 0 (36000), high 0.05.
    const SensitivityInput& discount = input(result, "discount_rate");
    CHECK(discount.low_value == 0);
    CHECK(discount.high_value == 0.05);
    CHECK(discount.metric_low == 36000);
    CHECK_THAT(discount.metric_high, WithinRel(3000 * discount_sum(0.05), 1e-13));

    // Spot inputs cannot move on demand's cost: swing 0, listed last.
    CHECK(input(result, "market.spot_price").swing == 0);
    CHECK(input(result, "market.spot_interruption_overhead").swing == 0);
    CHECK(input(result, "market.spot_interruption_overhead").metric_low == 36000);

    // Largest swing first: demand and price (14400), growth and trend (~1650), discount (~950), then the zeros.
    const std::vector<std::string> order = params(result);
    REQUIRE(order.size() == 7);
    CHECK(std::is_permutation(order.begin(), order.begin() + 2, std::vector<std::string>{"demand.gpus", "market.on_demand_price"}.begin()));
    CHECK(std::is_permutation(order.begin() + 2, order.begin() + 4,
                              std::vector<std::string>{"demand.growth_per_year", "market.price_trend_per_year"}.begin()));
    CHECK(order[4] == "discount_rate");
    CHECK(std::is_sorted(result.inputs.begin(), result.inputs.end(),
                         [](const SensitivityInput& x, const SensitivityInput& y) { return x.swing > y.swing; }));
    // The question's own inputs are not moved.
    CHECK_FALSE(has_input(result, "horizon_months"));
    CHECK_FALSE(has_input(result, "hours_per_month"));
}

TEST_CASE("a pair's metric is npv_a - npv_b, worked out by hand", "[sensitivity]") {
    // On demand 36000; spot 10 x 100 x 1.1 x 2 x 12 = 26400; metric 9600 (spot cheaper).
    const Scenario s = scenario(R"({"id": "od", "kind": "on_demand"}, {"id": "sp", "kind": "spot"})");
    SensitivityRequest r;
    r.a = "od";
    r.b = "sp";
    const Sensitivity result = sensitivity(s, r);
    CHECK(result.option.empty());
    CHECK(result.a == "od");
    CHECK(result.b == "sp");
    CHECK_THAT(result.base, WithinRel(9600.0, 1e-12));
    CHECK(result.cheaper == "sp");
    // Spot price 1.6 .. 2.4: spot 21120 .. 31680, metric 14880 .. 4320.
    const SensitivityInput& spot = input(result, "market.spot_price");
    CHECK_THAT(spot.metric_low, WithinRel(14880.0, 1e-12));
    CHECK_THAT(spot.metric_high, WithinRel(4320.0, 1e-12));
    CHECK_THAT(spot.swing, WithinRel(10560.0, 1e-12));
    CHECK(spot.cheaper_low == "sp");
    CHECK(spot.cheaper_high == "sp");
    // Overhead 0.05 .. 0.15: spot 25200 .. 27600, metric 10800 .. 8400.
    const SensitivityInput& overhead = input(result, "market.spot_interruption_overhead");
    CHECK_THAT(overhead.metric_low, WithinRel(10800.0, 1e-12));
    CHECK_THAT(overhead.metric_high, WithinRel(8400.0, 1e-12));
    // The on-demand price decides it: at 2.4 on demand costs 28800 > 26400, still spot;
    // demand moves both alike, 20 % of 9600 either way.
    const SensitivityInput& gpus = input(result, "demand.gpus");
    CHECK_THAT(gpus.metric_low, WithinRel(7680.0, 1e-12));
    CHECK_THAT(gpus.metric_high, WithinRel(11520.0, 1e-12));
}

TEST_CASE("a move that makes the other option cheaper says so", "[sensitivity]") {
    // Spot at 2.6 with 10 % overhead: 34320 against 36000 on demand; a 20 % cheaper on-demand price (28800) flips it.
    Scenario s = scenario(R"({"id": "od", "kind": "on_demand"}, {"id": "sp", "kind": "spot"})");
    s.market.spot_price = 2.6;
    SensitivityRequest r;
    r.a = "od";
    r.b = "sp";
    const Sensitivity result = sensitivity(s, r);
    const SensitivityInput& price = input(result, "market.on_demand_price");
    CHECK(price.cheaper_low == "od");
    CHECK(price.cheaper_high == "sp");
    const std::string json = write_sensitivity(result);
    CHECK(json.find(R"("cheaper_low":"od")") != std::string::npos);
}

TEST_CASE("by default the cheapest option is compared with the runner-up", "[sensitivity]") {
    const Scenario s = *parse_scenario(read_file(data_dir() + "/lock-vs-float.json")).scenario;
    const Sensitivity result = sensitivity(s, {});
    CHECK(result.a == "spot");        // 10.07 M
    CHECK(result.b == "commit-36m");  // 13.55 M, ahead of on demand at 14.40 M
    const Evaluation e = evaluate(s);
    CHECK(result.base == e.options[1].npv_cost - e.options[2].npv_cost);
    // Only the inputs of the two options in the metric, and the scenario's own.
    CHECK(has_input(result, "options[2].price"));
    for (const SensitivityInput& in : result.inputs) CHECK(in.param.rfind("options[0]", 0) == std::string::npos);

    const Scenario single = scenario(R"({"id": "only", "kind": "on_demand"})");
    const Sensitivity alone = sensitivity(single, {});
    CHECK(alone.option == "only");
    CHECK(alone.base == 36000);
    CHECK(write_sensitivity(alone).find(R"("metric":"npv_cost")") != std::string::npos);
}

TEST_CASE("moved inputs stay in their valid range, and whole-number inputs stay whole", "[sensitivity]") {
    const Scenario s = scenario(R"({"id": "od", "kind": "on_demand"},
        {"id": "c", "kind": "commit", "gpus": 10, "term_months": 11, "price": 2, "prepay_fraction": 1, "escalator_per_year": -0.98},
        {"id": "own", "kind": "own", "gpus": 5, "capex_per_gpu": 0, "lead_time_months": 1, "useful_life_months": 3})");
    SensitivityRequest r;
    r.a = "c";
    r.b = "own";
    const Sensitivity result = sensitivity(s, r);
    const SensitivityInput& term = input(result, "options[1].term_months");
    CHECK(term.whole);
    CHECK(term.low_value == 9);    // 11 x 0.8 = 8.8, rounded
    CHECK(term.high_value == 12);  // 11 x 1.2 = 13.2, at most the horizon
    const SensitivityInput& prepay = input(result, "options[1].prepay_fraction");
    CHECK(prepay.low_value == 0.95);
    CHECK(prepay.high_value == 1);  // at most 1
    const SensitivityInput& escalator = input(result, "options[1].escalator_per_year");
    CHECK(escalator.low_value == -1 + 1e-6);  // "> -1", moved inward
    CHECK(escalator.high_value == -0.98 + 0.05);
    const SensitivityInput& capex = input(result, "options[2].capex_per_gpu");
    CHECK(capex.low_value == 0);  // 20 % of nothing
    CHECK(capex.high_value == 0);
    CHECK(capex.swing == 0);
    const SensitivityInput& lead = input(result, "options[2].lead_time_months");
    CHECK(lead.low_value == 1);  // 0.8 rounds back to 1
    CHECK(lead.high_value == 1);
    const SensitivityInput& life = input(result, "options[2].useful_life_months");
    CHECK(life.low_value == 2);  // 2.4
    CHECK(life.high_value == 4);  // 3.6
    const std::string json = write_sensitivity(result);
    CHECK(json.find(R"("param":"options[1].term_months","scale":"amount","base_value":11,"low_value":9,"high_value":12)") !=
          std::string::npos);
    CHECK_FALSE(has_input(result, "options[0].price"));
}

TEST_CASE("the steps can be chosen", "[sensitivity]") {
    const Scenario s = scenario(R"({"id": "od", "kind": "on_demand"})");
    SensitivityRequest r;
    r.step = 0.5;
    r.rate_step = 0.1;
    const Sensitivity result = sensitivity(s, r);
    CHECK(result.step == 0.5);
    CHECK(result.rate_step == 0.1);
    CHECK(input(result, "demand.gpus").low_value == 5);
    CHECK(input(result, "demand.gpus").high_value == 15);
    CHECK(input(result, "demand.growth_per_year").low_value == -0.1);
    CHECK(input(result, "demand.growth_per_year").high_value == 0.1);
    CHECK_THAT(input(result, "demand.gpus").swing, WithinRel(36000.0, 1e-12));
}

TEST_CASE("every bad sensitivity request is named by its field", "[sensitivity][errors]") {
    const Scenario s = scenario(R"({"id": "od", "kind": "on_demand"}, {"id": "sp", "kind": "spot"})");
    const auto req = [](std::string option, std::string a, std::string b) {
        SensitivityRequest r;
        r.option = std::move(option);
        r.a = std::move(a);
        r.b = std::move(b);
        return r;
    };
    CHECK(first_path(s, req("od", "", "")).empty());
    CHECK(first_path(s, req("nope", "", "")) == "option");
    CHECK(first_path(s, req("od", "od", "sp")) == "option");
    CHECK(first_path(s, req("", "od", "")) == "b");
    CHECK(first_path(s, req("", "", "sp")) == "a");
    CHECK(first_path(s, req("", "od", "od")) == "b");
    CHECK(first_path(s, req("", "nope", "sp")) == "a");
    CHECK(first_path(s, req("", "od", "nope")) == "b");
    const auto steps = [](std::optional<double> step, std::optional<double> rate_step) {
        SensitivityRequest r;
        r.step = step;
        r.rate_step = rate_step;
        return r;
    };
    CHECK(first_path(s, steps(0.0, std::nullopt)) == "step");
    CHECK(first_path(s, steps(1.5, std::nullopt)) == "step");
    CHECK(first_path(s, steps(-0.2, std::nullopt)) == "step");
    CHECK(first_path(s, steps(std::nan(""), std::nullopt)) == "step");
    CHECK(first_path(s, steps(std::nullopt, 0.0)) == "rate_step");
    CHECK(first_path(s, steps(std::nullopt, 2.0)) == "rate_step");
    CHECK(first_path(s, steps(1.0, 1.0)).empty());
    try {
        sensitivity(s, steps(std::nullopt, 2.0));
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.problems()[0].to_string() == "rate_step: must be a number greater than 0 and at most 1, got 2");
    }
}
