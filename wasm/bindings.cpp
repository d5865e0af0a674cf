// The WebAssembly boundary: one EMSCRIPTEN_BINDINGS block over the core.
//
// Every function takes scenario text and returns a plain object; nothing the
// caller holds needs freeing, and no C++ exception ever crosses into
// JavaScript: errors come back as data ({ok: false, problems}) and the wrapper
// module (gpu-tco.mjs) turns them into a TcoError.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <exception>
#include <new>
#include <string>
#include <vector>

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

std::string engine_version() { return version(); }

}  // namespace

EMSCRIPTEN_BINDINGS(gpu_tco) {
    emscripten::function("evaluate", &evaluate_scenario);
    emscripten::function("validate", &validate_scenario);
    emscripten::function("version", &engine_version);
}
