// What the analysis worker does with each message, independent of where it
// runs: in a Web Worker (analysis-worker.js), or on the page itself where
// workers cannot be created (a sandboxed embed, whose opaque origin may not
// start a worker from the page's server).
//
// Messages in:
//   {type: 'init', wasmBinary?}                      the engine's bytes (single-file page only)
//   {type: 'jobs', id, scenario, jobs: [...]}        break-even and sensitivity; only the latest is run
//   {type: 'simulate', id, scenario, settings}       Monte Carlo, reporting progress
// Messages out, through `post`:
//   {type: 'jobs', id, results: {key: {ok, result} | {ok: false, problems}}}
//   {type: 'progress', id, fraction} and {type: 'simulation', id, ok, result | problems}
import { createEngine, TcoError } from './gpu-tco.mjs';

/** @param {(message: object) => void} post */
export function createJobRunner(post) {
  let enginePromise = null;
  let latest = null;  // the newest jobs message not yet run: older ones are superseded
  let scheduled = false;

  const engine = () => (enginePromise ??= createEngine());

  function receive(message) {
    if (message.type === 'init') {
      enginePromise = createEngine(message.wasmBinary ? { wasmBinary: message.wasmBinary } : {});
    } else if (message.type === 'jobs') {
      latest = message;
      if (!scheduled) {
        scheduled = true;
        setTimeout(runLatestJobs, 0);  // lets newer messages arrive first
      }
    } else if (message.type === 'simulate') {
      simulate(message);
    }
  }

  async function runLatestJobs() {
    scheduled = false;
    const message = latest;
    latest = null;
    if (!message) return;
    const tco = await engine();
    const results = {};
    for (const job of message.jobs) {
      results[job.key] = outcome(() => (job.kind === 'breakeven'
        ? tco.breakeven({ scenario: message.scenario, ...job.request })
        : tco.sensitivity({ scenario: message.scenario, ...job.request })));
    }
    post({ type: 'jobs', id: message.id, results });
  }

  async function simulate({ id, scenario, settings }) {
    const tco = await engine();
    let reported = -1;
    const result = outcome(() => tco.simulate({
      scenario,
      ...settings,
      onProgress(fraction) {
        const percent = Math.floor(fraction * 100);
        if (percent !== reported) {
          reported = percent;
          post({ type: 'progress', id, fraction });
        }
      },
    }));
    post({ type: 'simulation', id, ...result });
  }

  return { receive };
}

function outcome(run) {
  try {
    return { ok: true, result: run() };
  } catch (error) {
    if (error instanceof TcoError) return { ok: false, problems: error.problems };
    return { ok: false, problems: [{ path: '(root)', message: String(error && error.message || error) }] };
  }
}
