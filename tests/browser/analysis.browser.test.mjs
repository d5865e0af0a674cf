// Decision analysis on the page: break-even sentences, the explorer, the
// sensitivity tornado and the Monte Carlo section, computed in workers and
// checked against the native CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { CLI, DATA_DIR, SITE_DIR, goldenScenario } from '../js/support.mjs';
import { launchBrowser, serve, tempDir, watchPage } from './browser.mjs';

let browser;
let server;
const watched = [];

before(async () => {
  server = await serve([SITE_DIR]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(path = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  watched.push(watchPage(page, server.url));
  await page.goto(server.url + path);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return { context, page };
}

function cli(args) {
  return JSON.parse(execFileSync(CLI, [...args, '--compact'], { encoding: 'utf8' }));
}

function withScenario(scenario) {
  const dir = tempDir('gpu-tco-analysis-');
  const file = join(dir.dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return { file, remove: dir.remove };
}

const close = (a, b, rel = 1e-9) => Math.abs(a - b) <= rel * Math.abs(b) + 1e-6;

test('break-even sentences state the crossings the engine finds', async () => {
  const { context, page } = await openPage();
  await page.waitForFunction(() => /beats/.test(document.getElementById('breakeven-sentences').textContent));
  const text = await page.textContent('#breakeven-sentences');
  const file = join(DATA_DIR, 'lock-vs-float.json');
  // The cheapest pay-as-you-go option here is spot; the commit is compared with it.
  const trend = cli(['breakeven', file, '--a', 'commit-36m', '--b', 'spot', '--param', 'market.price_trend_per_year', '--min', '-0.9', '--max', '1']);
  assert.equal(trend.crossings.length, 1);
  const percent = (Math.abs(trend.crossings[0].value) * 100).toFixed(1);
  assert.ok(text.includes(`market prices rise faster than ${percent} %`), `${text} mentions ${percent} %`);
  const escalator = cli(['breakeven', file, '--a', 'commit-36m', '--b', 'spot', '--param', 'options[2].escalator_per_year']);
  assert.ok(text.includes(`escalator of ${(escalator.crossings[0].value * 100).toFixed(1)}`), text);
  await context.close();
});

test('buying servers gets a demand sentence', async () => {
  const { context, page } = await openPage();
  await page.selectOption('#preset', 'buy-vs-rent');
  await page.waitForFunction(() => /demand stays above/.test(document.getElementById('breakeven-sentences').textContent));
  const text = await page.textContent('#breakeven-sentences');
  const doc = cli(['breakeven', join(DATA_DIR, 'buy-vs-rent.json'), '--a', 'own', '--b', 'on-demand', '--param', 'demand.gpus', '--min', '0', '--max', '2048']);
  const gpus = Math.round(doc.crossings[0].value).toLocaleString('en-US');
  assert.ok(text.includes(`“Buy servers, colocated; 4-month lead time” beats “Pay as you go” while demand stays above ${gpus} GPUs`), text);
  await context.close();
});

test('the break-even explorer answers for any two options and any input, and explains bad ranges', async () => {
  const { context, page } = await openPage();
  await page.click('#explorer summary');
  await page.selectOption('#explorer-a', 'on-demand');
  await page.selectOption('#explorer-b', 'commit-36m');
  await page.selectOption('#explorer-param', 'market.on_demand_price');
  await page.waitForFunction(() => /cost the same/.test(document.getElementById('explorer-result').textContent));
  const doc = cli(['breakeven', join(DATA_DIR, 'lock-vs-float.json'), '--a', 'on-demand', '--b', 'commit-36m', '--param', 'market.on_demand_price']);
  assert.equal(doc.crossings.length, 1);
  const text = await page.textContent('#explorer-result');
  assert.ok(text.includes(doc.crossings[0].value.toFixed(3).replace(/0+$/, '')), `${text} has ${doc.crossings[0].value}`);
  await page.fill('#explorer-min', '5');
  await page.fill('#explorer-max', '1');
  await page.waitForFunction(() => document.querySelector('#explorer-result li.error'));
  assert.match(await page.textContent('#explorer-result'), /^(From|To): /);
  await page.selectOption('#explorer-b', 'on-demand');
  await page.fill('#explorer-min', '');
  await page.fill('#explorer-max', '');
  await page.waitForFunction(() => /Against: /.test(document.getElementById('explorer-result').textContent));
  await context.close();
});

test('the tornado lists the inputs in the engine’s order of swing', async () => {
  const { context, page } = await openPage();
  await page.waitForSelector('#tornado .tornado-row');
  const shown = await page.$$eval('#tornado .tornado-row', (rows) => rows.map((r) => [r.dataset.param, Number(r.dataset.swing)]));
  const doc = cli(['sensitivity', join(DATA_DIR, 'lock-vs-float.json')]);
  const expected = doc.inputs.filter((r) => r.swing > 0).slice(0, shown.length);
  assert.deepEqual(shown.map(([p]) => p), expected.map((r) => r.param));
  shown.forEach(([, swing], i) => assert.ok(close(swing, expected[i].swing), `swing ${i}`));
  await page.fill('#sensitivity-step', '10');
  await page.waitForFunction((first) => document.querySelector('#tornado .tornado-row').dataset.swing !== first, String(shown[0][1]));
  const smaller = cli(['sensitivity', join(DATA_DIR, 'lock-vs-float.json'), '--step', '0.1']);
  const first = await page.$eval('#tornado .tornado-row', (r) => [r.dataset.param, Number(r.dataset.swing)]);
  assert.equal(first[0], smaller.inputs[0].param);
  assert.ok(close(first[1], smaller.inputs[0].swing));
  await context.close();
});

// The rows once the simulation of these settings is done: an earlier run's
// results (and status) stay on screen, marked stale, until the new one ends.
async function simulationRows(page, paths, seed) {
  const done = `${paths.toLocaleString('en-US')} paths, seed ${seed},`;
  await page.waitForFunction((text) => {
    const status = document.getElementById('simulation-status').textContent;
    return status.startsWith(text) && / in [\d.]+ m?s\.$/.test(status) &&
      !document.getElementById('simulation-section').classList.contains('stale');
  }, done);
  return page.$$eval('#simulation-body tr', (rows) => rows.map((r) => ({
    id: r.dataset.optionId, mean: Number(r.dataset.npvMean), p5: Number(r.dataset.npvP5), p50: Number(r.dataset.npvP50),
    p95: Number(r.dataset.npvP95), share: Number(r.dataset.cheapestShare),
  })));
}

function assertSameSimulation(rows, doc) {
  assert.equal(rows.length, doc.options.length);
  for (const o of doc.options) {
    const row = rows.find((r) => r.id === o.id);
    for (const [mine, theirs] of [[row.mean, o.npv_mean], [row.p5, o.npv_p5], [row.p50, o.npv_p50], [row.p95, o.npv_p95], [row.share, o.cheapest_share]]) {
      assert.ok(close(mine, theirs), `${o.id}: ${mine} vs ${theirs}`);
    }
  }
}

test('Monte Carlo runs in a worker with progress and matches gpu-tco simulate', async () => {
  const { context, page } = await openPage();
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => window.progressSeen.push(document.getElementById('simulation-progress').value))
      .observe(document.getElementById('simulation-progress'), { attributes: true });
  });
  await page.check('#uncertainty-on');
  await page.fill('#f-uncertainty-paths', '60000');
  await page.fill('#f-uncertainty-seed', '42');
  const rows = await simulationRows(page, 60000, 42);
  const scenario = { ...JSON.parse(goldenScenario('lock-vs-float')), uncertainty: { price_volatility_per_year: 0.3, paths: 60000, seed: 42 } };
  const input = withScenario(scenario);
  assertSameSimulation(rows, cli(['simulate', input.file]));
  input.remove();
  assert.ok((await page.evaluate(() => window.progressSeen)).some((v) => v > 0 && v < 1), 'the progress bar moved');
  await page.waitForSelector('#chart-distribution canvas');
  // An edit marks those results stale at once, not only when the next run starts.
  await page.fill('#f-demand-gpus', '300');
  assert.ok(await page.$eval('#simulation-section', (s) => s.classList.contains('stale')), 'stale after an edit');
  await simulationRows(page, 60000, 42);
  await context.close();
});

test('a simulation is restarted when the inputs change, and typing goes on meanwhile', async () => {
  const { context, page } = await openPage();
  await page.check('#uncertainty-on');
  await page.fill('#f-uncertainty-paths', '200000');
  await page.waitForFunction(() => /Simulating 200,000/.test(document.getElementById('simulation-status').textContent));
  // The page answers while the simulation runs: the table follows each keystroke.
  const before = await page.$eval('#ranking-body tr[data-option-id="on-demand"]', (r) => Number(r.dataset.npvCost));
  await page.fill('#f-demand-gpus', '512');
  const after = await page.$eval('#ranking-body tr[data-option-id="on-demand"]', (r) => Number(r.dataset.npvCost));
  assert.ok(close(after, 2 * before, 1e-12));
  await page.fill('#f-uncertainty-paths', '30000');
  const rows = await simulationRows(page, 30000, 1);
  const scenario = { ...JSON.parse(goldenScenario('lock-vs-float')), uncertainty: { price_volatility_per_year: 0.3, paths: 30000, seed: 1 } };
  scenario.demand = { gpus: 512 };
  const input = withScenario(scenario);
  assertSameSimulation(rows, cli(['simulate', input.file]));
  input.remove();
  await context.close();
});

test('more paths than the page allows gives a clear message, not a frozen tab', async () => {
  const { context, page } = await openPage();
  await page.check('#uncertainty-on');
  await page.fill('#f-uncertainty-paths', '1000000');
  await page.waitForFunction(() => /at most 200,000 paths/.test(document.getElementById('simulation-status').textContent));
  await page.fill('#f-uncertainty-paths', '2000000');
  assert.match(await page.textContent('#f-uncertainty-paths-error'), /from 1 to 1000000, got 2000000/);
  await context.close();
});

test('no request left the page origin, no CSP violation, no error', () => {
  assert.ok(watched.length >= 5);
  for (const seen of watched) {
    assert.deepEqual(seen.foreignRequests, []);
    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(seen.pageErrors, []);
  }
});
