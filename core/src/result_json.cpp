#include "gputco/result_json.hpp"

#include "gputco/json_writer.hpp"

namespace gputco {

std::string write_result(const Evaluation& evaluation, int indent) {
    JsonWriter w(indent);
    w.begin_object();
    w.key("schema").value(result_schema);
    w.key("cheapest");
    if (evaluation.options.empty()) w.null();
    else w.value(evaluation.options[evaluation.cheapest].id);
    w.key("options").begin_array();
    std::vector<double> monthly;
    for (const OptionResult& r : evaluation.options) {
        monthly.resize(static_cast<std::size_t>(r.flows.months()));
        for (int m = 0; m < r.flows.months(); ++m) monthly[static_cast<std::size_t>(m)] = r.flows.monthly(m);
        w.begin_object();
        w.key("id").value(r.id);
        w.key("upfront").value(r.flows.upfront);
        w.key("monthly").values(monthly.data(), monthly.size());
        w.key("residual_value").value(r.flows.residual_value);
        w.key("total_cost").value(r.total_cost);
        w.key("npv_cost").value(r.npv_cost);
        w.key("work_gpu_hours").value(r.work_gpu_hours);
        w.key("idle_gpu_hours").value(r.idle_gpu_hours);
        w.key("levelized_cost_per_gpu_hour");
        if (r.levelized_cost_per_gpu_hour) w.value(*r.levelized_cost_per_gpu_hour);
        else w.null();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.take();
}

}  // namespace gputco
