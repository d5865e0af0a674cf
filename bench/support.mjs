// What the node benchmarks share: the repository's root, their command-line
// options (--name value) and timing a function over many runs.
import { resolve } from 'node:path';

export const ROOT = resolve(new URL('..', import.meta.url).pathname);

const args = process.argv.slice(2);

/** The value after --name on the command line, or the fallback. */
export function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

/**
 * Runs `run` `warmup` times (the JIT and the wasm tiers settle), then `count`
 * times timed; returns the median, the 10th and the 90th percentile in ms.
 */
export function timeRuns(run, count, warmup) {
  for (let i = 0; i < warmup; i += 1) run();
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], p10: times[Math.floor(times.length * 0.1)], p90: times[Math.floor(times.length * 0.9)] };
}
