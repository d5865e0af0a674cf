// Decision analysis through the public JavaScript API, in node: break-even,
// sensitivity and Monte Carlo agree with the native CLI, bad requests name
// their field, and onProgress reports and cancels.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { CLI, DATA_DIR, SITE_DIR, differences, goldenScenario } from './support.mjs';

const { createEngine, TcoError } = await import(pathToFileURL(join(SITE_DIR, 'gpu-tco.mjs')).href);
const engine = await createEngine();

const lockVsFloat = goldenScenario('lock-vs-float');

/** The native CLI's document for an analysis command. */
function native(command, name, args = []) {
  return JSON.parse(execFileSync(CLI, [command, join(DATA_DIR, `${name}.json`), ...args, '--compact'], { encoding: 'utf8' }));
}

function assertStillWorks() {
  assert.equal(engine.evaluate(lockVsFloat).cheapest, 'spot');
}

function throwsAt(run, path, code = 'invalid_input') {
  assert.throws(run, (error) => {
    assert.ok(error instanceof TcoError, `${error}`);
    assert.equal(error.code, code);
    assert.equal(error.path, path, error.message);
    return true;
  });
}

test('simulate agrees with the native CLI to a relative 1e-9, across scenarios and seeds', () => {
  const cases = [
    ['lock-vs-float', 2000, 0, 0.3],
    ['lock-vs-float', 2000, 9007199254740991, 0.3],
    ['commit-escalator-then-spot', 1500, 42, 1.2],
    ['own-aged-out-lead-time', 1000, 7, 0.05],
    ['largest', 300, 123456789, 2.5],
    ['one-month-burst', 50, 5, 5],
    ['zero-demand', 10, 1, 0.5],
  ];
  for (const [name, paths, seed, volatility] of cases) {
    const result = engine.simulate({ scenario: goldenScenario(name), paths, seed, volatility });
    const expected = native('simulate', name, ['--paths', String(paths), '--seed', String(seed), '--volatility', String(volatility)]);
    assert.deepEqual(differences(result, expected, { rel: 1e-9, abs: 0 }), [], name);
    assert.equal(result.schema, 'gpu-tco-simulation/1');
    assert.deepEqual(Object.keys(result).slice(0, 4), ['schema', 'paths', 'seed', 'options']);
    assert.deepEqual(Object.keys(result.options[0]).slice(0, 6),
      ['id', 'npv_mean', 'npv_p5', 'npv_p50', 'npv_p95', 'cheapest_share']);
  }
});

test('simulate takes missing settings from the scenario, and a scenario object equals its text', () => {
  const scenario = JSON.parse(lockVsFloat);
  scenario.uncertainty = { price_volatility_per_year: 0.4, paths: 700, seed: 3 };
  const fromScenario = engine.simulate({ scenario });
  const explicit = engine.simulate({ scenario: lockVsFloat, paths: 700, seed: 3, volatility: 0.4 });
  assert.deepEqual(fromScenario, explicit);
  assert.deepEqual(engine.simulate({ scenario: JSON.stringify(scenario), seed: 4 }),
    engine.simulate({ scenario: lockVsFloat, paths: 700, seed: 4, volatility: 0.4 }));
  throwsAt(() => engine.simulate({ scenario: lockVsFloat }), 'uncertainty');
});

test('with volatility 0 every figure is the deterministic NPV', () => {
  const result = engine.simulate({ scenario: lockVsFloat, paths: 100, seed: 1, volatility: 0 });
  const evaluation = engine.evaluate(lockVsFloat);
  result.options.forEach((option, i) => {
    const npv = evaluation.options[i].npv_cost;
    for (const key of ['npv_mean', 'npv_p5', 'npv_p50', 'npv_p95']) assert.equal(option[key], npv, `${option.id} ${key}`);
    assert.equal(option.cheapest_share, option.id === evaluation.cheapest ? 1 : 0);
  });
});

test('onProgress is called a bounded number of times, increasing to 1', () => {
  const seen = [];
  const withProgress = engine.simulate({ scenario: lockVsFloat, paths: 5000, seed: 2, volatility: 0.3, onProgress: (f) => { seen.push(f); } });
  assert.ok(seen.length >= 50 && seen.length <= 101, `${seen.length} calls`);
  for (let i = 1; i < seen.length; i += 1) assert.ok(seen[i] > seen[i - 1]);
  assert.equal(seen.at(-1), 1);
  assert.deepEqual(withProgress, engine.simulate({ scenario: lockVsFloat, paths: 5000, seed: 2, volatility: 0.3 }));
});

test('onProgress returning false cancels; an exception it throws is rethrown; the engine goes on working', () => {
  let calls = 0;
  throwsAt(() => engine.simulate({ scenario: lockVsFloat, paths: 10000, seed: 2, volatility: 0.3, onProgress: () => ++calls < 5 && undefined }),
    '(root)', 'cancelled');
  assert.equal(calls, 5);
  calls = 0;
  throwsAt(() => engine.simulate({ scenario: lockVsFloat, paths: 10000, seed: 2, volatility: 0.3, onProgress: () => (++calls < 3) }),
    '(root)', 'cancelled');
  assert.equal(calls, 3);
  const mine = new Error('stop now');
  assert.throws(() => engine.simulate({ scenario: lockVsFloat, paths: 10000, seed: 2, volatility: 0.3, onProgress: () => { throw mine; } }),
    (error) => error === mine);
  assertStillWorks();
  assert.equal(engine.simulate({ scenario: lockVsFloat, paths: 10, seed: 2, volatility: 0.3 }).paths, 10);
});

test('breakeven agrees with the native CLI', () => {
  const cases = [
    ['lock-vs-float', 'spot', 'commit-36m', 'market.spot_price', []],
    ['lock-vs-float', 'on-demand', 'commit-36m', 'market.price_trend_per_year', []],
    ['lock-vs-float', 'on-demand', 'commit-36m', 'horizon_months', []],
    ['commit-escalator-then-spot', 'on-demand', 'commit-48m-then-spot', 'options[2].escalator_per_year', ['--min', '-0.5', '--max', '0.5']],
    ['own-aged-out-lead-time', 'spot', 'own-3y-life', 'options[2].lead_time_months', []],
    ['buy-vs-rent', 'on-demand', 'own', 'demand.gpus', []],
    ['buy-vs-rent', 'on-demand', 'own', 'options[0].capex_per_gpu', []],
  ];
  for (const [name, a, b, param, args] of cases) {
    const request = { scenario: goldenScenario(name), a, b, param };
    if (args.length) Object.assign(request, { min: Number(args[1]), max: Number(args[3]) });
    const result = engine.breakeven(request);
    const expected = native('breakeven', name, ['--a', a, '--b', b, '--param', param, ...args]);
    assert.deepEqual(differences(result, expected, { rel: 1e-9, abs: 0 }), [], `${name} ${param}`);
    assert.deepEqual(Object.keys(result).slice(0, 5), ['schema', 'param', 'a', 'b', 'crossings']);
  }
});

test('sensitivity agrees with the native CLI', () => {
  const cases = [
    ['lock-vs-float', {}, []],
    ['lock-vs-float', { option: 'on-demand', step: 0.1 }, ['--option', 'on-demand', '--step', '0.1']],
    ['own-aged-out-lead-time', { a: 'spot', b: 'own-4y-life-straight-line', rateStep: 0.02 },
      ['--a', 'spot', '--b', 'own-4y-life-straight-line', '--rate-step', '0.02']],
    ['largest', {}, []],
  ];
  for (const [name, fields, args] of cases) {
    const result = engine.sensitivity({ scenario: goldenScenario(name), ...fields });
    const expected = native('sensitivity', name, args);
    assert.deepEqual(differences(result, expected, { rel: 1e-9, abs: 1e-6 }), [], name);
  }
});

test('every bad request field is named by its JavaScript name', () => {
  const be = { scenario: lockVsFloat, a: 'on-demand', b: 'commit-36m', param: 'market.price_trend_per_year' };
  engine.breakeven(be);
  throwsAt(() => engine.breakeven({ ...be, param: 'market.nope' }), 'param');
  throwsAt(() => engine.breakeven({ ...be, param: 42 }), 'param');
  throwsAt(() => engine.breakeven({ ...be, a: 'nope' }), 'a');
  throwsAt(() => engine.breakeven({ ...be, a: undefined }), 'a');
  throwsAt(() => engine.breakeven({ ...be, b: 'on-demand' }), 'b');
  throwsAt(() => engine.breakeven({ ...be, b: ['x'] }), 'b');
  throwsAt(() => engine.breakeven({ ...be, min: -1 }), 'min');
  throwsAt(() => engine.breakeven({ ...be, min: '0' }), 'min');
  throwsAt(() => engine.breakeven({ ...be, max: 11 }), 'max');
  throwsAt(() => engine.breakeven({ ...be, max: NaN }), 'max');
  throwsAt(() => engine.breakeven({ ...be, min: 0.5, max: 0.1 }), 'min');

  throwsAt(() => engine.sensitivity({ scenario: lockVsFloat, option: 'nope' }), 'option');
  throwsAt(() => engine.sensitivity({ scenario: lockVsFloat, a: 'spot' }), 'b');
  throwsAt(() => engine.sensitivity({ scenario: lockVsFloat, step: 0 }), 'step');
  throwsAt(() => engine.sensitivity({ scenario: lockVsFloat, step: Infinity }), 'step');
  throwsAt(() => engine.sensitivity({ scenario: lockVsFloat, rateStep: 1.5 }), 'rateStep');
  throwsAt(() => engine.sensitivity({ scenario: lockVsFloat, rateStep: '0.1' }), 'rateStep');

  const sim = { scenario: lockVsFloat, paths: 10, seed: 1, volatility: 0.2 };
  throwsAt(() => engine.simulate({ ...sim, paths: 1000001 }), 'paths');
  throwsAt(() => engine.simulate({ ...sim, paths: 2.5 }), 'paths');
  throwsAt(() => engine.simulate({ ...sim, paths: 10n }), 'paths');
  throwsAt(() => engine.simulate({ ...sim, seed: 2 ** 53 }), 'seed');
  throwsAt(() => engine.simulate({ ...sim, seed: -1 }), 'seed');
  throwsAt(() => engine.simulate({ ...sim, volatility: 5.5 }), 'volatility');
  throwsAt(() => engine.simulate({ ...sim, volatility: -Infinity }), 'volatility');
  throwsAt(() => engine.simulate({ ...sim, onProgress: 'often' }), 'onProgress');

  // The messages say what is wrong.
  assert.throws(() => engine.sensitivity({ scenario: lockVsFloat, rateStep: 1.5 }),
    (e) => e.message === 'rateStep: must be a number greater than 0 and at most 1, got 1.5');
  assert.throws(() => engine.simulate({ ...sim, paths: '10' }),
    (e) => e.message === 'paths: must be a number, got a string ("10")');
  assert.throws(() => engine.breakeven({ ...be, a: 'nope', b: 'nope' }), (e) => e.problems.length === 2);
  assertStillWorks();
});

test('a bad scenario or request object gives a TcoError, not a crash', () => {
  const broken = JSON.parse(lockVsFloat);
  broken.discount_rate = NaN;
  assert.throws(() => engine.breakeven({ scenario: broken, a: 'spot', b: 'on-demand', param: 'demand.gpus' }),
    (e) => e instanceof TcoError && e.message === 'discount_rate: must be a finite number, got NaN');
  throwsAt(() => engine.sensitivity({ scenario: '{' }), '(root)');
  throwsAt(() => engine.simulate({ paths: 10, seed: 1, volatility: 0.1 }), '(root)');
  throwsAt(() => engine.simulate(null), '(root)');
  throwsAt(() => engine.breakeven('scenario'), '(root)');
  assertStillWorks();
});
