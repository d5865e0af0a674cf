// Properties every evaluation must have, checked on many random valid
// scenarios (fixed seeds: a failure names its seed and is reproducible).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "gputco/evaluate.hpp"
#include "gputco/scenario_json.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;

namespace {

constexpr int cases_per_property = 300;

class RandomScenarios {
public:
    explicit RandomScenarios(std::uint64_t seed) : rng_(seed) {}

    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
    int whole(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool coin() { return whole(0, 1) == 1; }
    const char* market() { return coin() ? "spot" : "on_demand"; }

    // A valid scenario with every kind of option and most optional fields set at random.
    Json scenario(bool with_residual = true) {
        const int horizon = whole(1, 240);
        Json doc = {
            {"schema", "gpu-tco/1"},
            {"horizon_months", horizon},
            {"discount_rate", uniform(0, 0.3)},
            {"hours_per_month", uniform(600, 744)},
            {"demand", {{"gpus", uniform(0, 5000)}, {"growth_per_year", uniform(-0.5, 1.5)}}},
            {"market",
             {{"on_demand_price", uniform(0.5, 6)}, {"spot_price", uniform(0.2, 4)},
              {"price_trend_per_year", uniform(-0.5, 0.5)}, {"spot_interruption_overhead", uniform(0, 0.5)}}},
            {"options", Json::array()},
        };
        doc["options"].push_back({{"id", "od"}, {"kind", "on_demand"}});
        doc["options"].push_back({{"id", "sp"}, {"kind", "spot"}});
        for (int i = 0; i < whole(1, 4); ++i) {
            doc["options"].push_back({{"id", "cm" + std::to_string(i)}, {"kind", "commit"},
                                      {"gpus", uniform(1, 5000)}, {"term_months", whole(1, horizon)},
                                      {"price", uniform(0.5, 5)}, {"escalator_per_year", uniform(-0.2, 0.3)},
                                      {"prepay_fraction", uniform(0, 1)}, {"prepay_discount", uniform(0, 0.5)},
                                      {"overflow", market()}, {"after_term", market()}});
        }
        for (int i = 0; i < whole(1, 3); ++i) {
            doc["options"].push_back({{"id", "ow" + std::to_string(i)}, {"kind", "own"},
                                      {"gpus", uniform(1, 5000)}, {"capex_per_gpu", uniform(1000, 60000)},
                                      {"lead_time_months", whole(0, horizon)}, {"power_kw_per_gpu", uniform(0, 2)},
                                      {"pue", uniform(1, 2)}, {"energy_price_per_kwh", uniform(0, 0.4)},
                                      {"energy_trend_per_year", uniform(-0.2, 0.3)}, {"colo_per_kw_month", uniform(0, 300)},
                                      {"opex_fraction_per_year", uniform(0, 0.2)}, {"useful_life_months", whole(12, 600)},
                                      {"residual", with_residual && coin() ? "straight_line" : "none"},
                                      {"overflow", market()}});
        }
        return doc;
    }

private:
    std::mt19937_64 rng_;
};

Evaluation evaluate_json(const Json& doc) {
    const ScenarioParse parsed = scenario_from_json(doc);
    std::vector<std::string> problems;
    for (const Problem& p : parsed.problems) problems.push_back(p.to_string());
    INFO(doc.dump());
    CAPTURE(problems);
    REQUIRE(parsed.ok());
    return evaluate(*parsed.scenario);
}

bool at_least(double later, double earlier) { return later >= earlier - 1e-12 * std::fabs(earlier) - 1e-9; }

}  // namespace

TEST_CASE("a flat-priced commit matching flat demand costs exactly what on demand costs", "[property]") {
    RandomScenarios random(1);
    for (int i = 0; i < cases_per_property; ++i) {
        CAPTURE(i);
        const int horizon = random.whole(1, 240);
        const double gpus = random.uniform(1, 5000);
        const double price = random.uniform(0.5, 6);
        const Json doc = {
            {"schema", "gpu-tco/1"},
            {"horizon_months", horizon},
            {"discount_rate", random.uniform(0, 0.3)},
            {"hours_per_month", random.uniform(600, 744)},
            {"demand", {{"gpus", gpus}}},
            {"market", {{"on_demand_price", price}}},
            {"options", {{{"id", "od"}, {"kind", "on_demand"}},
                         {{"id", "cm"}, {"kind", "commit"}, {"gpus", gpus}, {"term_months", random.whole(1, horizon)},
                          {"price", price}}}},
        };
        const Evaluation e = evaluate_json(doc);
        CHECK(e.options[1].npv_cost == e.options[0].npv_cost);
        CHECK(e.options[1].total_cost == e.options[0].total_cost);
        CHECK(e.options[1].idle_gpu_hours == 0.0);
        CHECK(e.cheapest == 0);
    }
}

TEST_CASE("raising any price never lowers any option's cost", "[property]") {
    RandomScenarios random(2);
    const std::vector<std::string> market_prices = {"/market/on_demand_price", "/market/spot_price"};
    const std::vector<std::string> option_prices = {"price", "capex_per_gpu", "energy_price_per_kwh", "colo_per_kw_month"};
    for (int i = 0; i < cases_per_property; ++i) {
        CAPTURE(i);
        const Json base = random.scenario();
        const Evaluation before = evaluate_json(base);
        Json raised = base;
        const double factor = random.uniform(1.0, 2.0);
        std::string what = market_prices[static_cast<std::size_t>(random.whole(0, 1))];
        if (random.coin()) {
            raised[Json::json_pointer(what)] = std::min(10000.0, raised[Json::json_pointer(what)].get<double>() * factor);
        } else {
            const std::size_t index = static_cast<std::size_t>(random.whole(2, static_cast<int>(base["options"].size()) - 1));
            Json& option = raised["options"][index];
            for (const std::string& key : option_prices) {
                if (option.contains(key)) option[key] = option[key].get<double>() * factor;
            }
            what = "options[" + std::to_string(index) + "] prices";
        }
        CAPTURE(what, factor);
        const Evaluation after = evaluate_json(raised);
        for (std::size_t k = 0; k < before.options.size(); ++k) {
            CAPTURE(before.options[k].id);
            CHECK(at_least(after.options[k].npv_cost, before.options[k].npv_cost));
            CHECK(at_least(after.options[k].total_cost, before.options[k].total_cost));
        }
    }
}

TEST_CASE("npv never exceeds the nominal total when money has a positive cost and every flow is a cost",
          "[property]") {
    RandomScenarios random(3);
    for (int i = 0; i < cases_per_property; ++i) {
        CAPTURE(i);
        Json doc = random.scenario(/*with_residual=*/false);
        doc["discount_rate"] = random.uniform(1e-6, 0.5);
        const Evaluation e = evaluate_json(doc);
        for (const OptionResult& r : e.options) {
            CAPTURE(r.id);
            CHECK(r.npv_cost <= r.total_cost * (1 + 1e-12));
        }
    }
}

TEST_CASE("scaling demand and every option's GPUs by k scales every cost by k", "[property]") {
    RandomScenarios random(4);
    for (int i = 0; i < cases_per_property; ++i) {
        CAPTURE(i);
        const Json base = random.scenario();
        const double k = random.uniform(0.1, 2.0);
        Json scaled = base;
        scaled["demand"]["gpus"] = base["demand"]["gpus"].get<double>() * k;
        for (Json& option : scaled["options"]) {
            if (option.contains("gpus")) option["gpus"] = option["gpus"].get<double>() * k;
        }
        CAPTURE(k);
        const Evaluation a = evaluate_json(base);
        const Evaluation b = evaluate_json(scaled);
        const auto scaled_by_k = [k](double x, double y) { return std::fabs(y - k * x) <= 1e-11 * std::fabs(k * x) + 1e-6; };
        for (std::size_t j = 0; j < a.options.size(); ++j) {
            CAPTURE(a.options[j].id);
            CHECK(scaled_by_k(a.options[j].npv_cost, b.options[j].npv_cost));
            CHECK(scaled_by_k(a.options[j].total_cost, b.options[j].total_cost));
            CHECK(scaled_by_k(a.options[j].flows.upfront, b.options[j].flows.upfront));
            CHECK(scaled_by_k(a.options[j].flows.residual_value, b.options[j].flows.residual_value));
            CHECK(scaled_by_k(a.options[j].idle_gpu_hours, b.options[j].idle_gpu_hours));
            for (int m = 0; m < a.options[j].flows.months(); ++m) {
                if (!scaled_by_k(a.options[j].flows.monthly(m), b.options[j].flows.monthly(m))) FAIL("month " << m);
            }
        }
    }
}

TEST_CASE("a higher discount rate never raises the npv of costs", "[property]") {
    RandomScenarios random(5);
    for (int i = 0; i < cases_per_property; ++i) {
        CAPTURE(i);
        Json doc = random.scenario(/*with_residual=*/false);
        const double r = random.uniform(0, 0.4);
        doc["discount_rate"] = r;
        const Evaluation low = evaluate_json(doc);
        doc["discount_rate"] = r + random.uniform(1e-4, 0.3);
        const Evaluation high = evaluate_json(doc);
        for (std::size_t j = 0; j < low.options.size(); ++j) {
            CAPTURE(low.options[j].id);
            CHECK(high.options[j].npv_cost <= low.options[j].npv_cost * (1 + 1e-12));
        }
    }
}

TEST_CASE("the order of the options changes nothing but the order of the results", "[property]") {
    RandomScenarios random(6);
    std::mt19937_64 shuffle_rng(6);
    for (int i = 0; i < cases_per_property; ++i) {
        CAPTURE(i);
        const Json base = random.scenario();
        Json shuffled = base;
        std::shuffle(shuffled["options"].begin(), shuffled["options"].end(), shuffle_rng);
        const Evaluation a = evaluate_json(base);
        const Evaluation b = evaluate_json(shuffled);
        for (const OptionResult& r : a.options) {
            const auto match = std::find_if(b.options.begin(), b.options.end(), [&](const OptionResult& o) { return o.id == r.id; });
            REQUIRE(match != b.options.end());
            CHECK(match->npv_cost == r.npv_cost);
            CHECK(match->total_cost == r.total_cost);
        }
        // The cheapest keeps its NPV; with ties the first listed wins, so the id may differ.
        CHECK(b.options[b.cheapest].npv_cost == a.options[a.cheapest].npv_cost);
    }
}

TEST_CASE("every result of a valid scenario is a finite number", "[property]") {
    RandomScenarios random(7);
    for (int i = 0; i < cases_per_property; ++i) {
        CAPTURE(i);
        const Evaluation e = evaluate_json(random.scenario());
        for (const OptionResult& r : e.options) {
            CHECK(std::isfinite(r.npv_cost));
            CHECK(std::isfinite(r.total_cost));
            CHECK(r.idle_gpu_hours >= 0);
            if (r.levelized_cost_per_gpu_hour) CHECK(std::isfinite(*r.levelized_cost_per_gpu_hour));
        }
    }
}
