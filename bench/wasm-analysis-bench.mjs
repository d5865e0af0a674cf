// WebAssembly benchmark of the decision analysis, in node, through the public
// JavaScript API: the same runs as the native analysis benchmark
// (bench/analysis_bench.cpp), their medians, and the wasm/native ratios.
//   node bench/wasm-analysis-bench.mjs [--site DIR] [--native-bench PATH] [--runs N]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, option, timeRuns } from './support.mjs';

const site = resolve(option('site', join(ROOT, 'build/wasm/site')));
const nativeBench = resolve(option('native-bench', join(ROOT, 'build/native/bench/gpu-tco-analysis-bench')));
const runs = Number(option('runs', 11));
const median = (run, count) => timeRuns(run, count, 3).median;

const { createEngine } = await import(pathToFileURL(join(site, 'gpu-tco.mjs')).href);
const engine = await createEngine();
const medium = readFileSync(join(ROOT, 'tests/data/commit-escalator-then-spot.json'), 'utf8');  // 60 months, 4 options
const largest = readFileSync(join(ROOT, 'tests/data/largest.json'), 'utf8');                    // 240 months, 16 options
const largestIds = JSON.parse(largest).options.map((o) => o.id);

let sink = 0;
const wasm = {
  simulate_ms: median(() => {
    sink += engine.simulate({ scenario: medium, paths: 100000, seed: 42, volatility: 0.3, onProgress: () => {} }).options.length;
  }, runs),
  breakeven_ms: median(() => {
    sink += engine.breakeven({ scenario: medium, a: 'on-demand', b: 'commit-48m-then-spot', param: 'market.price_trend_per_year' }).crossings.length;
  }, runs * 5),
  breakeven_largest_ms: median(() => {
    sink += engine.breakeven({ scenario: largest, a: largestIds[0], b: largestIds[2], param: 'market.price_trend_per_year' }).crossings.length;
  }, runs),
  sensitivity_ms: median(() => { sink += engine.sensitivity({ scenario: medium }).inputs.length; }, runs * 5),
  sensitivity_largest_ms: median(() => { sink += engine.sensitivity({ scenario: largest }).inputs.length; }, runs * 5),
};

let native = null;
try {
  native = JSON.parse(execFileSync(nativeBench, ['--json', '--runs', String(runs)], { encoding: 'utf8' }));
} catch {
  // no native build: print the wasm figures alone
}

const rows = [
  ['simulate_ms', 'simulate 100,000 paths x 60 months x 4 options', 'ratio target < 1.5'],
  ['breakeven_ms', 'breakeven on price trend, 60 months (1,001 points)', 'target < 20 ms'],
  ['breakeven_largest_ms', 'breakeven on price trend, largest (240 months x 16)', ''],
  ['sensitivity_ms', 'sensitivity, cheapest vs runner-up, 60 months', 'target < 20 ms'],
  ['sensitivity_largest_ms', 'sensitivity, cheapest vs runner-up, largest', ''],
];
console.log(`gpu-tco wasm analysis benchmark (node ${process.versions.node}), median of ${runs}+ runs`);
console.log(`  ${'run'.padEnd(52)} ${'wasm ms'.padStart(9)} ${'native ms'.padStart(10)} ${'ratio'.padStart(6)}`);
for (const [key, label, target] of rows) {
  const n = native ? native[key] : NaN;
  const ratio = native ? (wasm[key] / n).toFixed(2) : '-';
  console.log(`  ${label.padEnd(52)} ${wasm[key].toFixed(2).padStart(9)} ${(native ? n.toFixed(2) : '-').padStart(10)} ${ratio.padStart(6)}   ${target}`);
}
if (sink < 0) console.log(sink);
