// Every rule of METHODOLOGY §2 and the field tables of §4, each broken once on
// an otherwise valid scenario, with the exact line a user sees.
#include <catch2/catch.hpp>

#include "gputco/scenario_json.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;

namespace {

struct Edit {
    std::string pointer;  // JSON pointer into base_scenario()
    Json value;           // the bad value; discarded when erase
    bool erase;
    std::string expected;  // the one problem reported
};

Edit set(std::string pointer, Json value, std::string expected) { return {std::move(pointer), std::move(value), false, std::move(expected)}; }
Edit drop(std::string pointer, std::string expected) { return {std::move(pointer), nullptr, true, std::move(expected)}; }

std::vector<std::string> problems_after(const Edit& edit) {
    Json doc = base_scenario();
    const Json::json_pointer ptr(edit.pointer);
    if (edit.erase) doc[ptr.parent_pointer()].erase(ptr.back());
    else doc[ptr] = edit.value;
    std::vector<std::string> out;
    for (const Problem& p : scenario_from_json(doc).problems) out.push_back(p.to_string());
    return out;
}

std::vector<std::string> problems_of(const Json& doc) {
    std::vector<std::string> out;
    for (const Problem& p : scenario_from_json(doc).problems) out.push_back(p.to_string());
    return out;
}

const std::string od = "greater than 0 and at most 10000";

}  // namespace

TEST_CASE("the base scenario used by these tests is valid", "[validation]") {
    CHECK(problems_of(base_scenario()).empty());
}

TEST_CASE("each scenario-level rule rejects a bad value with its path", "[validation]") {
    const std::vector<Edit> edits = {
        drop("/schema", "schema: required field is missing; a scenario starts with \"schema\": \"gpu-tco/1\""),
        set("/schema", "gpu-tco/2", "schema: unsupported scenario version \"gpu-tco/2\"; this engine reads \"gpu-tco/1\""),
        set("/schema", "tco", "schema: must be \"gpu-tco/1\", got \"tco\""),
        set("/schema", 1, "schema: must be \"gpu-tco/1\", got a number"),
        set("/name", std::string(201, 'n'), "name: must be at most 200 characters long, got 201"),
        set("/name", 5, "name: must be a string, got a number"),
        set("/currency", "usd", "currency: must be a three-letter ISO 4217 code in capitals such as \"USD\", got a string (\"usd\")"),
        set("/currency", "EURO", "currency: must be a three-letter ISO 4217 code in capitals such as \"USD\", got a string (\"EURO\")"),
        drop("/horizon_months", "horizon_months: required field is missing"),
        set("/horizon_months", 0, "horizon_months: must be a whole number from 1 to 240, got 0"),
        set("/horizon_months", 241, "horizon_months: must be a whole number from 1 to 240, got 241"),
        set("/horizon_months", 36.5, "horizon_months: must be a whole number from 1 to 240, got 36.5"),
        set("/horizon_months", "36", "horizon_months: must be a number, got a string (\"36\")"),
        set("/horizon_months", true, "horizon_months: must be a number, got true"),
        set("/horizon_months", nullptr, "horizon_months: must be a number, got null"),
        drop("/discount_rate", "discount_rate: required field is missing"),
        set("/discount_rate", -0.01, "discount_rate: must be a number from 0 to 1, got -0.01"),
        set("/discount_rate", 1.5, "discount_rate: must be a number from 0 to 1, got 1.5"),
        set("/hours_per_month", 0.5, "hours_per_month: must be a number from 1 to 744, got 0.5"),
        set("/hours_per_month", 745, "hours_per_month: must be a number from 1 to 744, got 745"),
        drop("/demand", "demand: required field is missing"),
        set("/demand", 100, "demand: must be an object, got a number"),
        drop("/demand/gpus", "demand.gpus: required field is missing"),
        set("/demand/gpus", -1, "demand.gpus: must be a number from 0 to 10000000, got -1"),
        set("/demand/gpus", 10000001, "demand.gpus: must be a number from 0 to 10000000, got 10000001"),
        set("/demand/growth_per_year", -1, "demand.growth_per_year: must be a number greater than -1 and at most 10, got -1"),
        set("/demand/growth_per_year", 10.5, "demand.growth_per_year: must be a number greater than -1 and at most 10, got 10.5"),
        drop("/market", "market: required field is missing"),
        set("/market", Json::array({1}), "market: must be an object, got an array"),
        drop("/market/on_demand_price", "market.on_demand_price: required field is missing"),
        set("/market/on_demand_price", 0, "market.on_demand_price: must be a number " + od + ", got 0"),
        set("/market/on_demand_price", 10000.5, "market.on_demand_price: must be a number " + od + ", got 10000.5"),
        set("/market/spot_price", 0, "market.spot_price: must be a number " + od + ", got 0"),
        set("/market/price_trend_per_year", -1, "market.price_trend_per_year: must be a number greater than -1 and at most 10, got -1"),
        set("/market/price_trend_per_year", 11, "market.price_trend_per_year: must be a number greater than -1 and at most 10, got 11"),
        set("/market/spot_interruption_overhead", -0.1, "market.spot_interruption_overhead: must be a number from 0 to 10, got -0.1"),
        set("/market/spot_interruption_overhead", 10.1, "market.spot_interruption_overhead: must be a number from 0 to 10, got 10.1"),
        drop("/options", "options: required field is missing; a scenario needs at least one option"),
        set("/options", Json::array(), "options: must hold at least one option, got an empty array"),
        set("/options", Json::object(), "options: must be an array of options, got an object"),
        set("/options/1", 7, "options[1]: each option must be an object, got a number"),
        set("/uncertainty", 1, "uncertainty: must be an object, got a number"),
        set("/extra", 1, "extra: unknown field"),
        set("/horizon", 36, "horizon: unknown field; did you mean \"horizon_months\"?"),
        set("/demand/growth", 0.1, "demand.growth: unknown field; did you mean \"growth_per_year\"?"),
        set("/market/spot", 1, "market.spot: unknown field; did you mean \"spot_price\"?"),
        set("/demand/zzz", 1, "demand.zzz: unknown field"),
    };
    for (const Edit& edit : edits) {
        CAPTURE(edit.pointer, edit.value.dump());
        CHECK(problems_after(edit) == std::vector<std::string>{edit.expected});
    }
}

TEST_CASE("each option rule rejects a bad value with its path", "[validation]") {
    // options: 0 on_demand "od", 1 spot "sp", 2 commit "cm", 3 own "ow"; horizon 36.
    const std::vector<Edit> edits = {
        drop("/options/0/id", "options[0].id: required field is missing"),
        set("/options/0/id", "", "options[0].id: must be 1 to 64 characters of ASCII letters, digits, '_' or '-', got a string (\"\")"),
        set("/options/0/id", std::string(65, 'a'),
            "options[0].id: must be 1 to 64 characters of ASCII letters, digits, '_' or '-', got a string (\"" + std::string(40, 'a') + "...\")"),
        set("/options/0/id", "on demand", "options[0].id: must be 1 to 64 characters of ASCII letters, digits, '_' or '-', got a string (\"on demand\")"),
        set("/options/0/id", "caf\xc3\xa9", "options[0].id: must be 1 to 64 characters of ASCII letters, digits, '_' or '-', got a string (\"caf\\u00e9\")"),
        set("/options/0/id", 7, "options[0].id: must be 1 to 64 characters of ASCII letters, digits, '_' or '-', got a number"),
        set("/options/2/id", "od", "options[2].id: duplicate id \"od\"; options[0] already uses it"),
        drop("/options/0/kind", "options[0].kind: required field is missing; one of \"on_demand\", \"spot\", \"commit\", \"own\""),
        set("/options/0/kind", "reserved", "options[0].kind: must be one of \"on_demand\", \"spot\", \"commit\", \"own\", got a string (\"reserved\")"),
        set("/options/0/label", std::string(201, 'l'), "options[0].label: must be at most 200 characters long, got 201"),
        set("/options/0/label", Json::array(), "options[0].label: must be a string, got an array"),
        set("/options/0/gpus", 5, "options[0].gpus: unknown field"),
        set("/options/1/price", 5, "options[1].price: unknown field"),

        drop("/options/2/gpus", "options[2].gpus: required field is missing"),
        set("/options/2/gpus", 0, "options[2].gpus: must be a number greater than 0 and at most 10000000, got 0"),
        drop("/options/2/term_months", "options[2].term_months: required field is missing"),
        set("/options/2/term_months", 0, "options[2].term_months: must be a whole number from 1 to 36 (horizon_months), got 0"),
        set("/options/2/term_months", 37, "options[2].term_months: must be a whole number from 1 to 36 (horizon_months), got 37"),
        set("/options/2/term_months", 12.5, "options[2].term_months: must be a whole number from 1 to 36 (horizon_months), got 12.5"),
        drop("/options/2/price", "options[2].price: required field is missing"),
        set("/options/2/price", -2, "options[2].price: must be a number " + od + ", got -2"),
        set("/options/2/escalator_per_year", -1, "options[2].escalator_per_year: must be a number greater than -1 and at most 1, got -1"),
        set("/options/2/escalator_per_year", 1.01, "options[2].escalator_per_year: must be a number greater than -1 and at most 1, got 1.01"),
        set("/options/2/prepay_fraction", 1.2, "options[2].prepay_fraction: must be a number from 0 to 1, got 1.2"),
        set("/options/2/prepay_discount", 1, "options[2].prepay_discount: must be a number at least 0 and less than 1, got 1"),
        set("/options/2/prepay_discount", -0.1, "options[2].prepay_discount: must be a number at least 0 and less than 1, got -0.1"),
        set("/options/2/overflow", "reserved", "options[2].overflow: must be \"on_demand\" or \"spot\", got a string (\"reserved\")"),
        set("/options/2/after_term", 1, "options[2].after_term: must be \"on_demand\" or \"spot\", got a number"),
        set("/options/2/escalator_per_yr", 0.03, "options[2].escalator_per_yr: unknown field; did you mean \"escalator_per_year\"?"),
        set("/options/2/capex_per_gpu", 1, "options[2].capex_per_gpu: unknown field"),

        drop("/options/3/gpus", "options[3].gpus: required field is missing"),
        drop("/options/3/capex_per_gpu", "options[3].capex_per_gpu: required field is missing"),
        set("/options/3/capex_per_gpu", -1, "options[3].capex_per_gpu: must be a number from 0 to 100000000, got -1"),
        set("/options/3/capex_per_gpu", 1e8 + 1, "options[3].capex_per_gpu: must be a number from 0 to 100000000, got 100000001"),
        set("/options/3/lead_time_months", -1, "options[3].lead_time_months: must be a whole number from 0 to 36 (horizon_months), got -1"),
        set("/options/3/lead_time_months", 37, "options[3].lead_time_months: must be a whole number from 0 to 36 (horizon_months), got 37"),
        set("/options/3/power_kw_per_gpu", 101, "options[3].power_kw_per_gpu: must be a number from 0 to 100, got 101"),
        set("/options/3/pue", 0.9, "options[3].pue: must be a number from 1 to 5, got 0.9"),
        set("/options/3/pue", 5.5, "options[3].pue: must be a number from 1 to 5, got 5.5"),
        set("/options/3/energy_price_per_kwh", -0.1, "options[3].energy_price_per_kwh: must be a number from 0 to 100, got -0.1"),
        set("/options/3/energy_trend_per_year", -1, "options[3].energy_trend_per_year: must be a number greater than -1 and at most 10, got -1"),
        set("/options/3/colo_per_kw_month", 100001, "options[3].colo_per_kw_month: must be a number from 0 to 100000, got 100001"),
        set("/options/3/opex_fraction_per_year", 1.1, "options[3].opex_fraction_per_year: must be a number from 0 to 1, got 1.1"),
        set("/options/3/useful_life_months", 0, "options[3].useful_life_months: must be a whole number from 1 to 600, got 0"),
        set("/options/3/useful_life_months", 601, "options[3].useful_life_months: must be a whole number from 1 to 600, got 601"),
        set("/options/3/useful_life_months", 59.5, "options[3].useful_life_months: must be a whole number from 1 to 600, got 59.5"),
        set("/options/3/residual", "declining", "options[3].residual: must be \"straight_line\" or \"none\", got a string (\"declining\")"),
        set("/options/3/overflow", "spot_market", "options[3].overflow: must be \"on_demand\" or \"spot\", got a string (\"spot_market\")"),
        set("/options/3/term_months", 12, "options[3].term_months: unknown field"),
    };
    for (const Edit& edit : edits) {
        CAPTURE(edit.pointer, edit.value.dump());
        CHECK(problems_after(edit) == std::vector<std::string>{edit.expected});
    }
}

TEST_CASE("whole-number fields accept 36.0 and booleans are never numbers", "[validation]") {
    Json doc = base_scenario();
    doc["horizon_months"] = 36.0;
    doc["options"][2]["term_months"] = 24.0;
    CHECK(problems_of(doc).empty());
    doc["discount_rate"] = false;
    CHECK(problems_of(doc) == std::vector<std::string>{"discount_rate: must be a number, got false"});
}

TEST_CASE("boundary values inside the ranges are accepted", "[validation]") {
    Json doc = base_scenario();
    doc["horizon_months"] = 240;
    doc["discount_rate"] = 1;
    doc["hours_per_month"] = 744;
    doc["demand"] = {{"gpus", 0}, {"growth_per_year", 10}};
    doc["market"]["price_trend_per_year"] = -0.999999;
    doc["market"]["spot_interruption_overhead"] = 10;
    doc["options"][2]["term_months"] = 240;
    doc["options"][2]["escalator_per_year"] = 1;
    doc["options"][2]["prepay_fraction"] = 1;
    doc["options"][2]["prepay_discount"] = 0.999;
    doc["options"][3]["lead_time_months"] = 240;
    doc["options"][3]["pue"] = 5;
    doc["options"][3]["useful_life_months"] = 600;
    doc["name"] = std::string(200, 'x');
    doc["options"][0]["id"] = std::string(64, 'a');
    CHECK(problems_of(doc).empty());
}

TEST_CASE("length limits count Unicode code points", "[validation]") {
    Json doc = base_scenario();
    std::string emoji200;
    for (int i = 0; i < 200; ++i) emoji200 += "\xf0\x9f\x98\x80";  // 800 bytes, 200 code points
    doc["name"] = emoji200;
    CHECK(problems_of(doc).empty());
    doc["name"] = emoji200 + "x";
    CHECK(problems_of(doc) == std::vector<std::string>{"name: must be at most 200 characters long, got 201"});
}

TEST_CASE("a scenario that uses spot needs a spot price", "[validation]") {
    const std::string message = "market.spot_price: required because options[1] buys on the spot market";
    Json doc = base_scenario();
    doc["market"].erase("spot_price");
    CHECK(problems_of(doc) == std::vector<std::string>{message});

    doc["options"].erase(1);  // no spot option left: the commit and own option buy on demand
    CHECK(problems_of(doc).empty());
    for (const auto& [index, key] : std::vector<std::pair<int, std::string>>{{1, "overflow"}, {1, "after_term"}, {2, "overflow"}}) {
        Json d = doc;
        d["options"][index][key] = "spot";
        CAPTURE(index, key);
        CHECK(problems_of(d) == std::vector<std::string>{"market.spot_price: required because options[" +
                                                         std::to_string(index) + "] buys on the spot market"});
    }
}

TEST_CASE("uncertainty needs all three settings within range", "[validation]") {
    Json doc = base_scenario();
    doc["uncertainty"] = {{"price_volatility_per_year", 0.3}, {"paths", 1000}, {"seed", 42}};
    CHECK(problems_of(doc).empty());
    const std::vector<std::pair<Json, std::string>> cases = {
        {{{"paths", 1000}, {"seed", 42}}, "uncertainty.price_volatility_per_year: required field is missing"},
        {{{"price_volatility_per_year", 5.5}, {"paths", 1000}, {"seed", 42}},
         "uncertainty.price_volatility_per_year: must be a number from 0 to 5, got 5.5"},
        {{{"price_volatility_per_year", 0.3}, {"paths", 0}, {"seed", 42}}, "uncertainty.paths: must be a whole number from 1 to 1000000, got 0"},
        {{{"price_volatility_per_year", 0.3}, {"paths", 1000001}, {"seed", 42}},
         "uncertainty.paths: must be a whole number from 1 to 1000000, got 1000001"},
        {{{"price_volatility_per_year", 0.3}, {"paths", 10.5}, {"seed", 42}}, "uncertainty.paths: must be a whole number from 1 to 1000000, got 10.5"},
        {{{"price_volatility_per_year", 0.3}, {"paths", 10}, {"seed", -1}},
         "uncertainty.seed: must be a whole number from 0 to 9007199254740991, got -1"},
        {{{"price_volatility_per_year", 0.3}, {"paths", 10}, {"seed", 9007199254740992ull}},
         "uncertainty.seed: must be a whole number from 0 to 9007199254740991, got 9007199254740992"},
        {{{"price_volatility_per_year", 0.3}, {"paths", 10}, {"seed", 1}, {"sigma", 1}}, "uncertainty.sigma: unknown field"},
    };
    for (const auto& [value, expected] : cases) {
        Json d = doc;
        d["uncertainty"] = value;
        CAPTURE(value.dump());
        CHECK(problems_of(d) == std::vector<std::string>{expected});
    }
}

TEST_CASE("more than 16 options is refused", "[validation]") {
    Json doc = base_scenario();
    for (int i = 0; i < 13; ++i) doc["options"].push_back({{"id", "extra" + std::to_string(i)}, {"kind", "on_demand"}});
    CHECK(problems_of(doc) == std::vector<std::string>{"options: must hold at most 16 options, got 17"});
    doc["options"].erase(16);
    CHECK(problems_of(doc).empty());
}

TEST_CASE("every problem is reported, not only the first", "[validation]") {
    Json doc = base_scenario();
    doc["horizon_months"] = 0;
    doc["demand"]["gpus"] = -5;
    doc["options"][2]["price"] = 0;
    doc["options"][3]["pue"] = 9;
    doc["typo"] = 1;
    CHECK(problems_of(doc).size() == 5);
}

TEST_CASE("a document with thousands of problems reports the first 100 and says so", "[validation]") {
    Json doc = base_scenario();
    for (int i = 0; i < 5000; ++i) doc["options"].push_back({{"id", "x" + std::to_string(i)}, {"kind", "nope"}});
    const std::vector<std::string> p = problems_of(doc);
    REQUIRE(p.size() == 101);
    CHECK(p.back() == "(root): more problems were found; only the first 100 are listed");
}

TEST_CASE("a result document or another version is named for what it is", "[validation]") {
    CHECK(problems_of(Json::parse(R"({"schema": "gpu-tco-result/1", "options": []})")) ==
          std::vector<std::string>{"schema: this is a \"gpu-tco-result/1\" document, not a scenario (gpu-tco/1)"});
    CHECK(problems_of(Json::parse("[]")) == std::vector<std::string>{"(root): a scenario must be a JSON object, got an array"});
    CHECK(problems_of(Json::parse("\"text\"")) == std::vector<std::string>{"(root): a scenario must be a JSON object, got a string (\"text\")"});
}

TEST_CASE("parse_scenario applies every documented default", "[validation]") {
    const ScenarioParse parsed = parse_scenario(R"({"schema": "gpu-tco/1", "horizon_months": 12, "discount_rate": 0,
        "demand": {"gpus": 1}, "market": {"on_demand_price": 1},
        "options": [{"id": "c", "kind": "commit", "gpus": 1, "term_months": 12, "price": 1},
                    {"id": "o", "kind": "own", "gpus": 1, "capex_per_gpu": 1}]})");
    REQUIRE(parsed.ok());
    const Scenario& s = *parsed.scenario;
    CHECK(s.name.empty());
    CHECK(s.currency == "USD");
    CHECK(s.hours_per_month == 730);
    CHECK(s.demand.growth_per_year == 0);
    CHECK_FALSE(s.market.spot_price.has_value());
    CHECK(s.market.price_trend_per_year == 0);
    CHECK(s.market.spot_interruption_overhead == 0);
    CHECK_FALSE(s.uncertainty.has_value());
    const auto& c = std::get<CommitTerms>(s.options[0].terms);
    CHECK((c.escalator_per_year == 0 && c.prepay_fraction == 0 && c.prepay_discount == 0));
    CHECK((c.overflow == Market::on_demand && c.after_term == Market::on_demand));
    const auto& o = std::get<OwnTerms>(s.options[1].terms);
    CHECK((o.lead_time_months == 0 && o.power_kw_per_gpu == 0 && o.pue == 1 && o.energy_price_per_kwh == 0));
    CHECK((o.energy_trend_per_year == 0 && o.colo_per_kw_month == 0 && o.opex_fraction_per_year == 0));
    CHECK((o.useful_life_months == 60 && o.residual == ResidualRule::straight_line && o.overflow == Market::on_demand));
}
