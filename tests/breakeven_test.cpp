// Break-even (§8): hand-solvable crossings, whole-number inputs, no crossing,
// two crossings, skipped invalid points, every reported value checked by
// evaluating both options there, and every bad request named by its field.
#include <catch2/catch.hpp>

#include <cmath>

#include "gputco/analysis_json.hpp"
#include "gputco/breakeven.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/fields.hpp"
#include "gputco/scenario_json.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// 100-hour months, no discounting, flat demand and prices unless `market_extra` says otherwise.
Scenario scenario(const std::string& options, int horizon = 12, double gpus = 1, const std::string& market_extra = "") {
    const std::string text = R"({"schema": "gpu-tco/1", "horizon_months": )" + std::to_string(horizon) +
                             R"(, "discount_rate": 0, "hours_per_month": 100, "demand": {"gpus": )" + std::to_string(gpus) +
                             R"(}, "market": {"on_demand_price": 3)" + market_extra + R"(}, "options": [)" + options + "]}";
    ScenarioParse parsed = parse_scenario(text);
    std::vector<std::string> problems;
    for (const Problem& p : parsed.problems) problems.push_back(p.to_string());
    CAPTURE(text, problems);
    REQUIRE(parsed.ok());
    return std::move(*parsed.scenario);
}

Scenario golden(const std::string& name) { return *parse_scenario(read_file(data_dir() + "/" + name + ".json")).scenario; }

BreakevenRequest request(std::string a, std::string b, std::string param) {
    BreakevenRequest r;
    r.a = std::move(a);
    r.b = std::move(b);
    r.param = std::move(param);
    return r;
}

std::size_t index_of(const Scenario& s, const std::string& id) {
    for (std::size_t i = 0; i < s.options.size(); ++i) {
        if (s.options[i].id == id) return i;
    }
    FAIL("no option " << id);
    return 0;
}

// npv_a - npv_b with the input at `value`.
double difference_at(Scenario s, const BreakevenRequest& r, double value) {
    std::string why;
    const std::optional<FieldRef> field = find_numeric_field(s, r.param, why);
    REQUIRE(field);
    field->set(s, value);
    const Evaluation e = evaluate(s);
    return e.options[index_of(s, r.a)].npv_cost - e.options[index_of(s, r.b)].npv_cost;
}

std::vector<std::string> problems_of(const Scenario& s, const BreakevenRequest& r) {
    try {
        breakeven(s, r);
    } catch (const InputError& e) {
        std::vector<std::string> out;
        for (const Problem& p : e.problems()) out.push_back(p.to_string());
        return out;
    }
    return {};
}

std::string first_path(const Scenario& s, const BreakevenRequest& r) {
    try {
        breakeven(s, r);
    } catch (const InputError& e) {
        return e.problems().front().path;
    }
    return "";
}

const char* on_demand = R"({"id": "od", "kind": "on_demand"})";

}  // namespace

TEST_CASE("the on-demand price at which a commit breaks even, solved by hand", "[breakeven]") {
    // Commit: 1 GPU x 100 h x 2.00 x 12 months = 2400 whatever the market does.
    // On demand: 1 GPU x 100 h x OD x 12 = 1200 OD. Equal at OD = 2400 / 1200 = 2.
    const Scenario s = scenario(std::string(on_demand) + R"(, {"id": "commit", "kind": "commit", "gpus": 1, "term_months": 12, "price": 2})");
    const Breakeven r = breakeven(s, request("od", "commit", "market.on_demand_price"));
    REQUIRE(r.crossings.size() == 1);
    CHECK_THAT(r.crossings[0].value, WithinRel(2.0, 1e-9));
    CHECK(r.crossings[0].cheaper_below == "od");
    CHECK(r.crossings[0].cheaper_above == "commit");
    CHECK(r.param == "market.on_demand_price");
    CHECK(r.min == 1e-6);   // "> 0" moved inward by 1e-6
    CHECK(r.max == 10000);
    CHECK(r.current_value == 3);
    CHECK(r.cheaper_now == "commit");
    CHECK(r.cheaper_at_min == "od");
    CHECK(r.cheaper_at_max == "commit");
    CHECK_FALSE(r.whole);
    CHECK(r.invalid_points == 0);
}

TEST_CASE("the price trend at which a commit breaks even, solved by hand", "[breakeven]") {
    // Two months, OD = 3 with trend g: on demand pays 100 x 3 x (1 + q), q = (1 + g)^(1/12).
    // Commit at 3.15: 2 x 100 x 3.15 = 630. Equal when 1 + q = 2.1, q = 1.1, g = 1.1^12 - 1.
    const Scenario s = scenario(std::string(on_demand) + R"(, {"id": "commit", "kind": "commit", "gpus": 1, "term_months": 2, "price": 3.15})", 2);
    const Breakeven r = breakeven(s, request("commit", "od", "market.price_trend_per_year"));
    REQUIRE(r.crossings.size() == 1);
    CHECK_THAT(r.crossings[0].value, WithinRel(std::pow(1.1, 12) - 1, 1e-9));
    CHECK(r.crossings[0].cheaper_below == "od");  // falling prices favour floating
    CHECK(r.crossings[0].cheaper_above == "commit");
    CHECK(r.min == -1 + 1e-6);
    CHECK(r.max == 10);
}

TEST_CASE("two crossings: a commit wins only for mid-sized demand", "[breakeven]") {
    // 12 months of 100 h. Commit: 10 GPUs at 2 = 24000, plus overflow above 10 GPUs at OD 3:
    // 24000 + 3600 max(0, g - 10). Spot at 2.5: 3000 g.
    // g <= 10: 24000 = 3000 g at g = 8.  g > 10: 24000 + 3600 (g - 10) = 3000 g at g = 20.
    const Scenario s = scenario(R"({"id": "spot", "kind": "spot"}, {"id": "commit", "kind": "commit", "gpus": 10, "term_months": 12, "price": 2})",
                                12, 15, R"(, "spot_price": 2.5)");
    BreakevenRequest r = request("spot", "commit", "demand.gpus");
    r.max = 100;
    const Breakeven b = breakeven(s, r);
    REQUIRE(b.crossings.size() == 2);
    CHECK_THAT(b.crossings[0].value, WithinRel(8.0, 1e-9));
    CHECK(b.crossings[0].cheaper_below == "spot");
    CHECK(b.crossings[0].cheaper_above == "commit");
    CHECK_THAT(b.crossings[1].value, WithinRel(20.0, 1e-9));
    CHECK(b.crossings[1].cheaper_below == "commit");
    CHECK(b.crossings[1].cheaper_above == "spot");
    CHECK(b.min == 0);
    CHECK(b.max == 100);
}

TEST_CASE("an empty list when one option is cheaper over the whole range", "[breakeven]") {
    const Scenario s = golden("lock-vs-float");
    const Breakeven r = breakeven(s, request("spot", "on-demand", "discount_rate"));
    CHECK(r.crossings.empty());
    CHECK(r.cheaper_at_min == "spot");
    CHECK(r.cheaper_at_max == "spot");
    CHECK(write_breakeven(r).find(R"("crossings":[])") != std::string::npos);
}

TEST_CASE("a whole-number input reports the first whole value at which the cheaper option changes", "[breakeven][whole]") {
    // Own: 1650 upfront, nothing to run, no resale; on demand until delivery after L months.
    // Own = 1650 + 300 L; on demand = 300 x 24 = 7200. Own cheaper while 300 (24 - L) > 1650,
    // i.e. L < 18.5: own up to 18 months, on demand from 19 on.
    const Scenario s = scenario(std::string(on_demand) + R"(, {"id": "own", "kind": "own", "gpus": 1, "capex_per_gpu": 1650, "residual": "none"})", 24);
    const Breakeven r = breakeven(s, request("own", "od", "options[1].lead_time_months"));
    CHECK(r.whole);
    CHECK(r.min == 0);
    CHECK(r.max == 24);  // bounded by the horizon
    REQUIRE(r.crossings.size() == 1);
    CHECK(r.crossings[0].value == 19);
    CHECK(r.crossings[0].cheaper_below == "own");
    CHECK(r.crossings[0].cheaper_above == "od");
    const std::string json = write_breakeven(r);
    CHECK(json.find(R"("value":19,)") != std::string::npos);  // whole values are written as integers
}

TEST_CASE("at an exact tie on a whole value the option listed first is the cheaper (§5)", "[breakeven][whole]") {
    // With 1500 upfront, own = on demand exactly at L = 19 (1500 + 300 x 19 = 7200).
    const std::string own = R"({"id": "own", "kind": "own", "gpus": 1, "capex_per_gpu": 1500, "residual": "none"})";
    const Scenario od_first = scenario(std::string(on_demand) + ", " + own, 24);
    const Breakeven a = breakeven(od_first, request("own", "od", "options[1].lead_time_months"));
    REQUIRE(a.crossings.size() == 1);
    CHECK(a.crossings[0].value == 19);  // the tie goes to od, listed first
    const Scenario own_first = scenario(own + ", " + on_demand, 24);
    const Breakeven b = breakeven(own_first, request("own", "od", "options[0].lead_time_months"));
    REQUIRE(b.crossings.size() == 1);
    CHECK(b.crossings[0].value == 20);  // the tie goes to own, listed first
}

TEST_CASE("a coarse scan of a whole-number input finds the change by bisection", "[breakeven][whole]") {
    // Straight-line resale over a useful life T >= 24: own costs 36100 x 24 / T; on demand 7200.
    // Own is cheaper once T > 866400 / 7200 = 120.33, i.e. from T = 121.
    const Scenario s = scenario(std::string(on_demand) + R"(, {"id": "own", "kind": "own", "gpus": 1, "capex_per_gpu": 36100})", 24);
    BreakevenRequest r = request("od", "own", "options[1].useful_life_months");
    for (int points : {1001, 11, 2}) {
        CAPTURE(points);
        r.scan_points = points;
        const Breakeven b = breakeven(s, r);
        REQUIRE(b.crossings.size() == 1);
        CHECK(b.crossings[0].value == 121);
        CHECK(b.crossings[0].cheaper_below == "od");
        CHECK(b.crossings[0].cheaper_above == "own");
        CHECK(b.min == 1);
        CHECK(b.max == 600);
    }
}

TEST_CASE("horizons shorter than a term are skipped, not searched", "[breakeven][whole]") {
    // A 12-month commit makes horizons 1 .. 11 invalid (§4: term_months <= horizon_months).
    const Scenario s = scenario(std::string(on_demand) + R"(, {"id": "commit", "kind": "commit", "gpus": 1, "term_months": 12, "price": 2})", 24);
    const Breakeven r = breakeven(s, request("od", "commit", "horizon_months"));
    CHECK(r.invalid_points == 11);
    CHECK(r.valid_min == 12);
    CHECK(r.valid_max == 240);
    CHECK(r.min == 1);
    // At 12 months the commit (2400) beats on demand (3600); after the term both buy on demand.
    CHECK(r.crossings.empty());
    CHECK(r.cheaper_at_min == "commit");
    CHECK(r.cheaper_at_max == "commit");

    BreakevenRequest too_short = request("od", "commit", "horizon_months");
    too_short.max = 11;
    CHECK(first_path(s, too_short) == "max");
}

TEST_CASE("every reported crossing is where the two NPVs meet, to a relative 1e-9", "[breakeven]") {
    int crossings = 0;
    for (const std::string& name : golden_case_names()) {
        const Scenario s = golden(name);
        if (s.options.size() < 2) continue;
        for (const char* param : {"market.on_demand_price", "market.price_trend_per_year", "demand.gpus",
                                  "demand.growth_per_year", "discount_rate", "market.spot_price"}) {
            for (std::size_t j = 1; j < s.options.size(); ++j) {
                const BreakevenRequest r = request(s.options[0].id, s.options[j].id, param);
                std::string why;
                if (!find_numeric_field(s, param, why)) continue;
                const Breakeven b = breakeven(s, r);
                for (const Crossing& c : b.crossings) {
                    CAPTURE(name, param, r.b, c.value);
                    ++crossings;
                    // The NPVs are equal at the value (up to the rounding of numbers this size) ...
                    Scenario at = s;
                    const double d = difference_at(at, r, c.value);
                    const double scale = std::fabs(evaluate(s).options[0].npv_cost) + 1;
                    CHECK(std::fabs(d) <= 1e-6 * scale);
                    // ... and their difference changes sign within a relative 1e-9 of it.
                    const double delta = 1.01e-9 * std::max(std::fabs(c.value), 1e-6 * (b.max - b.min));
                    const double below = difference_at(at, r, c.value - delta);
                    const double above = difference_at(at, r, c.value + delta);
                    CHECK((below <= 0) != (above <= 0));
                    CHECK(((below < 0) ? r.a : r.b) == c.cheaper_below);
                    CHECK(((above < 0) ? r.a : r.b) == c.cheaper_above);
                }
            }
        }
    }
    CHECK(crossings >= 20);  // the golden cases do cross
}

TEST_CASE("a range given by the caller is searched instead of the valid range", "[breakeven]") {
    const Scenario s = scenario(std::string(on_demand) + R"(, {"id": "commit", "kind": "commit", "gpus": 1, "term_months": 12, "price": 2})");
    BreakevenRequest r = request("od", "commit", "market.on_demand_price");
    r.min = 2.5;
    r.max = 4;
    const Breakeven outside = breakeven(s, r);
    CHECK(outside.crossings.empty());
    CHECK(outside.min == 2.5);
    CHECK(outside.max == 4);
    r.min = 1;
    const Breakeven inside = breakeven(s, r);
    REQUIRE(inside.crossings.size() == 1);
    CHECK_THAT(inside.crossings[0].value, WithinRel(2.0, 1e-9));
}

TEST_CASE("every bad break-even request is named by its field", "[breakeven][errors]") {
    const Scenario s = golden("lock-vs-float");  // on-demand, spot, commit-36m; 36 months
    const auto with = [](BreakevenRequest r, std::optional<double> min, std::optional<double> max) {
        r.min = min;
        r.max = max;
        return r;
    };
    const BreakevenRequest good = request("on-demand", "commit-36m", "market.price_trend_per_year");
    CHECK(problems_of(s, good).empty());
    CHECK(first_path(s, request("nope", "spot", "demand.gpus")) == "a");
    CHECK(first_path(s, request("", "spot", "demand.gpus")) == "a");
    CHECK(first_path(s, request("spot", "nope", "demand.gpus")) == "b");
    CHECK(first_path(s, request("spot", "spot", "demand.gpus")) == "b");
    CHECK(first_path(s, request("spot", "on-demand", "")) == "param");
    CHECK(first_path(s, request("spot", "on-demand", "demand.gpu")) == "param");
    CHECK(first_path(s, request("spot", "on-demand", "name")) == "param");
    CHECK(first_path(s, request("spot", "on-demand", "uncertainty.paths")) == "param");
    CHECK(first_path(s, request("spot", "on-demand", "options[0].price")) == "param");   // on demand has no price of its own
    CHECK(first_path(s, request("spot", "on-demand", "options[9].price")) == "param");
    CHECK(first_path(s, request("spot", "on-demand", "options[2].overflow")) == "param");  // not numeric
    CHECK(first_path(s, with(good, -1.0, std::nullopt)) == "min");  // "> -1"
    CHECK(first_path(s, with(good, std::nullopt, 10.5)) == "max");
    CHECK(first_path(s, with(good, 0.2, 0.1)) == "min");
    CHECK(first_path(s, with(good, 0.2, 0.2)) == "min");
    CHECK(first_path(s, with(good, std::nullopt, -0.99999999)) == "max");  // below the default min
    CHECK(first_path(s, with(good, std::nan(""), std::nullopt)) == "min");
    const BreakevenRequest term = request("on-demand", "commit-36m", "options[2].term_months");
    CHECK(first_path(s, with(term, std::nullopt, 48.0)) == "max");  // beyond the horizon
    CHECK(first_path(s, with(term, 2.5, std::nullopt)) == "min");   // not whole

    CHECK(problems_of(s, request("nope", "spot", "demand.gpus")) ==
          std::vector<std::string>{R"(a: no option has the id "nope"; the ids are "on-demand", "spot", "commit-36m")"});
    CHECK(problems_of(s, request("spot", "spot", "demand.gpus")) ==
          std::vector<std::string>{R"(b: must be another option than a, got "spot" twice)"});
    CHECK(problems_of(s, request("spot", "on-demand", "options[0].price")) ==
          std::vector<std::string>{R"(param: option "on-demand" (on_demand) has no numeric field "price", got "options[0].price")"});
    CHECK(problems_of(s, with(term, std::nullopt, 48.0)) ==
          std::vector<std::string>{"max: must be within the valid range of options[2].term_months, a whole number from 1 to 36 (horizon_months), got 48"});
    CHECK(problems_of(s, with(good, 0.2, 0.1)) == std::vector<std::string>{"min: must be less than max (0.1), got 0.2"});
    // Every problem is reported, not only the first.
    CHECK(problems_of(s, request("x", "y", "z")).size() == 3);

    Scenario no_spot = scenario(on_demand + std::string(R"(, {"id": "c", "kind": "commit", "gpus": 1, "term_months": 1, "price": 1})"), 1);
    CHECK(first_path(no_spot, request("od", "c", "market.spot_price")) == "param");
    // A horizon of 1 leaves the term nothing to search.
    CHECK(first_path(no_spot, request("od", "c", "options[1].term_months")) == "param");
}
