// Monte Carlo simulation (§7): exactness at sigma = 0, unbiasedness for
// sigma > 0, reproducibility, independence from chunking, PERCENTILE.INC, and
// every bad setting named by its request field.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "gputco/analysis_json.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/simulate.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

Scenario parse(const std::string& text) {
    ScenarioParse parsed = parse_scenario(text);
    std::vector<std::string> problems;
    for (const Problem& p : parsed.problems) problems.push_back(p.to_string());
    CAPTURE(problems);
    REQUIRE(parsed.ok());
    return std::move(*parsed.scenario);
}

Scenario golden(const std::string& name) { return parse(read_file(data_dir() + "/" + name + ".json")); }

// The first problem's path of an InputError thrown by `f`, or "" when nothing is thrown.
template <typename F>
std::string error_path(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.problems().empty() ? "(none)" : e.problems().front().path;
    }
    return "";
}

}  // namespace

TEST_CASE("with sigma = 0 every path reproduces the deterministic npv_cost exactly", "[simulate]") {
    for (const std::string& name : golden_case_names()) {
        CAPTURE(name);
        const Scenario s = golden(name);
        const Evaluation e = evaluate(s);
        const SimulationSettings settings{0.0, 25, 3};
        SimulatedPaths paths = simulate_paths(s, settings);
        REQUIRE(paths.npv.size() == e.options.size());
        for (std::size_t o = 0; o < e.options.size(); ++o) {
            CHECK(paths.deterministic_npv[o] == e.options[o].npv_cost);
            for (double npv : paths.npv[o]) REQUIRE(npv == e.options[o].npv_cost);
        }
        const Simulation sim = summarize(paths, settings);
        for (std::size_t o = 0; o < e.options.size(); ++o) {
            CHECK(sim.options[o].npv_mean == e.options[o].npv_cost);
            CHECK(sim.options[o].npv_p5 == e.options[o].npv_cost);
            CHECK(sim.options[o].npv_p50 == e.options[o].npv_cost);
            CHECK(sim.options[o].npv_p95 == e.options[o].npv_cost);
            CHECK(sim.options[o].npv_stdev == 0.0);
            CHECK(sim.options[o].cheapest_share == (o == e.cheapest ? 1.0 : 0.0));
        }
    }
}

TEST_CASE("for sigma > 0 the mean NPV lies within three standard errors of the deterministic NPV", "[simulate]") {
    for (const char* name : {"lock-vs-float", "commit-escalator-then-spot", "own-aged-out-lead-time", "shrinking-demand-rising-prices"}) {
        CAPTURE(name);
        const Scenario s = golden(name);
        const Evaluation e = evaluate(s);
        const Simulation sim = simulate(s, {0.35, 20000, 11});
        for (std::size_t o = 0; o < e.options.size(); ++o) {
            const OptionDistribution& d = sim.options[o];
            CAPTURE(d.id, d.npv_mean, d.npv_stdev);
            CHECK(d.npv_deterministic == e.options[o].npv_cost);
            const double standard_error = d.npv_stdev / std::sqrt(20000.0);
            CHECK(std::fabs(d.npv_mean - e.options[o].npv_cost) <= 3 * standard_error + 1e-9 * std::fabs(d.npv_mean));
            CHECK(d.npv_p5 <= d.npv_p50);
            CHECK(d.npv_p50 <= d.npv_p95);
        }
    }
}

TEST_CASE("market multipliers start at 1, average 1 every month, and step as §7 says", "[simulate]") {
    const double sigma = 0.6;
    const SimulationSettings settings{sigma, 20000, 5};
    const int months = 25;
    std::vector<double> sum(months, 0.0), squares(months, 0.0);
    double step_sum = 0, step_squares = 0, steps = 0;
    for (std::int64_t p = 0; p < settings.paths; ++p) {
        const std::vector<double> m = market_multipliers(settings, p, months);
        REQUIRE(m[0] == 1.0);
        for (int k = 0; k < months; ++k) {
            sum[static_cast<std::size_t>(k)] += m[static_cast<std::size_t>(k)];
            squares[static_cast<std::size_t>(k)] += m[static_cast<std::size_t>(k)] * m[static_cast<std::size_t>(k)];
        }
        for (int k = 1; k < months; ++k) {
            const double step = std::log(m[static_cast<std::size_t>(k)] / m[static_cast<std::size_t>(k - 1)]);
            step_sum += step;
            step_squares += step * step;
            steps += 1;
        }
    }
    const double n = static_cast<double>(settings.paths);
    for (int k : {1, 12, 24}) {
        CAPTURE(k);
        const double mean = sum[static_cast<std::size_t>(k)] / n;
        const double sd = std::sqrt(squares[static_cast<std::size_t>(k)] / n - mean * mean);
        CHECK(std::fabs(mean - 1) <= 3 * sd / std::sqrt(n));  // E[M(m)] = 1: the expected price follows the trend
        // Var M(m) = exp(sigma^2 m / 12) - 1 for a log-normal with mean 1.
        CHECK_THAT(sd * sd, WithinRel(std::expm1(sigma * sigma * k / 12), 0.1));
    }
    // ln M(m+1) - ln M(m) has mean -sigma^2/24 and variance sigma^2/12.
    const double step_mean = step_sum / steps;
    const double step_variance = step_squares / steps - step_mean * step_mean;
    CHECK(std::fabs(step_mean + sigma * sigma / 24) <= 4 * std::sqrt(sigma * sigma / 12 / steps));
    CHECK_THAT(step_variance, WithinRel(sigma * sigma / 12, 0.01));
}

TEST_CASE("a path's NPV is the deterministic cash flows with the market part scaled by M(m)", "[simulate]") {
    const Scenario s = golden("own-aged-out-lead-time");
    const ScenarioCurves curves = make_curves(s);
    const SimulationSettings settings{0.8, 6, 21};
    const SimulatedPaths paths = simulate_paths(s, settings);
    for (std::int64_t p = 0; p < settings.paths; ++p) {
        const std::vector<double> m = market_multipliers(settings, p, s.horizon_months);
        for (std::size_t o = 0; o < s.options.size(); ++o) {
            CashFlows flows = evaluate_option(s.options[o], curves).flows;
            for (std::size_t k = 0; k < m.size(); ++k) flows.market_monthly[k] *= m[k];
            CHECK(paths.npv[o][static_cast<std::size_t>(p)] == npv_cost(flows, curves.discount));
        }
    }
}

TEST_CASE("the same seed gives the same numbers, another seed other numbers", "[simulate]") {
    const Scenario s = golden("lock-vs-float");
    const std::string first = write_simulation(simulate(s, {0.3, 2000, 42}));
    CHECK(write_simulation(simulate(s, {0.3, 2000, 42})) == first);
    const Simulation other = simulate(s, {0.3, 2000, 43});
    const Simulation again = simulate(s, {0.3, 2000, 42});
    for (std::size_t o = 0; o < s.options.size(); ++o) {
        CAPTURE(again.options[o].id);
        if (again.options[o].npv_stdev == 0) {  // the commit covers all demand: no market exposure, no randomness
            CHECK(other.options[o].npv_mean == again.options[o].npv_mean);
            continue;
        }
        CHECK(other.options[o].npv_mean != again.options[o].npv_mean);
        CHECK(other.options[o].npv_p50 != again.options[o].npv_p50);
    }
    // The largest seed is accepted and differs from the smallest.
    CHECK(write_simulation(simulate(s, {0.3, 50, 9007199254740991ull})) != write_simulation(simulate(s, {0.3, 50, 0})));
}

TEST_CASE("neither chunking nor progress reports change the results", "[simulate]") {
    const Scenario s = golden("commit-escalator-then-spot");
    const SimulationSettings settings{0.5, 1003, 8};
    const std::string plain = write_simulation(simulate(s, settings));
    for (std::int64_t per_report : {1, 7, 8, 100, 1003, 5000}) {
        CAPTURE(per_report);
        int calls = 0;
        const std::string chunked =
            write_simulation(simulate(s, settings, [&](double) { return ++calls > 0; }, per_report));
        CHECK(chunked == plain);
        CHECK(calls == static_cast<int>((settings.paths + per_report - 1) / per_report));
    }
}

TEST_CASE("progress is reported about every 1 %, increasing to exactly 1, and can cancel", "[simulate]") {
    const Scenario s = golden("lock-vs-float");
    std::vector<double> reported;
    simulate(s, {0.2, 12345, 1}, [&](double f) {
        reported.push_back(f);
        return true;
    });
    REQUIRE(!reported.empty());
    CHECK(reported.size() <= 101);
    CHECK(reported.size() >= 99);
    CHECK(std::is_sorted(reported.begin(), reported.end()));
    CHECK(std::adjacent_find(reported.begin(), reported.end()) == reported.end());
    CHECK(reported.back() == 1.0);
    CHECK(reported.front() > 0.0);

    int calls = 0;
    CHECK_THROWS_AS(simulate(s, {0.2, 10000, 1}, [&](double) { return ++calls < 3; }), SimulationCancelled);
    CHECK(calls == 3);
}

TEST_CASE("percentile_inc is the spreadsheet's PERCENTILE.INC", "[simulate][percentile]") {
    // {1, 2, 3, 4, 10}: rank (n - 1) p = 4p. p5: rank 0.2 -> 1 + 0.2 (2 - 1) = 1.2;
    // p50: rank 2 -> 3; p95: rank 3.8 -> 4 + 0.8 (10 - 4) = 8.8; p0 -> 1; p100 -> 10.
    const std::vector<double> values = {10, 3, 1, 4, 2};
    const auto at = [&](double p) {
        std::vector<double> v = values;
        return percentile_inc(v, p);
    };
    CHECK_THAT(at(0.05), WithinRel(1.2, 1e-15));
    CHECK(at(0.5) == 3.0);
    CHECK_THAT(at(0.95), WithinRel(8.8, 1e-15));
    CHECK(at(0.0) == 1.0);
    CHECK(at(1.0) == 10.0);
    CHECK_THAT(at(0.3), WithinRel(2.2, 1e-15));  // rank 1.2 -> 2 + 0.2 (3 - 2)
    std::vector<double> one = {7.5};
    CHECK(percentile_inc(one, 0.95) == 7.5);
    std::vector<double> two = {4, 2};
    CHECK_THAT(percentile_inc(two, 0.05), WithinRel(2.1, 1e-15));  // rank 0.05 -> 2 + 0.05 (4 - 2)
}

TEST_CASE("the simulation's percentiles are PERCENTILE.INC over its own paths", "[simulate][percentile]") {
    const Scenario s = golden("lock-vs-float");
    for (std::int64_t n : {1, 2, 3, 7, 20, 21, 101}) {
        CAPTURE(n);
        const SimulationSettings settings{0.9, n, 2};
        SimulatedPaths paths = simulate_paths(s, settings);
        const SimulatedPaths copy = paths;
        const Simulation sim = summarize(paths, settings);
        for (std::size_t o = 0; o < copy.npv.size(); ++o) {
            std::vector<double> sorted = copy.npv[o];
            std::sort(sorted.begin(), sorted.end());
            const auto inc = [&](double p) {  // the textbook formula on the sorted paths
                const double rank = (static_cast<double>(sorted.size()) - 1) * p;
                const auto lo = static_cast<std::size_t>(std::floor(rank));
                const double hi = lo + 1 < sorted.size() ? sorted[lo + 1] : sorted[lo];
                return sorted[lo] + (rank - std::floor(rank)) * (hi - sorted[lo]);
            };
            CHECK(sim.options[o].npv_p5 == inc(0.05));
            CHECK(sim.options[o].npv_p50 == inc(0.50));
            CHECK(sim.options[o].npv_p95 == inc(0.95));
            const double mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(n);
            CHECK_THAT(sim.options[o].npv_mean, WithinRel(mean, 1e-13));
        }
    }
}

TEST_CASE("cheapest shares add up to 1 and ties go to the option listed first", "[simulate]") {
    const Scenario s = golden("commit-escalator-then-spot");
    const Simulation sim = simulate(s, {0.8, 3000, 4});
    double total = 0;
    for (const OptionDistribution& d : sim.options) total += d.cheapest_share;
    CHECK_THAT(total, WithinRel(1.0, 1e-12));

    // Two identical on-demand options tie on every path: the first wins them all (§5).
    const Scenario twins = parse(R"({"schema": "gpu-tco/1", "horizon_months": 12, "discount_rate": 0.05,
        "demand": {"gpus": 10}, "market": {"on_demand_price": 2, "spot_price": 1.99},
        "options": [{"id": "second-listed-spot", "kind": "spot"}, {"id": "a", "kind": "on_demand"}, {"id": "b", "kind": "on_demand"}]})");
    const Simulation tied = simulate(twins, {1.0, 500, 9});
    CHECK(tied.options[0].cheapest_share == 1.0);  // spot is cheaper on every path: 1.99 < 2 and both move together
    Scenario reordered = twins;
    std::swap(reordered.options[0], reordered.options[2]);  // b, a, spot
    reordered.market.spot_price = 2.5;
    const Simulation tied2 = simulate(reordered, {1.0, 500, 9});
    CHECK(tied2.options[0].id == "b");
    CHECK(tied2.options[0].cheapest_share == 1.0);
    CHECK(tied2.options[1].cheapest_share == 0.0);
}

TEST_CASE("the histogram counts every path once, between shared edges", "[simulate]") {
    const Scenario s = golden("own-aged-out-lead-time");
    const Simulation sim = simulate(s, {0.5, 4000, 6});
    REQUIRE(sim.histogram_edges.size() == static_cast<std::size_t>(histogram_bins) + 1);
    CHECK(std::is_sorted(sim.histogram_edges.begin(), sim.histogram_edges.end()));
    for (const OptionDistribution& d : sim.options) {
        CAPTURE(d.id);
        REQUIRE(d.histogram.size() == static_cast<std::size_t>(histogram_bins));
        const std::int64_t inside = std::accumulate(d.histogram.begin(), d.histogram.end(), std::int64_t{0});
        CHECK(d.below + inside + d.above == 4000);
    }
    // Edges run from the lowest 1st percentile to the highest 99th: about 1 % of
    // some option's paths lie below the first edge.
    std::int64_t most_below = 0;
    for (const OptionDistribution& d : sim.options) most_below = std::max(most_below, d.below);
    CHECK(most_below >= 30);
    CHECK(most_below <= 40);

    // Every path of every option equal: one bin holding them all.
    const Simulation flat = simulate(s, {0.0, 10, 6});
    CHECK(flat.histogram_edges.size() >= 2);
    for (const OptionDistribution& d : flat.options) CHECK(d.below + d.above + std::accumulate(d.histogram.begin(), d.histogram.end(), std::int64_t{0}) == 10);
}

TEST_CASE("settings come from the request, else from the scenario's uncertainty", "[simulate][errors]") {
    Json doc = base_scenario();
    doc["uncertainty"] = {{"price_volatility_per_year", 0.25}, {"paths", 500}, {"seed", 17}};
    const Scenario with = *scenario_from_json(doc).scenario;
    const SimulationSettings from_scenario = simulation_settings(with, {});
    CHECK(from_scenario.volatility == 0.25);
    CHECK(from_scenario.paths == 500);
    CHECK(from_scenario.seed == 17u);
    const SimulationSettings overridden = simulation_settings(with, {0.5, 100.0, 0.0});
    CHECK(overridden.volatility == 0.5);
    CHECK(overridden.paths == 100);
    CHECK(overridden.seed == 0u);

    const Scenario without = *scenario_from_json(base_scenario()).scenario;
    CHECK(error_path([&] { simulation_settings(without, {}); }) == "uncertainty");
    CHECK(error_path([&] { simulation_settings(without, {0.2, 100.0, std::nullopt}); }) == "uncertainty");
    CHECK(simulation_settings(without, {0.2, 100.0, 1.0}).paths == 100);
    try {
        simulation_settings(without, {std::nullopt, 100.0, std::nullopt});
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].message.find("volatility and seed must all be given") != std::string::npos);
    }
}

TEST_CASE("every bad simulation setting is named by its request field", "[simulate][errors]") {
    const Scenario s = *scenario_from_json(base_scenario()).scenario;
    const auto path_of = [&](std::optional<double> volatility, std::optional<double> paths, std::optional<double> seed) {
        return error_path([&] { simulation_settings(s, {volatility, paths, seed}); });
    };
    CHECK(path_of(-0.1, 10.0, 1.0) == "volatility");
    CHECK(path_of(5.01, 10.0, 1.0) == "volatility");
    CHECK(path_of(std::nan(""), 10.0, 1.0) == "volatility");
    CHECK(path_of(0.2, 0.0, 1.0) == "paths");
    CHECK(path_of(0.2, 1000001.0, 1.0) == "paths");
    CHECK(path_of(0.2, 2.5, 1.0) == "paths");
    CHECK(path_of(0.2, 10.0, -1.0) == "seed");
    CHECK(path_of(0.2, 10.0, 9007199254740992.0) == "seed");
    CHECK(path_of(0.2, 10.0, 0.5) == "seed");
    CHECK(path_of(5.0, 1000000.0, 9007199254740991.0).empty());
    try {
        simulation_settings(s, {0.2, 2000000.0, 1.0});
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.problems()[0].to_string() == "paths: must be a whole number from 1 to 1000000, got 2000000");
    }
    // simulate() itself refuses settings out of range.
    CHECK(error_path([&] { simulate(s, {0.2, 0, 1}); }) == "paths");
    CHECK(error_path([&] { simulate(s, {0.2, 2000000, 1}); }) == "paths");
    CHECK(error_path([&] { simulate(s, {6.0, 10, 1}); }) == "volatility");
    CHECK(error_path([&] { simulate(s, {0.2, 10, 9007199254740992ull}); }) == "seed");
}

TEST_CASE("a million paths of sixteen options fit in memory", "[simulate][large]") {
    std::string options;
    for (int i = 0; i < 16; ++i) {
        options += std::string(i ? "," : "") + R"({"id": "c)" + std::to_string(i) +
                   R"(", "kind": "commit", "gpus": )" + std::to_string(5 + i) + R"(, "term_months": 3, "price": 2})";
    }
    const Scenario s = parse(R"({"schema": "gpu-tco/1", "horizon_months": 3, "discount_rate": 0.05,
        "demand": {"gpus": 12}, "market": {"on_demand_price": 3}, "options": [)" + options + "]}");
    const Simulation sim = simulate(s, {0.4, 1000000, 1});
    CHECK(sim.paths == 1000000);
    REQUIRE(sim.options.size() == 16);
    double total = 0;
    for (const OptionDistribution& d : sim.options) total += d.cheapest_share;
    CHECK_THAT(total, WithinRel(1.0, 1e-12));
}
