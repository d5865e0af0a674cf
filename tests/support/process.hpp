// Runs a program the way a user or a script would, capturing what it prints.
#pragma once

#include <string>
#include <vector>

namespace gputco::test {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs argv[0] with the given standard input; throws if it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "");

// Runs the gpu-tco built with the tests (GPUTCO_CLI_PATH) with these arguments.
ProcessResult run_cli(std::vector<std::string> args, const std::string& input = "");

// The lines of `text`, without their line breaks.
std::vector<std::string> lines_of(const std::string& text);

}  // namespace gputco::test
