// The analysis worker: break-even, sensitivity and Monte Carlo off the page's
// main thread, so typing never waits for them.
//
// Messages in:
//   {type: 'init', wasmBinary?}                      the engine's bytes (single-file page only)
//   {type: 'jobs', id, scenario, jobs: [...]}        break-even and sensitivity; only the latest is run
//   {type: 'simulate', id, scenario, settings}       Monte Carlo, reporting progress
// Messages out:
//   {type: 'jobs', id, results: {key: {ok, result} | {ok: false, problems}}}
//   {type: 'progress', id, fraction} and {type: 'simulation', id, ok, result | problems}
import { createEngine, TcoError } from './gpu-tco.mjs';

let enginePromise = null;
let latest = null;  // the newest jobs message not yet run: older ones are superseded
let scheduled = false;

function engine() {
  enginePromise ??= createEngine();
  return enginePromise;
}

self.onmessage = (event) => {
  const message = event.data;
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
};

async function runLatestJobs() {
  scheduled = false;
  const message = latest;
  latest = null;
  if (!message) return;
  const tco = await engine();
  const results = {};
  for (const job of message.jobs) {
    results[job.key] = outcome(() => {
      if (job.kind === 'breakeven') return tco.breakeven({ scenario: message.scenario, ...job.request });
      return tco.sensitivity({ scenario: message.scenario, ...job.request });
    });
  }
  self.postMessage({ type: 'jobs', id: message.id, results });
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
        self.postMessage({ type: 'progress', id, fraction });
      }
    },
  }));
  self.postMessage({ type: 'simulation', id, ...result });
}

function outcome(run) {
  try {
    return { ok: true, result: run() };
  } catch (error) {
    if (error instanceof TcoError) return { ok: false, problems: error.problems };
    return { ok: false, problems: [{ path: '(root)', message: String(error && error.message || error) }] };
  }
}
