#include "gputco/analysis_json.hpp"

#include <cmath>

#include "analysis_support.hpp"
#include "gputco/json_writer.hpp"

namespace gputco {

namespace {

// A value of a whole-number input is written as an integer (36, not 36.0).
void input_value(JsonWriter& w, bool whole, double value) {
    if (whole) w.value(static_cast<std::int64_t>(std::llround(value)));
    else w.value(value);
}

void id_or_null(JsonWriter& w, const std::string& id) {
    if (id.empty()) w.null();
    else w.value(id);
}

}  // namespace
std::string write_breakeven(const Breakeven& r, int indent) {
    JsonWriter w(indent);
    w.begin_object();
    w.key("schema").value(breakeven_schema);
    w.key("param").value(r.param);
    w.key("a").value(r.a);
    w.key("b").value(r.b);
    w.key("crossings").begin_array();
    for (const Crossing& c : r.crossings) {
        w.begin_object();
        w.key("value");
        input_value(w, r.whole, c.value);
        w.key("cheaper_below").value(c.cheaper_below);
        w.key("cheaper_above").value(c.cheaper_above);
        w.end_object();
    }
    w.end_array();
    w.key("whole").value(r.whole);
    w.key("min");
    input_value(w, r.whole, r.min);
    w.key("max");
    input_value(w, r.whole, r.max);
    w.key("valid_min");
    input_value(w, r.whole, r.valid_min);
    w.key("valid_max");
    input_value(w, r.whole, r.valid_max);
    w.key("invalid_points").value(static_cast<std::int64_t>(r.invalid_points));
    w.key("current_value");
    input_value(w, r.whole, r.current_value);
    w.key("cheaper_now").value(r.cheaper_now);
    w.key("cheaper_at_min").value(r.cheaper_at_min);
    w.key("cheaper_at_max").value(r.cheaper_at_max);
    w.end_object();
    return w.take();
}
std::string write_sensitivity(const Sensitivity& r, int indent) {
    JsonWriter w(indent);
    w.begin_object();
    w.key("schema").value(sensitivity_schema);
    w.key("metric").value(r.option.empty() ? "npv_a_minus_npv_b" : "npv_cost");
    w.key("option");
    id_or_null(w, r.option);
    w.key("a");
    id_or_null(w, r.a);
    w.key("b");
    id_or_null(w, r.b);
    w.key("base").value(r.base);
    w.key("cheaper");
    id_or_null(w, r.cheaper);
    w.key("step").value(r.step);
    w.key("rate_step").value(r.rate_step);
    w.key("inputs").begin_array();
    for (const SensitivityInput& in : r.inputs) {
        w.begin_object();
        w.key("param").value(in.param);
        w.key("scale").value(in.scale == FieldScale::rate ? "rate" : "amount");
        w.key("base_value");
        input_value(w, in.whole, in.base_value);
        w.key("low_value");
        input_value(w, in.whole, in.low_value);
        w.key("high_value");
        input_value(w, in.whole, in.high_value);
        w.key("metric_low").value(in.metric_low);
        w.key("metric_high").value(in.metric_high);
        w.key("swing").value(in.swing);
        w.key("cheaper_low");
        id_or_null(w, in.cheaper_low);
        w.key("cheaper_high");
        id_or_null(w, in.cheaper_high);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.take();
}
std::string write_simulation(const Simulation& r, int indent) {
    JsonWriter w(indent);
    w.begin_object();
    w.key("schema").value(simulation_schema);
    w.key("paths").value(r.paths);
    w.key("seed").value(static_cast<std::int64_t>(r.seed));
    w.key("options").begin_array();
    for (const OptionDistribution& o : r.options) {
        w.begin_object();
        w.key("id").value(o.id);
        w.key("npv_mean").value(o.npv_mean);
        w.key("npv_p5").value(o.npv_p5);
        w.key("npv_p50").value(o.npv_p50);
        w.key("npv_p95").value(o.npv_p95);
        w.key("cheapest_share").value(o.cheapest_share);
        w.key("npv_deterministic").value(o.npv_deterministic);
        w.key("npv_stdev").value(o.npv_stdev);
        w.key("histogram").begin_object();
        w.key("below").value(o.below);
        w.key("counts").begin_array();
        for (std::int64_t n : o.histogram) w.value(n);
        w.end_array();
        w.key("above").value(o.above);
        w.end_object();
        w.end_object();
    }
    w.end_array();
    w.key("volatility").value(r.volatility);
    w.key("histogram_edges").values(r.histogram_edges.data(), r.histogram_edges.size());
    w.end_object();
    return w.take();
}

}  // namespace gputco
