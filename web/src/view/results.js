// The results: verdict, ranking table, key inputs and the two charts.
//
// Each option's row carries its raw numbers for tests and embedding pages:
//   data-option-id, data-npv-cost, data-total-cost, data-levelized-cost
//   (JavaScript's shortest round-trip text; "null" when there is no work),
//   and data-cheapest on the cheapest option's row.
import { DEMAND_FIELDS, MARKET_FIELDS, SCENARIO_FIELDS, unitOf } from '../fields.js';
import { count, duration, money, moneyPrecise, percent, plain } from '../format.js';
import { getPath } from '../state.js';
import { rankOptions, verdict } from '../summary.js';
import { createChart } from './charts.js';
import { el } from './dom.js';

export function createResultsView(root) {
  const verdictEl = root.querySelector('#verdict');
  const body = root.querySelector('#ranking-body');
  const note = root.querySelector('#table-note');
  const staleBadge = root.querySelector('#stale-badge');
  const summary = root.querySelector('#print-summary');
  const readout = root.querySelector('#chart-readout');
  const cumulative = createChart(root.querySelector('#chart-cumulative'), {
    kind: 'cumulative', readout, describe: root.querySelector('#cumulative-desc'),
  });
  const monthly = createChart(root.querySelector('#chart-monthly'), {
    kind: 'monthly', readout, describe: root.querySelector('#monthly-desc'),
  });

  /** Shows a valid scenario's result. */
  function render(scenario, result) {
    const currency = scenario.currency || 'USD';
    const rows = rankOptions(scenario, result);
    verdictEl.textContent = verdict(scenario, result);
    renderRows(rows, currency);
    const rate = percent(scenario.discount_rate, scenario.discount_rate * 100 % 1 === 0 ? 0 : 1);
    note.textContent = `NPV cost is in today’s money, discounted at ${rate} a year; total cost is the cash paid ` +
      `over ${duration(scenario.horizon_months)} less any resale value, not discounted. Per GPU-hour is the NPV ` +
      'divided by the discounted GPU-hours of work (levelized cost).';
    renderSummary(scenario);
    const series = result.options.map((option, i) => ({ id: option.id, name: rows.find((r) => r.id === option.id).name, index: i }));
    cumulative.update(series, result, currency);
    monthly.update(series, result, currency);
  }

  // Rows are refilled in place, and only rebuilt when their number changes:
  // rebuilding them on every keystroke cost a layout of the whole table.
  function renderRows(rows, currency) {
    if (body.children.length !== rows.length) body.replaceChildren(...rows.map(() => emptyRow()));
    rows.forEach((row, i) => fillRow(body.children[i], row, currency));
  }

  function emptyRow() {
    const nameCell = el('th', { scope: 'row' }, el('span', { class: 'option-name' }), el('span', { class: 'badge' }, 'Cheapest'));
    // data-label: the column's name, shown beside each value when narrow screens stack the row.
    return el('tr', null,
      el('td', { class: 'num rank', 'data-label': 'Rank' }),
      nameCell,
      el('td', { class: 'num strong', 'data-label': 'NPV cost' }),
      el('td', { class: 'num', 'data-label': 'Total cost' }),
      el('td', { class: 'num', 'data-label': 'Per GPU-hour' }),
      el('td', { class: 'num', 'data-label': 'Idle GPU-hours' }),
      el('td', { class: 'num', 'data-label': 'vs cheapest' }));
  }

  function fillRow(tr, row, currency) {
    const r = row.result;
    const levelized = r.levelized_cost_per_gpu_hour;
    tr.dataset.optionId = row.id;
    tr.dataset.npvCost = String(r.npv_cost);
    tr.dataset.totalCost = String(r.total_cost);
    tr.dataset.levelizedCost = String(levelized);
    tr.toggleAttribute('data-cheapest', row.cheapest);
    tr.classList.toggle('cheapest', row.cheapest);
    const difference = row.cheapest ? '—'
      : `+${money(row.differenceToCheapest, currency)}${row.relativeToCheapest === null ? '' : ` (+${percent(row.relativeToCheapest)})`}`;
    const texts = [
      String(row.rank),
      null,
      money(r.npv_cost, currency),
      money(r.total_cost, currency),
      levelized === null ? '—' : moneyPrecise(levelized, currency),
      r.idle_gpu_hours === 0 ? '0' : count(r.idle_gpu_hours),
      difference,
    ];
    texts.forEach((text, i) => { if (text !== null) setText(tr.cells[i], text); });
    const name = tr.cells[1];
    setText(name.firstChild, row.name);
    name.lastChild.hidden = !row.cheapest;
  }

  // Key inputs in words: for print, embeds and screen readers.
  function renderSummary(scenario) {
    const items = [];
    if (scenario.name) items.push(['Scenario', scenario.name]);
    for (const field of [...SCENARIO_FIELDS, ...DEMAND_FIELDS, ...MARKET_FIELDS]) {
      if (!field.summary) continue;
      const value = getPath(scenario, field.key);
      if (typeof value !== 'number') continue;
      const unit = unitOf(field, scenario);
      const text = field.percent ? `${plain(value * 100, 2)} ${unit}` : `${plain(value, 4)} ${unit}`;
      items.push([field.label, text]);
    }
    items.push(['Options', String(scenario.options.length)]);
    summary.replaceChildren(...items.map(([term, value]) => el('div', null, el('dt', null, term), el('dd', null, value))));
  }

  /** Keeps the last results visible but marked as out of date. */
  function setStale(stale) {
    root.classList.toggle('stale', stale);
    staleBadge.hidden = !stale;
    root.setAttribute('aria-busy', 'false');
  }

  function redrawCharts() {
    cumulative.redraw();
    monthly.redraw();
  }

  return { render, setStale, redrawCharts };
}

// Writing the same text again still costs a layout; skip it.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
