// Shared pieces of the gpu-tco command line: exit codes, argument parsing,
// reading a scenario, reporting problems, and the registry of commands.
//
// Each command lives in its own file and registers itself:
//   static const bool registered = gputco::cli::register_command({...});
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gputco/problem.hpp"
#include "gputco/scenario.hpp"

namespace gputco::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_internal = 1;
inline constexpr int exit_invalid = 2;

// The command line after the command word.
struct Arguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;  // --name value
    std::map<std::string, bool> switches;       // --name

    bool has(const std::string& name) const { return values.count(name) > 0 || switches.count(name) > 0; }
};

struct Command {
    std::string name;
    std::string usage;    // "eval FILE|- [--compact]"
    std::string summary;  // one line for --help
    int order;            // position in --help
    std::vector<std::string> valued_options;  // options that take a value, without "--"
    std::vector<std::string> switch_options;  // options that take none
    int (*run)(const Arguments& args);
};

bool register_command(Command command);

// Prints "gpu-tco: MESSAGE" and the usage on stderr; returns exit_invalid.
int usage_error(const std::string& message);

// Prints one `PATH: message` line per problem on stderr; returns exit_invalid.
int report(const Problems& problems);

// Reads FILE, or standard input for "-", refusing more than the input size
// limit. On failure prints a message on stderr and returns nothing.
std::optional<std::string> read_input(const std::string& name);

// Reads and validates the scenario named by the first positional argument.
// On failure reports on stderr and sets exit_code.
std::optional<Scenario> load_scenario(const std::string& name, int& exit_code);

// Reads a number option such as --min 0.5; reports a usage error when it is not one.
std::optional<double> number_option(const Arguments& args, const std::string& name, int& exit_code);

}  // namespace gputco::cli
