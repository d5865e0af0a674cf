// Golden data in tests/data and helpers to compare JSON documents numerically.
#pragma once

#include <string>
#include <vector>

#include "gputco/json_document.hpp"

namespace gputco::test {

std::string data_dir();
std::string read_file(const std::string& path);
// tests/data/NAME.json
std::string golden_path(const std::string& name);

// Names (without .json) of the valid scenarios that have a NAME.expected.json.
std::vector<std::string> golden_case_names();
// Names of tests/data/invalid/NAME.json, each with a NAME.problems.txt.
std::vector<std::string> invalid_case_names();

// Differences between two JSON documents: numbers within a relative `rel` (or an
// absolute `abs` near zero), everything else exactly. Empty when they agree.
std::vector<std::string> json_differences(const Json& actual, const Json& expected, double rel = 1e-9,
                                          double abs = 1e-6);

// A small valid scenario to mutate in tests.
Json base_scenario();

}  // namespace gputco::test
