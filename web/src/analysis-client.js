// Runs analyses in workers and hands back only the answers that are still
// current. No DOM.
//
// Break-even and sensitivity go to one long-lived worker that always runs the
// newest request. A Monte Carlo simulation gets a worker of its own, which is
// terminated the moment the inputs change: a simulation cannot be interrupted
// from outside while it runs, but its worker can.
//
// Where no worker can be started (a sandboxed embed: its opaque origin may not
// start one from the page's server, and the strict CSP forbids blob: workers),
// the same job runner works on the page itself, between frames.
import { createJobRunner } from './analysis-jobs.js';

/**
 * @param {{workerUrl?: URL, workerSource?: string, wasmBinary?: Uint8Array,
 *   onJobs: (results: object) => void, onProgress: (fraction: number) => void,
 *   onSimulation: (outcome: {ok: boolean, result?: object, problems?: object[]}) => void}} options
 *   workerSource: the worker's bundled code, for the single-file page (started from a Blob URL)
 */
export function createAnalysis({ workerUrl, workerSource, wasmBinary, onJobs, onProgress, onSimulation }) {
  const blobUrl = workerSource ? URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })) : null;
  let jobsId = 0;
  let simulationId = 0;
  let simulationWorker = null;  // running a simulation; terminated if the inputs change
  let idleWorker = null;        // finished its last simulation: reused, which saves loading the engine again

  function start() {
    let worker;
    try {
      worker = new Worker(blobUrl || workerUrl, { type: 'module' });
    } catch {
      worker = inPageWorker();
    }
    if (wasmBinary) worker.postMessage({ type: 'init', wasmBinary });
    return worker;
  }

  const quick = start();
  quick.onmessage = (event) => {
    if (event.data.type === 'jobs' && event.data.id === jobsId) onJobs(event.data.results);
  };

  /** Break-even and sensitivity requests for this scenario: [{key, kind, request}]. */
  function runJobs(scenario, jobs) {
    jobsId += 1;
    quick.postMessage({ type: 'jobs', id: jobsId, scenario, jobs });
  }

  /** Starts a simulation, stopping any that is running. */
  function simulate(scenario, settings) {
    cancelSimulation();
    simulationId += 1;
    const id = simulationId;
    const worker = idleWorker || start();
    idleWorker = null;
    simulationWorker = worker;
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === 'progress') onProgress(message.fraction);
      else if (message.type === 'simulation') {
        simulationWorker = null;
        idleWorker = worker;
        onSimulation(message);
      }
    };
    worker.postMessage({ type: 'simulate', id, scenario, settings });
  }

  function cancelSimulation() {
    simulationWorker?.terminate();
    simulationWorker = null;
    simulationId += 1;  // any message still in flight is now stale
  }

  return { runJobs, simulate, cancelSimulation };
}

// A stand-in with a worker's interface, running the jobs on this thread. Its
// simulations cannot be stopped, only ignored (their ids go stale).
function inPageWorker() {
  const fake = { onmessage: null, terminate() { fake.onmessage = null; } };
  const runner = createJobRunner((data) => setTimeout(() => fake.onmessage?.({ data }), 0));
  fake.postMessage = (data) => setTimeout(() => runner.receive(data), 0);
  return fake;
}
