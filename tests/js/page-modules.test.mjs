// The page's modules that never touch the DOM, tested directly in node:
// reading typed numbers, editing the scenario, ranking and the verdict, the CSV
// export, the embed snippet, and the sentences written from break-evens.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sentence, sentenceJobs } from '../../web/src/analysis.js';
import { embedCode } from '../../web/src/embed.js';
import { cashFlowsCsv, fileName } from '../../web/src/export.js';
import { formatForInput, parseNumber } from '../../web/src/fields.js';
import {
  addOption, duplicateOption, getPath, looksEditable, moveOption, removeOption, setPath, splitPath, uniqueId,
} from '../../web/src/state.js';
import { rankOptions, verdict } from '../../web/src/summary.js';
import { goldenExpected, goldenScenario } from './support.mjs';

test('numbers are read the way people type them', () => {
  const cases = [
    ['2.5', {}, 2.5], ['2,500', {}, 2500], ['2,500.75', {}, 2500.75], ['1 234,5', {}, 1234.5], ['2.500,5', {}, 2500.5],
    ['2,5', {}, 2.5], ['$2.99', {}, 2.99], ['31k', {}, 31000], ['1.5M', {}, 1500000], ['1e3', {}, 1000],
    ['-0.5', {}, -0.5], ['.5', {}, 0.5], ['36.0', {}, 36], ['1,23,456', {}, 123456],
    ['8', { percent: true }, 0.08], ['8%', { percent: true }, 0.08], ['−15 %', { percent: true }, -0.15],
    ['8.3', { percent: true }, 0.083], ['0.07', { percent: true }, 0.0007],
  ];
  for (const [text, options, value] of cases) {
    assert.deepEqual(parseNumber(text, options), { ok: true, value }, text);
  }
  for (const text of ['abc', '1,2,3', '1e400', '--1', '2..5', '12abc']) assert.equal(parseNumber(text).ok, false, text);
  assert.deepEqual(parseNumber('  '), { ok: false, empty: true });
});

test('percentages shown in inputs read back to the same fraction', () => {
  for (const fraction of [0.08, 0.083, -0.15, 0.0007, 0.03, 1, 0.333, -0.999999]) {
    const shown = formatForInput(fraction, { percent: true });
    assert.equal(parseNumber(shown, { percent: true }).value, fraction, `${fraction} shown as ${shown}`);
  }
  assert.equal(formatForInput(0.083, { percent: true }), '8.3');
  assert.equal(formatForInput('typed text'), 'typed text');
});

test('paths address the scenario the way the engine names them', () => {
  assert.deepEqual(splitPath('options[2].price'), ['options', 2, 'price']);
  const s = JSON.parse(goldenScenario('lock-vs-float'));
  assert.equal(getPath(s, 'options[2].price'), 2.2);
  setPath(s, 'options[2].escalator_per_year', undefined);
  assert.equal('escalator_per_year' in s.options[2], false);
  setPath(s, 'uncertainty.seed', 7);
  assert.deepEqual(s.uncertainty, { seed: 7 });
});

test('options are added with unique ids, duplicated, moved and removed', () => {
  const s = JSON.parse(goldenScenario('prepay-and-growth'));
  assert.equal(uniqueId(s, 'on-demand'), 'on-demand-2');
  const spot = addOption(s, 'spot');
  assert.equal(s.options[spot.index].kind, 'spot');
  assert.equal(spot.filledSpotPrice, undefined, 'the scenario already has a spot price');
  const copy = duplicateOption(s, 1);
  assert.equal(s.options[copy.index].id, 'commit-prepaid-copy');
  assert.equal(s.options[copy.index].label.endsWith('(copy)'), true);
  assert.equal(moveOption(s, 0, -1), 0, 'the first option cannot move up');
  assert.equal(moveOption(s, 0, 1), 1);
  assert.equal(s.options[1].id, 'on-demand');
  assert.equal(removeOption(s, 1).id, 'on-demand');
  while (s.options.length < 16) addOption(s, 'on_demand');
  assert.equal(addOption(s, 'commit'), null, 'at most 16 options');
});

test('adding spot to a scenario with no spot price fills one in and says so', () => {
  const s = JSON.parse(goldenScenario('buy-vs-rent'));
  const added = addOption(s, 'spot');
  assert.equal(added.filledSpotPrice, Math.round(2.49 * 0.6 * 100) / 100);
  assert.equal(s.market.spot_price, added.filledSpotPrice);
});

test('only scenarios the form can show are restored from storage', () => {
  assert.equal(looksEditable(JSON.parse(goldenScenario('largest'))), true);
  assert.equal(looksEditable({ options: Array.from({ length: 17 }, () => ({})) }), false);
  assert.equal(looksEditable({ options: [1] }), false);
  assert.equal(looksEditable([]), false);
  assert.equal(looksEditable(null), false);
});

test('the ranking and the verdict follow the engine’s numbers, ties to the first listed', () => {
  const scenario = JSON.parse(goldenScenario('tie-commit-at-on-demand-price'));
  const result = goldenExpected('tie-commit-at-on-demand-price');
  const rows = rankOptions(scenario, result);
  assert.equal(rows[0].id, result.cheapest);
  assert.equal(rows[0].rank, 1);
  assert.match(verdict(scenario, result), /cost the same/);
  const lock = JSON.parse(goldenScenario('lock-vs-float'));
  const lockResult = goldenExpected('lock-vs-float');
  const text = verdict(lock, lockResult);
  assert.match(text, /^Spot, 10% extra hours for preemption is the cheapest: \$10,065,739 in today’s money over 3 years/);
  assert.match(text, /It saves \$3,487,047 \(25\.7%\) against the next best, 36-month commit/);
});

test('the CSV has every payment of every option, full precision, and no formulas', () => {
  const scenario = JSON.parse(goldenScenario('buy-vs-rent'));
  scenario.options[2].label = '=HYPERLINK("http://evil")';
  const result = goldenExpected('buy-vs-rent');
  const csv = cashFlowsCsv(scenario, result);
  assert.ok(csv.startsWith('\ufeff'));
  const lines = csv.slice(1).trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + 1 + 60 + 1 + 3);
  assert.ok(lines[0].includes(`"'=HYPERLINK(""http://evil"")`), lines[0]);
  assert.equal(lines[1], `Upfront,0,${result.options.map((o) => o.upfront).join(',')}`);
  assert.equal(lines[2].split(',')[2], String(result.options[0].monthly[0]));
  assert.equal(lines[62].split(',')[0], 'Resale value');
  assert.equal(fileName({ name: 'Buy vs. rent: 2027/28 ' }, 'csv'), 'buy-vs-rent-2027-28.csv');
  assert.equal(fileName({}, 'json'), 'gpu-tco-scenario.json');
});

test('the embed snippet escapes the scenario name in its attributes', () => {
  const code = embedCode('http://h/?embed=1#s=1.abc', '"><script>alert(1)</script>');
  assert.ok(code.startsWith('<iframe src="http://h/?embed=1#s=1.abc" title="gpu-tco: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  assert.match(code, /sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"/);
  assert.equal((code.match(/<script>/g) || []).length, 1, 'only the sizing script');
});

test('break-even sentences are asked for each commit and owned option against the best pay-as-you-go one', () => {
  const scenario = JSON.parse(goldenScenario('buy-vs-rent'));
  const jobs = sentenceJobs(scenario, goldenExpected('buy-vs-rent'));
  assert.deepEqual(jobs.map((j) => `${j.request.a}/${j.request.b}/${j.request.param}`), [
    'own/on-demand/market.price_trend_per_year', 'own/on-demand/demand.gpus',
    'commit-36m/on-demand/market.price_trend_per_year', 'commit-36m/on-demand/options[1].escalator_per_year',
    'commit-36m/on-demand/demand.gpus',
  ]);
});

test('sentences read the engine’s crossing in the words of their topic', () => {
  const scenario = JSON.parse(goldenScenario('lock-vs-float'));
  const job = { subject: 2, reference: 0, topic: 'trend' };
  const doc = {
    param: 'market.price_trend_per_year', a: 'commit-36m', b: 'on-demand', current_value: -0.15, min: -0.9, max: 1,
    crossings: [{ value: -0.234, cheaper_below: 'on-demand', cheaper_above: 'commit-36m' }],
    cheaper_at_min: 'on-demand',
  };
  assert.equal(sentence(scenario, job, doc),
    '“36-month commit at 2.20, +3% a year” beats “Pay as you go” unless market prices fall faster than 23.4 % a year (now -15 % a year).');
  assert.match(sentence(scenario, { ...job, topic: 'escalator' }, { ...doc, param: 'options[2].escalator_per_year', current_value: 0.03,
    crossings: [{ value: 0.061, cheaper_below: 'commit-36m', cheaper_above: 'on-demand' }] }), /up to an escalator of 6\.1 % a year \(now 3 % a year\)/);
  assert.match(sentence(scenario, { ...job, topic: 'demand' }, { ...doc, param: 'demand.gpus', current_value: 256,
    crossings: [{ value: 311.4, cheaper_below: 'on-demand', cheaper_above: 'commit-36m' }] }), /while demand stays above 311 GPUs \(now 256 GPUs\)/);
  assert.match(sentence(scenario, job, { ...doc, crossings: [], cheaper_at_min: 'commit-36m' }),
    /^“36-month commit at 2\.20, \+3% a year” beats “Pay as you go” at any market price trend from -90 % a year to 100 % a year\.$/);
});
