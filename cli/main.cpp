// gpu-tco: the command-line tool on the core (METHODOLOGY §6).
//
// Exit codes: 0 success, 2 invalid input or command line (one `PATH: message`
// line per problem on stderr, nothing on stdout), 1 an internal error.
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gputco/evaluate.hpp"
#include "gputco/result_json.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/version.hpp"

namespace {

using namespace gputco;

constexpr int exit_ok = 0;
constexpr int exit_internal = 1;
constexpr int exit_invalid = 2;

const char* const usage_text =
    "usage: gpu-tco COMMAND [ARGS]\n"
    "\n"
    "Total cost of ownership of GPU compute, option by option (METHODOLOGY.md).\n"
    "\n"
    "commands:\n"
    "  eval FILE|- [--compact]   evaluate a scenario; the result JSON on stdout\n"
    "  validate FILE|-           check a scenario; silent and exit 0 when valid\n"
    "\n"
    "  --help                    this text\n"
    "  --version                 the engine's version\n"
    "\n"
    "FILE '-' reads standard input. Invalid input prints one 'PATH: what is wrong'\n"
    "line per problem on stderr and exits 2.\n";

int usage_error(const std::string& message) {
    std::cerr << "gpu-tco: " << message << "\n\n" << usage_text;
    return exit_invalid;
}

// The command line after the command word: positional arguments and --name value options.
struct Arguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;  // --name value
    std::map<std::string, bool> switches;       // --name
};

// Parses `args` given which options take a value and which are switches.
std::optional<Arguments> parse_arguments(const std::vector<std::string>& args, const std::vector<std::string>& valued,
                                         const std::vector<std::string>& flags, std::string& error) {
    Arguments out;
    const auto contains = [](const std::vector<std::string>& list, const std::string& s) {
        return std::find(list.begin(), list.end(), s) != list.end();
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            const std::string name = a.substr(2);
            if (contains(flags, name)) {
                out.switches[name] = true;
            } else if (contains(valued, name)) {
                if (i + 1 >= args.size()) {
                    error = "option --" + name + " needs a value";
                    return std::nullopt;
                }
                out.values[name] = args[++i];
            } else {
                error = "unknown option " + a;
                return std::nullopt;
            }
        } else {
            out.positional.push_back(a);
        }
    }
    return out;
}

// Reads FILE or standard input, refusing more than the JSON size limit.
std::optional<std::string> read_input(const std::string& name, std::string& error) {
    const std::size_t limit = JsonLimits{}.max_bytes;
    FILE* f = name == "-" ? stdin : std::fopen(name.c_str(), "rb");
    if (!f) {
        error = "cannot read " + name + ": " + std::strerror(errno);
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
        text.append(buffer, n);
        if (text.size() > limit) break;
    }
    const bool failed = std::ferror(f) != 0;
    if (f != stdin) std::fclose(f);
    if (failed) {
        error = "cannot read " + name + ": " + std::strerror(errno);
        return std::nullopt;
    }
    return text;
}

int report(const Problems& problems) {
    for (const Problem& p : problems) std::cerr << p.to_string() << '\n';
    return exit_invalid;
}

// Reads and validates the scenario named by the single positional argument.
std::optional<Scenario> load_scenario(const Arguments& args, int& exit_code) {
    std::string error;
    const std::optional<std::string> text = read_input(args.positional[0], error);
    if (!text) {
        std::cerr << "gpu-tco: " << error << '\n';
        exit_code = exit_invalid;
        return std::nullopt;
    }
    ScenarioParse parsed = parse_scenario(*text);
    if (!parsed.ok()) {
        exit_code = report(parsed.problems);
        return std::nullopt;
    }
    return std::move(parsed.scenario);
}

int cmd_eval(const std::vector<std::string>& raw) {
    std::string error;
    const std::optional<Arguments> args = parse_arguments(raw, {}, {"compact"}, error);
    if (!args) return usage_error(error);
    if (args->positional.size() != 1) return usage_error("eval takes exactly one FILE (or - for standard input)");
    int code = exit_ok;
    const std::optional<Scenario> scenario = load_scenario(*args, code);
    if (!scenario) return code;
    const int indent = args->switches.count("compact") ? -1 : 2;
    std::cout << write_result(evaluate(*scenario), {indent, true}) << '\n';
    return exit_ok;
}

int cmd_validate(const std::vector<std::string>& raw) {
    std::string error;
    const std::optional<Arguments> args = parse_arguments(raw, {}, {}, error);
    if (!args) return usage_error(error);
    if (args->positional.size() != 1) return usage_error("validate takes exactly one FILE (or - for standard input)");
    int code = exit_ok;
    return load_scenario(*args, code) ? exit_ok : code;
}

int run(int argc, char** argv) {
    const std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) return usage_error("a command is required");
    const std::string& command = words[0];
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << usage_text;
        return exit_ok;
    }
    if (command == "--version") {
        std::cout << "gpu-tco " << version() << '\n';
        return exit_ok;
    }
    if (command == "eval") return cmd_eval(rest);
    if (command == "validate") return cmd_validate(rest);
    return usage_error("unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "gpu-tco: internal error: " << e.what() << '\n';
    } catch (...) {
        std::cerr << "gpu-tco: internal error\n";
    }
    return exit_internal;
}
