// The engine in headless Chromium, served with the strict CSP as a header:
// in the page (a module script) and in a module worker.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { SITE_DIR, differences, goldenExpected, goldenNames, goldenScenario, invalidNames, readText, DATA_DIR } from '../js/support.mjs';
import { launchBrowser, serve, watchPage } from './browser.mjs';

const FIXTURES = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'fixtures');

let browser;
let server;
let page;
let seen;

before(async () => {
  server = await serve([SITE_DIR, FIXTURES]);
  browser = await launchBrowser();
  page = await browser.newPage();
  seen = watchPage(page, server.url);
  await page.goto(`${server.url}engine-page.html`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready', null, { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the CSP header is the strict policy', async () => {
  const response = await page.request.get(`${server.url}engine-page.html`);
  const policy = response.headers()['content-security-policy'];
  assert.match(policy, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  const sources = policy.split(/[\s;]+/);
  assert.ok(!sources.includes("'unsafe-eval'") && !sources.includes("'unsafe-inline'"), policy);
});

test('every golden case evaluates in the page as expected', async () => {
  for (const name of goldenNames()) {
    const r = await page.evaluate((text) => window.evaluateInPage(text), goldenScenario(name));
    assert.ok(r.ok, name);
    assert.deepEqual(differences(r.result, goldenExpected(name)), [], name);
  }
});

test('every golden case evaluates in a module worker as expected', async () => {
  for (const name of goldenNames()) {
    const r = await page.evaluate((text) => window.evaluateInWorker(text), goldenScenario(name));
    assert.ok(r.ok, name);
    assert.deepEqual(differences(r.result, goldenExpected(name)), [], name);
  }
});

test('invalid input gives a TcoError with the CLI problems in the page and in the worker', async () => {
  for (const name of invalidNames()) {
    const text = readText(join(DATA_DIR, 'invalid', `${name}.json`));
    const expected = readText(join(DATA_DIR, 'invalid', `${name}.problems.txt`)).split('\n').filter(Boolean);
    for (const where of ['evaluateInPage', 'evaluateInWorker']) {
      const r = await page.evaluate(([fn, t]) => window[fn](t), [where, text]);
      assert.equal(r.ok, false, `${name} ${where}`);
      assert.equal(r.name, 'TcoError');
      assert.deepEqual(r.problems.map((p) => `${p.path}: ${p.message}`), expected, `${name} ${where}`);
    }
  }
});

test('the page and the worker load the same engine version', async () => {
  const pageVersion = await page.evaluate(() => window.engineVersion);
  const r = await page.evaluate((text) => window.evaluateInWorker(text), goldenScenario('lock-vs-float'));
  assert.equal(r.version, pageVersion);
});

test('no CSP violation, no error and no request beyond the page origin', async () => {
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.foreignRequests, []);
  assert.ok(seen.requests.some((url) => url.endsWith('gpu-tco-core.wasm')), 'the wasm was fetched from the page origin');
});

test('control: the policy really is enforced and violations are seen', async () => {
  assert.equal(await page.evaluate(() => window.tryEval()), 'EvalError');
  await page.waitForFunction(() => window.violations.length > 0);
  assert.match((await page.evaluate(() => window.violations))[0], /^script-src/);
});
