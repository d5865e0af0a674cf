// Charts of one result, drawn with uPlot: cumulative cost over time, and cash
// out per month. Hovering, or focusing the chart and using the arrow keys,
// shows each option's value at that month in the legend and reads it out.
import uPlot from 'uplot';

import { moneyCompact } from '../format.js';

const HEIGHT = 260;  // fixed, and reserved in CSS, so results never jump

/**
 * @param {HTMLElement} container
 * @param {{kind: 'cumulative'|'monthly', readout: HTMLElement, describe: HTMLElement}} options
 */
export function createChart(container, { kind, readout, describe }) {
  let plot = null;
  let shape = '';          // series ids and names the current plot was built for
  let last = null;         // {series, result, currency}, to rebuild after a theme change
  let cursorIndex = null;  // keyboard cursor
  let visible = true;      // off screen, a chart only redraws when it comes into view
  let pending = false;

  function update(series, result, currency) {
    last = { series, result, currency };
    describe.textContent = description(kind, series, chartData(kind, result), currency);
    if (!visible && plot) {
      pending = true;
      return;
    }
    draw();
  }

  function draw() {
    pending = false;
    const { series, result, currency } = last;
    const data = chartData(kind, result);
    const nextShape = JSON.stringify([currency, series.map((s) => [s.id, s.name])]);
    if (plot && nextShape === shape) {
      plot.setData(data);
    } else {
      build(data, series, currency);
      shape = nextShape;
    }
  }

  new IntersectionObserver((entries) => {
    visible = entries[entries.length - 1].isIntersecting;
    if (visible && pending) draw();
  }).observe(container);

  function build(data, series, currency) {
    plot?.destroy();
    const colors = palette();
    const options = {
      width: Math.max(240, container.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false } },
      cursor: { drag: { x: false, y: false }, focus: { prox: 24 } },
      focus: { alpha: 0.35 },
      legend: { live: true },
      series: [
        { label: 'Month', value: (u, v) => (v === null || v === undefined ? '—' : kind === 'cumulative' && v === 0 ? 'Upfront' : `Month ${v}`) },
        ...series.map((s, i) => ({
          label: s.name,
          stroke: colors[i % colors.length],
          width: 2,
          points: { show: false },
          paths: kind === 'monthly' ? uPlot.paths.stepped({ align: 1 }) : undefined,
          value: (u, v) => (v === null || v === undefined ? '—' : moneyCompact(v, currency)),
        })),
      ],
      axes: [
        axisStyle({
          label: kind === 'cumulative' ? 'Months from now' : 'Month',
          incrs: [1, 2, 3, 6, 12, 24, 36, 60, 120],  // whole months, in calendar-friendly steps
          values: (u, ticks) => ticks.map((t) => String(t)),
        }),
        axisStyle({ size: 64, values: (u, ticks) => ticks.map((t) => moneyCompact(t, currency)) }),
      ],
    };
    plot = new uPlot(options, data, container);
    cursorIndex = null;
  }

  function axisStyle(extra) {
    const css = getComputedStyle(document.documentElement);
    const stroke = css.getPropertyValue('--chart-axis').trim() || '#555';
    const grid = css.getPropertyValue('--chart-grid').trim() || '#ddd';
    return { stroke, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '12px system-ui, sans-serif', labelFont: '12px system-ui, sans-serif', ...extra };
  }

  // Keyboard: arrows move a cursor month by month; Home and End jump.
  container.addEventListener('keydown', (event) => {
    if (!plot) return;
    const count = plot.data[0].length;
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1, PageDown: -12, PageUp: 12 };
    let next;
    if (event.key in moves) next = (cursorIndex ?? count - 1) + moves[event.key];
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else return;
    event.preventDefault();
    moveCursor(Math.max(0, Math.min(count - 1, next)));
  });
  container.addEventListener('focus', () => { if (plot) moveCursor(cursorIndex ?? plot.data[0].length - 1); });
  container.addEventListener('blur', () => { plot?.setCursor({ left: -10, top: -10 }); });

  function moveCursor(index) {
    cursorIndex = index;
    const x = plot.data[0][index];
    const ys = plot.data.slice(1).map((values) => values[index]);
    const top = plot.valToPos(Math.max(...ys), 'y');
    plot.setCursor({ left: plot.valToPos(x, 'x'), top: Number.isFinite(top) ? top : 0 });
    const label = kind === 'cumulative' && x === 0 ? 'Upfront' : `Month ${x}`;
    readout.textContent = `${label}: ${last.series.map((s, i) => `${s.name} ${moneyCompact(ys[i], last.currency)}`).join(', ')}`;
  }

  new ResizeObserver(() => {
    if (plot) plot.setSize({ width: Math.max(240, container.clientWidth), height: HEIGHT });
  }).observe(container);

  /** Rebuilds with current theme colours (after a light/dark switch). */
  function redraw() {
    if (!last) return;
    shape = '';
    draw();
  }

  return { update, redraw };
}

// Cumulative: point 0 is the upfront payment, point m+1 adds month m, and the
// last point subtracts the resale value, so it ends at the option's total cost.
function chartData(kind, result) {
  const months = result.options.length ? result.options[0].monthly.length : 0;
  if (kind === 'monthly') {
    const x = Array.from({ length: months }, (_, m) => m + 1);
    return [x, ...result.options.map((o) => o.monthly)];
  }
  const x = Array.from({ length: months + 1 }, (_, m) => m);
  return [x, ...result.options.map((o) => {
    const values = new Array(months + 1);
    let sum = o.upfront;
    values[0] = sum;
    for (let m = 0; m < months; m += 1) {
      sum += o.monthly[m];
      values[m + 1] = sum;
    }
    values[months] -= o.residual_value;
    return values;
  })];
}

function description(kind, series, data, currency) {
  const lastIndex = data[0].length - 1;
  if (lastIndex < 0) return '';
  const at = (i) => series.map((s, k) => `${s.name} ${moneyCompact(data[k + 1][i], currency)}`).join(', ');
  if (kind === 'cumulative') return `Total after ${data[0][lastIndex]} months, resale value deducted: ${at(lastIndex)}. Upfront: ${at(0)}.`;
  return `First month: ${at(0)}. Last month: ${at(lastIndex)}. Upfront payments are not shown here.`;
}

// Series colours come from CSS (--series-0 … --series-15), so dark mode and
// print can choose their own.
function palette() {
  const css = getComputedStyle(document.documentElement);
  const colors = [];
  for (let i = 0; i < 16; i += 1) colors.push(css.getPropertyValue(`--series-${i}`).trim() || '#888');
  return colors;
}
