// Files to download: monthly cash flows as CSV, the scenario as JSON. No DOM.
import { optionName } from './state.js';

/**
 * The cash flows of every option, one column each, one row per payment date:
 * the upfront payment (t = 0), each month's end, the resale value at the horizon
 * (negative: it is income), then the totals. Full precision, a dot for decimals,
 * CRLF line ends and a byte-order mark, so spreadsheets open it cleanly.
 */
export function cashFlowsCsv(scenario, result) {
  const options = result.options;
  const months = options.length ? options[0].monthly.length : 0;
  const header = ['Payment', 'Time (years)', ...options.map((o, i) => `${optionName(scenario.options[i], i)} (${o.id})`)];
  const rows = [header];
  rows.push(['Upfront', 0, ...options.map((o) => o.upfront)]);
  for (let m = 0; m < months; m += 1) rows.push([`Month ${m + 1}`, (m + 1) / 12, ...options.map((o) => o.monthly[m])]);
  rows.push(['Resale value', months / 12, ...options.map((o) => -o.residual_value)]);
  rows.push(['Total cost', '', ...options.map((o) => o.total_cost)]);
  rows.push([`NPV cost at ${Number((scenario.discount_rate * 100).toPrecision(12))} % a year`, '', ...options.map((o) => o.npv_cost)]);
  rows.push(['Per GPU-hour (levelized)', '', ...options.map((o) => o.levelized_cost_per_gpu_hour ?? '')]);
  return `\ufeff${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value) {
  if (typeof value === 'number') return String(value);
  let text = String(value);
  // A cell a spreadsheet would run as a formula is written as text (OWASP: CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The scenario as a pretty JSON file, as `gpu-tco eval` reads it. */
export function scenarioJson(scenario) {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** A file name from the scenario's name: "lock-vs-float-2027.csv". */
export function fileName(scenario, extension) {
  const stem = String(scenario.name || 'gpu-tco-scenario').toLowerCase().normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'gpu-tco-scenario';
  return `${stem}.${extension}`;
}
