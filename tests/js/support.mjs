// Shared by the node and browser tests: where the builds are, the golden data,
// and a numeric comparison of JSON documents.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA_DIR = join(ROOT, 'tests/data');
export const SITE_DIR = resolve(process.env.GPUTCO_SITE_DIR || join(ROOT, 'build/wasm/site'));
export const CLI = resolve(process.env.GPUTCO_CLI || join(ROOT, 'build/native/cli/gpu-tco'));

export function readText(path) {
  return readFileSync(path, 'utf8');
}

/** Names of tests/data/NAME.json with a NAME.expected.json. */
export function goldenNames() {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((name) => existsSync(join(DATA_DIR, `${name}.expected.json`)))
    .sort();
}

/** Names of tests/data/invalid/NAME.json with a NAME.problems.txt. */
export function invalidNames() {
  const dir = join(DATA_DIR, 'invalid');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((name) => existsSync(join(dir, `${name}.problems.txt`)))
    .sort();
}

export function goldenScenario(name) {
  return readText(join(DATA_DIR, `${name}.json`));
}

export function goldenExpected(name) {
  return JSON.parse(readText(join(DATA_DIR, `${name}.expected.json`)));
}

/** The native CLI's result for a scenario file. */
export function nativeResult(file) {
  return JSON.parse(execFileSync(CLI, ['eval', file, '--compact'], { encoding: 'utf8' }));
}

/**
 * Differences between two JSON values: numbers within a relative `rel` (or an
 * absolute `abs`), everything else exactly, keys in the same order.
 */
export function differences(actual, expected, { rel = 1e-9, abs = 1e-6 } = {}, path = '') {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const diff = Math.abs(actual - expected);
    return diff <= abs || diff <= rel * Math.abs(expected) ? [] : [`${path}: got ${actual}, expected ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: length differs`];
    return expected.flatMap((e, i) => differences(actual[i], e, { rel, abs }, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: not an object`];
    const keys = Object.keys(expected);
    if (Object.keys(actual).join() !== keys.join()) return [`${path}: keys ${Object.keys(actual)} != ${keys}`];
    return keys.flatMap((k) => differences(actual[k], expected[k], { rel, abs }, `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}
