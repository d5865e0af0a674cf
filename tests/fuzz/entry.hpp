// Fuzz entry functions: plain C++ with no libFuzzer dependency, so the same
// checks run inside the libFuzzer targets (fuzz_*.cpp), in the Catch2 test that
// replays every regression input and seed (tests/fuzz_regression_test.cpp), and
// in gputco-fuzz-replay (replay.cpp). docs/hardening.md says what each checks.
//
// Each function accepts any bytes at all. It returns normally when the engine
// behaved; when a check fails it calls the failure handler, which by default
// prints "fuzz check failed: ..." on standard error and aborts, so that libFuzzer
// records the input. An exception other than the expected InputError escaping
// the engine is a failed check too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gputco::fuzz {

// The bytes as scenario text: parse_scenario, then for a valid scenario
// evaluate and write_result, checking what must hold for any scenario.
void check_scenario_input(const std::uint8_t* data, std::size_t size);

// A request for break-even, sensitivity or a simulation on a valid scenario.
// The first analysis_header_size bytes choose the analysis and its request;
// the rest is the scenario: its JSON text when that is a valid scenario,
// otherwise a scenario generated from those bytes within the documented ranges.
void check_analysis_input(const std::uint8_t* data, std::size_t size);

// The bytes as a share link (decode_share_link) and as raw DEFLATE data
// (inflate_raw with a small output limit), plus round trips of the bytes
// through every encoder: DEFLATE, base64url and the link format.
void check_link_input(const std::uint8_t* data, std::size_t size);

using Entry = void (*)(const std::uint8_t* data, std::size_t size);

// The entry of a fuzz target by its short name: "scenario", "analysis" or
// "link"; nullptr for any other name.
Entry entry_named(std::string_view target);

// Analysis inputs: header byte 0 chooses the analysis (its value modulo 4); the
// other header bytes choose the request, and all zeros mean a typical request
// (break-even between the first two options on market.price_trend_per_year,
// sensitivity of the cheapest against the runner-up, a simulation of 64 paths
// at volatility 0.3 with seed 0). Analysis 3 ("pieces") checks the parts of a
// simulation that callers may use alone on the whole input instead.
inline constexpr std::size_t analysis_header_size = 48;
enum class Analysis : std::uint8_t { breakeven = 0, sensitivity = 1, simulate = 2, pieces = 3 };

// An analysis input for a scenario's JSON text with the default request: a seed.
std::string analysis_input(Analysis analysis, std::string_view scenario_json);

// What a failed check throws when a test has installed a throwing handler. Not
// a std::exception, so that no catch in the entry functions can swallow it.
struct CheckFailed {
    std::string message;
};

// Called with the failed check's message. It may throw (tests throw
// CheckFailed); if it returns, the process aborts. nullptr restores the default.
using FailureHandler = void (*)(const std::string& message);
void set_failure_handler(FailureHandler handler);

}  // namespace gputco::fuzz
