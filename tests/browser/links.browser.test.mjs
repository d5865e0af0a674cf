// Links that never break: every golden link of every format version opens in
// the page with the numbers its golden case expects (tests/data/links/vN.txt).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { DATA_DIR, SITE_DIR, goldenExpected } from '../js/support.mjs';
import { launchBrowser, serve } from './browser.mjs';

const LINKS = join(DATA_DIR, 'links');
let browser;
let server;

before(async () => {
  server = await serve([SITE_DIR]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const files = readdirSync(LINKS).filter((f) => /^v\d+\.txt$/.test(f)).sort();

test('there is a golden-links file for the current link format', () => {
  assert.ok(files.includes('v1.txt'));
});

for (const file of files) {
  test(`every golden link in ${file} opens with its expected numbers`, async () => {
    const lines = readFileSync(join(LINKS, file), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    assert.ok(lines.length >= 6);
    const context = await browser.newContext();
    context.setDefaultTimeout(10000);
    for (const line of lines) {
      const [name, link] = line.trim().split(/\s+/);
      const page = await context.newPage();
      // The links were made for http://127.0.0.1:8080/; only the fragment matters.
      await page.goto(server.url + link.slice(link.indexOf('#')));
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      const rows = await page.$$eval('#ranking-body tr', (trs) => trs.map((tr) => [tr.dataset.optionId, Number(tr.dataset.npvCost), Number(tr.dataset.totalCost), tr.hasAttribute('data-cheapest')]));
      const expected = goldenExpected(name);
      assert.equal(rows.length, expected.options.length, name);
      for (const option of expected.options) {
        const [, npv, total, cheapest] = rows.find(([id]) => id === option.id);
        assert.ok(Math.abs(npv - option.npv_cost) <= 1e-9 * Math.abs(option.npv_cost) + 1e-6, `${name} ${option.id} npv`);
        assert.ok(Math.abs(total - option.total_cost) <= 1e-9 * Math.abs(option.total_cost) + 1e-6, `${name} ${option.id} total`);
        assert.equal(cheapest, option.id === expected.cheapest, `${name} ${option.id} cheapest`);
      }
      await page.close();
    }
    await context.close();
  });
}
