// Hostile input in a real browser: each must give a clear message within
// seconds, keep the work that was there, and render any text as text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';

import { SITE_DIR, goldenScenario } from '../js/support.mjs';
import { launchBrowser, serve, watchPage } from './browser.mjs';

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

const payload = (bytes) => Buffer.from(deflateRawSync(bytes)).toString('base64url');

/** A page whose saved work is "My careful work"; the caller then throws something at it. */
async function pageWithWork() {
  const context = await browser.newContext();
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const seen = watchPage(page, server.url);
  page.on('dialog', (d) => { seen.pageErrors.push(`dialog: ${d.message()}`); d.dismiss(); });
  watched.push(seen);
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.fill('#f-name', 'My careful work');
  await page.waitForTimeout(400);  // saved
  return { context, page };
}

async function openHostileLink(page, fragment) {
  const started = Date.now();
  await page.goto(`${server.url}${fragment}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.waitForSelector('.notice-error');
  return { message: await page.textContent('.notice-error'), ms: Date.now() - started };
}

async function assertWorkKept(page) {
  assert.equal(await page.inputValue('#f-name'), 'My careful work');
  assert.equal(await page.locator('#ranking-body tr').count(), 3);
}

const cases = [
  ['a link with a 1 MB fragment', () => `#s=1.${'A'.repeat(1 << 20)}`, /too large/],
  ['a link that is not base64url', () => '#s=1.@@@@!!!~~~', /damaged/],
  ['a link whose compressed data is cut short', () => `#s=1.${payload(goldenScenario('lock-vs-float')).slice(0, 40)}`, /damaged/],
  ['valid compression of something that is not JSON', () => `#s=1.${payload('{"schema": "gpu-tco/1", oops')}`, /not JSON/],
  ['valid compression of JSON that is not a scenario', () => `#s=1.${payload('[1, 2, 3]')}`, /cannot use/],
  ['a decompression bomb (40 MB of zeros)', () => `#s=1.${payload(Buffer.alloc(40 << 20))}`, /too large/],
  ['a link from a newer format', () => `#s=2.${payload(goldenScenario('lock-vs-float'))}`, /newer version/],
  ['a link holding 10,000 options', () => `#s=1.${payload(JSON.stringify({
    ...JSON.parse(goldenScenario('lock-vs-float')),
    options: Array.from({ length: 10000 }, (_, i) => ({ id: `o${i}`, kind: 'on_demand' })),
  }))}`, /must hold at most 16 options, got 10000/],
];

for (const [name, fragment, message] of cases) {
  test(`${name}: a clear message, the work kept`, async () => {
    const { context, page } = await pageWithWork();
    const text = fragment();
    const result = await openHostileLink(page, text);
    assert.match(result.message, message);
    assert.match(result.message, /current work is unchanged/);
    assert.ok(result.ms < 10000, `answered in ${result.ms} ms`);
    await assertWorkKept(page);
    await context.close();
  });
}

test('a scenario file with 10,000 options is refused at once and the work is kept', async () => {
  const { context, page } = await pageWithWork();
  const huge = { ...JSON.parse(goldenScenario('lock-vs-float')), options: Array.from({ length: 10000 }, (_, i) => ({ id: `o${i}`, kind: 'on_demand' })) };
  await page.setInputFiles('#import-file', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(huge)) });
  await page.waitForSelector('.notice-error');
  assert.match(await page.textContent('.notice-error'), /“huge.json” holds a scenario this calculator cannot use[\s\S]*options: must hold at most 16 options, got 10000/);
  await assertWorkKept(page);
  await page.fill('#f-demand-gpus', '300');  // still answering
  assert.equal(await page.locator('#stale-badge').isVisible(), false);
  await context.close();
});

test('names with HTML and right-to-left controls render as text', async () => {
  const { context, page } = await pageWithWork();
  const scenario = JSON.parse(goldenScenario('lock-vs-float'));
  scenario.name = '\u202e<b>gnissim</b><script>alert(1)</script>';
  scenario.options[1].label = '<img src=x onerror=alert(2)>\u200f\u202b spot';
  await page.setInputFiles('#import-file', { name: 'names.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await page.waitForSelector('text=Imported “names.json”');
  assert.equal(await page.locator('#results b, #results img, #results script, #inputs b, #inputs img').count(), 0);
  assert.equal(await page.inputValue('#f-name'), scenario.name);
  const row = await page.textContent('#ranking-body tr[data-option-id="spot"] th');
  assert.ok(row.includes('<img src=x onerror=alert(2)>'), row);
  await context.close();
});

test('no request left the page origin, no error, no dialog', () => {
  assert.ok(watched.length >= cases.length);
  for (const seen of watched) {
    assert.deepEqual(seen.foreignRequests, []);
    assert.deepEqual(seen.pageErrors, []);
  }
});
