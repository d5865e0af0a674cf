// Every input a fuzzer ever tripped on (tests/fuzz/regressions/TARGET/), and
// every seed the repository holds, replayed natively through the fuzz entry
// functions: the normal suite and the sanitizer build check them all.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "fuzz/entry.hpp"
#include "support/test_data.hpp"

using namespace gputco::fuzz;
using gputco::test::data_dir;
using gputco::test::read_file;

CATCH_TRANSLATE_EXCEPTION(const CheckFailed& failure) { return "fuzz check failed: " + failure.message; }

namespace {

// A failed check throws, so that Catch2 names the input instead of the process aborting.
class ThrowingChecks {
public:
    ThrowingChecks() {
        set_failure_handler([](const std::string& message) { throw CheckFailed{message}; });
    }
    ~ThrowingChecks() { set_failure_handler(nullptr); }
    ThrowingChecks(const ThrowingChecks&) = delete;
    ThrowingChecks& operator=(const ThrowingChecks&) = delete;
};

bool is_directory(const std::string& path) {
    struct stat info {};
    return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// The names of the files in `dir` that end with `suffix`, sorted; none when there is no such folder.
std::vector<std::string> files_in(const std::string& dir, const std::string& suffix = "") {
    std::vector<std::string> names;
    DIR* d = opendir(dir.c_str());
    if (!d) return names;
    while (const dirent* entry = readdir(d)) {
        const std::string name = entry->d_name;
        if (name.empty() || name[0] == '.' || is_directory(dir + "/" + name)) continue;
        if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        names.push_back(name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

void run(Entry entry, const std::string& bytes) { entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()); }

std::string regressions_dir() { return data_dir() + "/../fuzz/regressions"; }

// The scenarios of tests/data, valid and invalid, and the hand-picked seeds of tests/fuzz/seeds/scenario.
std::vector<std::string> scenario_files() {
    std::vector<std::string> files;
    for (const std::string& name : files_in(data_dir(), ".json")) {
        if (name.find(".expected.") == std::string::npos) files.push_back(data_dir() + "/" + name);
    }
    for (const std::string& name : files_in(data_dir() + "/invalid", ".json")) files.push_back(data_dir() + "/invalid/" + name);
    const std::string seeds = data_dir() + "/../fuzz/seeds/scenario";
    for (const std::string& name : files_in(seeds, ".json")) files.push_back(seeds + "/" + name);
    return files;
}

}  // namespace

TEST_CASE("every fuzz regression input passes its target's checks", "[fuzz][regression]") {
    const ThrowingChecks throwing;
    std::size_t replayed = 0;
    for (const char* target : {"scenario", "analysis", "link"}) {
        const std::string dir = regressions_dir() + "/" + target;
        for (const std::string& name : files_in(dir)) {
            if (name == "README.md") continue;
            CAPTURE(target, name);
            REQUIRE_NOTHROW(run(entry_named(target), read_file(dir + "/" + name)));
            ++replayed;
        }
    }
    CHECK(replayed > 0);
}

TEST_CASE("every scenario of tests/data passes the scenario checks", "[fuzz][scenario]") {
    const ThrowingChecks throwing;
    const std::vector<std::string> files = scenario_files();
    REQUIRE(files.size() > 20);
    for (const std::string& file : files) {
        CAPTURE(file);
        REQUIRE_NOTHROW(run(check_scenario_input, read_file(file)));
    }
}

TEST_CASE("every scenario of tests/data passes the checks of every analysis", "[fuzz][analysis]") {
    const ThrowingChecks throwing;
    for (const std::string& file : scenario_files()) {
        for (Analysis analysis : {Analysis::breakeven, Analysis::sensitivity, Analysis::simulate, Analysis::pieces}) {
            CAPTURE(file, static_cast<int>(analysis));
            REQUIRE_NOTHROW(run(check_analysis_input, analysis_input(analysis, read_file(file))));
        }
    }
}

TEST_CASE("analysis inputs that are not scenarios get a generated valid scenario", "[fuzz][analysis]") {
    const ThrowingChecks throwing;
    // Every header byte value once in each position that chooses something, over a few bodies.
    for (const std::string& body : {std::string(), std::string(300, '\xff'), std::string("not a scenario at all")}) {
        for (int analysis = 0; analysis < 4; ++analysis) {
            for (int position = 1; position < 8; ++position) {
                for (int value = 0; value < 256; value += 15) {
                    std::string input = analysis_input(static_cast<Analysis>(analysis), body);
                    input[static_cast<std::size_t>(position)] = static_cast<char>(value);
                    CAPTURE(analysis, position, value, body.size());
                    REQUIRE_NOTHROW(run(check_analysis_input, input));
                }
            }
        }
    }
}

TEST_CASE("every golden link and DEFLATE stream passes the link checks", "[fuzz][link]") {
    const ThrowingChecks throwing;
    std::istringstream lines(read_file(data_dir() + "/links/v1.txt"));
    std::string line;
    std::size_t links = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        CAPTURE(line);
        REQUIRE_NOTHROW(run(check_link_input, line.substr(line.find(' ') + 1)));
        ++links;
    }
    CHECK(links > 0);
    const std::string deflate_dir = data_dir() + "/deflate";
    for (const std::string& name : files_in(deflate_dir)) {
        if (name.find(".deflate") == std::string::npos && name.find(".txt") == std::string::npos) continue;
        CAPTURE(name);
        REQUIRE_NOTHROW(run(check_link_input, read_file(deflate_dir + "/" + name)));
    }
}

TEST_CASE("the fuzz entries accept no input at all and bytes that are not text", "[fuzz]") {
    const ThrowingChecks throwing;
    for (Entry entry : {check_scenario_input, check_analysis_input, check_link_input}) {
        REQUIRE_NOTHROW(entry(nullptr, 0));
        REQUIRE_NOTHROW(run(entry, std::string("\x00\xff\xfe{\"schema\":", 12)));
    }
    CHECK(entry_named("scenario") == check_scenario_input);
    CHECK(entry_named("nothing") == nullptr);
}
