// gpu-tco eval and gpu-tco validate.
#include <iostream>

#include "cli.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/result_json.hpp"

namespace gputco::cli {
namespace {

int run_eval(const Arguments& args) {
    if (args.positional.size() != 1) return usage_error("eval takes exactly one FILE (or - for standard input)");
    int code = exit_ok;
    const std::optional<Scenario> scenario = load_scenario(args.positional[0], code);
    if (!scenario) return code;
    const int indent = args.has("compact") ? -1 : 2;
    std::cout << write_result(evaluate(*scenario), {indent, true}) << '\n';
    return exit_ok;
}

int run_validate(const Arguments& args) {
    if (args.positional.size() != 1) return usage_error("validate takes exactly one FILE (or - for standard input)");
    int code = exit_ok;
    return load_scenario(args.positional[0], code) ? exit_ok : code;
}

const bool registered_eval = register_command(
    {"eval", "eval FILE|- [--compact]", "evaluate a scenario; the result JSON on stdout", 10, {}, {"compact"}, run_eval});
const bool registered_validate = register_command(
    {"validate", "validate FILE|-", "check a scenario; silent and exit 0 when valid", 20, {}, {}, run_validate});

}  // namespace
}  // namespace gputco::cli
