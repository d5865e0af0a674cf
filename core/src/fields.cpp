#include "gputco/fields.hpp"

#include <cmath>
#include <cstdlib>

#include "gputco/format.hpp"

namespace gputco {

bool NumberRule::allows(double v) const {
    if (!std::isfinite(v)) return false;
    if (min_exclusive ? !(v > min) : !(v >= min)) return false;
    if (max_exclusive ? !(v < max) : !(v <= max)) return false;
    return !whole || std::floor(v) == v;
}

std::string NumberRule::describe() const {
    std::string kind = whole ? "a whole number " : "a number ";
    if (!min_exclusive && !max_exclusive) return kind + "from " + shortest_number(min) + " to " + shortest_number(max);
    std::string lower = min_exclusive ? "greater than " : "at least ";
    std::string upper = max_exclusive ? "less than " : "at most ";
    return kind + lower + shortest_number(min) + " and " + upper + shortest_number(max);
}

NumberRule NumericField::rule_for(const Scenario& s) const {
    NumberRule r = rule;
    if (bounded_by_horizon) r.max = s.horizon_months;
    return r;
}

namespace {

constexpr NumberRule closed(double lo, double hi) { return {lo, hi, false, false, false}; }
constexpr NumberRule above(double lo, double hi) { return {lo, hi, true, false, false}; }  // (lo, hi]
constexpr NumberRule whole(double lo, double hi) { return {lo, hi, false, false, true}; }
constexpr NumberRule below(double lo, double hi) { return {lo, hi, false, true, false}; }  // [lo, hi)

int to_int(double v) { return static_cast<int>(std::lround(v)); }

template <typename Terms>
Terms& terms_of(Scenario& s, std::size_t i) { return std::get<Terms>(s.options[i].terms); }
template <typename Terms>
const Terms& terms_of(const Scenario& s, std::size_t i) { return std::get<Terms>(s.options[i].terms); }

// Accessors are captureless lambdas so the table stays a plain constant.
#define GPUTCO_SCENARIO_FIELD(expr) \
    [](const Scenario& s, std::size_t) -> double { return (expr); }, [](Scenario& s, std::size_t, double v) { (expr) = v; }
#define GPUTCO_SCENARIO_INT_FIELD(expr) \
    [](const Scenario& s, std::size_t) -> double { return (expr); }, [](Scenario& s, std::size_t, double v) { (expr) = to_int(v); }
#define GPUTCO_OPTION_FIELD(Terms, member)                                                           \
    [](const Scenario& s, std::size_t i) -> double { return terms_of<Terms>(s, i).member; },         \
        [](Scenario& s, std::size_t i, double v) { terms_of<Terms>(s, i).member = v; }
#define GPUTCO_OPTION_INT_FIELD(Terms, member)                                                       \
    [](const Scenario& s, std::size_t i) -> double { return terms_of<Terms>(s, i).member; },         \
        [](Scenario& s, std::size_t i, double v) { terms_of<Terms>(s, i).member = to_int(v); }

using O = FieldOwner;
using S = FieldScale;

const std::vector<NumericField> table = {
    {"horizon_months", O::scenario, whole(1, 240), S::amount, false, GPUTCO_SCENARIO_INT_FIELD(s.horizon_months)},
    {"discount_rate", O::scenario, closed(0, 1), S::rate, false, GPUTCO_SCENARIO_FIELD(s.discount_rate)},
    {"hours_per_month", O::scenario, closed(1, 744), S::amount, false, GPUTCO_SCENARIO_FIELD(s.hours_per_month)},
    {"demand.gpus", O::scenario, closed(0, 1e7), S::amount, false, GPUTCO_SCENARIO_FIELD(s.demand.gpus)},
    {"demand.growth_per_year", O::scenario, above(-1, 10), S::rate, false, GPUTCO_SCENARIO_FIELD(s.demand.growth_per_year)},
    {"market.on_demand_price", O::scenario, above(0, 1e4), S::amount, false, GPUTCO_SCENARIO_FIELD(s.market.on_demand_price)},
    {"market.spot_price", O::scenario, above(0, 1e4), S::amount, false,
     [](const Scenario& s, std::size_t) -> double { return s.market.spot_price.value_or(0.0); },
     [](Scenario& s, std::size_t, double v) { s.market.spot_price = v; }},
    {"market.price_trend_per_year", O::scenario, above(-1, 10), S::rate, false, GPUTCO_SCENARIO_FIELD(s.market.price_trend_per_year)},
    {"market.spot_interruption_overhead", O::scenario, closed(0, 10), S::rate, false,
     GPUTCO_SCENARIO_FIELD(s.market.spot_interruption_overhead)},

    {"gpus", O::commit_option, above(0, 1e7), S::amount, false, GPUTCO_OPTION_FIELD(CommitTerms, gpus)},
    {"term_months", O::commit_option, whole(1, 240), S::amount, true, GPUTCO_OPTION_INT_FIELD(CommitTerms, term_months)},
    {"price", O::commit_option, above(0, 1e4), S::amount, false, GPUTCO_OPTION_FIELD(CommitTerms, price_per_gpu_hour)},
    {"escalator_per_year", O::commit_option, above(-1, 1), S::rate, false, GPUTCO_OPTION_FIELD(CommitTerms, escalator_per_year)},
    {"prepay_fraction", O::commit_option, closed(0, 1), S::rate, false, GPUTCO_OPTION_FIELD(CommitTerms, prepay_fraction)},
    {"prepay_discount", O::commit_option, below(0, 1), S::rate, false, GPUTCO_OPTION_FIELD(CommitTerms, prepay_discount)},

    {"gpus", O::own_option, above(0, 1e7), S::amount, false, GPUTCO_OPTION_FIELD(OwnTerms, gpus)},
    {"capex_per_gpu", O::own_option, closed(0, 1e8), S::amount, false, GPUTCO_OPTION_FIELD(OwnTerms, capex_per_gpu)},
    {"lead_time_months", O::own_option, whole(0, 240), S::amount, true, GPUTCO_OPTION_INT_FIELD(OwnTerms, lead_time_months)},
    {"power_kw_per_gpu", O::own_option, closed(0, 100), S::amount, false, GPUTCO_OPTION_FIELD(OwnTerms, power_kw_per_gpu)},
    {"pue", O::own_option, closed(1, 5), S::amount, false, GPUTCO_OPTION_FIELD(OwnTerms, pue)},
    {"energy_price_per_kwh", O::own_option, closed(0, 100), S::amount, false, GPUTCO_OPTION_FIELD(OwnTerms, energy_price_per_kwh)},
    {"energy_trend_per_year", O::own_option, above(-1, 10), S::rate, false, GPUTCO_OPTION_FIELD(OwnTerms, energy_trend_per_year)},
    {"colo_per_kw_month", O::own_option, closed(0, 1e5), S::amount, false, GPUTCO_OPTION_FIELD(OwnTerms, colo_per_kw_month)},
    {"opex_fraction_per_year", O::own_option, closed(0, 1), S::rate, false, GPUTCO_OPTION_FIELD(OwnTerms, opex_fraction_per_year)},
    {"useful_life_months", O::own_option, whole(1, 600), S::amount, false, GPUTCO_OPTION_INT_FIELD(OwnTerms, useful_life_months)},
};

#undef GPUTCO_SCENARIO_FIELD
#undef GPUTCO_SCENARIO_INT_FIELD
#undef GPUTCO_OPTION_FIELD
#undef GPUTCO_OPTION_INT_FIELD

std::optional<FieldOwner> owner_of(const Option& option) {
    if (std::holds_alternative<CommitTerms>(option.terms)) return FieldOwner::commit_option;
    if (std::holds_alternative<OwnTerms>(option.terms)) return FieldOwner::own_option;
    return std::nullopt;
}

std::string option_path(std::size_t index, std::string_view key) {
    return "options[" + std::to_string(index) + "]." + std::string(key);
}

}  // namespace

const std::vector<NumericField>& numeric_fields() { return table; }

const NumericField* numeric_field(FieldOwner owner, std::string_view key) {
    for (const NumericField& f : table) {
        if (f.owner == owner && f.key == key) return &f;
    }
    return nullptr;
}

std::optional<FieldRef> find_numeric_field(const Scenario& scenario, std::string_view path, std::string& why) {
    constexpr std::string_view prefix = "options[";
    if (path.substr(0, prefix.size()) != prefix) {
        if (const NumericField* f = numeric_field(FieldOwner::scenario, path)) {
            if (f->key == "market.spot_price" && !scenario.market.spot_price) {
                why = "the scenario has no spot price to vary";
                return std::nullopt;
            }
            return FieldRef{f, 0, std::string(path)};
        }
        why = "not a numeric input of a scenario";
        return std::nullopt;
    }
    const std::size_t close = path.find("].", prefix.size());
    const std::string_view digits = path.substr(prefix.size(), close == std::string_view::npos ? 0 : close - prefix.size());
    if (close == std::string_view::npos || digits.empty() || digits.size() > 4 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        why = "not a numeric input of a scenario; option fields are written options[INDEX].FIELD";
        return std::nullopt;
    }
    const auto index = static_cast<std::size_t>(std::strtoul(std::string(digits).c_str(), nullptr, 10));
    if (index >= scenario.options.size()) {
        why = "there is no option " + std::to_string(index) + "; the scenario has " +
              std::to_string(scenario.options.size()) + " (counting from 0)";
        return std::nullopt;
    }
    const std::string_view key = path.substr(close + 2);
    const Option& option = scenario.options[index];
    const std::optional<FieldOwner> owner = owner_of(option);
    const NumericField* f = owner ? numeric_field(*owner, key) : nullptr;
    if (!f) {
        why = std::string("option ") + quote_text(option.id) + " (" + kind_name(option.terms) + ") has no numeric field " +
              quote_text(key);
        return std::nullopt;
    }
    return FieldRef{f, index, option_path(index, key)};
}

std::vector<FieldRef> numeric_fields_of(const Scenario& scenario) {
    std::vector<FieldRef> refs;
    for (const NumericField& f : table) {
        if (f.owner != FieldOwner::scenario) continue;
        if (f.key == "market.spot_price" && !scenario.market.spot_price) continue;
        refs.push_back(FieldRef{&f, 0, std::string(f.key)});
    }
    for (std::size_t i = 0; i < scenario.options.size(); ++i) {
        const std::optional<FieldOwner> owner = owner_of(scenario.options[i]);
        if (!owner) continue;
        for (const NumericField& f : table) {
            if (f.owner == *owner) refs.push_back(FieldRef{&f, i, option_path(i, f.key)});
        }
    }
    return refs;
}

}  // namespace gputco
