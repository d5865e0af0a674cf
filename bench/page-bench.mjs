// Page benchmark in headless Chromium: what the page downloads, the time from
// navigation to first results, and the time from an input event to re-rendered
// results for the largest example (16 options x 240 months).
//   node bench/page-bench.mjs [--site DIR] [--runs N]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { launchBrowser, serve } from '../tests/browser/browser.mjs';
import { ROOT, option } from './support.mjs';

const site = resolve(option('site', join(ROOT, 'build/wasm/site')));
const runs = Number(option('runs', 15));

const server = await serve([site]);
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

// 1. What a first visit downloads, and how long until results show.
const loads = [];
const shifts = [];
let downloaded = null;
for (let i = 0; i < runs; i += 1) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Map();
  // Every file is counted once, as first downloaded; later requests for it (the
  // analysis worker loading the engine) are answered 304 from the browser's cache.
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() !== 200 || files.has(path)) return;
    files.set(path, null);
    try { files.set(path, await response.body()); } catch { files.delete(path); }
  });
  await page.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  loads.push(await page.evaluate(() => performance.getEntriesByName('gpu-tco:first-results')[0].startTime));
  await page.waitForTimeout(600);  // the analyses arrive from the worker
  shifts.push(await page.evaluate(() => window.layoutShift));
  if (!downloaded) {
    await page.waitForTimeout(1000);  // the analysis worker starts after a pause
    downloaded = [...files].filter(([, body]) => body).map(([path, body]) => ({ path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length }));
  }
  await context.close();
}

// 2. Typing into a field of the largest example: input event to re-rendered results.
const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
const page = await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
const largest = readFileSync(join(ROOT, 'tests/data/largest.json'), 'utf8');
await page.evaluate((text) => localStorage.setItem('gpu-tco:v1:scenario', JSON.stringify(JSON.parse(text))), largest);
await page.goto(server.url);  // no link in the address bar now: the saved scenario opens
await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
const rowsBefore = await page.$$eval('#ranking-body tr', (r) => r.length);
async function typeAndMeasure() {
  await page.evaluate(() => performance.clearMeasures('gpu-tco:input-to-render'));
  await page.click('#f-demand-gpus');
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('End');
    await page.keyboard.press(i % 2 ? 'Backspace' : '7');
    await page.waitForTimeout(20);
  }
  return page.evaluate(() => performance.getEntriesByName('gpu-tco:input-to-render').map((m) => m.duration));
}
const measures = await typeAndMeasure();
// Again with the cumulative chart on screen, so that it redraws on every keystroke too.
await page.evaluate(() => document.getElementById('chart-cumulative').scrollIntoView({ block: 'center' }));
const withChart = await typeAndMeasure();
await context.close();
await browser.close();
await server.close();

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`gpu-tco page benchmark (headless Chromium, ${runs} loads)`);
console.log('  downloaded on first visit:');
for (const f of downloaded) console.log(`    ${f.path.padEnd(24)} ${kb(f.raw).padStart(9)} raw ${kb(f.gzip).padStart(9)} gzip`);
const total = (k) => downloaded.reduce((s, f) => s + f[k], 0);
console.log(`    ${'total'.padEnd(24)} ${kb(total('raw')).padStart(9)} raw ${kb(total('gzip')).padStart(9)} gzip   target < 300 KB gzip`);
console.log(`  navigation to first results   median ${median(loads).toFixed(0)} ms, p95 ${p95(loads).toFixed(0)} ms   target < 1000 ms`);
console.log(`  layout shift while loading (CLS)  median ${median(shifts).toFixed(3)}, worst ${Math.max(...shifts).toFixed(3)}   (good: < 0.1)`);
console.log(`  input to re-rendered results (largest example: ${rowsBefore} options x 240 months, ${measures.length} inputs)`);
console.log(`                                median ${median(measures).toFixed(2)} ms, p95 ${p95(measures).toFixed(2)} ms, max ${Math.max(...measures).toFixed(2)} ms   target < 16 ms`);
console.log(`    with a chart on screen      median ${median(withChart).toFixed(2)} ms, p95 ${p95(withChart).toFixed(2)} ms, max ${Math.max(...withChart).toFixed(2)} ms`);
console.log('    (from the input event to results, charts, style and layout done; painting follows in the same frame)');
