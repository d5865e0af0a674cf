// The scenario: plain value types mirroring METHODOLOGY §2 and §4.
//
// A Scenario is only ever built by parse_scenario() (scenario_json.hpp), which
// applies the defaults and guarantees every rule of the methodology holds, so
// the evaluation code can trust every field without checking it again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gputco {

// Where work that an option does not cover itself is bought (§3).
enum class Market { on_demand, spot };

enum class ResidualRule { straight_line, none };

struct Demand {
    double gpus = 0;              // GPUs of work kept busy in month 0
    double growth_per_year = 0;   // annual, compounds monthly
};

struct MarketPrices {
    double on_demand_price = 0;               // per GPU-hour in month 0
    std::optional<double> spot_price;         // per GPU-hour in month 0
    double price_trend_per_year = 0;          // -0.2: prices fall 20 % a year
    double spot_interruption_overhead = 0;    // extra share of hours needed on spot
};

struct OnDemandTerms {};
struct SpotTerms {};

struct CommitTerms {
    double gpus = 0;
    int term_months = 0;
    double price_per_gpu_hour = 0;            // contract year 1
    double escalator_per_year = 0;            // applied at each anniversary
    double prepay_fraction = 0;               // share of the term's charges paid upfront
    double prepay_discount = 0;               // discount on the prepaid share
    Market overflow = Market::on_demand;      // work above the commitment
    Market after_term = Market::on_demand;    // all work once the term has ended
};

struct OwnTerms {
    double gpus = 0;
    double capex_per_gpu = 0;
    int lead_time_months = 0;
    double power_kw_per_gpu = 0;
    double pue = 1;
    double energy_price_per_kwh = 0;
    double energy_trend_per_year = 0;
    double colo_per_kw_month = 0;
    double opex_fraction_per_year = 0;
    int useful_life_months = 60;
    ResidualRule residual = ResidualRule::straight_line;
    Market overflow = Market::on_demand;
};

using OptionTerms = std::variant<OnDemandTerms, SpotTerms, CommitTerms, OwnTerms>;

struct Option {
    std::string id;
    std::string label;
    OptionTerms terms;
};

// Monte Carlo settings (§7). eval ignores them.
struct Uncertainty {
    double price_volatility_per_year = 0;
    std::int64_t paths = 0;
    std::uint64_t seed = 0;
};

struct Scenario {
    std::string name;
    std::string currency = "USD";
    int horizon_months = 0;
    double discount_rate = 0;        // annual effective
    double hours_per_month = 730;
    Demand demand;
    MarketPrices market;
    std::vector<Option> options;
    std::optional<Uncertainty> uncertainty;
};

// The option kind's name as written in a scenario ("on_demand", "commit", ...).
const char* kind_name(const OptionTerms& terms);
const char* market_name(Market market);

}  // namespace gputco
