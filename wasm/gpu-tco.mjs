// gpu-tco: the engine for JavaScript.
//
//   import { createEngine, TcoError } from './gpu-tco.mjs';
//   const engine = await createEngine();     // cached: every call returns the same promise
//   engine.evaluate(scenario)                // object or JSON text -> result (METHODOLOGY §5)
//   engine.validate(scenario)                // -> [] or [{path, message}, ...]
//   engine.breakeven({scenario, a, b, param, min?, max?})        // -> gpu-tco-breakeven/1 (METHODOLOGY §8)
//   engine.sensitivity({scenario, option?} | {scenario, a, b}, with step?, rateStep?)  // -> gpu-tco-sensitivity/1
//   engine.simulate({scenario, paths?, seed?, volatility?, onProgress?})  // -> gpu-tco-simulation/1 (§7)
//   engine.version                           // the engine's version string
//
// The analyses are described in docs/analysis.md. A scenario is an object or
// its JSON text; missing simulation settings come from its `uncertainty`.
// onProgress(fractionDone) is called about every 1 % of the paths, ending with
// 1, from inside the (synchronous) simulation, so a Web Worker can post
// progress; returning false cancels the run (a TcoError with code 'cancelled'),
// and an exception it throws cancels the run and is rethrown.
//
// Invalid input throws a TcoError with `.problems` ([{path, message}]), `.code`
// and `.path` (of the first problem); a bad request field is named by its
// JavaScript name (`param`, `a`, `b`, `min`, `max`, `option`, `step`,
// `rateStep`, `paths`, `seed`, `volatility`, `onProgress`). Works in browsers
// (page and module workers, under a strict Content-Security-Policy) and in
// node >= 18.
import createCore from './gpu-tco-core.mjs';

/** The largest scenario text the engine reads, in UTF-8 bytes. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** An input the engine cannot use, with every problem found. */
export class TcoError extends Error {
  /**
   * @param {{path: string, message: string}[]} problems
   * @param {string} [code] 'invalid_input' (the default), 'cancelled', 'internal' or 'out_of_memory'
   */
  constructor(problems, code = 'invalid_input') {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n') || 'invalid input');
    this.name = 'TcoError';
    this.code = code;
    this.problems = problems;
    this.path = problems.length > 0 ? problems[0].path : '(root)';
  }
}

let enginePromise = null;

/**
 * Loads the engine once; later calls return the same promise. If loading
 * fails the promise rejects, and the next call tries again.
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array}} [options] the engine's .wasm bytes,
 *   for hosts that cannot fetch it next to this module (a single-file page).
 */
export function createEngine(options = {}) {
  if (!enginePromise) {
    enginePromise = loadEngine(options);
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

async function loadEngine(options) {
  const moduleOptions = {};
  if (options.wasmBinary) {
    moduleOptions.wasmBinary = options.wasmBinary;
  } else if (isNode()) {
    // node's fetch cannot read a file next to this module; read it ourselves.
    const { readFile } = await import('node:fs/promises');
    moduleOptions.wasmBinary = await readFile(new URL('./gpu-tco-core.wasm', import.meta.url));
  }
  return new Engine(await createCore(moduleOptions));
}

function isNode() {
  return typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
    typeof process.versions.node === 'string';
}

class Engine {
  #core;

  constructor(core) {
    this.#core = core;
    this.version = core.version();
    Object.freeze(this);
  }

  /**
   * Evaluates a scenario.
   * @param {object|string} scenario a scenario object or its JSON text
   * @returns {object} the result document of METHODOLOGY §5
   * @throws {TcoError}
   */
  evaluate(scenario) {
    const { text, nonFinite } = scenarioText(scenario);
    const out = this.#call('evaluate', text);
    if (!out.ok) throw errorFrom(out, nonFinite);
    const result = JSON.parse(out.result);
    // The months arrive as one view into wasm memory: copy them out now, before
    // the next call reuses that memory.
    const monthly = out.monthly.slice();
    const months = out.months;
    result.options.forEach((option, i) => {
      option.monthly = Array.from(monthly.subarray(i * months, (i + 1) * months));
    });
    return result;
  }

  /**
   * Checks a scenario without evaluating it.
   * @param {object|string} scenario
   * @returns {{path: string, message: string}[]} every problem; empty when valid
   */
  validate(scenario) {
    let input;
    try {
      input = scenarioText(scenario);
    } catch (error) {
      if (error instanceof TcoError) return error.problems;
      throw error;
    }
    const out = this.#call('validate', input.text);
    return out.ok ? [] : errorFrom(out, input.nonFinite).problems;
  }

  /**
   * Break-even (METHODOLOGY §8), as `gpu-tco breakeven`.
   * @param {{scenario: object|string, a: string, b: string, param: string, min?: number, max?: number}} request
   * @returns {object} the gpu-tco-breakeven/1 document
   */
  breakeven(request) {
    const fields = requestFields(request, { text: ['a', 'b', 'param'], numbers: ['min', 'max'] });
    return this.#analyse('breakeven', request.scenario, fields);
  }

  /**
   * Sensitivity, as `gpu-tco sensitivity`: of one option's NPV, or of npv_a - npv_b.
   * @param {{scenario: object|string, option?: string, a?: string, b?: string, step?: number, rateStep?: number}} request
   * @returns {object} the gpu-tco-sensitivity/1 document
   */
  sensitivity(request) {
    const fields = requestFields(request, { text: ['option', 'a', 'b'], numbers: ['step', 'rateStep'] });
    return this.#analyse('sensitivity', request.scenario, fields);
  }

  /**
   * Monte Carlo (METHODOLOGY §7), as `gpu-tco simulate`.
   * @param {{scenario: object|string, paths?: number, seed?: number, volatility?: number,
   *   onProgress?: (fractionDone: number) => (boolean|void)}} request
   * @returns {object} the gpu-tco-simulation/1 document
   */
  simulate(request) {
    const fields = requestFields(request, { text: [], numbers: ['paths', 'seed', 'volatility'], callbacks: ['onProgress'] });
    const { onProgress } = request;
    let thrown = null;
    if (onProgress !== undefined && onProgress !== null) {
      fields.progress = (fraction) => {
        try {
          return onProgress(fraction) !== false;
        } catch (error) {
          thrown = { error };
          return false;
        }
      };
    }
    try {
      return this.#analyse('simulate', request.scenario, fields);
    } catch (error) {
      throw thrown ? thrown.error : error;
    }
  }

  #analyse(name, scenario, fields) {
    const { text, nonFinite } = scenarioText(scenario);
    const out = this.#call('analyse', name, text, fields);
    if (!out.ok) {
      const error = errorFrom(out, nonFinite);
      throw new TcoError(error.problems.map((p) => (p.path === 'rate_step' ? { ...p, path: 'rateStep' } : p)), error.code);
    }
    return JSON.parse(out.result);
  }

  #call(name, ...args) {
    try {
      return this.#core[name](...args);
    } catch (error) {
      // Only a bug in the engine gets here (the binding returns errors as data).
      throw new TcoError([{ path: '(root)', message: `internal error: ${error && error.message || error}` }], 'internal');
    }
  }
}

// ---------------------------------------------------------------------------
// Analysis requests: checked here, so the engine sees only strings and finite
// numbers; returns the fields under the engine's names.

function requestFields(request, { text, numbers, callbacks = [] }) {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new TcoError([{ path: '(root)', message: `a request must be an object such as {scenario, ...}, got ${describe(request)}` }]);
  }
  const problems = [];
  const fields = {};
  for (const name of text) {
    const value = request[name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') {
      fields[name] = value;
    } else {
      const what = name === 'param' ? 'the path of a numeric input' : 'the id of an option';
      problems.push({ path: name, message: `must be a string, ${what}, got ${describe(value)}` });
    }
  }
  for (const name of numbers) {
    const value = request[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number') problems.push({ path: name, message: `must be a number, got ${describe(value)}` });
    else if (!Number.isFinite(value)) problems.push({ path: name, message: `must be a finite number, got ${value}` });
    else fields[name === 'rateStep' ? 'rate_step' : name] = value;
  }
  for (const name of callbacks) {
    const value = request[name];
    if (value !== undefined && value !== null && typeof value !== 'function') {
      problems.push({ path: name, message: `must be a function, got ${describe(value)}` });
    }
  }
  if (problems.length > 0) throw new TcoError(problems);
  return fields;
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${quoteText(value)})`;
  if (typeof value === 'undefined') return 'undefined';
  return `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
}

function errorFrom(out, nonFinite) {
  const problems = JSON.parse(out.problems);
  return new TcoError(mergeNonFinite(problems, nonFinite), out.code);
}

// ---------------------------------------------------------------------------
// From what the caller passed to the JSON text the engine reads.

/**
 * @returns {{text: string, nonFinite: {path: string, message: string}[]}}
 * @throws {TcoError} when the input cannot even be turned into JSON text
 */
function scenarioText(scenario) {
  if (typeof scenario === 'string') {
    // A UTF-16 code unit is at least one UTF-8 byte: more units than the byte
    // limit is certainly too large, and is refused before copying it into wasm.
    if (scenario.length > MAX_SCENARIO_BYTES) throw tooLarge();
    return { text: scenario, nonFinite: [] };
  }
  if (scenario === null || typeof scenario !== 'object') {
    const got = scenario === null ? 'null' : typeof scenario === 'undefined' ? 'undefined' : `a ${typeof scenario}`;
    throw new TcoError([{ path: '(root)', message: `a scenario must be a JSON object or its JSON text, got ${got}` }]);
  }
  const nonFinite = [];
  let text;
  try {
    text = JSON.stringify(scenario, nonFiniteRecorder(nonFinite));
  } catch (error) {
    throw new TcoError([{ path: '(root)', message: `the scenario cannot be written as JSON: ${error.message}` }]);
  }
  if (text === undefined) {
    throw new TcoError([{ path: '(root)', message: 'the scenario cannot be written as JSON' }]);
  }
  if (text.length > MAX_SCENARIO_BYTES) throw tooLarge();
  return { text, nonFinite };
}

function tooLarge() {
  return new TcoError([{
    path: '(root)',
    message: `the input is more than ${MAX_SCENARIO_BYTES} bytes; the limit is ${MAX_SCENARIO_BYTES} bytes`,
  }]);
}

// JSON has no NaN or Infinity; JSON.stringify quietly writes them as null.
// Record where they were so the message can say what was really there.
function nonFiniteRecorder(found) {
  const paths = new Map();  // every object or array seen -> its path
  return function replacer(key, value) {
    // `this` is the object holding `value`; the first call's holder is a
    // wrapper {"": scenario} that stringify makes, which has no path.
    const holderPath = paths.get(this);
    const path = holderPath === undefined ? ''
      : Array.isArray(this) ? `${holderPath}[${key}]` : memberPath(holderPath, key);
    if (typeof value === 'number' && !Number.isFinite(value)) {
      if (found.length < 100) found.push({ path: path || '(root)', message: `must be a finite number, got ${value}` });
    } else if (value !== null && typeof value === 'object' && !paths.has(value)) {
      paths.set(value, path);
    }
    return value;
  };
}

// Engine problems at a path where a non-finite number stood say "got null";
// say what the caller actually passed instead.
function mergeNonFinite(problems, nonFinite) {
  if (nonFinite.length === 0) return problems;
  const byPath = new Map(nonFinite.map((p) => [p.path, p]));
  const merged = problems.map((p) => {
    const original = byPath.get(p.path);
    if (original && p.message.endsWith('got null')) {
      byPath.delete(p.path);
      return original;
    }
    return p;
  });
  return merged.concat([...byPath.values()].filter((p) => !merged.some((q) => q.path === p.path)));
}

// Paths as the engine writes them (core/src/json_document.cpp): plain keys
// after a dot, anything else quoted in brackets.
const PLAIN_KEY = /^[A-Za-z0-9_-]{1,64}$/;

function memberPath(parent, key) {
  if (!PLAIN_KEY.test(key)) return `${parent}[${quoteText(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

function quoteText(text, maxCodePoints = 40) {
  let out = '"';
  let count = 0;
  for (const ch of text) {
    if (count === maxCodePoints) { out += '...'; break; }
    count += 1;
    const point = ch.codePointAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (point >= 0x20 && point < 0x7f) out += ch;
    else if (point > 0xffff) {
      const v = point - 0x10000;
      out += `\\u${(0xd800 + (v >> 10)).toString(16)}\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`;
    } else out += `\\u${point.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}
