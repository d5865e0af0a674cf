// The single-file page (engine inlined), opened from disk as a user would open
// an attachment: it must compute the same numbers and request nothing at all.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { SITE_DIR, goldenExpected } from '../js/support.mjs';
import { launchBrowser, watchPage } from './browser.mjs';

const STANDALONE = process.env.GPUTCO_STANDALONE || join(SITE_DIR, '..', 'standalone', 'gpu-tco.html');

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the single-file page opens from disk, computes the default example and requests nothing', async () => {
  assert.ok(existsSync(STANDALONE), `${STANDALONE} is built`);
  const url = pathToFileURL(STANDALONE).href;
  const page = await browser.newPage();
  const seen = watchPage(page, url);
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 15000 });
  const expected = goldenExpected('lock-vs-float');
  const shown = await page.$$eval('#ranking-body tr', (trs) => trs.map((tr) => [tr.dataset.optionId, Number(tr.dataset.npvCost)]));
  for (const option of expected.options) {
    const npv = shown.find(([id]) => id === option.id)[1];
    assert.ok(Math.abs(npv - option.npv_cost) <= 1e-9 * option.npv_cost, option.id);
  }
  // blob: is the analysis worker's own code, made on the page: not a request to anywhere.
  assert.deepEqual(seen.requests.filter((u) => u !== url && !u.startsWith('blob:')), [], 'no request but the file itself');
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.pageErrors, []);
  await page.close();
});
