#include "gputco/scenario_json.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>

#include "gputco/fields.hpp"
#include "gputco/format.hpp"
#include "gputco/simulate.hpp"  // the ranges of the uncertainty settings

namespace gputco {

const char* kind_name(const OptionTerms& terms) {
    static const char* const names[] = {"on_demand", "spot", "commit", "own"};
    return names[terms.index()];
}

const char* market_name(Market market) { return market == Market::spot ? "spot" : "on_demand"; }

namespace {

using Keys = std::initializer_list<std::string_view>;

const Keys root_keys = {"schema", "name", "currency", "horizon_months", "discount_rate", "hours_per_month",
                        "demand", "market", "options", "uncertainty"};
const Keys demand_keys = {"gpus", "growth_per_year"};
const Keys market_keys = {"on_demand_price", "spot_price", "price_trend_per_year", "spot_interruption_overhead"};
const Keys uncertainty_keys = {"price_volatility_per_year", "paths", "seed"};
const Keys option_keys = {"id", "kind", "label"};
const Keys commit_keys = {"id", "kind", "label", "gpus", "term_months", "price", "escalator_per_year",
                          "prepay_fraction", "prepay_discount", "overflow", "after_term"};
const Keys own_keys = {"id", "kind", "label", "gpus", "capex_per_gpu", "lead_time_months", "power_kw_per_gpu",
                       "pue", "energy_price_per_kwh", "energy_trend_per_year", "colo_per_kw_month",
                       "opex_fraction_per_year", "useful_life_months", "residual", "overflow"};
const Keys kinds = {"on_demand", "spot", "commit", "own"};

constexpr std::size_t max_options = 16;
constexpr std::size_t max_text_code_points = 200;


std::string describe_type(const Json& v) {
    switch (v.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
        case Json::value_t::string: return "a string (" + quote_text(v.get_ref<const std::string&>()) + ")";
        case Json::value_t::array: return "an array";
        case Json::value_t::object: return "an object";
        default: return "a number";
    }
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The allowed key a typo most likely meant, if any is close: one that starts
// with what was typed ("horizon" for "horizon_months"), or a few edits away.
std::string_view closest_key(std::string_view key, Keys allowed) {
    if (key.size() > 64) return {};
    if (key.size() >= 3) {
        for (std::string_view candidate : allowed) {
            if (candidate.size() > key.size() && candidate.substr(0, key.size()) == key) return candidate;
        }
    }
    std::string_view best;
    std::size_t best_distance = std::max<std::size_t>(2, key.size() / 4) + 1;
    for (std::string_view candidate : allowed) {
        const std::size_t d = edit_distance(key, candidate);
        if (d < best_distance) {
            best = candidate;
            best_distance = d;
        }
    }
    return best;
}

class ScenarioReader {
public:
    ScenarioParse read(const Json& doc) {
        if (!doc.is_object()) {
            report(root_path, "a scenario must be a JSON object, got " + describe_type(doc));
            return finish();
        }
        if (!read_schema(doc)) return finish();
        reject_unknown(doc, "", root_keys);

        s_.name = text(doc, "", "name").value_or("");
        s_.currency = currency(doc).value_or("USD");
        horizon_ok_ = read_number(doc, "", "horizon_months", numeric_rule(FieldOwner::scenario, "horizon_months"),
                                  true, [&](double v) { s_.horizon_months = static_cast<int>(v); });
        read_number(doc, "", "discount_rate", numeric_rule(FieldOwner::scenario, "discount_rate"), true,
                    [&](double v) { s_.discount_rate = v; });
        read_number(doc, "", "hours_per_month", numeric_rule(FieldOwner::scenario, "hours_per_month"), false,
                    [&](double v) { s_.hours_per_month = v; });

        if (const Json* demand = object_member(doc, "", "demand", true)) read_demand(*demand);
        const Json* market = object_member(doc, "", "market", true);
        if (market) read_market(*market);
        read_options(doc);
        if (market) require_spot_price_if_used(*market);
        if (const Json* uncertainty = object_member(doc, "", "uncertainty", false)) read_uncertainty(*uncertainty);
        return finish();
    }

private:
    // --- the scenario's parts ------------------------------------------------

    bool read_schema(const Json& doc) {
        const Json* schema = member(doc, "schema");
        if (!schema) {
            report("schema", std::string("required field is missing; a scenario starts with \"schema\": \"") +
                                 scenario_schema + "\"");
            return true;
        }
        if (!schema->is_string()) {
            report("schema", std::string("must be \"") + scenario_schema + "\", got " + describe_type(*schema));
            return true;
        }
        const std::string& value = schema->get_ref<const std::string&>();
        if (value == scenario_schema) return true;
        if (value.rfind("gpu-tco-", 0) == 0) {
            report("schema", "this is a " + quote_text(value) + " document, not a scenario (" + scenario_schema + ")");
            return false;
        }
        if (value.rfind("gpu-tco/", 0) == 0) {
            // Another version's fields mean other things: reporting them as v1 problems would only mislead.
            report("schema", "unsupported scenario version " + quote_text(value) + "; this engine reads \"" +
                                 scenario_schema + "\"");
            return false;
        }
        report("schema", std::string("must be \"") + scenario_schema + "\", got " + quote_text(value));
        return true;
    }

    void read_demand(const Json& demand) {
        reject_unknown(demand, "demand", demand_keys);
        read_number(demand, "demand", "gpus", numeric_rule(FieldOwner::scenario, "demand.gpus"), true,
                    [&](double v) { s_.demand.gpus = v; });
        read_number(demand, "demand", "growth_per_year", numeric_rule(FieldOwner::scenario, "demand.growth_per_year"),
                    false, [&](double v) { s_.demand.growth_per_year = v; });
    }

    void read_market(const Json& market) {
        reject_unknown(market, "market", market_keys);
        MarketPrices& m = s_.market;
        read_number(market, "market", "on_demand_price", numeric_rule(FieldOwner::scenario, "market.on_demand_price"),
                    true, [&](double v) { m.on_demand_price = v; });
        read_number(market, "market", "spot_price", numeric_rule(FieldOwner::scenario, "market.spot_price"), false,
                    [&](double v) { m.spot_price = v; });
        read_number(market, "market", "price_trend_per_year",
                    numeric_rule(FieldOwner::scenario, "market.price_trend_per_year"), false,
                    [&](double v) { m.price_trend_per_year = v; });
        read_number(market, "market", "spot_interruption_overhead",
                    numeric_rule(FieldOwner::scenario, "market.spot_interruption_overhead"), false,
                    [&](double v) { m.spot_interruption_overhead = v; });
    }

    void read_options(const Json& doc) {
        const Json* options = member(doc, "options");
        if (!options) {
            report("options", "required field is missing; a scenario needs at least one option");
            return;
        }
        if (!options->is_array()) {
            report("options", "must be an array of options, got " + describe_type(*options));
            return;
        }
        if (options->empty()) report("options", "must hold at least one option, got an empty array");
        if (options->size() > max_options) {
            report("options", "must hold at most " + std::to_string(max_options) + " options, got " +
                                  std::to_string(options->size()));
        }
        std::map<std::string, std::size_t> first_use_of_id;
        for (std::size_t i = 0; i < options->size(); ++i) {
            const std::string path = element_path("options", i);
            std::optional<Option> option = read_option((*options)[i], path);
            if (!option) continue;
            const auto [it, inserted] = first_use_of_id.emplace(option->id, i);
            if (!inserted) {
                report(path + ".id", "duplicate id " + quote_text(option->id) + "; " + element_path("options", it->second) +
                                         " already uses it");
                continue;
            }
            s_.options.push_back(std::move(*option));
        }
    }

    // An option, or nothing when its id or kind is unusable (problems reported).
    std::optional<Option> read_option(const Json& o, const std::string& path) {
        if (!o.is_object()) {
            report(path, "each option must be an object, got " + describe_type(o));
            return std::nullopt;
        }
        Option option;
        const std::optional<std::string> id = option_id(o, path);
        const std::optional<std::string> kind = option_kind(o, path);
        option.label = text(o, path, "label").value_or("");
        if (!kind) {
            // Without a kind there is no telling which other fields belong; only flag keys no kind has.
            for (const auto& item : o.items()) {
                const std::string& key = item.key();
                const auto known = [&](Keys keys) { return std::find(keys.begin(), keys.end(), key) != keys.end(); };
                if (!known(commit_keys) && !known(own_keys)) report(member_path(path, key), "unknown field");
            }
            return std::nullopt;
        }
        if (*kind == "on_demand") {
            reject_unknown(o, path, option_keys);
            option.terms = OnDemandTerms{};
        } else if (*kind == "spot") {
            reject_unknown(o, path, option_keys);
            option.terms = SpotTerms{};
        } else if (*kind == "commit") {
            reject_unknown(o, path, commit_keys);
            option.terms = read_commit(o, path);
        } else {
            reject_unknown(o, path, own_keys);
            option.terms = read_own(o, path);
        }
        note_spot_use(option.terms, path);
        if (!id) return std::nullopt;
        option.id = *id;
        return option;
    }

    CommitTerms read_commit(const Json& o, const std::string& path) {
        CommitTerms t;
        const auto rule = [](std::string_view key) { return numeric_rule(FieldOwner::commit_option, key); };
        read_number(o, path, "gpus", rule("gpus"), true, [&](double v) { t.gpus = v; });
        read_number(o, path, "term_months", horizon_bounded(rule("term_months")), true,
                    [&](double v) { t.term_months = static_cast<int>(v); });
        read_number(o, path, "price", rule("price"), true, [&](double v) { t.price_per_gpu_hour = v; });
        read_number(o, path, "escalator_per_year", rule("escalator_per_year"), false,
                    [&](double v) { t.escalator_per_year = v; });
        read_number(o, path, "prepay_fraction", rule("prepay_fraction"), false, [&](double v) { t.prepay_fraction = v; });
        read_number(o, path, "prepay_discount", rule("prepay_discount"), false, [&](double v) { t.prepay_discount = v; });
        t.overflow = market_choice(o, path, "overflow").value_or(Market::on_demand);
        t.after_term = market_choice(o, path, "after_term").value_or(Market::on_demand);
        return t;
    }

    OwnTerms read_own(const Json& o, const std::string& path) {
        OwnTerms t;
        const auto rule = [](std::string_view key) { return numeric_rule(FieldOwner::own_option, key); };
        read_number(o, path, "gpus", rule("gpus"), true, [&](double v) { t.gpus = v; });
        read_number(o, path, "capex_per_gpu", rule("capex_per_gpu"), true, [&](double v) { t.capex_per_gpu = v; });
        read_number(o, path, "lead_time_months", horizon_bounded(rule("lead_time_months")), false,
                    [&](double v) { t.lead_time_months = static_cast<int>(v); });
        read_number(o, path, "power_kw_per_gpu", rule("power_kw_per_gpu"), false, [&](double v) { t.power_kw_per_gpu = v; });
        read_number(o, path, "pue", rule("pue"), false, [&](double v) { t.pue = v; });
        read_number(o, path, "energy_price_per_kwh", rule("energy_price_per_kwh"), false,
                    [&](double v) { t.energy_price_per_kwh = v; });
        read_number(o, path, "energy_trend_per_year", rule("energy_trend_per_year"), false,
                    [&](double v) { t.energy_trend_per_year = v; });
        read_number(o, path, "colo_per_kw_month", rule("colo_per_kw_month"), false,
                    [&](double v) { t.colo_per_kw_month = v; });
        read_number(o, path, "opex_fraction_per_year", rule("opex_fraction_per_year"), false,
                    [&](double v) { t.opex_fraction_per_year = v; });
        read_number(o, path, "useful_life_months", rule("useful_life_months"), false,
                    [&](double v) { t.useful_life_months = static_cast<int>(v); });
        if (const Json* residual = member(o, "residual")) {
            const std::string p = member_path(path, "residual");
            if (residual->is_string() && *residual == "straight_line") t.residual = ResidualRule::straight_line;
            else if (residual->is_string() && *residual == "none") t.residual = ResidualRule::none;
            else report(p, "must be \"straight_line\" or \"none\", got " + describe_type(*residual));
        }
        t.overflow = market_choice(o, path, "overflow").value_or(Market::on_demand);
        return t;
    }

    void require_spot_price_if_used(const Json& market) {
        if (member(market, "spot_price") || first_spot_user_.empty()) return;
        report("market.spot_price", "required because " + first_spot_user_ + " buys on the spot market");
    }

    void note_spot_use(const OptionTerms& terms, const std::string& path) {
        const bool uses_spot = std::visit(
            [](const auto& t) {
                using T = std::decay_t<decltype(t)>;
                if constexpr (std::is_same_v<T, SpotTerms>) return true;
                else if constexpr (std::is_same_v<T, CommitTerms>) return t.overflow == Market::spot || t.after_term == Market::spot;
                else if constexpr (std::is_same_v<T, OwnTerms>) return t.overflow == Market::spot;
                else return false;
            },
            terms);
        if (uses_spot && first_spot_user_.empty()) first_spot_user_ = path;
    }

    void read_uncertainty(const Json& u) {
        reject_unknown(u, "uncertainty", uncertainty_keys);
        Uncertainty out;
        bool complete = true;
        complete &= read_number(u, "uncertainty", "price_volatility_per_year", volatility_rule, true,
                                [&](double v) { out.price_volatility_per_year = v; });
        complete &= read_number(u, "uncertainty", "paths", paths_rule, true,
                                [&](double v) { out.paths = static_cast<std::int64_t>(v); });
        complete &= read_number(u, "uncertainty", "seed", seed_rule, true,
                                [&](double v) { out.seed = static_cast<std::uint64_t>(v); });
        if (complete) s_.uncertainty = out;
    }

    // --- field readers -------------------------------------------------------

    static const Json* member(const Json& object, std::string_view key) {
        const auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }

    const Json* object_member(const Json& parent, const std::string& parent_path, std::string_view key, bool required) {
        const Json* v = member(parent, key);
        const std::string path = member_path(parent_path, key);
        if (!v) {
            if (required) report(path, "required field is missing");
            return nullptr;
        }
        if (!v->is_object()) {
            report(path, "must be an object, got " + describe_type(*v));
            return nullptr;
        }
        return v;
    }

    void reject_unknown(const Json& object, const std::string& path, Keys allowed) {
        for (const auto& item : object.items()) {
            const std::string& key = item.key();
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            std::string message = "unknown field";
            const std::string_view guess = closest_key(key, allowed);
            if (!guess.empty()) message += "; did you mean " + quote_text(guess) + "?";
            report(member_path(path, key), message);
        }
    }

    // Reads a number under `rule`; calls `store` and returns true when it is valid.
    // An absent optional field returns true and leaves the default in place.
    template <typename Store>
    bool read_number(const Json& object, const std::string& parent_path, std::string_view key, const NumberRule& rule,
                     bool required, Store store) {
        const Json* v = member(object, key);
        const std::string path = member_path(parent_path, key);
        if (!v) {
            if (required) report(path, "required field is missing");
            return !required;
        }
        if (!v->is_number()) {
            report(path, "must be a number, got " + describe_type(*v));
            return false;
        }
        const double x = v->get<double>();
        if (!std::isfinite(x)) {
            report(path, "must be a finite number; this one is too large to represent");
            return false;
        }
        if (!rule.allows(x)) {
            std::string message = "must be " + rule.describe();
            if (&rule == &bounded_rule_) message += " (horizon_months)";
            report(path, message + ", got " + shortest_number(x));
            return false;
        }
        store(x);
        return true;
    }

    // A rule whose maximum is the horizon, when the horizon itself is valid.
    const NumberRule& horizon_bounded(const NumberRule& rule) {
        if (!horizon_ok_) return rule;
        bounded_rule_ = rule;
        bounded_rule_.max = s_.horizon_months;
        return bounded_rule_;
    }

    static const NumberRule& numeric_rule(FieldOwner owner, std::string_view key) { return numeric_field(owner, key)->rule; }

    std::optional<std::string> text(const Json& object, const std::string& parent_path, std::string_view key) {
        const Json* v = member(object, key);
        if (!v) return std::nullopt;
        const std::string path = member_path(parent_path, key);
        if (!v->is_string()) {
            report(path, "must be a string, got " + describe_type(*v));
            return std::nullopt;
        }
        const std::string& value = v->get_ref<const std::string&>();
        const std::size_t length = count_code_points(value);
        if (length > max_text_code_points) {
            report(path, "must be at most " + std::to_string(max_text_code_points) + " characters long, got " +
                             std::to_string(length));
            return std::nullopt;
        }
        return value;
    }

    std::optional<std::string> currency(const Json& doc) {
        const Json* v = member(doc, "currency");
        if (!v) return std::nullopt;
        const bool ok = v->is_string() && v->get_ref<const std::string&>().size() == 3 &&
                        std::all_of(v->get_ref<const std::string&>().begin(), v->get_ref<const std::string&>().end(),
                                    [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!ok) {
            report("currency", "must be a three-letter ISO 4217 code in capitals such as \"USD\", got " + describe_type(*v));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<std::string> option_id(const Json& o, const std::string& path) {
        const Json* v = member(o, "id");
        const std::string p = path + ".id";
        if (!v) {
            report(p, "required field is missing");
            return std::nullopt;
        }
        const auto allowed = [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        };
        const bool ok = v->is_string() && !v->get_ref<const std::string&>().empty() &&
                        v->get_ref<const std::string&>().size() <= 64 &&
                        std::all_of(v->get_ref<const std::string&>().begin(), v->get_ref<const std::string&>().end(), allowed);
        if (!ok) {
            report(p, "must be 1 to 64 characters of ASCII letters, digits, '_' or '-', got " + describe_type(*v));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<std::string> option_kind(const Json& o, const std::string& path) {
        const Json* v = member(o, "kind");
        const std::string p = path + ".kind";
        if (!v) {
            report(p, "required field is missing; one of \"on_demand\", \"spot\", \"commit\", \"own\"");
            return std::nullopt;
        }
        if (v->is_string() && std::find(kinds.begin(), kinds.end(), v->get_ref<const std::string&>()) != kinds.end()) {
            return v->get<std::string>();
        }
        report(p, "must be one of \"on_demand\", \"spot\", \"commit\", \"own\", got " + describe_type(*v));
        return std::nullopt;
    }

    std::optional<Market> market_choice(const Json& o, const std::string& path, std::string_view key) {
        const Json* v = member(o, key);
        if (!v) return std::nullopt;
        if (v->is_string() && *v == "on_demand") return Market::on_demand;
        if (v->is_string() && *v == "spot") return Market::spot;
        report(member_path(path, key), "must be \"on_demand\" or \"spot\", got " + describe_type(*v));
        return std::nullopt;
    }

    // --- problems ------------------------------------------------------------

    void report(std::string path, std::string message) {
        if (problems_.size() < max_reported_problems) {
            problems_.push_back({std::move(path), std::move(message)});
        } else if (problems_.size() == max_reported_problems) {
            problems_.push_back({root_path, "more problems were found; only the first " +
                                                std::to_string(max_reported_problems) + " are listed"});
        }
    }

    ScenarioParse finish() {
        ScenarioParse out;
        out.problems = std::move(problems_);
        if (out.problems.empty()) out.scenario = std::move(s_);
        return out;
    }

    Scenario s_;
    Problems problems_;
    bool horizon_ok_ = false;
    NumberRule bounded_rule_;
    std::string first_spot_user_;  // path of the first option that buys on spot
};

}  // namespace

ScenarioParse scenario_from_json(const Json& document) { return ScenarioReader().read(document); }

ScenarioParse parse_scenario(std::string_view text, JsonLimits limits) {
    JsonDocument doc = read_json(text, limits);
    if (!doc.ok()) return ScenarioParse{std::nullopt, std::move(doc.problems)};
    return scenario_from_json(doc.value);
}

}  // namespace gputco
