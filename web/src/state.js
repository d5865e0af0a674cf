// The scenario being edited and the operations on it. No DOM, no engine.
//
// The scenario object is the single source of truth: exactly what is saved,
// shared and sent to the engine. A field whose text is not a number holds that
// text, so nothing the user typed is lost; the engine then names the field.
import { KIND_NAMES, MAX_OPTIONS } from './fields.js';

/** "options[2].price" -> ["options", 2, "price"] */
export function splitPath(path) {
  const parts = [];
  for (const piece of path.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(piece);
    if (!m) return null;
    parts.push(m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

export function getPath(scenario, path) {
  let node = scenario;
  for (const part of splitPath(path) || []) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

/** Sets the value at `path`, creating objects on the way; `undefined` removes the key. */
export function setPath(scenario, path, value) {
  const parts = splitPath(path);
  let node = scenario;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') node[part] = {};
    node = node[part];
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

export function cloneScenario(scenario) {
  return structuredClone(scenario);
}

/** The compact JSON text of a scenario: how it is saved, shared and compared. */
export function scenarioText(scenario) {
  return JSON.stringify(scenario);
}

export function sameScenario(a, b) {
  return scenarioText(a) === scenarioText(b);
}

export function optionsOf(scenario) {
  return Array.isArray(scenario.options) ? scenario.options : [];
}

/** An id not used by any option yet: "commit", "commit-2", ... */
export function uniqueId(scenario, base) {
  const taken = new Set(optionsOf(scenario).map((o) => o && o.id));
  const stem = (String(base).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'option').slice(0, 56);
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n += 1) {
    if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
  }
}

const roundTo = (value, step) => Math.round(value / step) * step;
const numberOr = (value, fallback) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/**
 * A new option of `kind` with sensible terms for this scenario.
 * @returns {object}
 */
export function newOption(scenario, kind) {
  const market = scenario.market || {};
  const onDemand = numberOr(market.on_demand_price, 2.5);
  const gpus = Math.max(1, Math.round(numberOr(scenario.demand && scenario.demand.gpus, 100)));
  const horizon = Math.round(numberOr(scenario.horizon_months, 36));
  const base = { id: uniqueId(scenario, kind === 'on_demand' ? 'on-demand' : kind), kind };
  switch (kind) {
    case 'commit': {
      const term = Math.max(1, Math.min(36, horizon));
      return { ...base, label: `${term}-month commit`, gpus, term_months: term, price: roundTo(onDemand * 0.7, 0.01) };
    }
    case 'own':
      return {
        ...base, label: 'Buy servers', gpus, capex_per_gpu: 30000, lead_time_months: Math.min(3, horizon),
        power_kw_per_gpu: 1.2, pue: 1.3, energy_price_per_kwh: 0.1, colo_per_kw_month: 150, opex_fraction_per_year: 0.05,
      };
    default:
      return { ...base, label: KIND_NAMES[kind] };
  }
}

/**
 * Adds an option at the end. An option that buys on spot needs a spot price:
 * when there is none, one is filled in and the caller is told so.
 * @returns {{index: number, filledSpotPrice?: number}|null} null when the scenario is full
 */
export function addOption(scenario, kind) {
  if (!Array.isArray(scenario.options)) scenario.options = [];
  if (scenario.options.length >= MAX_OPTIONS) return null;
  scenario.options.push(newOption(scenario, kind));
  const out = { index: scenario.options.length - 1 };
  if (kind === 'spot') {
    const market = scenario.market || (scenario.market = {});
    if (market.spot_price === undefined) {
      market.spot_price = roundTo(numberOr(market.on_demand_price, 2.5) * 0.6, 0.01) || 0.01;
      out.filledSpotPrice = market.spot_price;
    }
  }
  return out;
}

/** Copies option `index` right after it, with a new id and "(copy)" in its label. */
export function duplicateOption(scenario, index) {
  const options = optionsOf(scenario);
  if (options.length >= MAX_OPTIONS || !options[index]) return null;
  const copy = cloneScenario(options[index]);
  copy.id = uniqueId(scenario, `${typeof copy.id === 'string' ? copy.id : 'option'}-copy`);
  copy.label = `${typeof copy.label === 'string' && copy.label ? copy.label : copy.id} (copy)`.slice(0, 200);
  options.splice(index + 1, 0, copy);
  return { index: index + 1 };
}

export function removeOption(scenario, index) {
  return optionsOf(scenario).splice(index, 1)[0];
}

/** Moves option `index` by `delta` places; returns its new index. */
export function moveOption(scenario, index, delta) {
  const options = optionsOf(scenario);
  const to = index + delta;
  if (to < 0 || to >= options.length) return index;
  const [option] = options.splice(index, 1);
  options.splice(to, 0, option);
  return to;
}

/** A display name for an option: its label, else its id, else its position. */
export function optionName(option, index) {
  if (option && typeof option.label === 'string' && option.label.trim()) return option.label.trim();
  if (option && typeof option.id === 'string' && option.id) return option.id;
  return `Option ${index + 1}`;
}

/**
 * Is this value something the form can show and edit? Saved work and shared
 * links must be objects with an options list the page can render; anything
 * else is refused rather than half-shown.
 */
export function looksEditable(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) &&
    (value.options === undefined || (Array.isArray(value.options) && value.options.length <= MAX_OPTIONS &&
      value.options.every((o) => o !== null && typeof o === 'object' && !Array.isArray(o))));
}
