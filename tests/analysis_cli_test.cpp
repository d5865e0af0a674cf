// gpu-tco simulate, breakeven and sensitivity, run as a user or a script would:
// the documents on stdout, exit 0; problems on stderr, nothing on stdout, exit 2.
#include <catch2/catch.hpp>

#include "gputco/analysis_json.hpp"
#include "gputco/scenario_json.hpp"
#include "support/process.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;

namespace {

Scenario load(const std::string& name) { return *parse_scenario(read_file(golden_path(name))).scenario; }

std::string with_uncertainty(double volatility, int paths, int seed) {
    Json doc = Json::parse(read_file(golden_path("lock-vs-float")));
    doc["uncertainty"] = {{"price_volatility_per_year", volatility}, {"paths", paths}, {"seed", seed}};
    return doc.dump();
}

void check_failure(const ProcessResult& r, const std::vector<std::string>& lines) {
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(lines_of(r.err) == lines);
}

}  // namespace

TEST_CASE("simulate prints the engine's simulation document and exits 0", "[cli][simulate]") {
    const ProcessResult r = run_cli({"simulate", golden_path("lock-vs-float"), "--paths", "2000", "--seed", "7", "--volatility", "0.4"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(lines_of(r.out).size() > 10);  // pretty by default
    const std::string expected = write_simulation(simulate(load("lock-vs-float"), {0.4, 2000, 7}), 2);
    CHECK(r.out == expected + "\n");
    const Json doc = Json::parse(r.out);
    CHECK(doc["schema"] == "gpu-tco-simulation/1");
    CHECK(doc["paths"] == 2000);
    CHECK(doc["seed"] == 7);
    // The fields §7 lists come first, in its order (the parsed document sorts its keys: look at the text).
    std::size_t at = 0;
    for (const char* key : {"schema", "paths", "seed", "options", "id", "npv_mean", "npv_p5", "npv_p50", "npv_p95",
                            "cheapest_share", "npv_deterministic"}) {
        CAPTURE(key);
        const std::size_t next = r.out.find("\"" + std::string(key) + "\":", at);
        CHECK(next != std::string::npos);
        at = next;
    }
}

TEST_CASE("simulate takes its settings from the scenario's uncertainty unless told otherwise", "[cli][simulate]") {
    const std::string text = with_uncertainty(0.3, 500, 3);
    const ProcessResult r = run_cli({"simulate", "-", "--compact"}, text);
    REQUIRE(r.exit_code == 0);
    CHECK(lines_of(r.out).size() == 1);
    const Scenario s = *parse_scenario(text).scenario;
    CHECK(r.out == write_simulation(simulate(s, {0.3, 500, 3})) + "\n");
    const ProcessResult seeded = run_cli({"simulate", "-", "--compact", "--seed", "4"}, text);
    CHECK(seeded.out == write_simulation(simulate(s, {0.3, 500, 4})) + "\n");
}

TEST_CASE("simulate without settings names the missing uncertainty", "[cli][simulate]") {
    const ProcessResult r = run_cli({"simulate", golden_path("lock-vs-float")});
    check_failure(r, {"uncertainty: the scenario has no uncertainty settings (price_volatility_per_year, paths, seed), "
                      "so volatility, paths and seed must all be given"});
    check_failure(run_cli({"simulate", golden_path("lock-vs-float"), "--paths", "0", "--seed", "1", "--volatility", "9"}),
                  {"volatility: must be a number from 0 to 5, got 9", "paths: must be a whole number from 1 to 1000000, got 0"});
    check_failure(run_cli({"simulate", golden_path("lock-vs-float"), "--paths", "10", "--seed", "-1", "--volatility", "0.1"}),
                  {"seed: must be a whole number from 0 to 9007199254740991, got -1"});
}

TEST_CASE("breakeven prints the crossings and exits 0", "[cli][breakeven]") {
    const ProcessResult r = run_cli({"breakeven", golden_path("lock-vs-float"), "--a", "spot", "--b", "commit-36m", "--param",
                                 "market.spot_price", "--compact"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    BreakevenRequest request;
    request.a = "spot";
    request.b = "commit-36m";
    request.param = "market.spot_price";
    CHECK(r.out == write_breakeven(breakeven(load("lock-vs-float"), request)) + "\n");
    const Json doc = Json::parse(r.out);
    CHECK(doc["schema"] == "gpu-tco-breakeven/1");
    CHECK(doc["crossings"].size() == 1);

    const ProcessResult ranged = run_cli({"breakeven", golden_path("lock-vs-float"), "--a", "spot", "--b", "commit-36m", "--param",
                                      "market.spot_price", "--min", "1", "--max", "2"});
    REQUIRE(ranged.exit_code == 0);
    CHECK(Json::parse(ranged.out)["crossings"].empty());
    CHECK(Json::parse(ranged.out)["max"] == 2.0);
}

TEST_CASE("breakeven reports every problem with the request", "[cli][breakeven]") {
    check_failure(run_cli({"breakeven", golden_path("lock-vs-float")}),
                  {"a: required: the id of an option", "b: required: the id of an option",
                   "param: required: the path of a numeric input, such as market.price_trend_per_year"});
    check_failure(run_cli({"breakeven", golden_path("lock-vs-float"), "--a", "spot", "--b", "spot", "--param", "discount"}),
                  {R"(b: must be another option than a, got "spot" twice)",
                   R"(param: not a numeric input of a scenario, got "discount")"});
    check_failure(run_cli({"breakeven", golden_path("lock-vs-float"), "--a", "spot", "--b", "on-demand", "--param", "discount_rate",
                       "--min", "0.5", "--max", "0.4"}),
                  {"min: must be less than max (0.4), got 0.5"});
}

TEST_CASE("sensitivity prints the inputs by swing and exits 0", "[cli][sensitivity]") {
    const ProcessResult r = run_cli({"sensitivity", golden_path("lock-vs-float"), "--option", "on-demand", "--step", "0.1"});
    REQUIRE(r.exit_code == 0);
    SensitivityRequest request;
    request.option = "on-demand";
    request.step = 0.1;
    CHECK(r.out == write_sensitivity(sensitivity(load("lock-vs-float"), request), 2) + "\n");
    const ProcessResult pair = run_cli({"sensitivity", golden_path("lock-vs-float"), "--a", "on-demand", "--b", "spot", "--rate-step", "0.01", "--compact"});
    REQUIRE(pair.exit_code == 0);
    const Json doc = Json::parse(pair.out);
    CHECK(doc["schema"] == "gpu-tco-sensitivity/1");
    CHECK(doc["metric"] == "npv_a_minus_npv_b");
    CHECK(doc["rate_step"] == 0.01);
    const ProcessResult by_default = run_cli({"sensitivity", golden_path("lock-vs-float")});
    REQUIRE(by_default.exit_code == 0);
    CHECK(Json::parse(by_default.out)["a"] == "spot");
}

TEST_CASE("sensitivity names the bad request field", "[cli][sensitivity]") {
    check_failure(run_cli({"sensitivity", golden_path("lock-vs-float"), "--rate-step", "0"}),
                  {"rate_step: must be a number greater than 0 and at most 1, got 0"});
    check_failure(run_cli({"sensitivity", golden_path("lock-vs-float"), "--option", "spot", "--a", "spot"}),
                  {"option: give either one option, or a and b to compare, not both"});
    check_failure(run_cli({"sensitivity", golden_path("lock-vs-float"), "--a", "spot"}),
                  {"b: required with a: the id of the option to compare a with"});
}

TEST_CASE("an invalid scenario is reported as by eval, for every analysis", "[cli]") {
    const std::string file = data_dir() + "/invalid/out-of-range.json";
    const std::vector<std::string> expected = lines_of(read_file(data_dir() + "/invalid/out-of-range.problems.txt"));
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"simulate", file, "--paths", "10", "--seed", "1", "--volatility", "0.1"},
          std::vector<std::string>{"breakeven", file, "--a", "x", "--b", "y", "--param", "demand.gpus"},
          std::vector<std::string>{"sensitivity", file}}) {
        CAPTURE(args);
        check_failure(run_cli(args), expected);
    }
}

TEST_CASE("a wrong analysis command line exits 2 with the usage", "[cli]") {
    const std::vector<std::vector<std::string>> wrong = {
        {"simulate"},
        {"simulate", golden_path("lock-vs-float"), "--paths", "many"},
        {"simulate", golden_path("lock-vs-float"), "--paths"},
        {"breakeven", golden_path("lock-vs-float"), "--a", "spot", "--b", "on-demand", "--param", "demand.gpus", "--min", "low"},
        {"breakeven", golden_path("lock-vs-float"), golden_path("lock-vs-float")},
        {"sensitivity", golden_path("lock-vs-float"), "--nope"},
        {"sensitivity", golden_path("lock-vs-float"), "--step", "1e999"},
    };
    for (const auto& args : wrong) {
        CAPTURE(args);
        const ProcessResult r = run_cli(args);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("gpu-tco: ", 0) == 0);
        CHECK(r.err.find("usage: gpu-tco") != std::string::npos);
    }
    const ProcessResult help = run_cli({"--help"});
    for (const char* command : {"simulate FILE|-", "breakeven FILE|-", "sensitivity FILE|-"}) CHECK(help.out.find(command) != std::string::npos);
}
