// What the results say, in rows and in a sentence. No DOM; no money is
// computed here beyond differences between the engine's figures.
import { duration, money, moneyPrecise, percent } from './format.js';
import { optionName } from './state.js';

const TIE = 1e-9;  // METHODOLOGY §5: options within a relative 1e-9 of the lowest NPV are tied

/**
 * The options ranked by NPV, cheapest first (ties keep the scenario's order).
 * @returns {{id: string, name: string, kind: string, rank: number, result: object,
 *   differenceToCheapest: number, relativeToCheapest: number|null, cheapest: boolean}[]}
 */
export function rankOptions(scenario, result) {
  const lowest = result.options.find((o) => o.id === result.cheapest).npv_cost;
  const rows = result.options.map((option, index) => ({
    id: option.id,
    name: optionName(scenario.options[index], index),
    kind: scenario.options[index].kind,
    order: index,
    result: option,
    cheapest: option.id === result.cheapest,
    differenceToCheapest: option.npv_cost - lowest,
    relativeToCheapest: lowest !== 0 ? (option.npv_cost - lowest) / Math.abs(lowest) : null,
  }));
  rows.sort((a, b) => (a.cheapest ? -1 : b.cheapest ? 1 : a.result.npv_cost - b.result.npv_cost || a.order - b.order));
  rows.forEach((row, i) => { row.rank = i + 1; });
  return rows;
}

/** One plain sentence a CFO can read: which option wins, by how much, against what. */
export function verdict(scenario, result) {
  const currency = scenario.currency || 'USD';
  const rows = rankOptions(scenario, result);
  const best = rows[0];
  const over = duration(scenario.horizon_months);
  const rate = percent(scenario.discount_rate, scenario.discount_rate * 100 % 1 === 0 ? 0 : 1);
  const npv = money(best.result.npv_cost, currency);
  const perHour = best.result.levelized_cost_per_gpu_hour === null ? ''
    : ` (${moneyPrecise(best.result.levelized_cost_per_gpu_hour, currency)} per GPU-hour)`;
  if (rows.length === 1) {
    return `${best.name} costs ${npv} in today’s money over ${over}${perHour}, discounted at ${rate} a year.`;
  }
  const tied = rows.slice(1).filter((r) => r.differenceToCheapest <= TIE * Math.abs(best.result.npv_cost));
  if (tied.length > 0) {
    const names = [best.name, ...tied.map((r) => r.name)];
    const list = names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `${list} cost the same: ${npv} in today’s money over ${over}${perHour}. ${best.name} is listed first, so it is shown as the cheapest.`;
  }
  const next = rows[1];
  const saving = money(next.differenceToCheapest, currency);
  const share = next.result.npv_cost === 0 ? '' : ` (${percent(next.differenceToCheapest / Math.abs(next.result.npv_cost))})`;
  return `${best.name} is the cheapest: ${npv} in today’s money over ${over}${perHour}, discounted at ${rate} a year. ` +
    `It saves ${saving}${share} against the next best, ${next.name}.`;
}
