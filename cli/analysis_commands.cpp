// gpu-tco simulate, gpu-tco breakeven and gpu-tco sensitivity: decision analysis
// on a scenario (METHODOLOGY §7, §8; docs/analysis.md).
#include <iostream>

#include "cli.hpp"
#include "gputco/analysis_json.hpp"

namespace gputco::cli {
namespace {

std::string text_option(const Arguments& args, const std::string& name) {
    const auto it = args.values.find(name);
    return it == args.values.end() ? std::string() : it->second;
}

// The number options of a command, by name: empty when not given.
using Numbers = std::map<std::string, std::optional<double>>;

// Reads the number options, loads FILE, then runs `body`, printing its document
// or the problems with the request.
template <typename Body>
int run_analysis(const Arguments& args, const char* command, const std::vector<std::string>& number_names,
                 Body&& body) {
    if (args.positional.size() != 1) {
        return usage_error(std::string(command) + " takes exactly one FILE (or - for standard input)");
    }
    int code = exit_ok;
    Numbers numbers;
    for (const std::string& name : number_names) {
        numbers[name] = number_option(args, name, code);
        if (code != exit_ok) return code;
    }
    const std::optional<Scenario> scenario = load_scenario(args.positional[0], code);
    if (!scenario) return code;
    const int indent = args.has("compact") ? -1 : 2;
    try {
        std::cout << body(*scenario, numbers, indent) << '\n';
    } catch (const InputError& e) {
        return report(e.problems());
    }
    return exit_ok;
}

int run_simulate(const Arguments& args) {
    const auto body = [](const Scenario& s, Numbers& n, int indent) {
        const SimulationSettings settings = simulation_settings(s, {n["volatility"], n["paths"], n["seed"]});
        return write_simulation(simulate(s, settings), indent);
    };
    return run_analysis(args, "simulate", {"paths", "seed", "volatility"}, body);
}

int run_breakeven(const Arguments& args) {
    return run_analysis(args, "breakeven", {"min", "max"}, [&](const Scenario& s, Numbers& n, int indent) {
        BreakevenRequest request;
        request.a = text_option(args, "a");
        request.b = text_option(args, "b");
        request.param = text_option(args, "param");
        request.min = n["min"];
        request.max = n["max"];
        return write_breakeven(breakeven(s, request), indent);
    });
}

int run_sensitivity(const Arguments& args) {
    return run_analysis(args, "sensitivity", {"step", "rate-step"}, [&](const Scenario& s, Numbers& n, int indent) {
        SensitivityRequest request;
        request.option = text_option(args, "option");
        request.a = text_option(args, "a");
        request.b = text_option(args, "b");
        request.step = n["step"];
        request.rate_step = n["rate-step"];
        return write_sensitivity(sensitivity(s, request), indent);
    });
}

const bool registered_simulate = register_command(
    {"simulate", "simulate FILE|- [--paths N] [--seed S] [--volatility X]",
     "Monte Carlo on market prices (add --compact for one line)", 40, {"paths", "seed", "volatility"}, {"compact"},
     run_simulate});
const bool registered_breakeven = register_command(
    {"breakeven", "breakeven FILE|- --a ID --b ID --param PATH [--min X --max Y]",
     "where options a and b cost the same", 50, {"a", "b", "param", "min", "max"}, {"compact"},
     run_breakeven});
const bool registered_sensitivity = register_command(
    {"sensitivity", "sensitivity FILE|- [--option ID | --a ID --b ID] [--step X] [--rate-step X]",
     "how far each input moves an NPV", 60, {"option", "a", "b", "step", "rate-step"},
     {"compact"}, run_sensitivity});

}  // namespace
}  // namespace gputco::cli
