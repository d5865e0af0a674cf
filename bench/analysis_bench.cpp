// Native benchmark of the decision analysis: a Monte Carlo simulation of
// 100,000 paths x 60 months x 4 options, a break-even search and a full
// sensitivity run, each the median of several runs. `--json` prints the figures
// for bench/wasm-analysis-bench.mjs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gputco/analysis_json.hpp"
#include "gputco/breakeven.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/sensitivity.hpp"
#include "gputco/simulate.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace gputco;

template <typename F>
double median_ms(int runs, F&& f) {
    f();  // warm up
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

Scenario load(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    ScenarioParse parsed = parse_scenario(text.str());
    if (!parsed.ok()) {
        std::fprintf(stderr, "gpu-tco-analysis-bench: %s is not a valid scenario\n", path.c_str());
        std::exit(2);
    }
    return std::move(*parsed.scenario);
}

volatile std::size_t sink;

}  // namespace

int main(int argc, char** argv) {
    bool json = false;
    int runs = 11;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0) json = true;
        else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::max(3, std::atoi(argv[++i]));
    }
    const std::string data = GPUTCO_TEST_DATA_DIR;
    const Scenario medium = load(data + "/commit-escalator-then-spot.json");  // 60 months, 4 options
    const Scenario largest = load(data + "/largest.json");                    // 240 months, 16 options

    const SimulationSettings settings{0.3, 100000, 42};
    const double simulate_ms = median_ms(runs, [&] { sink = write_simulation(simulate(medium, settings)).size(); });

    BreakevenRequest trend{"on-demand", "commit-48m-then-spot", "market.price_trend_per_year", {}, {}};
    const double breakeven_ms = median_ms(runs * 5, [&] { sink = write_breakeven(breakeven(medium, trend)).size(); });
    BreakevenRequest largest_trend{largest.options[0].id, largest.options[2].id, "market.price_trend_per_year", {}, {}};
    const double breakeven_largest_ms =
        median_ms(runs, [&] { sink = write_breakeven(breakeven(largest, largest_trend)).size(); });

    const double sensitivity_ms =
        median_ms(runs * 5, [&] { sink = write_sensitivity(sensitivity(medium, {})).size(); });
    const double sensitivity_largest_ms =
        median_ms(runs * 5, [&] { sink = write_sensitivity(sensitivity(largest, {})).size(); });

    if (json) {
        std::printf("{\"simulate_ms\": %.6f, \"breakeven_ms\": %.6f, \"breakeven_largest_ms\": %.6f, "
                    "\"sensitivity_ms\": %.6f, \"sensitivity_largest_ms\": %.6f}\n",
                    simulate_ms, breakeven_ms, breakeven_largest_ms, sensitivity_ms, sensitivity_largest_ms);
        return 0;
    }
    std::printf("gpu-tco native analysis benchmark, median of %d+ runs\n", runs);
    std::printf("  simulate 100,000 paths x 60 months x 4 options      %8.2f ms   target < 100 ms\n", simulate_ms);
    std::printf("  breakeven on price trend, 60 months (1,001 points)  %8.2f ms\n", breakeven_ms);
    std::printf("  breakeven on price trend, largest (240 months x 16) %8.2f ms\n", breakeven_largest_ms);
    std::printf("  sensitivity, cheapest vs runner-up, 60 months       %8.2f ms\n", sensitivity_ms);
    std::printf("  sensitivity, cheapest vs runner-up, largest         %8.2f ms\n", sensitivity_largest_ms);
    return 0;
}
