// What the form shows for every field of the scenario format (METHODOLOGY §2,
// §4), and how typed text becomes a number. No DOM here.
//
// Rates are stored as fractions (0.08) and shown in percent (8); a field's
// `percent` flag says so. Paths are the engine's error paths, so an engine
// problem maps straight to the field it names.

/** @typedef {{key: string, label: string, help: string, type: string, unit?: string|((s: object) => string),
 *   percent?: boolean, required?: boolean, default?: number, placeholder?: string, choices?: [string, string][],
 *   summary?: boolean}} Field
 *  default: the value the engine uses when the field is absent (METHODOLOGY §2, §4). */

const money = (suffix) => (scenario) => `${scenario.currency || 'USD'}${suffix}`;

/** @type {Field[]} */
export const SCENARIO_FIELDS = [
  { key: 'name', label: 'Name', type: 'text', help: 'What this comparison is about; shown on shared links and embeds.', placeholder: 'e.g. Lock in or float, 2027–2029' },
  { key: 'currency', label: 'Currency', type: 'currency', help: 'Three-letter ISO code, for display only.', placeholder: 'USD' },
  { key: 'horizon_months', label: 'Horizon', type: 'integer', unit: 'months', required: true, summary: true, help: 'How long to compare the options over: 36 for three years (1–240).' },
  { key: 'discount_rate', label: 'Discount rate', type: 'number', percent: true, unit: '% a year', required: true, summary: true, help: 'Your cost of capital: what money a year from now is worth less than today.' },
  { key: 'hours_per_month', default: 730, label: 'Hours per month', type: 'number', unit: 'hours', placeholder: '730', help: '730 = 8,760 ÷ 12, as cloud providers bill. Leave empty for 730.' },
];

/** @type {Field[]} */
export const DEMAND_FIELDS = [
  { key: 'demand.gpus', label: 'GPUs of work', type: 'number', unit: 'GPUs', required: true, summary: true, help: 'GPUs kept busy in the first month.' },
  { key: 'demand.growth_per_year', default: 0, label: 'Growth', type: 'number', percent: true, unit: '% a year', placeholder: '0', summary: true, help: 'How fast the work grows; negative if it shrinks. Compounds monthly.' },
];

/** @type {Field[]} */
export const MARKET_FIELDS = [
  { key: 'market.on_demand_price', label: 'On-demand price', type: 'number', unit: money(' per GPU-hour'), required: true, summary: true, help: 'What one GPU-hour costs on demand today.' },
  { key: 'market.spot_price', label: 'Spot price', type: 'number', unit: money(' per GPU-hour'), summary: true, help: 'What one GPU-hour costs on spot today. Needed when an option uses spot.' },
  { key: 'market.price_trend_per_year', default: 0, label: 'Price trend', type: 'number', percent: true, unit: '% a year', placeholder: '0', summary: true, help: '−15 means market prices a year from now are 15 % lower. Applies to on demand and spot.' },
  { key: 'market.spot_interruption_overhead', default: 0, label: 'Spot overhead', type: 'number', percent: true, unit: '% extra hours', placeholder: '0', help: 'Extra GPU-hours spot needs for preemptions and redone work.' },
];

/** Monte Carlo settings (METHODOLOGY §7); the group exists only while the scenario has `uncertainty`. */
export const UNCERTAINTY_FIELDS = [
  { key: 'uncertainty.price_volatility_per_year', label: 'Price volatility', type: 'number', percent: true, unit: '% a year', required: true, help: 'How much market prices wander around their trend (annual σ). 30 is a lot; 0 reproduces the results above.' },
  { key: 'uncertainty.paths', label: 'Paths', type: 'integer', unit: 'paths', required: true, help: 'Random price paths to simulate; more is smoother and slower.' },
  { key: 'uncertainty.seed', label: 'Seed', type: 'integer', unit: '', required: true, help: 'The same seed gives the same numbers, here and in gpu-tco simulate.' },
];

/** What the page turns on when you ask for a simulation. */
export const DEFAULT_UNCERTAINTY = { price_volatility_per_year: 0.3, paths: 20000, seed: 1 };

/** The page runs at most this many paths at a time (the engine and the CLI take up to 1,000,000). */
export const PAGE_MAX_PATHS = 200000;

const MARKETS = [['on_demand', 'On demand'], ['spot', 'Spot']];

/** Fields of each option kind, after the common label and id. */
export const OPTION_FIELDS = {
  on_demand: [],
  spot: [],
  commit: [
    { key: 'gpus', label: 'Committed GPUs', type: 'number', unit: 'GPUs', required: true, help: 'Paid for every hour of the term, used or not.' },
    { key: 'term_months', label: 'Term', type: 'integer', unit: 'months', required: true, help: 'Length of the commitment, at most the horizon.' },
    { key: 'price', label: 'Price', type: 'number', unit: money(' per GPU-hour'), required: true, help: 'Contract price in the first contract year.' },
    { key: 'escalator_per_year', default: 0, label: 'Escalator', type: 'number', percent: true, unit: '% a year', placeholder: '0', help: 'Price rise at each anniversary (months 12, 24, …).' },
    { key: 'prepay_fraction', default: 0, label: 'Prepaid share', type: 'number', percent: true, unit: '% of the term', placeholder: '0', help: 'Share of the whole term’s charges paid upfront.' },
    { key: 'prepay_discount', default: 0, label: 'Prepay discount', type: 'number', percent: true, unit: '% off', placeholder: '0', help: 'Discount on the prepaid share.' },
    { key: 'overflow', label: 'Work above the commitment', type: 'choice', choices: MARKETS, help: 'Where work beyond the committed GPUs is bought.' },
    { key: 'after_term', label: 'After the term', type: 'choice', choices: MARKETS, help: 'Where all work is bought once the term ends.' },
  ],
  own: [
    { key: 'gpus', label: 'GPUs bought', type: 'number', unit: 'GPUs', required: true, help: 'GPUs in the servers you buy.' },
    { key: 'capex_per_gpu', label: 'Purchase cost', type: 'number', unit: money(' per GPU'), required: true, help: 'All-in: server share, network, install.' },
    { key: 'lead_time_months', default: 0, label: 'Lead time', type: 'integer', unit: 'months', placeholder: '0', help: 'Months before the servers run; work is bought on the market meanwhile.' },
    { key: 'power_kw_per_gpu', default: 0, label: 'Power', type: 'number', unit: 'kW per GPU', placeholder: '0', help: 'IT power per GPU, including its share of the server.' },
    { key: 'pue', default: 1, label: 'PUE', type: 'number', unit: '×', placeholder: '1', help: 'Facility power ÷ IT power (1–5).' },
    { key: 'energy_price_per_kwh', default: 0, label: 'Energy price', type: 'number', unit: money(' per kWh'), placeholder: '0', help: 'Today’s price of electricity.' },
    { key: 'energy_trend_per_year', default: 0, label: 'Energy trend', type: 'number', percent: true, unit: '% a year', placeholder: '0', help: 'How the energy price moves, from month 0.' },
    { key: 'colo_per_kw_month', default: 0, label: 'Colocation', type: 'number', unit: money(' per kW-month'), placeholder: '0', help: 'Space and cooling, per kW of IT power.' },
    { key: 'opex_fraction_per_year', default: 0, label: 'Upkeep', type: 'number', percent: true, unit: '% of purchase a year', placeholder: '0', help: 'Maintenance and staff, as a share of the purchase.' },
    { key: 'useful_life_months', default: 60, label: 'Useful life', type: 'integer', unit: 'months', placeholder: '60', help: 'For resale value: straight-line from purchase to zero.' },
    { key: 'residual', label: 'Resale value', type: 'choice', choices: [['straight_line', 'Straight-line'], ['none', 'None']], help: 'Value left at the horizon, which lowers the cost.' },
    { key: 'overflow', label: 'Work above capacity', type: 'choice', choices: MARKETS, help: 'Where work the servers cannot serve is bought, and all work during the lead time.' },
  ],
};

export const KIND_NAMES = { on_demand: 'On demand', spot: 'Spot', commit: 'Commit', own: 'Own servers' };
export const KINDS = Object.keys(KIND_NAMES);
export const MAX_OPTIONS = 16;

/** The unit text of a field for the current scenario (money units name the currency). */
export function unitOf(field, scenario) {
  return typeof field.unit === 'function' ? field.unit(scenario) : field.unit || '';
}

// ---------------------------------------------------------------------------
// Typed text -> number

const CURRENCY_SIGNS = /^[$€£¥₹]|^(?:US\$|USD|EUR|GBP)\s*/i;
const SCALE = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * Reads a number the way people type it: `2.5`, `2,500`, `1 234,5`, `$2.99`,
 * `31k`, `1.5M`, `−15 %`. For percent fields the number is in percent (`8` and
 * `8%` both mean 0.08).
 * @returns {{ok: true, value: number} | {ok: false, empty?: boolean}}
 */
export function parseNumber(text, { percent = false } = {}) {
  let t = String(text).trim().replace(/[\u2212\u2012\u2013\u2014]/g, '-').replace(/[\s\u00a0\u202f_']/g, '');
  if (t === '') return { ok: false, empty: true };
  t = t.replace(CURRENCY_SIGNS, '');
  if (t.endsWith('%')) t = t.slice(0, -1);
  let scale = 1;
  const suffix = t.slice(-1).toLowerCase();
  if (suffix in SCALE && /\d/.test(t.slice(-2, -1))) {
    scale = SCALE[suffix];
    t = t.slice(0, -1);
  }
  t = normaliseSeparators(t);
  const parts = t === null ? null : /^([+-]?(?:\d+\.?\d*|\.\d+))(?:e([+-]?\d+))?$/i.exec(t);
  if (!parts) return { ok: false };
  // Shift the decimal point in the text rather than multiplying, so that "8.3"
  // percent is exactly the double nearest 0.083, as if 0.083 had been typed.
  const exponent = Number(parts[2] || 0) + Math.round(Math.log10(scale)) - (percent ? 2 : 0);
  const value = Number(`${parts[1]}e${exponent}`);
  if (!Number.isFinite(value)) return { ok: false };
  return { ok: true, value };
}

// "2,500.5" -> "2500.5"; "2.500,5" -> "2500.5"; "2,5" -> "2.5"; "1,23,456" (Indian) -> "123456".
function normaliseSeparators(t) {
  const commas = (t.match(/,/g) || []).length;
  const dots = (t.match(/\./g) || []).length;
  if (commas === 0) return t;
  if (dots === 0) {
    // One comma not followed by exactly three digits is a decimal comma.
    if (commas === 1 && !/,\d{3}(?:e|$)/i.test(t)) return t.replace(',', '.');
    return /^[+-]?\d{1,3}(,\d{2,3})+(e[+-]?\d+)?$/i.test(t) ? t.replace(/,/g, '') : null;
  }
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  if (lastDot > lastComma) return t.replace(/,/g, '');              // 2,500.5
  if (dots >= 1 && commas === 1) return t.replace(/\./g, '').replace(',', '.');  // 2.500,5
  return null;
}

/** A number as it is shown in its input: plain digits, percent for rates, never rounded away. */
export function formatForInput(value, { percent = false } = {}) {
  if (typeof value !== 'number') return value === undefined || value === null ? '' : String(value);
  if (!percent) return String(value);
  // 0.083 * 100 is 8.300000000000001 in binary; 15 significant digits hide that noise.
  return String(Number((value * 100).toPrecision(15)));
}

/** The text of a path for a field: "discount_rate", "options[2].price". */
export function optionPath(index, key) {
  return `options[${index}].${key}`;
}
