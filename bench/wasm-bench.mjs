// WebAssembly benchmark, in node, through the public JavaScript API: the same
// largest-scenario evaluation as the native benchmark (JSON text in, result
// object out), as the median of many runs, and its ratio to the native figure.
//   node bench/wasm-bench.mjs [--site DIR] [--native-bench PATH] [--runs N]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const site = resolve(option('site', join(ROOT, 'build/wasm/site')));
const nativeBench = resolve(option('native-bench', join(ROOT, 'build/native/bench/gpu-tco-bench')));
const runs = Number(option('runs', 2000));
const scenarioPath = join(ROOT, 'tests/data/largest.json');

const { createEngine } = await import(pathToFileURL(join(site, 'gpu-tco.mjs')).href);
const engine = await createEngine();
const text = readFileSync(scenarioPath, 'utf8');

function median(run, count) {
  for (let i = 0; i < Math.min(200, count); i += 1) run();  // warm up the JIT and the wasm tiers
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], p10: times[Math.floor(times.length * 0.1)], p90: times[Math.floor(times.length * 0.9)] };
}

let sink = 0;
const evaluate = median(() => { sink += engine.evaluate(text).options.length; }, runs);
const fromObject = (() => { const object = JSON.parse(text); return median(() => { sink += engine.evaluate(object).options.length; }, runs); })();

let native = null;
try {
  native = JSON.parse(execFileSync(nativeBench, ['--json', '--runs', String(runs)], { encoding: 'utf8' }));
} catch {
  // no native build: print the wasm figures alone
}

console.log(`gpu-tco wasm benchmark (node ${process.versions.node}): tests/data/largest.json (16 options x 240 months), ${runs} runs`);
console.log(`  engine.evaluate(JSON text)    median ${evaluate.median.toFixed(3)} ms  (p10 ${evaluate.p10.toFixed(3)}, p90 ${evaluate.p90.toFixed(3)})   target < 2 ms`);
console.log(`  engine.evaluate(object)       median ${fromObject.median.toFixed(3)} ms`);
if (native) {
  const ratio = evaluate.median / native.end_to_end_median_ms;
  console.log(`  native end to end             median ${native.end_to_end_median_ms.toFixed(3)} ms`);
  console.log(`  wasm / native                 ${ratio.toFixed(2)}   target < 2`);
}
if (sink < 0) console.log(sink);
