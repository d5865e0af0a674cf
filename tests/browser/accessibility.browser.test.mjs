// An automated accessibility audit (axe-core, a test-only dependency) of the
// page as people use it: light and dark, wide and narrow, with problems shown,
// with the analyses and a simulation on, and the embed view. axe is injected
// through DevTools, so the page's CSP does not need to allow it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createRequire } from 'node:module';

import { SITE_DIR, DATA_DIR } from '../js/support.mjs';
import { launchBrowser, serve } from './browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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

async function audit(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
}

async function open(options, path = '') {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  await page.goto(server.url + path);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return { context, page };
}

test('control: the audit finds an unlabelled input', async () => {
  const { context, page } = await open({});
  await page.evaluate(() => document.getElementById('inputs').append(document.createElement('input')));
  assert.ok((await audit(page)).some((v) => v.includes('label')));
  await context.close();
});

for (const [name, options] of [
  ['light, wide', { viewport: { width: 1440, height: 1000 } }],
  ['dark, narrow', { viewport: { width: 375, height: 812 }, colorScheme: 'dark', isMobile: true }],
]) {
  test(`no accessibility violations: ${name}, with a problem shown and every analysis on`, async () => {
    const { context, page } = await open(options);
    await page.check('#uncertainty-on');
    await page.click('#explorer summary');
    await page.waitForFunction(() => / in [\d.]+ m?s\.$/.test(document.getElementById('simulation-status').textContent));
    await page.fill('#f-options-2-term_months', '48');  // a problem at a field, results marked stale
    assert.deepEqual(await audit(page), []);
    await context.close();
  });
}

test('no accessibility violations in the embed view', async () => {
  const link = readFileSync(`${DATA_DIR}/links/v1.txt`, 'utf8').split('\n').find((l) => l.startsWith('buy-vs-rent '));
  const { context, page } = await open({ viewport: { width: 700, height: 900 } }, `?embed=1${link.slice(link.indexOf('#'))}`);
  await page.waitForSelector('#breakeven-sentences li');
  assert.deepEqual(await audit(page), []);
  await context.close();
});
