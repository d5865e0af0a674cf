#include <catch2/catch.hpp>

#include "gputco/json_document.hpp"

using namespace gputco;

namespace {
std::vector<std::string> problems_of(const std::string& text, JsonLimits limits = {}) {
    std::vector<std::string> out;
    for (const Problem& p : read_json(text, limits).problems) out.push_back(p.to_string());
    return out;
}
}  // namespace

TEST_CASE("a well-formed document reads back whole", "[json]") {
    const JsonDocument doc = read_json(R"({"a": [1, 2.5, {"b": null}], "c": "d"})");
    REQUIRE(doc.ok());
    CHECK(doc.value["a"][1] == 2.5);
    CHECK(doc.value["a"][2]["b"].is_null());
}

TEST_CASE("a key repeated in one object is reported at its path", "[json]") {
    CHECK(problems_of(R"({"a": 1, "a": 2})") == std::vector<std::string>{"a: appears more than once in the same object"});
    CHECK(problems_of(R"({"options": [{"id": "x"}, {"price": 1, "price": 2}]})") ==
          std::vector<std::string>{"options[1].price: appears more than once in the same object"});
    CHECK(problems_of(R"({"m": {"x": {}, "x": {"y": 1, "y": 2}}})").size() == 2);
    CHECK(problems_of(R"({"a": {}, "b": {}})").empty());  // the same key in different objects is fine
}

TEST_CASE("repeated keys are listed up to the problem limit, then one line says more were found", "[json]") {
    // Found by fuzzing (tests/fuzz/regressions/scenario/duplicate-keys-past-the-problem-limit.json).
    std::string text = "{";
    for (int i = 0; i < 300; ++i) text += std::string(i ? "," : "") + "\"a\":" + std::to_string(i);
    text += "}";
    const std::vector<std::string> problems = problems_of(text);
    REQUIRE(problems.size() == max_reported_problems + 1);
    CHECK(problems.front() == "a: appears more than once in the same object");
    CHECK(problems.back() == "(root): more problems were found; only the first 100 are listed");
}

TEST_CASE("malformed JSON is one (root) problem with its line and column", "[json]") {
    const std::vector<std::string> p = problems_of("{\n  \"a\": tru\n}");
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("(root): invalid JSON at line 2, column", 0) == 0);
    CHECK(problems_of("").size() == 1);
    CHECK(problems_of("{} {}").size() == 1);      // trailing content
    CHECK(problems_of("{\"a\": 1,}").size() == 1);  // trailing comma
    CHECK(problems_of("NaN").size() == 1);
}

TEST_CASE("a number too large for a double is reported at its path", "[json]") {
    CHECK(problems_of(R"({"demand": {"gpus": 1e400}})") ==
          std::vector<std::string>{"demand.gpus: must be a finite number; 1e400 is too large to represent"});
    CHECK(problems_of("[0, -1e999]") == std::vector<std::string>{"[1]: must be a finite number; -1e999 is too large to represent"});
}

TEST_CASE("documents nested deeper than the limit are refused", "[json]") {
    const std::string ok = std::string(64, '[') + std::string(64, ']');
    const std::string deep = std::string(65, '[') + std::string(65, ']');
    CHECK(problems_of(ok).empty());
    CHECK(problems_of(deep) == std::vector<std::string>{"(root): nesting is deeper than 64 levels"});
    CHECK(problems_of(std::string(1000000, '[')).size() == 1);
}

TEST_CASE("documents larger than the limit are refused before parsing", "[json]") {
    JsonLimits small;
    small.max_bytes = 10;
    CHECK(problems_of("[1,2,3,4,5]", small) == std::vector<std::string>{"(root): the input is 11 bytes; the limit is 10 bytes"});
    CHECK(problems_of("[1,2,3,4]", small).empty());
}

TEST_CASE("invalid UTF-8 is malformed JSON and the message stays printable", "[json]") {
    const std::vector<std::string> p = problems_of("{\"\xff\": 1}");
    REQUIRE(p.size() == 1);
    CHECK(p[0].find("\\xff") != std::string::npos);
    for (char c : p[0]) CHECK(static_cast<unsigned char>(c) < 0x80);
}

TEST_CASE("paths quote keys that are not plain names", "[json]") {
    CHECK(member_path("", "gpus") == "gpus");
    CHECK(member_path("demand", "gpus") == "demand.gpus");
    CHECK(member_path("demand", "a b") == "demand[\"a b\"]");
    CHECK(member_path("", "x.y") == "[\"x.y\"]");
    CHECK(member_path("", "line\nbreak") == "[\"line\\u000abreak\"]");
    CHECK(member_path("", "") == "[\"\"]");
    CHECK(element_path("options", 3) == "options[3]");
}
