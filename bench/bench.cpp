// Native benchmark: the time to evaluate the largest valid scenario (16 options,
// 240 months) end to end, parse + validate + evaluate + serialise, as the median
// of many runs. `--json` prints the figures for scripts (bench/run-all).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gputco/evaluate.hpp"
#include "gputco/result_json.hpp"
#include "gputco/scenario_json.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace gputco;

struct Stats {
    double median_ms, p10_ms, p90_ms;
};

Stats stats(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))]; };
    return {at(0.5), at(0.1), at(0.9)};
}

template <typename F>
Stats time_runs(int runs, F&& f) {
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return stats(std::move(ms));
}

volatile std::size_t sink;  // keeps results alive so the work is not optimised away

}  // namespace

int main(int argc, char** argv) {
    std::string path = GPUTCO_LARGEST_SCENARIO;
    bool json = false;
    int runs = 2000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0) json = true;
        else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::max(11, std::atoi(argv[++i]));
        else path = argv[i];
    }
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const ScenarioParse parsed = parse_scenario(text);
    if (!parsed.ok()) {
        std::fprintf(stderr, "gpu-tco-bench: %s is not a valid scenario\n", path.c_str());
        return 2;
    }
    const Scenario& scenario = *parsed.scenario;
    const Evaluation evaluation = evaluate(scenario);

    for (int i = 0; i < 50; ++i) sink = write_result(evaluate(*parse_scenario(text).scenario)).size();  // warm up

    const Stats total = time_runs(runs, [&] { sink = write_result(evaluate(*parse_scenario(text).scenario)).size(); });
    const Stats parse = time_runs(runs, [&] { sink = parse_scenario(text).scenario->options.size(); });
    const Stats eval = time_runs(runs, [&] { sink = evaluate(scenario).options.size(); });
    const Stats write = time_runs(runs, [&] { sink = write_result(evaluation).size(); });

    if (json) {
        std::printf("{\"scenario\": \"%s\", \"options\": %zu, \"months\": %d, \"runs\": %d, "
                    "\"end_to_end_median_ms\": %.6f, \"parse_median_ms\": %.6f, \"evaluate_median_ms\": %.6f, "
                    "\"serialise_median_ms\": %.6f}\n",
                    path.c_str(), scenario.options.size(), scenario.horizon_months, runs, total.median_ms,
                    parse.median_ms, eval.median_ms, write.median_ms);
        return 0;
    }
    std::printf("gpu-tco native benchmark: %s (%zu options x %d months), %d runs each\n", path.c_str(),
                scenario.options.size(), scenario.horizon_months, runs);
    std::printf("  parse + validate + evaluate + serialise  median %.3f ms  (p10 %.3f, p90 %.3f)   target < 1 ms\n",
                total.median_ms, total.p10_ms, total.p90_ms);
    std::printf("    parse + validate                        median %.3f ms\n", parse.median_ms);
    std::printf("    evaluate                                median %.3f ms\n", eval.median_ms);
    std::printf("    serialise                               median %.3f ms\n", write.median_ms);
    return 0;
}
