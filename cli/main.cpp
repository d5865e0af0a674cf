// gpu-tco: the command-line tool on the core (METHODOLOGY §6).
//
// Exit codes: 0 success, 2 invalid input or command line (one `PATH: message`
// line per problem on stderr, nothing on stdout), 1 an internal error.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>

#include "cli.hpp"
#include "gputco/json_document.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/version.hpp"

namespace gputco::cli {

namespace {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

std::string usage_text() {
    std::vector<Command> commands = registry();
    std::sort(commands.begin(), commands.end(), [](const Command& a, const Command& b) { return a.order < b.order; });
    std::string text =
        "usage: gpu-tco COMMAND [ARGS]\n"
        "\n"
        "Total cost of ownership of GPU compute, option by option (docs/methodology.md).\n"
        "\n"
        "commands:\n";
    std::size_t width = 0;
    for (const Command& c : commands) width = std::max(width, c.usage.size());
    for (const Command& c : commands) {
        text += "  " + c.usage + std::string(width - c.usage.size() + 3, ' ') + c.summary + "\n";
    }
    text +=
        "\n"
        "  --help       this text\n"
        "  --version    the engine's version\n"
        "\n"
        "FILE '-' reads standard input. Invalid input prints one 'PATH: what is wrong'\n"
        "line per problem on stderr and exits 2.\n";
    return text;
}

std::optional<Arguments> parse_arguments(const Command& command, const std::vector<std::string>& args, std::string& error) {
    Arguments out;
    const auto contains = [](const std::vector<std::string>& list, const std::string& s) {
        return std::find(list.begin(), list.end(), s) != list.end();
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            const std::string name = a.substr(2);
            if (contains(command.switch_options, name)) {
                out.switches[name] = true;
            } else if (contains(command.valued_options, name)) {
                if (i + 1 >= args.size()) {
                    error = "option --" + name + " needs a value";
                    return std::nullopt;
                }
                out.values[name] = args[++i];
            } else {
                error = "unknown option " + a + " for " + command.name;
                return std::nullopt;
            }
        } else {
            out.positional.push_back(a);
        }
    }
    return out;
}

int run(int argc, char** argv) {
    const std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) return usage_error("a command is required");
    const std::string& word = words[0];
    if (word == "--help" || word == "-h" || word == "help") {
        std::cout << usage_text();
        return exit_ok;
    }
    if (word == "--version") {
        std::cout << "gpu-tco " << version() << '\n';
        return exit_ok;
    }
    for (const Command& command : registry()) {
        if (command.name != word) continue;
        std::string error;
        const std::optional<Arguments> args =
            parse_arguments(command, std::vector<std::string>(words.begin() + 1, words.end()), error);
        if (!args) return usage_error(error);
        return command.run(*args);
    }
    return usage_error("unknown command '" + word + "'");
}

}  // namespace

bool register_command(Command command) {
    registry().push_back(std::move(command));
    return true;
}

int usage_error(const std::string& message) {
    std::cerr << "gpu-tco: " << message << "\n\n" << usage_text();
    return exit_invalid;
}

int report(const Problems& problems) {
    for (const Problem& p : problems) std::cerr << p.to_string() << '\n';
    return exit_invalid;
}

std::optional<std::string> read_input(const std::string& name) {
    const std::size_t limit = JsonLimits{}.max_bytes;
    FILE* f = name == "-" ? stdin : std::fopen(name.c_str(), "rb");
    if (!f) {
        std::cerr << "gpu-tco: cannot read " << name << ": " << std::strerror(errno) << '\n';
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
        text.append(buffer, n);
        if (text.size() > limit) break;  // enough to say it is too large, without reading it all
    }
    const bool failed = std::ferror(f) != 0;
    if (f != stdin) std::fclose(f);
    if (failed) {
        std::cerr << "gpu-tco: cannot read " << name << ": " << std::strerror(errno) << '\n';
        return std::nullopt;
    }
    return text;
}

std::optional<Scenario> load_scenario(const std::string& name, int& exit_code) {
    const std::optional<std::string> text = read_input(name);
    if (!text) {
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

std::optional<double> number_option(const Arguments& args, const std::string& name, int& exit_code) {
    const auto it = args.values.find(name);
    if (it == args.values.end()) return std::nullopt;
    const char* text = it->second.c_str();
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text, &end);
    if (*text == '\0' || *end != '\0' || errno == ERANGE || !std::isfinite(value)) {
        exit_code = usage_error("--" + name + " must be a number, got '" + it->second + "'");
        return std::nullopt;
    }
    return value;
}

}  // namespace gputco::cli

int main(int argc, char** argv) {
    try {
        return gputco::cli::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "gpu-tco: internal error: " << e.what() << '\n';
    } catch (...) {
        std::cerr << "gpu-tco: internal error\n";
    }
    return gputco::cli::exit_internal;
}
