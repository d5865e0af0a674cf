// The largest work the engine accepts, in WebAssembly through the public API
// (node): time per call, first calls included (no warm-up: this is what a page
// meets), and the memory the process grows to (docs/limits.md). A benchmark
// that prints; not a test.
//   node bench/wasm-limits.mjs [--site DIR]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const site = resolve(args.includes('--site') ? args[args.indexOf('--site') + 1] : join(ROOT, 'build/wasm/site'));
const { createEngine } = await import(pathToFileURL(join(site, 'gpu-tco.mjs')).href);
const engine = await createEngine();
const scenario = readFileSync(join(ROOT, 'tests/data/largest.json'), 'utf8');
const parsed = JSON.parse(scenario);

const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
// The wasm heap only grows, so the process's resident memory after a call, less
// what node used before the first one, bounds what that call needed.
const baseline = process.memoryUsage().rss;
function measure(what, run) {
  const start = performance.now();
  run();
  const seconds = (performance.now() - start) / 1000;
  const { rss } = process.memoryUsage();
  console.log(`  ${what.padEnd(62)} ${seconds.toFixed(3).padStart(9)} s   resident ${mb(rss).padStart(9)} (${mb(rss - baseline)} above node's own)`);
}

console.log(`gpu-tco limits, wasm (node ${process.versions.node}): tests/data/largest.json (${parsed.options.length} options x ${parsed.horizon_months} months)`);
measure('(start)', () => {});
measure('evaluate', () => engine.evaluate(scenario));
measure('break-even over a whole valid range (1,001 points)', () => engine.breakeven({
  scenario, a: parsed.options[0].id, b: parsed.options[2].id, param: 'market.price_trend_per_year',
}));
measure('sensitivity of the cheapest against the runner-up', () => engine.sensitivity({ scenario }));
measure("simulate 200,000 paths (the page's limit)", () => engine.simulate({ scenario, paths: 200000, seed: 1, volatility: 0.3 }));
measure("simulate 1,000,000 paths (the engine's limit)", () => engine.simulate({ scenario, paths: 1000000, seed: 1, volatility: 0.3 }));
