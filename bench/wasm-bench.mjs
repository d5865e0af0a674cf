// WebAssembly benchmark, in node, through the public JavaScript API: the same
// largest-scenario evaluation as the native benchmark (JSON text in, result
// object out), as the median of many runs, and its ratio to the native figure.
//   node bench/wasm-bench.mjs [--site DIR] [--native-bench PATH] [--runs N]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, option, timeRuns } from './support.mjs';

const site = resolve(option('site', join(ROOT, 'build/wasm/site')));
const nativeBench = resolve(option('native-bench', join(ROOT, 'build/native/bench/gpu-tco-bench')));
const runs = Number(option('runs', 2000));
const scenarioPath = join(ROOT, 'tests/data/largest.json');

const { createEngine } = await import(pathToFileURL(join(site, 'gpu-tco.mjs')).href);
const engine = await createEngine();
const text = readFileSync(scenarioPath, 'utf8');

let sink = 0;
const evaluate = timeRuns(() => { sink += engine.evaluate(text).options.length; }, runs, Math.min(200, runs));
const fromObject = (() => { const object = JSON.parse(text); return timeRuns(() => { sink += engine.evaluate(object).options.length; }, runs, Math.min(200, runs)); })();

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
