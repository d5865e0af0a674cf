// The WebAssembly boundary: one EMSCRIPTEN_BINDINGS block over the core.
//
// Every function takes scenario text (and, for the analyses, a plain request
// object the wrapper has already type-checked) and returns a plain object;
// nothing the caller holds needs freeing, and no C++ exception ever crosses into
// JavaScript: errors come back as data ({ok: false, problems}) and the wrapper
// module (gpu-tco.mjs) turns them into a TcoError.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <exception>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "gputco/analysis_json.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/result_json.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/version.hpp"

namespace {

using emscripten::val;
using namespace gputco;

val failure(const char* code, const Problems& problems) {
    val out = val::object();
    out.set("ok", false);
    out.set("code", code);
    out.set("problems", write_problems(problems));
    return out;
}

// Runs `body`, turning any exception into an error object.
template <typename Body>
val guarded(Body&& body) {
    try {
        return body();
    } catch (const InputError& e) {
        return failure("invalid_input", e.problems());
    } catch (const SimulationCancelled&) {
        return failure("cancelled", {{root_path, "the simulation was cancelled"}});
    } catch (const std::bad_alloc&) {
        return failure("out_of_memory", {{root_path, "the engine ran out of memory"}});
    } catch (const std::exception& e) {
        return failure("internal", {{root_path, std::string("internal error: ") + e.what()}});
    } catch (...) {
        return failure("internal", {{root_path, "internal error"}});
    }
}

// Monthly cash flows of the last evaluation, option after option. The wrapper
// copies them out of wasm memory before it returns, so reusing one buffer is safe.
std::vector<double> monthly_buffer;

val evaluate_scenario(const std::string& text) {
    return guarded([&] {
        const ScenarioParse parsed = parse_scenario(text);
        if (!parsed.ok()) return failure("invalid_input", parsed.problems);
        const Evaluation evaluation = evaluate(*parsed.scenario);
        const int months = parsed.scenario->horizon_months;
        monthly_buffer.resize(evaluation.options.size() * static_cast<std::size_t>(months));
        std::size_t i = 0;
        for (const OptionResult& r : evaluation.options) {
            for (int m = 0; m < months; ++m) monthly_buffer[i++] = r.flows.monthly(m);
        }
        val out = val::object();
        out.set("ok", true);
        out.set("result", write_result(evaluation, {-1, false}));
        out.set("months", months);
        out.set("monthly", val(emscripten::typed_memory_view(monthly_buffer.size(), monthly_buffer.data())));
        return out;
    });
}

val validate_scenario(const std::string& text) {
    return guarded([&] {
        const ScenarioParse parsed = parse_scenario(text);
        if (!parsed.ok()) return failure("invalid_input", parsed.problems);
        val out = val::object();
        out.set("ok", true);
        return out;
    });
}

// Request fields: numbers and strings the wrapper has checked; absent is undefined or null.
std::optional<double> number_field(const val& request, const char* name) {
    const val v = request[name];
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    return v.as<double>();
}

std::string text_field(const val& request, const char* name) {
    const val v = request[name];
    return v.isString() ? v.as<std::string>() : std::string();
}

// The analyses: a valid scenario and the request in, a JSON document out.
std::string run_breakeven(const Scenario& scenario, const val& request) {
    BreakevenRequest r;
    r.a = text_field(request, "a");
    r.b = text_field(request, "b");
    r.param = text_field(request, "param");
    r.min = number_field(request, "min");
    r.max = number_field(request, "max");
    return write_breakeven(breakeven(scenario, r));
}

std::string run_sensitivity(const Scenario& scenario, const val& request) {
    SensitivityRequest r;
    r.option = text_field(request, "option");
    r.a = text_field(request, "a");
    r.b = text_field(request, "b");
    r.step = number_field(request, "step");
    r.rate_step = number_field(request, "rate_step");
    return write_sensitivity(sensitivity(scenario, r));
}

// request.progress(fraction), when present, is a JavaScript function returning false to cancel.
std::string run_simulate(const Scenario& scenario, const val& request) {
    const SimulationSettings settings = simulation_settings(
        scenario, {number_field(request, "volatility"), number_field(request, "paths"), number_field(request, "seed")});
    const val progress = request["progress"];
    SimulationProgress report;
    if (!progress.isUndefined()) report = [&progress](double fraction) { return progress(fraction).as<bool>(); };
    return write_simulation(simulate(scenario, settings, report));
}

// Runs analysis `name` ("breakeven", "sensitivity" or "simulate") on scenario text:
// {ok: true, result: JSON text} or an error object.
val analyse(const std::string& name, const std::string& text, const val& request) {
    return guarded([&] {
        const ScenarioParse parsed = parse_scenario(text);
        if (!parsed.ok()) return failure("invalid_input", parsed.problems);
        const auto run = name == "breakeven" ? run_breakeven : name == "sensitivity" ? run_sensitivity : run_simulate;
        val out = val::object();
        out.set("ok", true);
        out.set("result", run(*parsed.scenario, request));
        return out;
    });
}

std::string engine_version() { return version(); }

}  // namespace

EMSCRIPTEN_BINDINGS(gpu_tco) {
    emscripten::function("evaluate", &evaluate_scenario);
    emscripten::function("validate", &validate_scenario);
    emscripten::function("analyse", &analyse);
    emscripten::function("version", &engine_version);
}
