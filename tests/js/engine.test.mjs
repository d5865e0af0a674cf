// The WebAssembly engine through its public JavaScript API, in node.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  CLI, DATA_DIR, SITE_DIR, differences, goldenExpected, goldenNames, goldenScenario, invalidNames, nativeResult, readText,
} from './support.mjs';

const { createEngine, TcoError, MAX_SCENARIO_BYTES } = await import(pathToFileURL(join(SITE_DIR, 'gpu-tco.mjs')).href);
const engine = await createEngine();

const valid = goldenScenario('lock-vs-float');
const lockVsFloat = goldenExpected('lock-vs-float');

function assertStillWorks() {
  assert.equal(engine.evaluate(valid).cheapest, lockVsFloat.cheapest);
}

function problemLines(error) {
  return error.problems.map((p) => `${p.path}: ${p.message}`);
}

test('createEngine is cached: a second call returns the same promise', () => {
  assert.equal(createEngine(), createEngine());
});

test('the version is the native CLI version', () => {
  assert.match(engine.version, /^\d+\.\d+\.\d+/);
  assert.equal(`gpu-tco ${engine.version}`, execFileSync(CLI, ['--version'], { encoding: 'utf8' }).trim());
});

test('every golden case matches its expected result (1e-9) and the native CLI (1e-12)', () => {
  const names = goldenNames();
  assert.ok(names.length >= 13);
  for (const name of names) {
    const result = engine.evaluate(goldenScenario(name));
    assert.deepEqual(differences(result, goldenExpected(name)), [], name);
    assert.deepEqual(differences(result, nativeResult(join(DATA_DIR, `${name}.json`)), { rel: 1e-12, abs: 0 }), [], name);
  }
});

test('a scenario object and its JSON text give the same result', () => {
  for (const name of goldenNames()) {
    const text = goldenScenario(name);
    assert.deepEqual(engine.evaluate(JSON.parse(text)), engine.evaluate(text), name);
  }
});

test('the result is a plain object shaped as METHODOLOGY §5', () => {
  const result = engine.evaluate(valid);
  assert.equal(result.schema, 'gpu-tco-result/1');
  assert.deepEqual(Object.keys(result.options[0]), [
    'id', 'upfront', 'monthly', 'residual_value', 'total_cost', 'npv_cost', 'work_gpu_hours', 'idle_gpu_hours',
    'levelized_cost_per_gpu_hour',
  ]);
  assert.ok(Array.isArray(result.options[0].monthly));
  assert.equal(result.options[0].monthly.length, 36);
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
});

test('results of one call are not changed by the next call', () => {
  const first = engine.evaluate(valid);
  const copy = structuredClone(first);
  engine.evaluate(goldenScenario('largest'));
  assert.deepEqual(first, copy);
});

test('zero demand gives a null levelized cost in JavaScript too', () => {
  const result = engine.evaluate(goldenScenario('zero-demand'));
  for (const option of result.options) assert.equal(option.levelized_cost_per_gpu_hour, null);
});

test('validate returns [] for every golden case', () => {
  for (const name of goldenNames()) assert.deepEqual(engine.validate(goldenScenario(name)), [], name);
});

test('every invalid case throws a TcoError with exactly the problems the CLI prints', () => {
  const names = invalidNames();
  assert.ok(names.length >= 15);
  for (const name of names) {
    const text = readText(join(DATA_DIR, 'invalid', `${name}.json`));
    const expected = readText(join(DATA_DIR, 'invalid', `${name}.problems.txt`)).split('\n').filter(Boolean);
    assert.throws(() => engine.evaluate(text), (error) => {
      assert.ok(error instanceof TcoError, name);
      assert.ok(error instanceof Error, name);
      assert.equal(error.name, 'TcoError');
      assert.equal(error.code, 'invalid_input');
      assert.deepEqual(problemLines(error), expected, name);
      assert.equal(error.path, error.problems[0].path);
      assert.equal(error.message, expected.join('\n'));
      return true;
    });
    assert.deepEqual(engine.validate(text).map((p) => `${p.path}: ${p.message}`), expected, name);
  }
  assertStillWorks();
});

test('a non-object is refused with a clear message', () => {
  const cases = [
    [42, 'a scenario must be a JSON object or its JSON text, got a number'],
    [null, 'a scenario must be a JSON object or its JSON text, got null'],
    [undefined, 'a scenario must be a JSON object or its JSON text, got undefined'],
    [true, 'a scenario must be a JSON object or its JSON text, got a boolean'],
    [() => 1, 'a scenario must be a JSON object or its JSON text, got a function'],
    [[1, 2], 'a scenario must be a JSON object, got an array'],
    ['"text"', 'a scenario must be a JSON object, got a string ("text")'],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => engine.evaluate(input), (e) => e instanceof TcoError && e.path === '(root)' && e.message === `(root): ${message}`);
  }
  assertStillWorks();
});

test('a string that is not JSON is refused with its position', () => {
  assert.throws(() => engine.evaluate('{"schema": gpu-tco}'), (e) => e instanceof TcoError &&
    /^\(root\): invalid JSON at line 1, column \d+: /.test(e.message));
  assertStillWorks();
});

test('NaN and Infinity in a JavaScript object are named at their path', () => {
  const scenario = JSON.parse(valid);
  scenario.discount_rate = NaN;
  scenario.options[2].price = Infinity;
  scenario.demand.gpus = -Infinity;
  assert.throws(() => engine.evaluate(scenario), (e) => {
    assert.deepEqual(problemLines(e), [
      'discount_rate: must be a finite number, got NaN',
      'demand.gpus: must be a finite number, got -Infinity',
      'options[2].price: must be a finite number, got Infinity',
    ]);
    return true;
  });
  scenario.extra = { 'odd key': NaN };
  assert.deepEqual(engine.validate(scenario).find((p) => p.path === 'extra'), { path: 'extra', message: 'unknown field' });
  assertStillWorks();
});

test('a 50 MB string is refused at once, and the engine keeps working', () => {
  const huge = `{"name": "${'x'.repeat(50 * 1024 * 1024)}"}`;
  const start = performance.now();
  assert.throws(() => engine.evaluate(huge), (e) => e instanceof TcoError && e.path === '(root)' &&
    e.message.includes(`the limit is ${MAX_SCENARIO_BYTES} bytes`));
  assert.ok(performance.now() - start < 5000, 'refused without parsing');
  assertStillWorks();
});

test('a string just over the limit in UTF-8 bytes is refused by the engine', () => {
  const text = `{"name": "${'é'.repeat(MAX_SCENARIO_BYTES / 2)}"}`;  // fewer UTF-16 units than the limit, more bytes
  assert.ok(text.length < MAX_SCENARIO_BYTES);
  assert.throws(() => engine.evaluate(text), (e) => /^\(root\): the input is \d+ bytes; the limit is 4194304 bytes$/.test(e.message));
  assertStillWorks();
});

test('cyclic, BigInt and absurdly deep objects give a TcoError, not a crash', () => {
  const cyclic = JSON.parse(valid);
  cyclic.self = cyclic;
  assert.throws(() => engine.evaluate(cyclic), (e) => e instanceof TcoError && e.message.startsWith('(root): the scenario cannot be written as JSON'));
  assert.throws(() => engine.evaluate({ ...JSON.parse(valid), horizon_months: 36n }), TcoError);
  let deep = {};
  for (let i = 0; i < 100000; i += 1) deep = { a: deep };
  assert.throws(() => engine.evaluate(deep), TcoError);
  assert.throws(() => engine.evaluate('['.repeat(1000000)), (e) => e.message === '(root): nesting is deeper than 64 levels');
  assertStillWorks();
});

test('many failing calls in a row leave the engine healthy', () => {
  for (let i = 0; i < 2000; i += 1) {
    assert.throws(() => engine.evaluate(i % 2 ? '{' : { schema: 'gpu-tco/1' }), TcoError);
  }
  assert.deepEqual(differences(engine.evaluate(valid), lockVsFloat), []);
});
