#include "gputco/result_json.hpp"

#include "gputco/json_writer.hpp"

namespace gputco {

std::string write_result(const Evaluation& evaluation, ResultFormat format) {
    JsonWriter w(format.indent);
    w.begin_object();
    w.key("schema").value(result_schema);
    w.key("cheapest");
    if (evaluation.options.empty()) w.null();
    else w.value(evaluation.options[evaluation.cheapest].id);
    w.key("options").begin_array();
    std::vector<double> monthly;
    for (const OptionResult& r : evaluation.options) {
        monthly.resize(format.monthly ? static_cast<std::size_t>(r.flows.months()) : 0);
        for (std::size_t m = 0; m < monthly.size(); ++m) monthly[m] = r.flows.monthly(static_cast<int>(m));
        w.begin_object();
        w.key("id").value(r.id);
        w.key("upfront").value(r.flows.upfront);
        if (format.monthly) w.key("monthly").values(monthly.data(), monthly.size());
        else w.key("monthly").null();
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

namespace gputco {

std::string write_problems(const Problems& problems) {
    JsonWriter w;
    w.begin_array();
    for (const Problem& p : problems) {
        w.begin_object();
        w.key("path").value(p.path);
        w.key("message").value(p.message);
        w.end_object();
    }
    w.end_array();
    return w.take();
}

}  // namespace gputco
