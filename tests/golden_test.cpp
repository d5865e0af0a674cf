// The worked examples and our own golden cases: tests/data/NAME.json must
// evaluate to NAME.expected.json (computed by independent implementations:
// ../shared/examples and tests/reference/gpu_tco_reference.py).
#include <catch2/catch.hpp>

#include "gputco/evaluate.hpp"
#include "gputco/result_json.hpp"
#include "gputco/scenario_json.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;

TEST_CASE("every golden scenario evaluates to its expected result", "[golden]") {
    const std::vector<std::string> names = golden_case_names();
    REQUIRE(names.size() >= 13);
    for (const std::string& name : names) {
        CAPTURE(name);
        const ScenarioParse parsed = parse_scenario(read_file(data_dir() + "/" + name + ".json"));
        REQUIRE(parsed.problems.empty());
        const Json actual = Json::parse(write_result(evaluate(*parsed.scenario)));
        const Json expected = Json::parse(read_file(data_dir() + "/" + name + ".expected.json"));
        const std::vector<std::string> differences = json_differences(actual, expected, 1e-9, 1e-6);
        CAPTURE(differences);
        CHECK(differences.empty());
    }
}

TEST_CASE("the three shared worked examples are among the golden cases", "[golden]") {
    const std::vector<std::string> names = golden_case_names();
    for (const char* example : {"lock-vs-float", "buy-vs-rent", "prepay-and-growth"}) {
        CAPTURE(example);
        CHECK(std::find(names.begin(), names.end(), example) != names.end());
    }
}

TEST_CASE("the comparison used by the golden test notices a wrong number", "[golden]") {
    const Json expected = Json::parse(R"({"a": [1.0, 2.0], "b": null})");
    CHECK(json_differences(Json::parse(R"({"a": [1.0, 2.0000000001], "b": null})"), expected).empty());
    CHECK(json_differences(Json::parse(R"({"a": [1.0, 2.00001], "b": null})"), expected).size() == 1);
    CHECK(json_differences(Json::parse(R"({"a": [1.0], "b": null})"), expected).size() == 1);
    CHECK(json_differences(Json::parse(R"({"a": [1.0, 2.0], "b": 0.5})"), expected).size() == 1);
}
