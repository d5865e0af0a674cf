#include "gputco/simulate.hpp"

#include <algorithm>
#include <cmath>

#include "analysis_support.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/format.hpp"
#include "gputco/portable_math.hpp"
#include "gputco/problem.hpp"
#include "gputco/random.hpp"

namespace gputco {

namespace {
void check_settings(const SimulationSettings& s) {
    Problems problems;
    detail::check_number(problems, "volatility", volatility_rule, s.volatility);
    detail::check_number(problems, "paths", paths_rule, static_cast<double>(s.paths));
    if (s.seed > static_cast<std::uint64_t>(seed_rule.max)) {
        detail::add_problem(problems, "seed", {"must be ", seed_rule.describe(), ", got ", std::to_string(s.seed)});
    }
    if (!problems.empty()) throw InputError(std::move(problems));
}

// Paths are priced a few at a time: the month loop then runs over independent
// sums, which the compiler can keep in vector registers, while every path's own
// arithmetic stays exactly in npv_cost()'s order.
constexpr int batch = 8;

// What a path needs of one option: npv = upfront + sum_m (fixed[m] + market[m] M(m)) df[m] - residual_term.
struct PricedOption {
    double upfront = 0;
    std::vector<double> fixed;
    std::vector<double> market;
    double residual_term = 0;  // residual_value * df_H, as npv_cost() computes it
};

// ln M(0) .. ln M(months - 1) of one path into out[0], out[stride], out[2 stride], ...
// Not inlined: the batch loop would otherwise copy the whole generator eight times.
[[gnu::noinline]] void draw_log_multipliers(const SimulationSettings& settings, std::int64_t path, int months,
                                            double* out, std::size_t stride) noexcept {
    const StandardNormal& normal = standard_normal();
    Xoshiro256pp generator = path_stream(settings.seed, static_cast<std::uint64_t>(path));
    const double sigma = settings.volatility;
    const double drift = sigma * sigma / 24.0;
    const double step_sd = sigma * std::sqrt(1.0 / 12.0);
    double log_m = 0;
    out[0] = 0;  // M(0) = 1: today's prices are known
    for (int m = 1; m < months; ++m) {
        log_m = log_m - drift + step_sd * normal(generator);
        out[static_cast<std::size_t>(m) * stride] = log_m;
    }
}

class PathPricer {
public:
    PathPricer(const Scenario& scenario, const SimulationSettings& settings)
        : settings_(settings), months_(scenario.horizon_months) {
        const ScenarioCurves curves = make_curves(scenario);
        discount_ = curves.discount.end_of_month;
        for (const Option& option : scenario.options) {
            const OptionResult r = evaluate_option(option, curves);
            ids_.push_back(r.id);
            deterministic_.push_back(r.npv_cost);
            options_.push_back({r.flows.upfront, r.flows.fixed_monthly, r.flows.market_monthly,
                                r.flows.residual_value * curves.discount.at_horizon});
        }
        multipliers_.resize(static_cast<std::size_t>(months_) * batch);
    }

    const std::vector<std::string>& ids() const { return ids_; }
    const std::vector<double>& deterministic() const { return deterministic_; }

    // NPVs of paths first .. first + count - 1 (count <= batch) into npv[option][path].
    // The inner loop of the simulation: kept out of line and optimised for speed.
    [[gnu::noinline]] void price_batch(std::int64_t first, int count, std::vector<std::vector<double>>& npv) {
        for (int lane = 0; lane < batch; ++lane) {
            double* column = &multipliers_[static_cast<std::size_t>(lane)];
            if (lane < count) draw_log_multipliers(settings_, first + lane, months_, column, batch);
            else for (int m = 0; m < months_; ++m) column[static_cast<std::size_t>(m) * batch] = 0.0;
        }
        portable_exp(multipliers_.data(), multipliers_.data(), multipliers_.size());
        const std::size_t months = static_cast<std::size_t>(months_);
        for (std::size_t o = 0; o < options_.size(); ++o) {
            const PricedOption& p = options_[o];
            double sum[batch];
            for (double& s : sum) s = p.upfront;
            for (std::size_t m = 0; m < months; ++m) {
                const double fixed = p.fixed[m];
                const double market = p.market[m];
                const double df = discount_[m];
                const double* multiplier = &multipliers_[m * batch];
                for (int k = 0; k < batch; ++k) sum[k] += (fixed + market * multiplier[k]) * df;
            }
            double* out = npv[o].data() + first;
            for (int k = 0; k < count; ++k) out[k] = sum[k] - p.residual_term;
        }
    }

private:
    SimulationSettings settings_;
    int months_;
    std::vector<double> discount_;
    std::vector<std::string> ids_;
    std::vector<double> deterministic_;
    std::vector<PricedOption> options_;
    std::vector<double> multipliers_;  // [month][lane]: ln M(m), then M(m)
};

// PERCENTILE.INC percentiles ps[first .. last) (ascending) of `values`, given
// that values[begin, end) holds exactly the order statistics begin .. end - 1 in
// some order. Selecting the middle percentile first splits the range, so the
// others only search their half: about 2n comparisons for five percentiles.
void select_percentiles(std::vector<double>& values, const double* ps, double* out, std::size_t first, std::size_t last,
                        std::size_t begin, std::size_t end) {
    if (first >= last) return;
    const std::size_t n = values.size();
    const std::size_t mid = first + (last - first) / 2;
    const double rank = static_cast<double>(n - 1) * ps[mid];
    const std::size_t lower = std::min(std::max(static_cast<std::size_t>(std::floor(rank)), begin), end - 1);
    const double fraction = rank - static_cast<double>(lower);
    const auto at = [&](std::size_t i) { return values.begin() + static_cast<std::ptrdiff_t>(i); };
    std::nth_element(at(begin), at(lower), at(end));
    double x = values[lower];
    if (fraction > 0 && lower + 1 < n) {
        // The next order statistic: the least of those above `lower`.
        const double next = *std::min_element(at(lower + 1), at(lower + 1 < end ? end : n));
        x = x + fraction * (next - x);
    }
    out[mid] = x;
    select_percentiles(values, ps, out, first, mid, begin, lower + 1);
    select_percentiles(values, ps, out, mid + 1, last, lower, end);
}

void percentiles_inc(std::vector<double>& values, const double* ps, std::size_t count, double* out) {
    select_percentiles(values, ps, out, 0, count, 0, values.size());
}

}  // namespace
SimulationSettings simulation_settings(const Scenario& scenario, const SimulationRequest& request) {
    std::vector<std::string> missing;
    const auto take = [&](const std::optional<double>& given, const char* name, double from_scenario) {
        if (given) return *given;
        if (!scenario.uncertainty) missing.emplace_back(name);
        return from_scenario;
    };
    const Uncertainty u = scenario.uncertainty.value_or(Uncertainty{});
    const double volatility = take(request.volatility, "volatility", u.price_volatility_per_year);
    const double paths = take(request.paths, "paths", static_cast<double>(u.paths));
    const double seed = take(request.seed, "seed", static_cast<double>(u.seed));

    Problems problems;
    if (!missing.empty()) {
        std::string names;
        for (std::size_t i = 0; i < missing.size(); ++i) {
            names += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
        }
        detail::add_problem(problems, "uncertainty",
                            {"the scenario has no uncertainty settings (price_volatility_per_year, paths, seed), so ", names,
                             missing.size() == 1 ? " must" : " must all", " be given"});
    }
    // A setting that is missing altogether is reported once, above, not as out of range.
    const bool known = scenario.uncertainty.has_value();
    if (request.volatility || known) detail::check_number(problems, "volatility", volatility_rule, volatility);
    if (request.paths || known) detail::check_number(problems, "paths", paths_rule, paths);
    if (request.seed || known) detail::check_number(problems, "seed", seed_rule, seed);
    if (!problems.empty()) throw InputError(std::move(problems));
    return {volatility, static_cast<std::int64_t>(paths), static_cast<std::uint64_t>(seed)};
}

std::vector<double> market_multipliers(const SimulationSettings& settings, std::int64_t path, int months) {
    std::vector<double> out(static_cast<std::size_t>(std::max(months, 0)));
    if (out.empty()) return out;
    draw_log_multipliers(settings, path, months, out.data(), 1);
    portable_exp(out.data(), out.data(), out.size());
    return out;
}
SimulatedPaths simulate_paths(const Scenario& scenario, const SimulationSettings& settings,
                              const SimulationProgress& progress, std::int64_t paths_per_report) {
    check_settings(settings);
    PathPricer pricer(scenario, settings);
    SimulatedPaths out;
    out.ids = pricer.ids();
    out.deterministic_npv = pricer.deterministic();
    out.npv.assign(out.ids.size(), std::vector<double>(static_cast<std::size_t>(settings.paths)));

    const std::int64_t total = settings.paths;
    const std::int64_t chunk = paths_per_report > 0 ? paths_per_report : std::max<std::int64_t>(1, (total + 99) / 100);
    for (std::int64_t start = 0; start < total; start += chunk) {
        const std::int64_t end = std::min(total, start + chunk);
        for (std::int64_t first = start; first < end; first += batch) {
            pricer.price_batch(first, static_cast<int>(std::min<std::int64_t>(batch, end - first)), out.npv);
        }
        if (progress && !progress(static_cast<double>(end) / static_cast<double>(total))) throw SimulationCancelled();
    }
    return out;
}

Simulation summarize(SimulatedPaths& paths, const SimulationSettings& settings) {
    Simulation sim;
    sim.paths = settings.paths;
    sim.seed = settings.seed;
    sim.volatility = settings.volatility;
    const std::size_t options = paths.npv.size();
    const std::size_t n = options == 0 ? 0 : paths.npv[0].size();
    if (n == 0) return sim;

    // Cheapest per path, before anything reorders the paths.
    std::vector<std::int64_t> cheapest(options, 0);
    std::vector<double> one_path(options);
    for (std::size_t p = 0; p < n; ++p) {
        for (std::size_t o = 0; o < options; ++o) one_path[o] = paths.npv[o][p];
        ++cheapest[cheapest_index(one_path.data(), options)];
    }

    const double count = static_cast<double>(n);
    std::vector<double> extremes(2 * options);
    for (std::size_t o = 0; o < options; ++o) {
        std::vector<double>& v = paths.npv[o];
        OptionDistribution d;
        d.id = paths.ids[o];
        d.npv_deterministic = paths.deterministic_npv[o];
        d.cheapest_share = static_cast<double>(cheapest[o]) / count;

        // The mean as the deterministic NPV plus the mean difference from it,
        // summed with compensation in path order: exact when every path equals
        // the deterministic NPV (sigma = 0), and accurate to a few ulps otherwise.
        const double shift = d.npv_deterministic;
        double sum = 0, compensation = 0;
        for (double x : v) {
            const double term = x - shift;
            const double t = sum + term;
            compensation += std::fabs(sum) >= std::fabs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
        }
        d.npv_mean = shift + (sum + compensation) / count;
        double squares = 0;
        for (double x : v) squares += (x - d.npv_mean) * (x - d.npv_mean);
        d.npv_stdev = n > 1 ? std::sqrt(squares / (count - 1)) : 0.0;

        const double ps[] = {0.01, 0.05, 0.50, 0.95, 0.99};
        double q[5];
        percentiles_inc(v, ps, 5, q);
        d.npv_p5 = q[1];
        d.npv_p50 = q[2];
        d.npv_p95 = q[3];
        extremes[2 * o] = q[0];
        extremes[2 * o + 1] = q[4];
        sim.options.push_back(std::move(d));
    }

    // Shared histogram edges, from the lowest 1st percentile to the highest 99th.
    double lo = extremes[0], hi = extremes[1];
    for (std::size_t o = 0; o < options; ++o) {
        lo = std::min(lo, extremes[2 * o]);
        hi = std::max(hi, extremes[2 * o + 1]);
    }
    const int bins = hi > lo ? histogram_bins : 1;
    sim.histogram_edges.resize(static_cast<std::size_t>(bins) + 1);
    for (int j = 0; j < bins; ++j) sim.histogram_edges[static_cast<std::size_t>(j)] = lo + (hi - lo) * j / bins;
    sim.histogram_edges[static_cast<std::size_t>(bins)] = hi;
    const double width = hi - lo;
    for (std::size_t o = 0; o < options; ++o) {
        OptionDistribution& d = sim.options[o];
        d.histogram.assign(static_cast<std::size_t>(bins), 0);
        for (double x : paths.npv[o]) {
            if (x < lo) ++d.below;
            else if (x > hi) ++d.above;
            else {
                const int j = width > 0 ? static_cast<int>((x - lo) / width * bins) : 0;
                ++d.histogram[static_cast<std::size_t>(std::min(j, bins - 1))];
            }
        }
    }
    return sim;
}

Simulation simulate(const Scenario& scenario, const SimulationSettings& settings, const SimulationProgress& progress,
                    std::int64_t paths_per_report) {
    SimulatedPaths paths = simulate_paths(scenario, settings, progress, paths_per_report);
    return summarize(paths, settings);
}

double percentile_inc(std::vector<double>& values, double p) {
    double out = 0;
    percentiles_inc(values, &p, 1, &out);
    return out;
}

}  // namespace gputco
