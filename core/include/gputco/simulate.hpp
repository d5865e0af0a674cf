// Monte Carlo simulation of market prices (§7).
//
// Each path multiplies the on-demand and spot prices of every month by the same
// random factor M(m): M(0) = 1 and
//   ln M(m+1) = ln M(m) - sigma^2/24 + sigma sqrt(1/12) Z_m,  Z_m standard normal,
// so E[M(m)] = 1 and the expected price follows the scenario's trend. Every cost
// is linear in the market price, and each option's cash flows keep the part
// bought from the market apart (cashflow.hpp), so a path's NPV for an option is
//   upfront + sum_m (fixed[m] + market[m] M(m)) df[m] - residual df_H,
// computed in exactly the order npv_cost() uses: with sigma = 0 every path
// reproduces the deterministic npv_cost bit for bit.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gputco/fields.hpp"
#include "gputco/scenario.hpp"

namespace gputco {

struct SimulationSettings {
    double volatility = 0;    // sigma, annual, 0 .. 5
    std::int64_t paths = 0;   // 1 .. 1,000,000
    std::uint64_t seed = 0;   // 0 .. 2^53 - 1
};

// The valid ranges of the settings (the same as the scenario's `uncertainty`, §7).
inline constexpr NumberRule volatility_rule{0, 5, false, false, false};
inline constexpr NumberRule paths_rule{1, 1e6, false, false, true};
inline constexpr NumberRule seed_rule{0, 9007199254740991.0, false, false, true};  // 2^53 - 1

// What a caller asked for; whatever is missing comes from the scenario's `uncertainty`.
struct SimulationRequest {
    std::optional<double> volatility;
    std::optional<double> paths;
    std::optional<double> seed;
};

// The settings for a request. Throws InputError naming `volatility`, `paths` or
// `seed` for a value out of range, and `uncertainty` when a setting is missing
// and the scenario has no `uncertainty` to take it from.
SimulationSettings simulation_settings(const Scenario& scenario, const SimulationRequest& request);

// Called now and then with the share of paths done (about every 1 %, ending
// with 1). Returning false cancels the simulation: simulate() then throws
// SimulationCancelled.
using SimulationProgress = std::function<bool(double fraction_done)>;

class SimulationCancelled : public std::exception {
public:
    const char* what() const noexcept override { return "the simulation was cancelled"; }
};

struct OptionDistribution {
    std::string id;
    double npv_mean = 0;
    double npv_p5 = 0;             // percentiles by PERCENTILE.INC
    double npv_p50 = 0;
    double npv_p95 = 0;
    double cheapest_share = 0;     // share of paths in which the option is the cheapest (§5 ties)
    // Extensions for drawing and explaining the distribution:
    double npv_deterministic = 0;  // the scenario's own npv_cost, the expected path
    double npv_stdev = 0;          // sample standard deviation over the paths (0 for one path)
    std::int64_t below = 0;        // paths below the first histogram edge
    std::vector<std::int64_t> histogram;  // paths in each bin between the shared edges
    std::int64_t above = 0;        // paths above the last edge
};

struct Simulation {
    std::int64_t paths = 0;
    std::uint64_t seed = 0;
    double volatility = 0;
    std::vector<double> histogram_edges;  // shared by every option: lowest p1 to highest p99
    std::vector<OptionDistribution> options;  // in the scenario's order
};

// Runs the simulation. Throws InputError for settings out of range and
// SimulationCancelled when `progress` asks to stop. `paths_per_report` sets
// how often `progress` is called (0: about every 1 %); it never changes the
// results. Memory: 8 bytes per path and option (128 MB at 1,000,000 x 16).
Simulation simulate(const Scenario& scenario, const SimulationSettings& settings,
                    const SimulationProgress& progress = {}, std::int64_t paths_per_report = 0);

// The pieces of simulate(), for tests and for callers who want the paths themselves.

// M(0) .. M(months - 1) of one path.
std::vector<double> market_multipliers(const SimulationSettings& settings, std::int64_t path, int months);

struct SimulatedPaths {
    std::vector<std::string> ids;
    std::vector<double> deterministic_npv;  // per option
    std::vector<std::vector<double>> npv;   // [option][path]
};

SimulatedPaths simulate_paths(const Scenario& scenario, const SimulationSettings& settings,
                              const SimulationProgress& progress = {}, std::int64_t paths_per_report = 0);

// Statistics over simulated paths; reorders the paths of each option.
Simulation summarize(SimulatedPaths& paths, const SimulationSettings& settings);

// The p-th percentile of `values` as PERCENTILE.INC computes it: rank h = (n - 1) p,
// linear interpolation between the order statistics floor(h) and floor(h) + 1.
// Reorders `values`; p in [0, 1]; `values` not empty.
double percentile_inc(std::vector<double>& values, double p);

// The number of histogram bins between the shared edges (fewer when every path of
// every option has the same NPV).
inline constexpr int histogram_bins = 40;

}  // namespace gputco
