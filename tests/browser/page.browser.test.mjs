// The calculator page in headless Chromium, served with the strict CSP header.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { CLI, DATA_DIR, SITE_DIR, goldenExpected, goldenNames, goldenScenario } from '../js/support.mjs';
import { launchBrowser, serve, tempDir, watchPage } from './browser.mjs';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const SCREENSHOTS = process.env.GPUTCO_SCREENSHOTS || join(SITE_DIR, '..', 'screenshots');

let browser;
let server;
let hostServer;
const watched = [];

before(async () => {
  server = await serve([SITE_DIR]);
  // The wiki page lives on another origin and must be allowed to frame the calculator.
  hostServer = await serve([FIXTURES], { csp: "default-src 'self'; frame-src http://127.0.0.1:*" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await hostServer?.close();
});

/** A fresh browser context (its own storage) and page, watched for foreign requests and errors. */
async function openPage(path = '', options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(10000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const seen = watchPage(page, server.url);
  page.on('dialog', (dialog) => { seen.pageErrors.push(`unexpected dialog: ${dialog.message()}`); dialog.dismiss(); });
  watched.push(seen);
  await page.goto(server.url + path);
  await ready(page);
  return { context, page, seen };
}

async function ready(page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 15000 });
}

function rows(page) {
  return page.$$eval('#ranking-body tr', (trs) => trs.map((tr) => ({
    id: tr.dataset.optionId,
    npv: Number(tr.dataset.npvCost),
    total: Number(tr.dataset.totalCost),
    levelized: tr.dataset.levelizedCost === 'null' ? null : Number(tr.dataset.levelizedCost),
    cheapest: tr.hasAttribute('data-cheapest'),
  })));
}

const close = (a, b, rel = 1e-9) => (b === null ? a === null : Math.abs(a - b) <= rel * Math.abs(b) + 1e-6);

/** The page's numbers for every option match the expected result document. */
async function assertShows(page, expected, label) {
  const shown = await rows(page);
  assert.equal(shown.length, expected.options.length, label);
  for (const option of expected.options) {
    const row = shown.find((r) => r.id === option.id);
    assert.ok(row, `${label}: no row for ${option.id}`);
    assert.ok(close(row.npv, option.npv_cost), `${label} ${option.id} npv ${row.npv} != ${option.npv_cost}`);
    assert.ok(close(row.total, option.total_cost), `${label} ${option.id} total ${row.total} != ${option.total_cost}`);
    assert.ok(close(row.levelized, option.levelized_cost_per_gpu_hour), `${label} ${option.id} levelized`);
    assert.equal(row.cheapest, option.id === expected.cheapest, `${label} ${option.id} cheapest`);
  }
}

function cliLink(name, base = server.url) {
  return execFileSync(CLI, ['link', join(DATA_DIR, `${name}.json`), '--base', base], { encoding: 'utf8' }).trim();
}

test('first open shows the default example with its expected numbers', async () => {
  const { context, page } = await openPage();
  await assertShows(page, goldenExpected('lock-vs-float'), 'default');
  assert.match(await page.textContent('#verdict'), /is the cheapest/);
  await context.close();
});

test('each example loads from the menu and shows its expected numbers', async () => {
  const { context, page } = await openPage();
  for (const name of ['buy-vs-rent', 'prepay-and-growth', 'lock-vs-float']) {
    await page.selectOption('#preset', name);
    await assertShows(page, goldenExpected(name), name);
  }
  await context.close();
});

test('a link made by gpu-tco link opens every golden case with its expected numbers', async () => {
  for (const name of goldenNames()) {
    const { context, page } = await openPage(cliLink(name).slice(server.url.length));
    await assertShows(page, goldenExpected(name), name);
    await context.close();
  }
});

test('typing into a field recomputes at once', async () => {
  const { context, page } = await openPage();
  const before = (await rows(page)).find((r) => r.id === 'on-demand').npv;
  await page.fill('#f-demand-gpus', '512');
  const after = (await rows(page)).find((r) => r.id === 'on-demand').npv;
  assert.ok(close(after, 2 * before, 1e-12), `doubling demand doubles on-demand cost: ${after} vs ${before}`);
  await page.fill('#f-market-price_trend_per_year', '−15%');  // a typed minus sign and a percent
  assert.ok(close((await rows(page)).find((r) => r.id === 'on-demand').npv, after, 1e-12));
  await page.fill('#f-demand-gpus', '2,560');
  assert.ok(close((await rows(page)).find((r) => r.id === 'on-demand').npv, 10 * before, 1e-12));
  await context.close();
});

test('an invalid value shows its message at the field and keeps the last results, marked stale', async () => {
  const { context, page } = await openPage();
  const before = await rows(page);
  await page.fill('#f-demand-gpus', '-5');
  assert.equal(await page.textContent('#f-demand-gpus-error'), 'Must be a number from 0 to 10000000, got -5.');
  assert.equal(await page.getAttribute('#f-demand-gpus', 'aria-invalid'), 'true');
  assert.ok(await page.isVisible('#stale-badge'));
  assert.deepEqual(await rows(page), before);
  await page.fill('#f-options-2-term_months', '48');
  assert.match(await page.textContent('#f-options-2-term_months-error'), /from 1 to 36 \(horizon_months\), got 48/);
  await page.fill('#f-demand-gpus', 'lots');
  assert.match(await page.textContent('#f-demand-gpus-error'), /“lots” is not a number/);
  await page.fill('#f-demand-gpus', '256');
  await page.fill('#f-options-2-term_months', '36');
  assert.ok(!(await page.isVisible('#stale-badge')));
  await context.close();
});

test('work is kept across a reload', async () => {
  const { context, page } = await openPage();
  await page.fill('#f-name', 'Kept across reloads');
  await page.fill('#f-demand-gpus', '300');
  await page.waitForTimeout(400);  // saving waits for typing to pause
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue('#f-name'), 'Kept across reloads');
  assert.equal(await page.inputValue('#f-demand-gpus'), '300');
  await context.close();
});

test('a corrupt or newer link shows a banner and leaves the current work untouched', async () => {
  const { context, page } = await openPage();
  await page.fill('#f-name', 'My careful work');
  await page.waitForTimeout(400);
  const before = await rows(page);
  for (const [fragment, message] of [
    ['#s=1.not*base64', /damaged/],
    ['#s=1.AAAA', /damaged/],
    ['#s=7.abcdef', /newer version/],
    ['#s=x.abc', /damaged/],
  ]) {
    await page.goto(`${server.url}${fragment}`);
    await ready(page);
    await page.waitForSelector('.notice-error');
    assert.match(await page.textContent('.notice-error'), message, fragment);
    assert.equal(await page.inputValue('#f-name'), 'My careful work', fragment);
    assert.deepEqual(await rows(page), before, fragment);
  }
  await context.close();
});

test('opening a link over unsaved work keeps that work one click away', async () => {
  const { context, page } = await openPage();
  await page.fill('#f-name', 'Work before the link');
  await page.waitForTimeout(400);
  await page.goto(cliLink('buy-vs-rent'));
  await ready(page);
  await assertShows(page, goldenExpected('buy-vs-rent'), 'link');
  await page.click('text=Restore my previous work');
  assert.equal(await page.inputValue('#f-name'), 'Work before the link');
  await context.close();
});

test('"Copy link" copies a link that opens the same scenario elsewhere', async () => {
  const { context, page } = await openPage();
  await page.selectOption('#preset', 'prepay-and-growth');
  await page.click('#copy-link');
  await page.waitForSelector('.notice >> text=Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#s=1\./);
  const other = await openPage(link.slice(server.url.length));
  await assertShows(other.page, goldenExpected('prepay-and-growth'), 'copied link');
  await other.context.close();
  await page.click('#copy-embed');
  await page.waitForSelector('.notice >> text=Embed code copied');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1#s=1\.[^"]+" title="gpu-tco: Growing demand[^"]*" [^>]*sandbox="allow-scripts/);
  assert.match(code, /<script>addEventListener\("message"/);
  await context.close();
});

test('a scenario file dropped on the page opens', async () => {
  const { context, page } = await openPage();
  const text = goldenScenario('buy-vs-rent');
  const transfer = await page.evaluateHandle((json) => {
    const data = new DataTransfer();
    data.items.add(new File([json], 'buy-vs-rent.json', { type: 'application/json' }));
    return data;
  }, text);
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await page.waitForSelector('.notice >> text=Imported “buy-vs-rent.json”');
  await assertShows(page, goldenExpected('buy-vs-rent'), 'dropped');
  await context.close();
});

test('options can be added, duplicated, moved and removed, with undo', async () => {
  const { context, page } = await openPage();
  await page.click('[data-add-kind="own"]');
  assert.equal((await rows(page)).length, 4);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-options-3-label');
  await page.click('button[aria-label^="Duplicate"] >> nth=0');
  assert.equal((await rows(page)).length, 5);
  const ids = () => page.$$eval('.option-card', (cards) => cards.map((c) => c.querySelector('[id$="-id"]').value));
  assert.deepEqual(await ids(), ['on-demand', 'on-demand-copy', 'spot', 'commit-36m', 'own']);
  await page.click('button[aria-label^="Move down"] >> nth=0');
  assert.deepEqual((await ids()).slice(0, 2), ['on-demand-copy', 'on-demand']);
  await page.click('button[aria-label^="Remove"] >> nth=0');
  assert.equal((await rows(page)).length, 4);
  await page.click('.notice >> text=Undo');
  assert.equal((await rows(page)).length, 5);
  await context.close();
});

test('every input has a label and a description', async () => {
  const { context, page } = await openPage();
  const unlabelled = await page.$$eval('input:not([type=file]), select', (inputs) =>
    inputs.filter((i) => i.labels.length === 0 && !i.getAttribute('aria-label')).map((i) => i.id || i.outerHTML));
  assert.deepEqual(unlabelled, []);
  const undescribed = await page.$$eval('#scenario-form input, #scenario-form select', (inputs) =>
    inputs.filter((i) => !i.getAttribute('aria-describedby')).map((i) => i.id));
  assert.deepEqual(undescribed, []);
  await context.close();
});

test('hostile names render as text, never as HTML', async () => {
  const payload = '<img src=x onerror=alert(1)>';
  const scenario = JSON.parse(goldenScenario('lock-vs-float'));
  scenario.name = payload;
  scenario.options[0].label = `${payload}\u202e evil`;
  const dir = tempDir('gpu-tco-hostile-');
  const file = join(dir.dir, 'hostile.json');
  writeFileSync(file, JSON.stringify(scenario));
  const link = execFileSync(CLI, ['link', file, '--base', server.url], { encoding: 'utf8' }).trim();
  dir.remove();
  const { context, page, seen } = await openPage(link.slice(server.url.length));
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.inputValue('#f-name'), payload);
  assert.ok((await page.textContent('#ranking-body')).includes(payload));
  assert.ok((await page.textContent('.option-title >> nth=0')).includes(payload));
  await page.waitForTimeout(200);
  assert.deepEqual(seen.pageErrors, []);
  assert.ok(!seen.requests.some((u) => u.endsWith('/x')), 'the img src was never requested');
  await context.close();
});

test('the embed view works in a sandboxed iframe on another origin and reports its height', async () => {
  const link = cliLink('buy-vs-rent').replace('#', '?embed=1#');
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const seen = watchPage(page, '');  // two origins here; checked below
  watched.push({ ...seen, foreignRequests: [] });
  await page.goto(`${hostServer.url}embed-host.html?src=${encodeURIComponent(link)}`);
  const frame = page.frameLocator('iframe');
  await frame.locator('#ranking-body tr').first().waitFor({ timeout: 15000 });
  assert.equal(await frame.locator('#ranking-body tr').count(), 3);
  assert.equal(await frame.locator('#ranking-body tr[data-cheapest]').getAttribute('data-option-id'), 'own');
  assert.ok(!(await frame.locator('#inputs').isVisible()), 'inputs are hidden in the embed');
  // No worker may start in a sandboxed frame: the sentences are worked out on the page itself.
  await frame.locator('#breakeven-sentences li', { hasText: 'while demand stays above' }).first().waitFor();
  await page.waitForFunction(() => window.heights.length > 0);
  const height = await page.evaluate(() => window.heights[window.heights.length - 1]);
  assert.ok(height > 300 && height < 3000, `reported height ${height}`);
  const origins = new Set(seen.requests.map((u) => new URL(u).origin));
  assert.deepEqual([...origins].sort(), [new URL(hostServer.url).origin, new URL(server.url).origin].sort());
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('CSV and JSON exports download, and a JSON import round-trips', async () => {
  const { context, page } = await openPage();
  await page.selectOption('#preset', 'buy-vs-rent');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + 1 + 60 + 1 + 3);
  assert.match(lines[0], /^Payment,Time \(years\),/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const exported = await json.path();
  await page.selectOption('#preset', 'lock-vs-float');
  await page.setInputFiles('#import-file', exported);
  await assertShows(page, goldenExpected('buy-vs-rent'), 'imported');
  await page.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": "gpu-tco/1"}') });
  await page.waitForSelector('.notice-error');
  assert.match(await page.textContent('.notice-error'), /cannot use/);
  await assertShows(page, goldenExpected('buy-vs-rent'), 'kept after a bad import');
  await context.close();
});

test('a focused chart reads out the values at the month the arrow keys select', async () => {
  const { context, page } = await openPage();
  await page.focus('#chart-cumulative');
  assert.match(await page.textContent('#chart-readout'), /^Month 36: Pay as you go \$16M, /);
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.textContent('#chart-readout'), /^Month 35: /);
  await page.keyboard.press('Home');
  assert.match(await page.textContent('#chart-readout'), /^Upfront: /);
  assert.equal(await page.getAttribute('#chart-cumulative', 'role'), 'img');
  assert.match(await page.textContent('#cumulative-desc'), /Total after 36 months/);
  await context.close();
});

test('the print view shows the results and the key inputs, not the form', async () => {
  const { context, page } = await openPage();
  await page.emulateMedia({ media: 'print' });
  assert.ok(!(await page.isVisible('#inputs')));
  assert.ok(!(await page.isVisible('.toolbar')));
  assert.ok(await page.isVisible('#print-summary'));
  assert.match(await page.textContent('#print-summary'), /Discount rate\s*8 % a year/);
  assert.ok(await page.isVisible('#ranking'));
  await context.close();
});

test('screenshots of the main view: wide, narrow and dark', async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [name, options] of [
    ['wide', { viewport: { width: 1440, height: 1000 } }],
    ['narrow', { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true }],
    ['dark', { viewport: { width: 1440, height: 1000 }, colorScheme: 'dark' }],
  ]) {
    const { context, page } = await openPage('', options);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    await context.close();
  }
});

test('no request left the page origin, no CSP violation, no error', () => {
  assert.ok(watched.length > 10);
  for (const seen of watched) {
    assert.deepEqual(seen.foreignRequests, []);
    assert.deepEqual(seen.consoleErrors.filter((m) => !/Failed to load resource.*(download|favicon)/.test(m)), []);
    assert.deepEqual(seen.pageErrors, []);
  }
});
