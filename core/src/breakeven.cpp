#include "gputco/breakeven.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis_support.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/fields.hpp"
#include "gputco/format.hpp"

namespace gputco {

namespace {

using detail::NpvProbe;

// A crossing is refined until it is known to within a relative 1e-9 of its
// value; near zero, to within 1e-15 of the width of the range searched.
constexpr double relative_accuracy = 1e-9;
constexpr double floor_share_of_range = 1e-6;

// Brent's method (R. P. Brent, "Algorithms for Minimization without
// Derivatives", 1973, ch. 4): inverse quadratic interpolation and secant steps,
// falling back to bisection whenever they would not shrink the bracket fast
// enough, so it never does worse than bisection. `f(lo)` and `f(hi)` have
// opposite signs. Returns the end of the final bracket with the smaller |f|.
template <typename F>
double brent_root(F&& f, double lo, double hi, double f_lo, double f_hi, double accuracy_floor) {
    double b = hi, fb = f_hi;  // the best estimate so far
    double a = lo, fa = f_lo;  // the previous estimate
    double c = a, fc = fa;     // the other end of the bracket around the root
    double step = b - a, previous_step = step;
    for (int iteration = 0; iteration < 200; ++iteration) {
        if ((fb > 0) == (fc > 0)) {  // keep the root between b and c
            c = a;
            fc = fa;
            step = previous_step = b - a;
        }
        if (std::fabs(fc) < std::fabs(fb)) {  // b is the end closer to zero
            a = b; b = c; c = a;
            fa = fb; fb = fc; fc = fa;
        }
        const double tolerance = 2 * std::numeric_limits<double>::epsilon() * std::fabs(b) +
                                 0.5 * relative_accuracy * std::max(std::fabs(b), accuracy_floor);
        const double half_bracket = 0.5 * (c - b);
        if (std::fabs(half_bracket) <= tolerance || fb == 0) return b;
        if (std::fabs(previous_step) >= tolerance && std::fabs(fa) > std::fabs(fb)) {
            double p, q;
            const double s = fb / fa;
            if (a == c) {  // secant
                p = 2 * half_bracket * s;
                q = 1 - s;
            } else {  // inverse quadratic interpolation
                const double qa = fa / fc, r = fb / fc;
                p = s * (2 * half_bracket * qa * (qa - r) - (b - a) * (r - 1));
                q = (qa - 1) * (r - 1) * (s - 1);
            }
            if (p > 0) q = -q;
            else p = -p;
            if (2 * p < std::min(3 * half_bracket * q - std::fabs(tolerance * q), std::fabs(previous_step * q))) {
                previous_step = step;
                step = p / q;
            } else {
                step = previous_step = half_bracket;  // bisection
            }
        } else {
            step = previous_step = half_bracket;  // bisection
        }
        a = b;
        fa = fb;
        b += std::fabs(step) > tolerance ? step : (half_bracket > 0 ? tolerance : -tolerance);
        fb = f(b);
    }
    return b;
}

const char* range_suffix(const NumericField& field) { return field.bounded_by_horizon ? " (horizon_months)" : ""; }

// What a valid request asks for.
struct Search {
    std::size_t a = 0, b = 0;  // option indices
    FieldRef field;
    NumberRule rule;
    double min = 0, max = 0;
};

// Checks the request, reporting every problem at the request field it concerns.
Search check_request(const Scenario& scenario, const BreakevenRequest& request) {
    Problems problems;
    const std::optional<std::size_t> ia = detail::check_option(scenario, request.a, "a", problems);
    const std::optional<std::size_t> ib = detail::check_option(scenario, request.b, "b", problems);
    if (ia && ib && *ia == *ib) {
        detail::add_problem(problems, "b", {"must be another option than a, got ", quote_text(request.b), " twice"});
    }

    std::optional<FieldRef> field;
    if (request.param.empty()) {
        detail::add_problem(problems, "param",
                            {"required: the path of a numeric input, such as market.price_trend_per_year"});
    } else {
        std::string why;
        field = find_numeric_field(scenario, request.param, why);
        if (!field) detail::add_problem(problems, "param", {why, ", got ", quote_text(request.param)});
    }
    Search search;
    if (field) {
        const NumberRule rule = field->rule(scenario);
        search.rule = rule;
        search.min = rule.search_min();
        search.max = rule.search_max();
        const auto bound = [&](const std::optional<double>& given, const char* name, double& into) {
            if (!given) return;
            if (rule.allows(*given)) {
                into = *given;
                return;
            }
            detail::add_problem(problems, name, {"must be within the valid range of ", field->path, ", ", rule.describe(),
                                                 range_suffix(*field->field), ", got ", shortest_number(*given)});
        };
        bound(request.min, "min", search.min);
        bound(request.max, "max", search.max);
        const std::string lo = shortest_number(search.min), hi = shortest_number(search.max);
        if (problems.empty() && !(search.min < search.max)) {
            if (request.min) {
                detail::add_problem(problems, "min", {"must be less than max (", hi, "), got ", lo});
            } else if (request.max) {
                detail::add_problem(problems, "max", {"must be greater than min (", lo, "), got ", hi});
            } else {
                detail::add_problem(problems, "param",
                                    {field->path, " can only be ", lo, " in this scenario: there is nothing to search"});
            }
        }
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    search.a = *ia;
    search.b = *ib;
    search.field = *field;
    return search;
}

struct ScanPoint {
    double value = 0;
    bool valid = false;  // whether the scenario is valid with the input at `value`
    double npv_a = 0, npv_b = 0;
};

// Evenly spaced values, both ends included; for a whole-number input every
// whole value when there are few enough, else evenly spaced values rounded.
std::vector<ScanPoint> scan_points(const Search& search, int wanted) {
    std::vector<ScanPoint> points;
    const double lo = search.min, hi = search.max;
    if (search.rule.whole && hi - lo + 1 <= wanted) {
        for (double v = lo; v <= hi; v += 1) points.push_back({v});
        return points;
    }
    for (int i = 0; i < wanted; ++i) {
        double v = i == wanted - 1 ? hi : lo + (hi - lo) * i / (wanted - 1);
        if (search.rule.whole) v = std::round(v);
        if (points.empty() || points.back().value != v) points.push_back({v});
    }
    return points;
}

// Finds the crossings between neighbouring valid scan points (invalid points
// break the scan: no crossing is looked for across them).
class CrossingFinder {
public:
    CrossingFinder(const BreakevenRequest& request, const Search& search, NpvProbe& probe)
        : search_(search), probe_(probe), id_a_(request.a), id_b_(request.b), a_listed_first_(search.a < search.b) {}

    // The cheaper of the two by §5: within the tie tolerance, the one listed first in the scenario.
    const std::string& cheaper(double npv_a, double npv_b) const {
        const int order = detail::pair_order(npv_a, npv_b);
        if (order == 0) return a_listed_first_ ? id_a_ : id_b_;
        return order < 0 ? id_a_ : id_b_;
    }

    // A whole-number input: at the first whole value at which the cheaper option
    // has changed, found by bisection when the scan points are not neighbours.
    std::vector<Crossing> whole(const std::vector<ScanPoint>& points) {
        std::vector<Crossing> out;
        const ScanPoint* previous = nullptr;
        for (const ScanPoint& p : points) {
            if (!p.valid) {
                previous = nullptr;
                continue;
            }
            if (previous) {
                const std::string& below = cheaper(previous->npv_a, previous->npv_b);
                const std::string& above = cheaper(p.npv_a, p.npv_b);
                if (below != above) {
                    double low = previous->value, high = p.value;
                    while (high - low > 1) {
                        const double middle = std::floor(0.5 * (low + high));
                        // A whole-number input makes the scenario invalid only
                        // below some value (a horizon shorter than a term), never
                        // between two valid points.
                        if (!probe_.npvs(search_.field, middle, npv_)) {
                            throw std::logic_error("break-even: invalid point between valid ones");
                        }
                        (cheaper(npv_[0], npv_[1]) == below ? low : high) = middle;
                    }
                    out.push_back({high, below, above});
                }
            }
            previous = &p;
        }
        return out;
    }

    // A continuous input: where one option is strictly cheaper on one side and
    // the other on the other side, refined by Brent's method. Tied points (§5's
    // tolerance) decide nothing: they are bridged, and a touch is no crossing.
    std::vector<Crossing> continuous(const std::vector<ScanPoint>& points) {
        std::vector<Crossing> out;
        const double accuracy_floor = floor_share_of_range * (search_.max - search_.min);
        const auto difference = [&](double value) {
            if (!probe_.npvs(search_.field, value, npv_)) {
                throw std::logic_error("break-even: a continuous input made the scenario invalid");
            }
            return npv_[0] - npv_[1];
        };
        const ScanPoint* last_strict = nullptr;  // the last point where one option was strictly cheaper
        int last_order = 0;
        for (const ScanPoint& p : points) {
            if (!p.valid) {
                last_strict = nullptr;
                continue;
            }
            const int order = detail::pair_order(p.npv_a, p.npv_b);
            if (order == 0) continue;
            if (last_strict && order != last_order) {
                const double root = brent_root(difference, last_strict->value, p.value, last_strict->npv_a - last_strict->npv_b,
                                               p.npv_a - p.npv_b, accuracy_floor);
                out.push_back({root, last_order < 0 ? id_a_ : id_b_, order < 0 ? id_a_ : id_b_});
            }
            last_strict = &p;
            last_order = order;
        }
        return out;
    }

private:
    const Search& search_;
    NpvProbe& probe_;
    const std::string& id_a_;
    const std::string& id_b_;
    bool a_listed_first_;
    double npv_[2] = {0, 0};
};

}  // namespace
Breakeven breakeven(const Scenario& scenario, const BreakevenRequest& request) {
    const Search search = check_request(scenario, request);
    NpvProbe probe(scenario, {search.a, search.b});
    CrossingFinder finder(request, search, probe);

    std::vector<ScanPoint> points = scan_points(search, std::max(2, request.scan_points));
    double npv[2];
    int invalid = 0;
    for (ScanPoint& p : points) {
        p.valid = probe.npvs(search.field, p.value, npv);
        p.npv_a = npv[0];
        p.npv_b = npv[1];
        invalid += p.valid ? 0 : 1;
    }
    const auto first_valid = std::find_if(points.begin(), points.end(), [](const ScanPoint& p) { return p.valid; });
    const auto last_valid = std::find_if(points.rbegin(), points.rend(), [](const ScanPoint& p) { return p.valid; });
    if (first_valid == points.end()) {
        Problems none_valid;
        detail::add_problem(none_valid, "max",
                            {"the scenario is invalid at every value of ", search.field.path, " from ",
                             shortest_number(search.min), " to ", shortest_number(search.max),
                             ": a term or lead time would be longer than the horizon"});
        throw InputError(std::move(none_valid));
    }

    Breakeven out;
    out.param = search.field.path;
    out.a = request.a;
    out.b = request.b;
    out.crossings = search.rule.whole ? finder.whole(points) : finder.continuous(points);
    out.whole = search.rule.whole;
    out.min = search.min;
    out.max = search.max;
    out.valid_min = first_valid->value;
    out.valid_max = last_valid->value;
    out.invalid_points = invalid;
    out.current_value = search.field.get(scenario);
    out.cheaper_now = finder.cheaper(probe.base()[0], probe.base()[1]);
    out.cheaper_at_min = finder.cheaper(first_valid->npv_a, first_valid->npv_b);
    out.cheaper_at_max = finder.cheaper(last_valid->npv_a, last_valid->npv_b);
    return out;
}

}  // namespace gputco
