#include "entry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <vector>

#include "gputco/analysis_json.hpp"
#include "gputco/breakeven.hpp"
#include "gputco/deflate.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/fields.hpp"
#include "gputco/format.hpp"
#include "gputco/result_json.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/sensitivity.hpp"
#include "gputco/share_link.hpp"
#include "gputco/simulate.hpp"

namespace gputco::fuzz {

namespace {

FailureHandler failure_handler = nullptr;

[[noreturn]] void fail(const std::string& message) {
    if (failure_handler) failure_handler(message);
    std::fprintf(stderr, "fuzz check failed: %s\n", message.c_str());
    std::fflush(stderr);
    std::abort();
}

// The message is built only when the check fails: checks run in loops over
// months and paths, and building every message would cost more than the engine.
#define FUZZ_CHECK(condition, message) \
    do {                               \
        if (!(condition)) fail(message); \
    } while (false)

// Runs `body`; any exception escaping it is a failed check (CheckFailed passes through).
template <typename Body>
void guarded(const char* target, Body&& body) {
    try {
        body();
    } catch (const CheckFailed&) {
        throw;
    } catch (const std::exception& e) {
        fail(std::string(target) + ": unexpected exception: " + e.what());
    } catch (...) {
        fail(std::string(target) + ": unexpected exception of an unknown type");
    }
}

bool same(double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }

// Problems and messages must stay on one line and printable: no input may forge
// a path or break a line (methodology.md, Validation).
bool printable_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

// Reads the fuzz input a piece at a time; past its end every read gives zeros.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    std::uint8_t byte() { return position_ < size_ ? data_[position_++] : 0; }
    std::uint16_t u16() { return static_cast<std::uint16_t>(byte() | byte() << 8); }
    std::uint64_t u64() {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= std::uint64_t{byte()} << (8 * i);
        return v;
    }
    double raw_double() {
        const std::uint64_t bits = u64();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    double unit() { return u16() / 65535.0; }  // [0, 1]

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t position_ = 0;
};

// --- the scenario target ------------------------------------------------------

void check_problems(const Problems& problems, const char* what) {
    const std::string where = std::string(what) + ": ";
    FUZZ_CHECK(!problems.empty(), where + "refused with no problem listed");
    FUZZ_CHECK(problems.size() <= max_reported_problems + 1,
          where + std::to_string(problems.size()) + " problems listed; the limit is " +
              std::to_string(max_reported_problems) + " and a last line");
    for (const Problem& p : problems) {
        FUZZ_CHECK(!p.path.empty() && !p.message.empty(), where + "a problem without a path or a message");
        FUZZ_CHECK(printable_ascii(p.path) && printable_ascii(p.message),
              where + "a problem holds a control or non-ASCII character: " + quote_text(p.to_string(), 200));
    }
    const Json written = Json::parse(write_problems(problems));
    FUZZ_CHECK(written.is_array() && written.size() == problems.size(), where + "write_problems lost problems");
}

// What must hold for the evaluation of any valid scenario.
void check_evaluation(const Scenario& s, const Evaluation& e) {
    const std::size_t months = static_cast<std::size_t>(s.horizon_months);
    FUZZ_CHECK(e.options.size() == s.options.size(), "evaluate: not one result per option");
    FUZZ_CHECK(!e.options.empty() && e.cheapest < e.options.size(), "evaluate: cheapest is not an option");
    double lowest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < e.options.size(); ++i) {
        const OptionResult& r = e.options[i];
        const std::string where = "evaluate: option " + r.id + ": ";
        FUZZ_CHECK(r.id == s.options[i].id, where + "results are not in the scenario's order");
        FUZZ_CHECK(r.flows.fixed_monthly.size() == months && r.flows.market_monthly.size() == months,
              where + "not horizon_months monthly payments");
        for (std::size_t m = 0; m < months; ++m) {
            const double fixed = r.flows.fixed_monthly[m], market = r.flows.market_monthly[m];
            FUZZ_CHECK(std::isfinite(fixed) && std::isfinite(market) && std::isfinite(r.flows.monthly(static_cast<int>(m))),
                  where + "month " + std::to_string(m) + " is not a finite number");
            FUZZ_CHECK(fixed >= 0 && market >= 0, where + "month " + std::to_string(m) + " pays a negative amount");
        }
        for (const auto& [name, value] : {std::pair{"upfront", r.flows.upfront},
                                          std::pair{"residual_value", r.flows.residual_value},
                                          std::pair{"total_cost", r.total_cost}, std::pair{"npv_cost", r.npv_cost},
                                          std::pair{"work_gpu_hours", r.work_gpu_hours},
                                          std::pair{"idle_gpu_hours", r.idle_gpu_hours}}) {
            FUZZ_CHECK(std::isfinite(value), where + name + " is " + shortest_number(value));
        }
        FUZZ_CHECK(r.flows.upfront >= 0 && r.flows.residual_value >= 0 && r.work_gpu_hours >= 0 && r.idle_gpu_hours >= 0,
              where + "a negative upfront, residual value, work or idle hours");
        if (r.levelized_cost_per_gpu_hour) {
            FUZZ_CHECK(std::isfinite(*r.levelized_cost_per_gpu_hour), where + "levelized cost is not finite");
        }
        if (s.demand.gpus == 0) FUZZ_CHECK(!r.levelized_cost_per_gpu_hour, where + "levelized cost with no work");
        lowest = std::min(lowest, r.npv_cost);
    }
    FUZZ_CHECK(e.options[e.cheapest].npv_cost <= lowest + tie_relative_tolerance * std::fabs(lowest),
          "evaluate: cheapest is not within the tie tolerance of the lowest NPV");
}

// Numbers in a written document must read back exactly (shortest round-trip form).
void check_number(const Json& written, double value, const std::string& what) {
    FUZZ_CHECK(written.is_number(), "write_result: " + what + " is not a number");
    FUZZ_CHECK(written.get<double>() == value, "write_result: " + what + " reads back as " + written.dump() + ", not " +
                                              shortest_number(value));
}

void check_written_result(const Scenario& s, const Evaluation& e, ResultFormat format) {
    const Json doc = Json::parse(write_result(e, format));
    FUZZ_CHECK(doc.is_object() && doc.at("schema") == result_schema, "write_result: no result schema");
    const Json& options = doc.at("options");
    FUZZ_CHECK(options.is_array() && options.size() == e.options.size(), "write_result: not one entry per option");
    bool cheapest_found = false;
    for (std::size_t i = 0; i < e.options.size(); ++i) {
        const OptionResult& r = e.options[i];
        const Json& o = options[i];
        FUZZ_CHECK(o.at("id") == r.id, "write_result: option ids changed");
        cheapest_found |= doc.at("cheapest") == r.id;
        const Json& monthly = o.at("monthly");
        if (format.monthly) {
            FUZZ_CHECK(monthly.is_array() && monthly.size() == static_cast<std::size_t>(s.horizon_months),
                  "write_result: monthly does not have horizon_months entries");
            for (std::size_t m = 0; m < monthly.size(); ++m) {
                check_number(monthly[m], r.flows.monthly(static_cast<int>(m)), r.id + ".monthly[" + std::to_string(m) + "]");
            }
        } else {
            FUZZ_CHECK(monthly.is_null(), "write_result: monthly is not null without months");
        }
        check_number(o.at("upfront"), r.flows.upfront, r.id + ".upfront");
        check_number(o.at("residual_value"), r.flows.residual_value, r.id + ".residual_value");
        check_number(o.at("total_cost"), r.total_cost, r.id + ".total_cost");
        check_number(o.at("npv_cost"), r.npv_cost, r.id + ".npv_cost");
        check_number(o.at("work_gpu_hours"), r.work_gpu_hours, r.id + ".work_gpu_hours");
        check_number(o.at("idle_gpu_hours"), r.idle_gpu_hours, r.id + ".idle_gpu_hours");
        const Json& levelized = o.at("levelized_cost_per_gpu_hour");
        if (r.levelized_cost_per_gpu_hour) check_number(levelized, *r.levelized_cost_per_gpu_hour, r.id + ".levelized");
        else FUZZ_CHECK(levelized.is_null(), "write_result: levelized cost is not null");
    }
    FUZZ_CHECK(cheapest_found && doc.at("cheapest") == e.options[e.cheapest].id, "write_result: cheapest is not one of the ids");
}

bool same_results(const Evaluation& x, const Evaluation& y) {
    if (x.options.size() != y.options.size() || x.cheapest != y.cheapest) return false;
    for (std::size_t i = 0; i < x.options.size(); ++i) {
        const OptionResult& a = x.options[i];
        const OptionResult& b = y.options[i];
        if (a.id != b.id || a.flows.fixed_monthly != b.flows.fixed_monthly ||
            a.flows.market_monthly != b.flows.market_monthly || a.npv_cost != b.npv_cost ||
            a.total_cost != b.total_cost || a.flows.upfront != b.flows.upfront ||
            a.flows.residual_value != b.flows.residual_value || a.idle_gpu_hours != b.idle_gpu_hours ||
            a.levelized_cost_per_gpu_hour != b.levelized_cost_per_gpu_hour) {
            return false;
        }
    }
    return true;
}

// Scenario text of any kind: refused with well-formed problems, or evaluated
// and written with every invariant holding.
void check_scenario_text(std::string_view text) {
    const ScenarioParse parse = parse_scenario(text);
    if (!parse.ok()) {
        FUZZ_CHECK(!parse.scenario, "parse_scenario: a scenario together with problems");
        check_problems(parse.problems, "parse_scenario");
        return;
    }
    FUZZ_CHECK(parse.scenario.has_value(), "parse_scenario: no problems and no scenario");
    const Scenario& s = *parse.scenario;
    const Evaluation e = evaluate(s);
    check_evaluation(s, e);
    check_written_result(s, e, {});
    check_written_result(s, e, ResultFormat{2, false});

    // The same document written compactly by another writer reads back to the
    // same scenario: nothing depends on how the text was laid out.
    const ScenarioParse again = parse_scenario(Json::parse(text).dump());
    FUZZ_CHECK(again.ok() && same_results(evaluate(*again.scenario), e),
          "a valid scenario written compactly does not evaluate to the same results");
}

// The text helpers that quote user input in messages.
void check_text_helpers(std::string_view text, const std::uint8_t* data, std::size_t size) {
    const std::string quoted = quote_text(text);
    FUZZ_CHECK(quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"' && printable_ascii(quoted),
          "quote_text: not a printable quoted string");
    FUZZ_CHECK(quoted.size() <= 2 + 40 * 12 + 3, "quote_text: longer than 40 escaped characters");
    if (size >= 8) {
        double value;
        std::memcpy(&value, data, sizeof value);
        const std::string shortest = shortest_number(value);
        if (std::isfinite(value)) {
            FUZZ_CHECK(std::strtod(shortest.c_str(), nullptr) == value, "shortest_number: " + shortest + " does not read back");
        }
    }
}

// --- the analysis target ------------------------------------------------------

// A value within `rule`, often at or next to its edges.
double number_in(Bytes& in, const NumberRule& rule) {
    const double lo = rule.search_min(), hi = rule.search_max();
    double v = lo;
    switch (in.byte() % 8) {
        case 0: v = lo; break;
        case 1: v = hi; break;
        case 2: v = rule.min_exclusive ? std::nextafter(rule.min, hi) : lo; break;
        case 3: v = rule.max_exclusive ? std::nextafter(rule.max, lo) : hi; break;
        case 4: v = std::max(lo, hi * std::pow(10.0, -12.0 * in.unit())); break;  // spread over magnitudes
        case 5:
            v = in.raw_double();
            if (!rule.allows(v)) v = lo + (hi - lo) * in.unit();
            break;
        case 6: v = std::min(std::max(std::round(lo + (hi - lo) * in.unit() / 64), lo), hi); break;  // small whole values
        default: v = lo + (hi - lo) * in.unit(); break;
    }
    if (rule.whole) v = std::round(v);
    v = std::min(std::max(v, lo), hi);
    if (!rule.allows(v)) v = rule.whole ? std::ceil(lo) : lo + (hi - lo) / 2;
    return v;
}

const NumberRule& rule_of(FieldOwner owner, std::string_view key) { return numeric_field(owner, key)->rule; }

NumberRule up_to_horizon(NumberRule rule, int horizon) {
    rule.max = horizon;
    return rule;
}

// A scenario built from bytes: every field within its documented range,
// optional fields present or not, up to 16 options of every kind.
Json generated_scenario(Bytes& in) {
    const auto scenario_rule = [](std::string_view key) { return rule_of(FieldOwner::scenario, key); };
    const auto optional = [&](Json& object, const char* key, const NumberRule& rule) {
        if (in.byte() & 1) object[key] = number_in(in, rule);
    };
    Json doc = {{"schema", scenario_schema}, {"name", "generated"}};
    const int horizon = static_cast<int>(number_in(in, scenario_rule("horizon_months")));
    doc["horizon_months"] = horizon;
    doc["discount_rate"] = number_in(in, scenario_rule("discount_rate"));
    optional(doc, "hours_per_month", scenario_rule("hours_per_month"));

    Json demand = {{"gpus", number_in(in, scenario_rule("demand.gpus"))}};
    optional(demand, "growth_per_year", scenario_rule("demand.growth_per_year"));
    doc["demand"] = demand;

    Json market = {{"on_demand_price", number_in(in, scenario_rule("market.on_demand_price"))}};
    const bool spot_price = in.byte() & 1;
    const double spot = number_in(in, scenario_rule("market.spot_price"));
    optional(market, "price_trend_per_year", scenario_rule("market.price_trend_per_year"));
    optional(market, "spot_interruption_overhead", scenario_rule("market.spot_interruption_overhead"));

    const auto market_choice = [&](Json& option, const char* key, bool& uses_spot) {
        const std::uint8_t c = in.byte() % 3;
        if (c == 0) return;
        option[key] = c == 1 ? "on_demand" : "spot";
        uses_spot |= c == 2;
    };
    bool uses_spot = false;
    Json options = Json::array();
    const int count = 1 + in.byte() % 16;
    for (int i = 0; i < count; ++i) {
        Json o = {{"id", "o" + std::to_string(i)}};
        const auto commit = [](std::string_view key) { return rule_of(FieldOwner::commit_option, key); };
        const auto own = [](std::string_view key) { return rule_of(FieldOwner::own_option, key); };
        switch (in.byte() % 4) {
            case 0: o["kind"] = "on_demand"; break;
            case 1:
                o["kind"] = "spot";
                uses_spot = true;
                break;
            case 2:
                o["kind"] = "commit";
                o["gpus"] = number_in(in, commit("gpus"));
                o["term_months"] = number_in(in, up_to_horizon(commit("term_months"), horizon));
                o["price"] = number_in(in, commit("price"));
                optional(o, "escalator_per_year", commit("escalator_per_year"));
                optional(o, "prepay_fraction", commit("prepay_fraction"));
                optional(o, "prepay_discount", commit("prepay_discount"));
                market_choice(o, "overflow", uses_spot);
                market_choice(o, "after_term", uses_spot);
                break;
            default:
                o["kind"] = "own";
                o["gpus"] = number_in(in, own("gpus"));
                o["capex_per_gpu"] = number_in(in, own("capex_per_gpu"));
                if (in.byte() & 1) o["lead_time_months"] = number_in(in, up_to_horizon(own("lead_time_months"), horizon));
                for (const char* key : {"power_kw_per_gpu", "pue", "energy_price_per_kwh", "energy_trend_per_year",
                                        "colo_per_kw_month", "opex_fraction_per_year", "useful_life_months"}) {
                    optional(o, key, own(key));
                }
                if (const std::uint8_t r = in.byte() % 3; r != 0) o["residual"] = r == 1 ? "straight_line" : "none";
                market_choice(o, "overflow", uses_spot);
                break;
        }
        options.push_back(std::move(o));
    }
    if (spot_price || uses_spot) market["spot_price"] = spot;
    doc["market"] = market;
    doc["options"] = options;
    if (in.byte() & 1) {
        doc["uncertainty"] = {{"price_volatility_per_year", number_in(in, volatility_rule)},
                              {"paths", number_in(in, paths_rule)},
                              {"seed", number_in(in, seed_rule)}};
    }
    return doc;
}

// The scenario of an analysis input: the body's text when it is a valid
// scenario, else one generated from the body's bytes, which must be valid.
Scenario analysis_scenario(const std::uint8_t* body, std::size_t size) {
    ScenarioParse parse = parse_scenario(as_text(body, size));
    if (parse.ok()) return std::move(*parse.scenario);
    Bytes in(body, size);
    const std::string text = generated_scenario(in).dump();
    parse = parse_scenario(text);
    if (!parse.ok()) {
        fail("a scenario generated within the documented ranges is refused: " + parse.problems.front().to_string() +
             "\n" + text);
    }
    return std::move(*parse.scenario);
}

// An analysis may refuse a request, but only with problems at its own fields.
void check_refusal(const InputError& e, const char* analysis, std::initializer_list<std::string_view> fields) {
    check_problems(e.problems(), analysis);
    for (const Problem& p : e.problems()) {
        FUZZ_CHECK(std::find(fields.begin(), fields.end(), p.path) != fields.end(),
              std::string(analysis) + ": a problem at " + p.path + ", which is not a request field");
    }
}

void check_parses(const std::string& document, const char* schema) {
    const Json doc = Json::parse(document);
    FUZZ_CHECK(doc.is_object() && doc.at("schema") == schema, std::string(schema) + ": written without its schema");
}

bool is_option(const Scenario& s, const std::string& id) {
    return std::any_of(s.options.begin(), s.options.end(), [&](const Option& o) { return o.id == id; });
}

std::size_t option_index(const Scenario& s, const std::string& id) {
    for (std::size_t i = 0; i < s.options.size(); ++i) {
        if (s.options[i].id == id) return i;
    }
    fail("no option has the id " + quote_text(id));
}

// The cheaper of options a and b by §5, written out again from the methodology:
// within a relative 1e-9 of the lower they tie, and the one listed first wins.
const std::string& cheaper_by_the_rule(const Scenario& s, std::size_t a, std::size_t b, double npv_a, double npv_b) {
    const double lowest = std::min(npv_a, npv_b);
    const double tied_up_to = lowest + tie_relative_tolerance * std::fabs(lowest);
    if (npv_a <= tied_up_to && npv_b <= tied_up_to) return s.options[std::min(a, b)].id;
    return s.options[npv_a < npv_b ? a : b].id;
}

// The NPVs of every option with one numeric input set to `value`.
std::vector<double> npvs_with(const Scenario& s, const FieldRef& field, double value) {
    Scenario changed = s;
    field.set(changed, value);
    std::vector<double> out;
    for (const OptionResult& r : evaluate(changed).options) out.push_back(r.npv_cost);
    return out;
}

// An option id for a request: usually one of the scenario's (0 picks the
// default index), sometimes one that is not.
std::string option_choice(Bytes& in, const Scenario& s, std::size_t default_index) {
    const std::uint8_t c = in.byte();
    if (c < 224) return s.options[(default_index + c) % s.options.size()].id;
    switch (c % 4) {
        case 0: return "";
        case 1: return "no-such-option";
        case 2: return s.options.front().id + "\x01\xff";
        default: return std::string(64 + c % 8, 'o');
    }
}

std::optional<double> request_number(Bytes& in, const NumberRule& rule) {
    switch (in.byte() % 8) {
        case 0:
        case 1: return std::nullopt;
        case 2: return in.raw_double();
        case 3: return rule.min;
        case 4: return rule.max;
        case 5: return rule.min - (in.byte() + 1) * 1e-3 * std::max(1.0, std::fabs(rule.min));
        default: return number_in(in, rule);
    }
}

void check_breakeven(Bytes& in, const Scenario& s) {
    BreakevenRequest request;
    request.a = option_choice(in, s, 0);
    request.b = option_choice(in, s, 1);
    const std::vector<FieldRef> fields = numeric_fields_of(s);
    const std::uint8_t c = in.byte();
    static const char* const odd_params[] = {"",
                                            "options[",
                                            "options[0]",
                                            "options[0].",
                                            "options[99999].price",
                                            "options[00000].gpus",
                                            "options[-1].gpus",
                                            "options[1].id",
                                            "options[0].term_months",
                                            "options[0].lead_time_months",
                                            "market.spot_price",
                                            "demand",
                                            "horizon_months",
                                            "uncertainty.paths",
                                            "options[4294967296].gpus",
                                            "options[1]].price"};
    request.param = c == 0 ? "market.price_trend_per_year" : c < 208 ? fields[c % fields.size()].path : odd_params[c % 16];
    std::string why;
    const std::optional<FieldRef> field = find_numeric_field(s, request.param, why);
    const NumberRule rule = field ? field->rule(s) : NumberRule{-1e300, 1e300, false, false, false};
    request.min = request_number(in, rule);
    request.max = request_number(in, rule);
    const std::uint8_t points = in.byte();
    request.scan_points = points == 0 ? 1001 : points < 192 ? 2 + points % 100 : static_cast<int>(points) - 224;
    // Long horizons get fewer points, so that one input runs in a few milliseconds.
    request.scan_points = std::min(request.scan_points, std::max(2, 12000 / s.horizon_months));

    Breakeven r;
    try {
        r = breakeven(s, request);
    } catch (const InputError& e) {
        check_refusal(e, "breakeven", {"a", "b", "param", "min", "max"});
        return;
    }
    const std::string where = "breakeven " + request.param + ": ";
    FUZZ_CHECK(field.has_value(), where + "answered for a param that is not a numeric input");
    FUZZ_CHECK(r.a == request.a && r.b == request.b && r.param == field->path, where + "the request is not echoed");
    FUZZ_CHECK(r.whole == rule.whole, where + "whole does not match the input");
    for (double v : {r.min, r.max, r.valid_min, r.valid_max, r.current_value}) {
        FUZZ_CHECK(std::isfinite(v), where + "a bound is not finite");
    }
    FUZZ_CHECK(r.min < r.max && r.min <= r.valid_min && r.valid_min <= r.valid_max && r.valid_max <= r.max,
          where + "min <= valid_min <= valid_max <= max does not hold");
    FUZZ_CHECK(rule.allows(r.min) && rule.allows(r.max), where + "the range searched is not valid for the input");
    FUZZ_CHECK(r.invalid_points >= 0 && r.invalid_points <= std::max(1001, request.scan_points),
          where + "invalid_points out of range");
    double previous = -std::numeric_limits<double>::infinity();
    for (const Crossing& crossing : r.crossings) {
        FUZZ_CHECK(std::isfinite(crossing.value), where + "a crossing is not finite");
        FUZZ_CHECK(crossing.value >= r.min && crossing.value <= r.max, where + "a crossing is outside the range searched");
        FUZZ_CHECK(crossing.value >= previous, where + "crossings are not in increasing order");
        if (r.whole) FUZZ_CHECK(std::floor(crossing.value) == crossing.value, where + "a whole-number crossing is not whole");
        FUZZ_CHECK(crossing.cheaper_below != crossing.cheaper_above, where + "a crossing where nothing changes");
        for (const std::string& id : {crossing.cheaper_below, crossing.cheaper_above}) {
            FUZZ_CHECK(id == r.a || id == r.b, where + "a crossing names another option");
        }
        previous = crossing.value;
    }
    for (const std::string& id : {r.cheaper_now, r.cheaper_at_min, r.cheaper_at_max}) {
        FUZZ_CHECK(id == r.a || id == r.b, where + "cheaper names another option");
    }
    FUZZ_CHECK(r.current_value == field->get(s), where + "current_value is not the scenario's");
    const std::size_t a = option_index(s, r.a), b = option_index(s, r.b);
    const Evaluation now = evaluate(s);
    FUZZ_CHECK(r.cheaper_now == cheaper_by_the_rule(s, a, b, now.options[a].npv_cost, now.options[b].npv_cost),
          where + "cheaper_now is not the cheaper of the two by the tie rule");
    if (r.whole) {
        // A whole-number crossing is the first value at which the cheaper option has changed.
        for (const Crossing& crossing : r.crossings) {
            const std::vector<double> below = npvs_with(s, *field, crossing.value - 1);
            const std::vector<double> above = npvs_with(s, *field, crossing.value);
            FUZZ_CHECK(crossing.cheaper_below == cheaper_by_the_rule(s, a, b, below[a], below[b]) &&
                      crossing.cheaper_above == cheaper_by_the_rule(s, a, b, above[a], above[b]),
                  where + "the crossing at " + shortest_number(crossing.value) +
                      " does not name the cheaper option on each side");
        }
    }
    check_parses(write_breakeven(r), breakeven_schema);
}

void check_sensitivity(Bytes& in, const Scenario& s) {
    SensitivityRequest request;
    switch (in.byte() % 6) {
        case 0: break;
        case 1: request.option = option_choice(in, s, 0); break;
        case 2:
            request.a = option_choice(in, s, 0);
            request.b = option_choice(in, s, 1);
            break;
        case 3:
            request.option = option_choice(in, s, 0);
            request.a = option_choice(in, s, 1);
            break;
        case 4: request.a = option_choice(in, s, 0); break;
        default: request.b = option_choice(in, s, 1); break;
    }
    const NumberRule step_rule{0, 1, true, false, false};
    request.step = request_number(in, step_rule);
    request.rate_step = request_number(in, step_rule);

    Sensitivity r;
    try {
        r = sensitivity(s, request);
    } catch (const InputError& e) {
        check_refusal(e, "sensitivity", {"option", "a", "b", "step", "rate_step"});
        return;
    }
    const bool pair = r.option.empty();
    FUZZ_CHECK(pair ? is_option(s, r.a) && is_option(s, r.b) && r.a != r.b && is_option(s, r.cheaper)
               : is_option(s, r.option) && r.a.empty() && r.b.empty() && r.cheaper.empty(),
          "sensitivity: the metric's options are not the scenario's");
    FUZZ_CHECK(std::isfinite(r.base) && step_rule.allows(r.step) && step_rule.allows(r.rate_step),
          "sensitivity: the base metric or a step is not valid");
    // The base metric is the evaluation's own NPVs, exactly; by default the
    // pair is the cheapest option and the runner-up.
    const Evaluation now = evaluate(s);
    if (pair) {
        const std::size_t a = option_index(s, r.a), b = option_index(s, r.b);
        FUZZ_CHECK(r.base == now.options[a].npv_cost - now.options[b].npv_cost, "sensitivity: base is not npv_a - npv_b");
        FUZZ_CHECK(r.cheaper == cheaper_by_the_rule(s, a, b, now.options[a].npv_cost, now.options[b].npv_cost),
              "sensitivity: cheaper is not the cheaper of the two by the tie rule");
        if (request.option.empty() && request.a.empty() && request.b.empty()) {
            FUZZ_CHECK(a == now.cheapest, "sensitivity: by default, a is not the cheapest option");
        }
    } else {
        FUZZ_CHECK(r.base == now.options[option_index(s, r.option)].npv_cost, "sensitivity: base is not the option's NPV");
    }
    for (std::size_t i = 0; i < r.inputs.size(); ++i) {
        const SensitivityInput& input = r.inputs[i];
        const std::string where = "sensitivity " + input.param + ": ";
        std::string why;
        const std::optional<FieldRef> field = find_numeric_field(s, input.param, why);
        FUZZ_CHECK(field.has_value(), where + "not a numeric input of the scenario");
        const NumberRule rule = field->rule(s);
        FUZZ_CHECK(rule.allows(input.low_value) && rule.allows(input.high_value), where + "moved outside its valid range");
        FUZZ_CHECK(input.low_value <= input.high_value, where + "low value above high value");
        for (double v : {input.base_value, input.metric_low, input.metric_high, input.swing}) {
            FUZZ_CHECK(std::isfinite(v), where + "a value or metric is not finite");
        }
        FUZZ_CHECK(input.swing == std::fabs(input.metric_high - input.metric_low), where + "swing is not |high - low|");
        FUZZ_CHECK(i == 0 || r.inputs[i - 1].swing >= input.swing, where + "inputs are not ordered by swing");
        if (pair) {
            FUZZ_CHECK((input.cheaper_low == r.a || input.cheaper_low == r.b) &&
                      (input.cheaper_high == r.a || input.cheaper_high == r.b),
                  where + "cheaper names another option");
        }
    }
    check_parses(write_sensitivity(r), sensitivity_schema);
}

// Simulations are capped so that one input runs in a few milliseconds.
std::int64_t path_cap(const Scenario& s) {
    const std::int64_t cells = std::int64_t{s.horizon_months} * static_cast<std::int64_t>(s.options.size());
    return std::max<std::int64_t>(1, std::min<std::int64_t>(256, 12000 / cells));
}

bool same_simulation(const Simulation& x, const Simulation& y) {
    if (x.paths != y.paths || x.seed != y.seed || !same(x.volatility, y.volatility) ||
        x.histogram_edges.size() != y.histogram_edges.size() || x.options.size() != y.options.size()) {
        return false;
    }
    for (std::size_t i = 0; i < x.histogram_edges.size(); ++i) {
        if (!same(x.histogram_edges[i], y.histogram_edges[i])) return false;
    }
    for (std::size_t i = 0; i < x.options.size(); ++i) {
        const OptionDistribution& a = x.options[i];
        const OptionDistribution& b = y.options[i];
        if (a.id != b.id || !same(a.npv_mean, b.npv_mean) || !same(a.npv_p5, b.npv_p5) || !same(a.npv_p50, b.npv_p50) ||
            !same(a.npv_p95, b.npv_p95) || !same(a.cheapest_share, b.cheapest_share) ||
            !same(a.npv_deterministic, b.npv_deterministic) || !same(a.npv_stdev, b.npv_stdev) || a.below != b.below ||
            a.above != b.above || a.histogram != b.histogram) {
            return false;
        }
    }
    return true;
}

void check_simulation_result(const Scenario& s, const SimulationSettings& settings, const Simulation& r) {
    FUZZ_CHECK(r.paths == settings.paths && r.seed == settings.seed && r.volatility == settings.volatility,
          "simulate: the settings are not echoed");
    FUZZ_CHECK(r.options.size() == s.options.size(), "simulate: not one distribution per option");
    FUZZ_CHECK(!r.histogram_edges.empty(), "simulate: no histogram edges");
    for (std::size_t j = 0; j + 1 < r.histogram_edges.size(); ++j) {
        FUZZ_CHECK(std::isfinite(r.histogram_edges[j]) && r.histogram_edges[j] <= r.histogram_edges[j + 1],
              "simulate: histogram edges are not finite and ascending");
    }
    const Evaluation now = evaluate(s);
    double shares = 0;
    for (std::size_t i = 0; i < r.options.size(); ++i) {
        const OptionDistribution& d = r.options[i];
        const std::string where = "simulate: option " + d.id + ": ";
        FUZZ_CHECK(d.id == s.options[i].id, where + "not in the scenario's order");
        FUZZ_CHECK(d.npv_deterministic == now.options[i].npv_cost, where + "npv_deterministic is not the evaluation's NPV");
        for (double v : {d.npv_mean, d.npv_p5, d.npv_p50, d.npv_p95, d.npv_deterministic, d.npv_stdev}) {
            FUZZ_CHECK(std::isfinite(v), where + "a statistic is not finite");
        }
        FUZZ_CHECK(d.npv_p5 <= d.npv_p50 && d.npv_p50 <= d.npv_p95, where + "percentiles are not in order");
        FUZZ_CHECK(d.npv_stdev >= 0, where + "negative standard deviation");
        FUZZ_CHECK(d.cheapest_share >= 0 && d.cheapest_share <= 1, where + "cheapest_share outside 0 .. 1");
        std::int64_t counted = d.below + d.above;
        for (std::int64_t n : d.histogram) counted += n;
        FUZZ_CHECK(d.histogram.size() + 1 == r.histogram_edges.size() && counted == r.paths,
              where + "the histogram does not count every path once");
        if (settings.volatility == 0) {
            FUZZ_CHECK(d.npv_mean == d.npv_deterministic && d.npv_stdev == 0 && d.npv_p50 == d.npv_deterministic,
                  where + "with no volatility the paths are not the deterministic NPV");
        }
        shares += d.cheapest_share;
    }
    FUZZ_CHECK(std::fabs(shares - 1) <= 1e-9, "simulate: cheapest shares do not add up to 1");
    check_parses(write_simulation(r), simulation_schema);
}

void check_simulate(Bytes& in, const Scenario& s) {
    // 0 gives a typical value, so that seeds simulate without an uncertainty object.
    const auto setting = [&](const NumberRule& rule, double typical, bool small) -> std::optional<double> {
        const std::uint8_t c = in.byte();
        if (c == 0) return typical;
        switch (c % 8) {
            case 0:
            case 1: return std::nullopt;
            case 2: return in.raw_double();
            case 3: return rule.min;
            case 4: return rule.max;
            case 5: return small ? static_cast<double>(1 + in.byte() % 64) : number_in(in, rule);
            case 6: return c & 8 ? rule.min - 1 : rule.max + 1;
            default: return number_in(in, rule);
        }
    };
    SimulationRequest request;
    request.volatility = setting(volatility_rule, 0.3, false);
    request.paths = setting(paths_rule, 64, true);
    request.seed = setting(seed_rule, 0, false);
    const std::uint8_t report_byte = in.byte();
    const int cancel_at = in.byte() % 8;  // 0: never cancel

    SimulationSettings settings;
    try {
        settings = simulation_settings(s, request);
    } catch (const InputError& e) {
        check_refusal(e, "simulation settings", {"volatility", "paths", "seed", "uncertainty"});
        return;
    }
    FUZZ_CHECK(volatility_rule.allows(settings.volatility) && paths_rule.allows(static_cast<double>(settings.paths)) &&
              seed_rule.allows(static_cast<double>(settings.seed)),
          "simulation_settings: accepted settings out of range");
    settings.paths = std::min(settings.paths, path_cap(s));
    const std::int64_t per_report = report_byte < 128 ? 0 : 1 + report_byte % settings.paths;

    int calls = 0;
    double last = 0;
    bool increasing = true, stopped = false;
    const SimulationProgress progress = [&](double done) {
        increasing &= done > last && done <= 1;
        last = done;
        ++calls;
        stopped = cancel_at != 0 && calls >= cancel_at;
        return !stopped;
    };
    Simulation r;
    try {
        r = simulate(s, settings, progress, per_report);
        FUZZ_CHECK(!stopped, "simulate: not cancelled when progress returned false");
    } catch (const SimulationCancelled&) {
        FUZZ_CHECK(stopped, "simulate: cancelled although progress never returned false");
        return;
    }
    FUZZ_CHECK(increasing && last == 1, "simulate: progress is not increasing, or does not end at exactly 1");
    check_simulation_result(s, settings, r);
    // Paths depend only on the seed and their index: how often progress is
    // reported never changes the results.
    FUZZ_CHECK(same_simulation(r, simulate(s, settings)), "simulate: results depend on paths_per_report");

    // Settings that bypass simulation_settings are checked again by simulate.
    SimulationSettings raw{in.raw_double(), static_cast<std::int64_t>(in.u64()), in.u64()};
    const bool valid = volatility_rule.allows(raw.volatility) &&
                       paths_rule.allows(static_cast<double>(raw.paths)) && raw.seed <= 9007199254740991u;
    if (valid) raw.paths = std::min(raw.paths, path_cap(s));
    try {
        check_simulation_result(s, raw, simulate(s, raw));
        FUZZ_CHECK(valid, "simulate: ran with settings out of range");
    } catch (const InputError& e) {
        FUZZ_CHECK(!valid, "simulate: refused valid settings");
        check_refusal(e, "simulate", {"volatility", "paths", "seed"});
    }
}

// The pieces of a simulation callers may use on their own.
void check_pieces(Bytes& in) {
    SimulationSettings settings{number_in(in, volatility_rule), 1, static_cast<std::uint64_t>(number_in(in, seed_rule))};
    const int months = static_cast<int>(in.u16() % 300) - 20;
    const auto path = static_cast<std::int64_t>(in.u64());
    const std::vector<double> m = market_multipliers(settings, path, months);
    FUZZ_CHECK(m.size() == static_cast<std::size_t>(std::max(months, 0)), "market_multipliers: not one per month");
    FUZZ_CHECK(m.empty() || m[0] == 1, "market_multipliers: M(0) is not 1");
    for (double x : m) FUZZ_CHECK(std::isfinite(x) && x >= 0, "market_multipliers: not finite and positive");

    // PERCENTILE.INC against a plain sort.
    std::vector<double> values(1 + in.byte() % 32);
    for (double& v : values) {
        v = in.raw_double();
        if (!std::isfinite(v) || std::fabs(v) > 1e300) v = static_cast<double>(in.byte()) - 128;
    }
    const std::uint8_t c = in.byte();
    const double p = c == 0 ? 0.0 : c == 1 ? 1.0 : in.unit();
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const double rank = static_cast<double>(sorted.size() - 1) * p;
    const auto lower = static_cast<std::size_t>(std::floor(rank));
    const double fraction = rank - static_cast<double>(lower);
    double expected = sorted[lower];
    if (fraction > 0 && lower + 1 < sorted.size()) expected = expected + fraction * (sorted[lower + 1] - expected);
    const double got = percentile_inc(values, p);
    FUZZ_CHECK(same(got, expected), "percentile_inc: " + shortest_number(got) + ", a plain sort gives " +
                                   shortest_number(expected));
}

// --- the link target ----------------------------------------------------------

// UTF-8 by the definition (RFC 3629): decode each sequence, then refuse
// overlong forms, surrogates and code points past U+10FFFF. A second opinion on
// is_valid_utf8, which works from byte ranges instead.
bool reference_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length;
        std::uint32_t point;
        if (lead < 0x80) {
            length = 1;
            point = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            point = lead & 0x1Fu;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            point = lead & 0x0Fu;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            point = lead & 0x07u;
        } else {
            return false;
        }
        if (text.size() - i < length) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            point = point << 6 | (next & 0x3Fu);
        }
        static const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (point < smallest[length] || (point >= 0xD800 && point <= 0xDFFF) || point > 0x10FFFF) return false;
        i += length;
    }
    return true;
}

void check_link_decode(std::string_view text) {
    const LinkDecode d = decode_share_link(text);
    if (!d.ok()) {
        FUZZ_CHECK(d.json.empty(), "decode_share_link: text together with an error");
        const std::string& message = d.error->message;
        FUZZ_CHECK(printable_ascii(message), "decode_share_link: the message holds a control or non-ASCII character");
        static const char* const openings[] = {"this is not a gpu-tco share link", "this link was made by a newer version",
                                               "this link is damaged: ", "this link is too large: "};
        const char* opening = openings[static_cast<int>(d.error->code)];
        FUZZ_CHECK(message.rfind(opening, 0) == 0, "decode_share_link: " + std::string(link_error_code_name(d.error->code)) +
                                                  " with the message " + quote_text(message, 100));
        return;
    }
    FUZZ_CHECK(d.json.size() <= max_link_json_bytes, "decode_share_link: more text than the limit");
    FUZZ_CHECK(is_valid_utf8(d.json) && reference_utf8(d.json), "decode_share_link: text that is not UTF-8");
    if (d.json.size() <= 65536) {
        const std::string link = encode_share_link(d.json, "https://example.org/");
        const LinkDecode again = decode_share_link(link);
        FUZZ_CHECK(again.ok() ? again.json == d.json
                         : again.error->code == LinkErrorCode::too_large &&
                               share_link_limit_error(d.json, share_link_payload(d.json)).has_value(),
              "decode_share_link: the text of a link, linked again, does not come back");
    }
    // What a page does with a link: read its text as a scenario.
    check_scenario_text(d.json);
}

// Raw DEFLATE data from anywhere, with a small output limit.
void check_inflate(std::string_view data) {
    constexpr std::size_t limit = 16384;
    const InflateResult r = inflate_raw(data, limit);
    switch (r.status) {
        case InflateStatus::ok: {
            FUZZ_CHECK(r.reason.empty() && r.output.size() <= limit, "inflate_raw: ok with a reason or past the limit");
            const InflateResult exact = inflate_raw(data, r.output.size());
            FUZZ_CHECK(exact.ok() && exact.output == r.output, "inflate_raw: a limit of exactly the output size refuses it");
            if (!r.output.empty()) {
                FUZZ_CHECK(inflate_raw(data, r.output.size() - 1).status == InflateStatus::too_large,
                      "inflate_raw: a limit one byte short is not too_large");
            }
            const InflateResult back = inflate_raw(deflate_raw(r.output), r.output.size());
            FUZZ_CHECK(back.ok() && back.output == r.output, "deflate_raw: inflated output does not deflate and come back");
            break;
        }
        case InflateStatus::invalid:
            FUZZ_CHECK(!r.reason.empty() && r.output.empty(), "inflate_raw: invalid without a reason, or with output");
            FUZZ_CHECK(printable_ascii(r.reason), "inflate_raw: the reason holds a control or non-ASCII character");
            break;
        case InflateStatus::too_large:
            FUZZ_CHECK(r.output.empty(), "inflate_raw: too_large with output");
            break;
    }
}

// decode(encode(x)) == x for every codec on the way to a link. DEFLATE is the
// slow part, so the bytes are compressed once, inside the link.
void check_round_trips(std::string_view bytes) {
    const std::string link = encode_share_link(bytes, "https://example.org/tco?x=1#old");
    constexpr std::string_view opening = "https://example.org/tco?x=1#s=1.";
    FUZZ_CHECK(link.rfind(opening, 0) == 0, "encode_share_link: not BASE#s=1.PAYLOAD");
    const std::string_view payload = std::string_view(link).substr(opening.size());
    FUZZ_CHECK(payload.size() % 4 != 1 && payload.find_first_of("=+/#&") == std::string_view::npos,
          "encode_share_link: the payload is not unpadded base64url");
    const Base64Decode compressed = base64url_decode(payload);
    FUZZ_CHECK(compressed.ok() && base64url_encode(compressed.bytes) == payload,
          "base64url: the payload does not decode and encode back");
    const InflateResult inflated = inflate_raw(compressed.bytes, bytes.size());
    FUZZ_CHECK(inflated.ok() && inflated.output == bytes, "inflate_raw(deflate_raw(x)) is not x: " +
                                                         (inflated.ok() ? std::string("different bytes") : inflated.reason));

    const std::string encoded = base64url_encode(bytes);
    FUZZ_CHECK(encoded.size() == (bytes.size() * 4 + 2) / 3, "base64url_encode: not ceil(4n / 3) characters");
    const Base64Decode decoded = base64url_decode(encoded);
    FUZZ_CHECK(decoded.ok() && decoded.bytes == bytes, "base64url_decode(base64url_encode(x)) is not x");
    const Base64Decode as_base64 = base64url_decode(bytes);
    if (as_base64.ok()) {
        const Base64Decode again = base64url_decode(base64url_encode(as_base64.bytes));
        FUZZ_CHECK(again.ok() && again.bytes == as_base64.bytes, "base64url: decoded bytes do not come back");
    } else {
        FUZZ_CHECK(printable_ascii(as_base64.error), "base64url_decode: the error holds a control or non-ASCII character");
    }

    const bool utf8 = is_valid_utf8(bytes);
    FUZZ_CHECK(utf8 == reference_utf8(bytes), "is_valid_utf8 disagrees with the definition");
    const LinkDecode d = decode_share_link(link);
    if (share_link_limit_error(bytes, payload)) {
        FUZZ_CHECK(!d.ok() && d.error->code == LinkErrorCode::too_large, "decode_share_link: a link over the limits opens");
    } else if (utf8) {
        FUZZ_CHECK(d.ok() && d.json == bytes, "decode_share_link(encode_share_link(x)) is not x");
    } else {
        FUZZ_CHECK(!d.ok() && d.error->code == LinkErrorCode::corrupt, "decode_share_link: text that is not UTF-8 opens");
    }
}

}  // namespace

void check_scenario_input(const std::uint8_t* data, std::size_t size) {
    guarded("scenario", [&] {
        const std::string_view text = as_text(data, size);
        check_scenario_text(text);
        check_text_helpers(text, data, size);
    });
}

void check_analysis_input(const std::uint8_t* data, std::size_t size) {
    guarded("analysis", [&] {
        const std::size_t header = std::min(size, analysis_header_size);
        Bytes in(data, header);
        const auto analysis = static_cast<Analysis>(in.byte() % 4);
        if (analysis == Analysis::pieces) {
            Bytes all(data, size);
            all.byte();
            check_pieces(all);
            return;
        }
        const Scenario s = size > header ? analysis_scenario(data + header, size - header) : analysis_scenario(nullptr, 0);
        // Generated scenarios sit at the edges of every range: evaluate them as the scenario target would.
        check_evaluation(s, evaluate(s));
        switch (analysis) {
            case Analysis::breakeven: check_breakeven(in, s); break;
            case Analysis::sensitivity: check_sensitivity(in, s); break;
            default: check_simulate(in, s); break;
        }
    });
}

void check_link_input(const std::uint8_t* data, std::size_t size) {
    guarded("link", [&] {
        const std::string_view bytes = as_text(data, size);
        check_link_decode(bytes);
        check_inflate(bytes);
        check_round_trips(bytes);
    });
}

Entry entry_named(std::string_view target) {
    if (target == "scenario") return check_scenario_input;
    if (target == "analysis") return check_analysis_input;
    if (target == "link") return check_link_input;
    return nullptr;
}

std::string analysis_input(Analysis analysis, std::string_view scenario_json) {
    std::string input(analysis_header_size, '\0');
    input[0] = static_cast<char>(analysis);
    input.append(scenario_json);
    return input;
}

void set_failure_handler(FailureHandler handler) { failure_handler = handler; }

}  // namespace gputco::fuzz

#undef FUZZ_CHECK
