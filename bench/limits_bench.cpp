// The largest work the engine accepts, natively: how long it takes and the
// peak memory it needs (docs/limits.md). A benchmark that prints; not a test.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "gputco/analysis_json.hpp"
#include "gputco/breakeven.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/result_json.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/sensitivity.hpp"
#include "gputco/simulate.hpp"

namespace {

using namespace gputco;
using Clock = std::chrono::steady_clock;

double peak_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

template <typename F>
void measure(const char* what, F&& run) {
    const auto start = Clock::now();
    const std::size_t size = run();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("  %-62s %9.3f s   peak memory so far %7.1f MB   (%zu bytes of output)\n", what, seconds, peak_mb(), size);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : GPUTCO_LARGEST_SCENARIO;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    const ScenarioParse parsed = parse_scenario(text.str());
    if (!parsed.ok()) {
        std::fprintf(stderr, "gpu-tco-limits-bench: %s is not a valid scenario\n", path.c_str());
        return 2;
    }
    const Scenario& s = *parsed.scenario;
    std::printf("gpu-tco limits, native: %s (%zu options x %d months, the most the format allows)\n", path.c_str(),
                s.options.size(), s.horizon_months);
    std::printf("  %-62s %9.3f s   peak memory so far %7.1f MB\n", "(start)", 0.0, peak_mb());
    measure("evaluate", [&] { return write_result(evaluate(s)).size(); });
    measure("break-even over a whole valid range (1,001 points)", [&] {
        return write_breakeven(breakeven(s, BreakevenRequest{s.options[0].id, s.options[2].id, "market.price_trend_per_year", {}, {}, 1001})).size();
    });
    measure("sensitivity of the cheapest against the runner-up", [&] { return write_sensitivity(sensitivity(s, {})).size(); });
    measure("simulate 200,000 paths (the page's limit)", [&] {
        return write_simulation(simulate(s, SimulationSettings{0.3, 200000, 1}, {})).size();
    });
    measure("simulate 1,000,000 paths (the engine's limit)", [&] {
        return write_simulation(simulate(s, SimulationSettings{0.3, 1000000, 1}, {})).size();
    });
    return 0;
}
