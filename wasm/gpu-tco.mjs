// gpu-tco: the engine for JavaScript.
//
//   import { createEngine, TcoError } from './gpu-tco.mjs';
//   const engine = await createEngine();     // cached: every call returns the same promise
//   engine.evaluate(scenario)                // object or JSON text -> result (METHODOLOGY §5)
//   engine.validate(scenario)                // -> [] or [{path, message}, ...]
//   engine.version                           // the engine's version string
//
// Invalid input throws a TcoError with `.problems` ([{path, message}]), `.code`
// and `.path` (of the first problem). Works in browsers (page and module
// workers, under a strict Content-Security-Policy) and in node >= 18.
import createCore from './gpu-tco-core.mjs';

/** The largest scenario text the engine reads, in UTF-8 bytes. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** An input the engine cannot use, with every problem found. */
export class TcoError extends Error {
  /**
   * @param {{path: string, message: string}[]} problems
   * @param {string} [code] 'invalid_input' (the default), 'internal' or 'out_of_memory'
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

  #call(name, ...args) {
    try {
      return this.#core[name](...args);
    } catch (error) {
      // Only a bug in the engine gets here (the binding returns errors as data).
      throw new TcoError([{ path: '(root)', message: `internal error: ${error && error.message || error}` }], 'internal');
    }
  }
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
