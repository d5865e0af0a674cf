// The built gpu-tco binary, run as a user or a script would run it.
#include <catch2/catch.hpp>

#include <cstring>

#include "gputco/evaluate.hpp"
#include "gputco/scenario_json.hpp"
#include "support/process.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;

TEST_CASE("eval prints the result on stdout and exits 0 for every golden case", "[cli]") {
    for (const std::string& name : golden_case_names()) {
        CAPTURE(name);
        const ProcessResult r = run_cli({"eval", golden_path(name)});
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        const Json expected = Json::parse(read_file(data_dir() + "/" + name + ".expected.json"));
        const std::vector<std::string> differences = json_differences(Json::parse(r.out), expected);
        CAPTURE(differences);
        CHECK(differences.empty());
    }
}

TEST_CASE("eval reads standard input given -", "[cli]") {
    const ProcessResult r = run_cli({"eval", "-", "--compact"}, read_file(golden_path("lock-vs-float")));
    CHECK(r.exit_code == 0);
    CHECK(lines_of(r.out).size() == 1);
    CHECK(Json::parse(r.out)["cheapest"] == "spot");
}

TEST_CASE("printed numbers read back to exactly the engine's numbers", "[cli]") {
    const std::string text = read_file(golden_path("largest"));
    const Evaluation e = evaluate(*parse_scenario(text).scenario);
    const Json printed = Json::parse(run_cli({"eval", "-", "--compact"}, text).out);
    REQUIRE(printed["options"].size() == e.options.size());
    for (std::size_t i = 0; i < e.options.size(); ++i) {
        const Json& o = printed["options"][i];
        CHECK(o["npv_cost"].get<double>() == e.options[i].npv_cost);
        CHECK(o["total_cost"].get<double>() == e.options[i].total_cost);
        for (int m = 0; m < e.options[i].flows.months(); ++m) {
            if (o["monthly"][static_cast<std::size_t>(m)].get<double>() != e.options[i].flows.monthly(m)) FAIL("month " << m);
        }
    }
}

TEST_CASE("validate is silent and exits 0 for a valid scenario", "[cli]") {
    const ProcessResult r = run_cli({"validate", golden_path("buy-vs-rent")});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
}

TEST_CASE("every invalid case prints its problems on stderr, nothing on stdout, and exits 2", "[cli]") {
    const std::vector<std::string> names = invalid_case_names();
    REQUIRE(names.size() >= 15);
    for (const std::string& name : names) {
        CAPTURE(name);
        const std::string file = data_dir() + "/invalid/" + name + ".json";
        const std::vector<std::string> expected = lines_of(read_file(data_dir() + "/invalid/" + name + ".problems.txt"));
        REQUIRE_FALSE(expected.empty());
        for (const char* command : {"validate", "eval"}) {
            CAPTURE(command);
            const ProcessResult r = run_cli({command, file});
            CHECK(r.exit_code == 2);
            CHECK(r.out.empty());
            CHECK(lines_of(r.err) == expected);
        }
    }
}

TEST_CASE("input over the size limit is refused with a clear message", "[cli]") {
    const std::string huge = "{\"name\": \"" + std::string(5u << 20, 'x') + "\"}";
    const ProcessResult r = run_cli({"eval", "-"}, huge);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("(root): the input is ", 0) == 0);
    CHECK(r.err.find("the limit is 4194304 bytes") != std::string::npos);
}

TEST_CASE("absurdly deep nesting is refused without crashing", "[cli]") {
    const ProcessResult r = run_cli({"validate", "-"}, std::string(2000000, '['));
    CHECK(r.exit_code == 2);
    CHECK(r.err == "(root): nesting is deeper than 64 levels\n");
}

TEST_CASE("an unreadable file exits 2 and names the file", "[cli]") {
    const ProcessResult r = run_cli({"eval", "/nonexistent/scenario.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "gpu-tco: cannot read /nonexistent/scenario.json: No such file or directory\n");
}

TEST_CASE("--help and --version print to stdout and exit 0", "[cli]") {
    const ProcessResult help = run_cli({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("usage: gpu-tco COMMAND") != std::string::npos);
    CHECK(help.out.find("eval FILE|-") != std::string::npos);
    const ProcessResult version = run_cli({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.rfind("gpu-tco ", 0) == 0);
}

TEST_CASE("a wrong command line exits 2 with the usage on stderr", "[cli]") {
    const std::vector<std::vector<std::string>> wrong = {
        {}, {"frobnicate"}, {"eval"}, {"eval", "a.json", "b.json"}, {"eval", "--nope", "a.json"}, {"validate"},
    };
    for (const auto& args : wrong) {
        CAPTURE(args);
        const ProcessResult r = run_cli(args);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("gpu-tco: ", 0) == 0);
        CHECK(r.err.find("usage: gpu-tco") != std::string::npos);
    }
}
