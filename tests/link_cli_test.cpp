// gpu-tco link, run as a user or a script would run it.
#include <catch2/catch.hpp>

#include "gputco/share_link.hpp"
#include "support/process.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;

namespace {
// The one line a successful `link` prints, without its line break.
std::string link_of(const std::vector<std::string>& args, const std::string& input = "") {
    const ProcessResult r = run_cli(args, input);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    REQUIRE(lines_of(r.out).size() == 1);
    CHECK(r.out.back() == '\n');
    return lines_of(r.out)[0];
}
}  // namespace

TEST_CASE("link prints one link per scenario and --decode opens it to the same scenario", "[cli][link]") {
    for (const std::string& name : golden_case_names()) {
        CAPTURE(name);
        const std::string link = link_of({"link", golden_path(name)});
        CHECK(link.rfind("http://127.0.0.1:8080/#s=1.", 0) == 0);
        const ProcessResult opened = run_cli({"link", "--decode", link});
        CHECK(opened.exit_code == 0);
        CHECK(opened.err.empty());
        CHECK(Json::parse(opened.out) == Json::parse(read_file(golden_path(name))));
    }
}

TEST_CASE("link carries the scenario's compact JSON, keys in the file's order", "[cli][link]") {
    const std::string link = link_of({"link", golden_path("lock-vs-float")});
    const LinkDecode d = decode_share_link(link);
    REQUIRE(d.ok());
    CHECK(d.json == nlohmann::ordered_json::parse(read_file(golden_path("lock-vs-float"))).dump());
    CHECK(d.json.rfind("{\"schema\":\"gpu-tco/1\",\"name\":", 0) == 0);
}

TEST_CASE("link --base puts the link on another page", "[cli][link]") {
    const std::string link =
        link_of({"link", golden_path("buy-vs-rent"), "--base", "https://tco.example.com/app/?team=infra"});
    CHECK(link.rfind("https://tco.example.com/app/?team=infra#s=1.", 0) == 0);
    const std::string replaced = link_of({"link", "--base", "https://x.example/#s=1.old", golden_path("buy-vs-rent")});
    CHECK(replaced.rfind("https://x.example/#s=1.", 0) == 0);
    CHECK(replaced.find("old") == std::string::npos);
    CHECK(link_of({"link", golden_path("buy-vs-rent"), "--base", ""}).rfind("#s=1.", 0) == 0);
}

TEST_CASE("link reads a scenario from standard input given -", "[cli][link]") {
    CHECK(link_of({"link", "-"}, read_file(golden_path("zero-demand"))) == link_of({"link", golden_path("zero-demand")}));
}

TEST_CASE("link --decode pretty-prints with an indent of 2", "[cli][link]") {
    const ProcessResult r = run_cli({"link", "--decode", link_of({"link", golden_path("lock-vs-float")})});
    REQUIRE(r.exit_code == 0);
    const std::vector<std::string> lines = lines_of(r.out);
    REQUIRE(lines.size() > 10);
    CHECK(lines[0] == "{");
    CHECK(lines[1] == "  \"schema\": \"gpu-tco/1\",");
    CHECK(lines.back() == "}");
}

TEST_CASE("link --decode accepts a fragment, a wrapped link, and - for standard input", "[cli][link]") {
    const std::string link = link_of({"link", golden_path("prepay-and-growth")});
    const std::string expected = run_cli({"link", "--decode", link}).out;
    CHECK(run_cli({"link", "--decode", link.substr(link.find('#'))}).out == expected);
    std::string wrapped;
    for (std::size_t i = 0; i < link.size(); i += 50) wrapped += link.substr(i, 50) + "\n  ";
    const ProcessResult from_stdin = run_cli({"link", "--decode", "-"}, wrapped);
    CHECK(from_stdin.exit_code == 0);
    CHECK(from_stdin.out == expected);
}

TEST_CASE("link refuses an invalid scenario with its problems, like validate", "[cli][link]") {
    for (const std::string& name : invalid_case_names()) {
        CAPTURE(name);
        const std::string file = data_dir() + "/invalid/" + name + ".json";
        const ProcessResult r = run_cli({"link", file});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(lines_of(r.err) == lines_of(read_file(data_dir() + "/invalid/" + name + ".problems.txt")));
    }
}

TEST_CASE("link --decode of a link to an invalid scenario prints its problems and exits 2", "[cli][link]") {
    for (const std::string& name : invalid_case_names()) {
        CAPTURE(name);
        const std::string text = read_file(data_dir() + "/invalid/" + name + ".json");
        const ProcessResult r = run_cli({"link", "--decode", encode_share_link(text, "https://example.org/")});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(lines_of(r.err) == lines_of(read_file(data_dir() + "/invalid/" + name + ".problems.txt")));
    }
    const ProcessResult not_json = run_cli({"link", "--decode", encode_share_link("not JSON", "")});
    CHECK(not_json.exit_code == 2);
    CHECK(not_json.err.rfind("(root): invalid JSON at line 1, column", 0) == 0);
}

TEST_CASE("link --decode of a bad link prints (link): and the reason, and exits 2", "[cli][link]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"https://example.org/", "(link): this is not a gpu-tco share link: it has no #s= part\n"},
        {"#s=2.abc",
         "(link): this link was made by a newer version of gpu-tco (link format 2); this version reads format 1\n"},
        {"#s=1.abc+", "(link): this link is damaged: its data holds '+', which is not a base64url character\n"},
        {"#s=1.AAAAAAA",
         "(link): this link is damaged: the compressed data has a stored block whose length check (NLEN) does not "
         "match its length\n"},
        {"#s=1." + std::string(70000, 'A'),
         "(link): this link is too large: its data is 70000 characters long; the limit is 65536\n"},
    };
    for (const auto& [link, message] : cases) {
        CAPTURE(link.substr(0, 40));
        const ProcessResult r = run_cli({"link", "--decode", link});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == message);
    }
}

TEST_CASE("a wrong link command line exits 2 with the usage", "[cli][link]") {
    const std::vector<std::vector<std::string>> wrong = {
        {"link"},
        {"link", golden_path("buy-vs-rent"), golden_path("lock-vs-float")},
        {"link", "--decode"},
        {"link", "--decode", "#s=1.x", golden_path("buy-vs-rent")},
        {"link", "--decode", "#s=1.x", "--base", "https://example.org/"},
        {"link", "--base"},
        {"link", "--nope", golden_path("buy-vs-rent")},
    };
    for (const auto& args : wrong) {
        CAPTURE(args);
        const ProcessResult r = run_cli(args);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("gpu-tco: ", 0) == 0);
        CHECK(r.err.find("usage: gpu-tco COMMAND") != std::string::npos);
    }
    const ProcessResult missing = run_cli({"link", "/nonexistent/scenario.json"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "gpu-tco: cannot read /nonexistent/scenario.json: No such file or directory\n");
}

TEST_CASE("--help lists the link command", "[cli][link]") {
    CHECK(run_cli({"--help"}).out.find("link FILE|- [--base URL] | --decode LINK|-") != std::string::npos);
}
