// The decision-analysis sections of the results: break-even sentences and
// explorer, the sensitivity tornado, and the Monte Carlo spread. It draws what
// the app hands it and reports control changes; it computes nothing.
import uPlot from 'uplot';

import { describeValue, explorerSentences, inputLabel, numericInputs, sentence, signedMoney } from '../analysis.js';
import { parseNumber } from '../fields.js';
import { count, money, moneyCompact, percent } from '../format.js';
import { optionName, optionsOf } from '../state.js';
import { el } from './dom.js';

const TORNADO_ROWS = 12;

/**
 * @param {HTMLElement} root the results section
 * @param {{onExplorer: (request: object|null) => void, onSensitivity: (request: object) => void}} handlers
 */
export function createAnalysisView(root, handlers) {
  const $ = (id) => root.querySelector(`#${id}`);
  const sentencesEl = $('breakeven-sentences');
  const explorer = {
    details: $('explorer'), a: $('explorer-a'), b: $('explorer-b'), param: $('explorer-param'),
    min: $('explorer-min'), max: $('explorer-max'), result: $('explorer-result'),
  };
  const sensitivity = { subject: $('sensitivity-subject'), step: $('sensitivity-step'), rateStep: $('sensitivity-rate-step'), note: $('sensitivity-note'), list: $('tornado') };
  const simulation = {
    intro: $('simulation-intro'), progress: $('simulation-progress'), status: $('simulation-status'),
    table: $('simulation-table'), body: $('simulation-body'), figure: $('distribution-figure'),
    chart: $('chart-distribution'), describe: $('distribution-desc'),
  };
  let scenario = null;
  let plot = null;

  // --- controls -------------------------------------------------------------

  for (const control of [explorer.a, explorer.b, explorer.param, explorer.min, explorer.max]) {
    control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input', () => handlers.onExplorer(explorerRequest()));
  }
  explorer.details.addEventListener('toggle', () => handlers.onExplorer(explorerRequest()));
  for (const control of [sensitivity.subject, sensitivity.step, sensitivity.rateStep]) {
    control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input', () => handlers.onSensitivity(sensitivityRequest()));
  }

  /** Refills the option and input menus for this scenario, keeping what was chosen where it still exists. */
  function setScenario(next) {
    scenario = next;
    const options = optionsOf(scenario).map((o, i) => [o.id, optionName(o, i)]);
    fillSelect(explorer.a, options, explorer.a.value || options[0]?.[0]);
    fillSelect(explorer.b, options, explorer.b.value || options[1]?.[0] || options[0]?.[0]);
    fillSelect(explorer.param, numericInputs(scenario).map((i) => [i.path, i.label]), explorer.param.value || 'market.price_trend_per_year');
    fillSelect(sensitivity.subject, [
      ['', 'the cheapest option against the runner-up'],
      ...options.map(([id, name]) => [`option:${id}`, `the cost of ${name} alone`]),
    ], sensitivity.subject.value);
  }

  function explorerRequest() {
    if (!explorer.details.open || !scenario) return null;
    const input = numericInputs(scenario).find((i) => i.path === explorer.param.value);
    const bound = (control) => {
      const parsed = parseNumber(control.value, input ? input.field : {});
      return parsed.ok ? parsed.value : parsed.empty ? undefined : control.value;
    };
    return { a: explorer.a.value, b: explorer.b.value, param: explorer.param.value, min: bound(explorer.min), max: bound(explorer.max) };
  }

  function sensitivityRequest() {
    const request = {};
    if (sensitivity.subject.value.startsWith('option:')) request.option = sensitivity.subject.value.slice('option:'.length);
    const step = parseNumber(sensitivity.step.value, { percent: true });
    const rateStep = parseNumber(sensitivity.rateStep.value, { percent: true });
    request.step = step.ok ? step.value : sensitivity.step.value;
    request.rateStep = rateStep.ok ? rateStep.value : sensitivity.rateStep.value;
    return request;
  }

  // --- break-even --------------------------------------------------------------

  /** Sentences for `jobs` from the worker's `results` (keyed by job key). */
  function renderSentences(jobs, results) {
    const items = [];
    for (const job of jobs) {
      const outcome = results[job.key];
      if (!outcome) continue;
      items.push(el('li', null, outcome.ok ? sentence(scenario, job, outcome.result) : `Not found: ${problemText(outcome.problems)}`));
    }
    if (items.length === 0) {
      items.push(el('li', { class: 'muted' }, jobs.length === 0
        ? 'Add an on-demand or spot option and a commit or owned servers to see where the choice between them flips.'
        : 'Working it out…'));
    }
    sentencesEl.replaceChildren(...items);
  }

  function renderExplorer(outcome) {
    if (!outcome) {
      explorer.result.replaceChildren();
      return;
    }
    const lines = outcome.ok ? explorerSentences(scenario, outcome.result) : outcome.problems.map((p) => `${explorerField(p.path)}: ${p.message}`);
    explorer.result.replaceChildren(...lines.map((line) => el('li', { class: outcome.ok ? null : 'error' }, line)));
  }

  // --- sensitivity ---------------------------------------------------------------

  function renderSensitivity(outcome) {
    if (!outcome) return;
    if (!outcome.ok) {
      sensitivity.note.textContent = problemText(outcome.problems);
      sensitivity.list.replaceChildren();
      return;
    }
    const doc = outcome.result;
    const currency = scenario.currency || 'USD';
    const pair = doc.a && doc.b;
    const name = (id) => {
      const i = optionsOf(scenario).findIndex((o) => o.id === id);
      return `“${optionName(optionsOf(scenario)[i], i)}”`;
    };
    // For a pair, bars show how much cheaper a is than b (its advantage); for one option, its NPV.
    const shown = (metric) => (pair ? -metric : metric);
    sensitivity.note.textContent = pair
      ? `${name(doc.a)} costs ${moneyCompact(shown(doc.base), currency)} less than ${name(doc.b)} in today’s money. ` +
        `Each bar shows how far moving one input changes that lead: to the left it shrinks, to the right it grows; ` +
        `“flips the choice” marks a move that would make ${name(doc.b)} the cheaper one.`
      : `The NPV cost of ${name(doc.option)} (now ${moneyCompact(doc.base, currency)}) when each input moves on its own.`;
    const rows = doc.inputs.filter((r) => r.swing > 0);
    const span = Math.max(...rows.map((r) => Math.max(Math.abs(shown(r.metric_low) - shown(doc.base)), Math.abs(shown(r.metric_high) - shown(doc.base)))), 1e-9);
    const items = rows.slice(0, TORNADO_ROWS).map((r) => tornadoRow(r, shown, doc, span, currency, pair));
    if (rows.length > TORNADO_ROWS) items.push(el('li', { class: 'muted more' }, `…and ${rows.length - TORNADO_ROWS} inputs with smaller effects.`));
    if (items.length === 0) items.push(el('li', { class: 'muted' }, 'No input moves this result.'));
    sensitivity.list.replaceChildren(...items);
  }

  function tornadoRow(r, shown, doc, span, currency, pair) {
    const base = shown(doc.base);
    const bar = (metric, side) => {
      const delta = shown(metric) - base;
      const node = el('span', { class: `bar bar-${side}${delta < 0 ? ' negative' : ''}` });
      const width = (Math.abs(delta) / span) * 50;
      node.style.width = `${width}%`;
      node.style.left = delta < 0 ? `${50 - width}%` : '50%';
      return node;
    };
    const flips = pair && (Math.sign(shown(r.metric_low)) !== Math.sign(base) || Math.sign(shown(r.metric_high)) !== Math.sign(base));
    const label = inputLabel(scenario, r.param);
    const lowText = `${describeValue(scenario, r.param, r.low_value)}: ${signedMoney(shown(r.metric_low) - base, currency)}`;
    const highText = `${describeValue(scenario, r.param, r.high_value)}: ${signedMoney(shown(r.metric_high) - base, currency)}`;
    return el('li', { class: `tornado-row${flips ? ' flips' : ''}`, 'data-param': r.param, 'data-swing': String(r.swing) },
      el('span', { class: 'tornado-label' }, label, flips ? el('span', { class: 'badge warn' }, 'flips the choice') : null),
      el('span', { class: 'tornado-track', 'aria-hidden': 'true' }, bar(r.metric_low, 'low'), bar(r.metric_high, 'high'), el('span', { class: 'axis' })),
      el('span', { class: 'tornado-values' }, el('span', { class: 'low' }, `lower ${lowText}`), el('span', { class: 'high' }, `higher ${highText}`)));
  }

  // --- Monte Carlo ------------------------------------------------------------------

  /** state: 'off' | 'waiting' | 'running' | 'done' | 'error' | 'too-many' */
  function renderSimulationState(state, detail = {}) {
    const on = state !== 'off';
    simulation.intro.textContent = on ? '' : 'Turn on “Simulate market prices that wander” under Uncertainty in the inputs to see how far each option’s cost may spread.';
    simulation.progress.hidden = state !== 'running' && state !== 'waiting';
    if (state === 'running') simulation.progress.value = detail.fraction || 0;
    if (state === 'waiting') simulation.progress.removeAttribute('value');
    const paths = scenario && scenario.uncertainty ? count(scenario.uncertainty.paths) : '';
    simulation.status.textContent =
      state === 'waiting' ? `Simulating ${paths} price paths…`
        : state === 'running' ? `Simulating ${paths} price paths… ${Math.floor((detail.fraction || 0) * 100)} %`
          : state === 'done' ? `${paths} paths, seed ${scenario.uncertainty.seed}, volatility ${percent(scenario.uncertainty.price_volatility_per_year, 0)} a year, in ${duration(detail.ms)}.`
            : state === 'too-many' ? detail.message
              : state === 'error' ? problemText(detail.problems) : '';
    root.querySelector('#simulation-section').classList.toggle('stale', state === 'waiting' || state === 'running');
    if (!on) {
      simulation.table.hidden = true;
      simulation.figure.hidden = true;
    }
  }

  function renderSimulation(doc) {
    const currency = scenario.currency || 'USD';
    const names = new Map(optionsOf(scenario).map((o, i) => [o.id, optionName(o, i)]));
    simulation.body.replaceChildren(...doc.options.map((o) => el('tr', {
      'data-option-id': o.id, 'data-npv-mean': String(o.npv_mean), 'data-npv-p5': String(o.npv_p5),
      'data-npv-p50': String(o.npv_p50), 'data-npv-p95': String(o.npv_p95), 'data-cheapest-share': String(o.cheapest_share),
    },
    el('th', { scope: 'row' }, names.get(o.id) || o.id),
    el('td', { class: 'num strong', 'data-label': 'Mean NPV' }, money(o.npv_mean, currency)),
    el('td', { class: 'num', 'data-label': '5th percentile' }, money(o.npv_p5, currency)),
    el('td', { class: 'num', 'data-label': 'Median' }, money(o.npv_p50, currency)),
    el('td', { class: 'num', 'data-label': '95th percentile' }, money(o.npv_p95, currency)),
    el('td', { class: 'num', 'data-label': 'Cheapest in' }, `${percent(o.cheapest_share)} of paths`))));
    simulation.table.hidden = false;
    simulation.figure.hidden = false;
    drawDistribution(doc, names, currency);
  }

  // The engine's histogram: shared bins, counted per option; drawn as the share of paths per bin.
  function drawDistribution(doc, names, currency) {
    const edges = doc.histogram_edges;
    const centres = edges.slice(0, -1).map((lo, i) => (lo + edges[i + 1]) / 2);
    const series = doc.options.map((o) => o.histogram.counts.map((c) => c / doc.paths));
    // An option that buys nothing at market prices costs the same on every path: one bin
    // holds all of them. Scale to the options that do spread; the spike runs off the top.
    const spreads = doc.options.map((o) => o.npv_p95 > o.npv_p5);
    const top = Math.max(...series.filter((_, i) => spreads[i]).flat(), 0) * 1.15 || 1;
    const css = getComputedStyle(document.documentElement);
    const colours = doc.options.map((o, i) => css.getPropertyValue(`--series-${i % 16}`).trim());
    const axis = { stroke: css.getPropertyValue('--chart-axis').trim(), grid: { stroke: css.getPropertyValue('--chart-grid').trim() }, ticks: { stroke: css.getPropertyValue('--chart-grid').trim() } };
    plot?.destroy();
    plot = new uPlot({
      width: Math.max(240, simulation.chart.clientWidth),
      height: 220,
      scales: { x: { time: false }, y: { range: [0, top] } },
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      series: [
        { label: 'NPV', value: (u, v) => (v === null || v === undefined ? '—' : moneyCompact(v, currency)) },
        ...doc.options.map((o, i) => ({
          label: names.get(o.id) || o.id, stroke: colours[i], width: 2, points: { show: false },
          paths: uPlot.paths.stepped({ align: 0 }),
          value: (u, v) => (v === null || v === undefined ? '—' : percent(v)),
        })),
      ],
      axes: [
        { ...axis, values: (u, ticks) => ticks.map((t) => moneyCompact(t, currency)), label: 'NPV cost' },
        { ...axis, values: (u, ticks) => ticks.map((t) => percent(t, 0)), size: 56, label: 'Share of paths' },
      ],
    }, [centres, ...series], simulation.chart);
    simulation.describe.textContent = doc.options.map((o, i) => (spreads[i]
      ? `${names.get(o.id) || o.id}: 90 % of paths between ${moneyCompact(o.npv_p5, currency)} and ${moneyCompact(o.npv_p95, currency)}, cheapest in ${percent(o.cheapest_share)}`
      : `${names.get(o.id) || o.id}: ${moneyCompact(o.npv_p50, currency)} on every path (it buys nothing at market prices), cheapest in ${percent(o.cheapest_share)}`)).join('; ') + '.';
  }

  function setStale(stale) {
    for (const id of ['breakeven-section', 'sensitivity-section']) root.querySelector(`#${id}`).classList.toggle('stale', stale);
  }

  /** The simulation shown is of earlier inputs; the next renderSimulationState clears this. */
  function markSimulationStale() {
    if (!simulation.table.hidden) root.querySelector('#simulation-section').classList.add('stale');
  }

  return { setScenario, explorerRequest, sensitivityRequest, renderSentences, renderExplorer, renderSensitivity, renderSimulationState, renderSimulation, setStale, markSimulationStale };
}

/** "45 ms" below a second, "1.2 s" from there: a fast run should not read "0.0 s". */
function duration(ms) {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function fillSelect(select, entries, wanted) {
  const keep = entries.some(([value]) => value === wanted) ? wanted : entries[0]?.[0];
  const same = select.options.length === entries.length &&
    entries.every(([value, text], i) => select.options[i].value === value && select.options[i].text === text);
  if (!same) select.replaceChildren(...entries.map(([value, text]) => new Option(text, value)));
  if (keep !== undefined) select.value = keep;
}

function problemText(problems) {
  return problems.map((p) => (p.path === '(root)' ? p.message : `${p.path}: ${p.message}`)).join('; ');
}

// Request fields in the explorer's own words.
function explorerField(path) {
  return { a: 'Option', b: 'Against', param: 'Input', min: 'From', max: 'To' }[path] || path;
}
