// Wires the page together: input event -> scenario -> engine -> render.
//
// The scenario object is the only state; the views draw it and report edits.
// Everything a user does is kept: in localStorage as they type, in the URL
// fragment whenever the scenario is valid, and in a "previous work" slot that
// any link, import or example that replaces it can be undone from.
import { createEngine, TcoError } from './gpu-tco.mjs';
import { createAnalysis } from './analysis-client.js';
import { sentenceJobs } from './analysis.js';
import { DEFAULT_UNCERTAINTY, PAGE_MAX_PATHS } from './fields.js';
import { PRESETS, DEFAULT_PRESET } from './presets.js';
import { LinkError, decodeShareLink, encodeShareLink } from './share-link.js';
import {
  addOption, cloneScenario, duplicateOption, looksEditable, moveOption, optionName, optionsOf, removeOption,
  sameScenario, setPath,
} from './state.js';
import { embedCode } from './embed.js';
import { cashFlowsCsv, fileName, scenarioJson } from './export.js';
import { loadCurrent, loadPrevious, saveCurrent, savePrevious } from './storage.js';
import { createAnalysisView } from './view/analysis.js';
import { createInputsView } from './view/inputs.js';
import { createNotices } from './view/notices.js';
import { createResultsView } from './view/results.js';

const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
const ANALYSIS_DELAY_MS = 120;  // analyses wait for a pause in typing

/**
 * Starts the page.
 * @param {{wasmBinary?: Uint8Array, workerSource?: string}} [options] for the single-file build:
 *   the engine's bytes, and the analysis worker's code (started from a Blob URL)
 */
export async function start(options = {}) {
  const embed = new URLSearchParams(location.search).has('embed');
  document.documentElement.classList.toggle('embed', embed);
  const enginePromise = createEngine(options);

  const notices = createNotices(document.getElementById('notices'));
  const results = createResultsView(document.getElementById('results'));
  const formSummary = document.getElementById('form-summary');
  const app = {
    engine: null, scenario: null, problems: [], hasResult: false, lastResult: null, lastLinkedText: null,
    lastUncertainty: null,  // settings kept while the simulation is switched off
  };
  let persistTimer = 0;
  let analysisTimer = 0;
  let sentenceJobsInFlight = [];
  let simulationStarted = 0;

  const analysisView = createAnalysisView(document.getElementById('results'), {
    onExplorer: () => runAnalysis(),
    onSensitivity: () => runAnalysis(),
  });
  const analysis = createAnalysis({
    workerUrl: new URL('./analysis-worker.js', import.meta.url),
    workerSource: options.workerSource,
    wasmBinary: options.wasmBinary,
    onJobs(results) {
      analysisView.renderSentences(sentenceJobsInFlight, results);
      analysisView.renderSensitivity(results.sensitivity);
      analysisView.renderExplorer(results.explorer);
      analysisView.setStale(false);
      document.getElementById('results').dataset.analysisReady = 'true';
    },
    onProgress: (fraction) => analysisView.renderSimulationState('running', { fraction }),
    onSimulation(outcome) {
      if (outcome.ok) {
        analysisView.renderSimulation(outcome.result);
        analysisView.renderSimulationState('done', { ms: performance.now() - simulationStarted });
      } else {
        analysisView.renderSimulationState('error', { problems: outcome.problems });
      }
    },
  });

  const inputs = createInputsView(document.getElementById('scenario-form'), {
    onEdit(path, value, event) {
      setPath(app.scenario, path, value);
      const option = /^options\[(\d+)\]\.(label|id)$/.exec(path);
      if (option) inputs.refreshOptionName(Number(option[1]));
      if (path === 'currency') inputs.refreshUnits(app.scenario);
      recompute(event);
    },
    onAdd(kind) {
      const added = addOption(app.scenario, kind);
      if (!added) return;
      redraw();
      inputs.focusOption(added.index);
      if (added.filledSpotPrice !== undefined) {
        notices.show({ key: 'spot', message: `Spot needs a spot price: it is set to ${added.filledSpotPrice}, 60 % of the on-demand price. Change it under Market.` });
      }
    },
    onDuplicate(index) {
      const copy = duplicateOption(app.scenario, index);
      if (!copy) return;
      redraw();
      inputs.focusOption(copy.index);
    },
    onRemove(index) {
      const before = cloneScenario(app.scenario);
      const removed = removeOption(app.scenario, index);
      redraw();
      inputs.focusOption(Math.min(index, optionsOf(app.scenario).length - 1), 'Remove');
      notices.show({
        key: 'undo', message: `Removed “${optionName(removed, index)}”.`,
        action: { label: 'Undo', run: () => { app.scenario = before; redraw(); inputs.focusOption(index); } },
      });
    },
    onMove(index, delta) {
      const to = moveOption(app.scenario, index, delta);
      redraw();
      inputs.focusOption(to, delta < 0 ? 'Move up' : 'Move down');
    },
    onUncertainty(on) {
      if (on) app.scenario.uncertainty = { ...(app.lastUncertainty || DEFAULT_UNCERTAINTY) };
      else {
        app.lastUncertainty = app.scenario.uncertainty;
        delete app.scenario.uncertainty;
      }
      redraw();
    },
  });

  try {
    app.engine = await enginePromise;
  } catch (error) {
    notices.show({ tone: 'error', message: `The calculator could not start: ${error.message}. It needs a browser with WebAssembly.` });
    return;
  }
  document.getElementById('version').textContent = `gpu-tco ${app.engine.version}`;

  app.scenario = await initialScenario();
  redraw();
  performance.mark('gpu-tco:first-results');
  document.documentElement.dataset.ready = 'true';

  if (embed) setUpEmbed();
  else setUpToolbar();
  window.addEventListener('hashchange', () => openLinkFromAddressBar());
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => results.redrawCharts());

  // --- the update cycle ------------------------------------------------------

  /** Redraws the form from the scenario, then recomputes. */
  function redraw() {
    inputs.render(app.scenario);
    recompute();
  }

  function recompute(event) {
    let result = null;
    let problems = [];
    try {
      result = app.engine.evaluate(app.scenario);
    } catch (error) {
      if (!(error instanceof TcoError)) throw error;
      problems = error.problems;
    }
    app.problems = problems;
    const elsewhere = inputs.showProblems(problems);
    const summary = problems.length === 0 ? ''
      : `${problems.length === 1 ? 'One input needs' : `${problems.length} inputs need`} attention` +
        (elsewhere.length ? `: ${elsewhere.map((p) => `${p.path}: ${p.message}`).join('; ')}` : ' (marked below).');
    if (formSummary.textContent !== summary) {
      formSummary.textContent = summary;
      formSummary.hidden = summary === '';
    }
    if (result) {
      results.render(app.scenario, result);
      app.hasResult = true;
      app.lastResult = result;
      scheduleAnalysis();
    } else {
      clearTimeout(analysisTimer);
      analysis.cancelSimulation();
      analysisView.setStale(app.hasResult);
    }
    results.setStale(!result && app.hasResult);
    if (!result && !app.hasResult) document.getElementById('verdict').textContent = 'Results appear here once the inputs marked in red are fixed.';
    if (event && event.timeStamp) {
      // Measured once the charts have redrawn (uPlot commits in a microtask queued
      // before this one) and style and layout are done, so the figure is honest.
      const start = event.timeStamp;
      queueMicrotask(() => {
        document.body.getBoundingClientRect();
        performance.measure('gpu-tco:input-to-render', { start, end: performance.now() });
      });
    }
    schedulePersist();
  }

  // --- analyses, in workers ----------------------------------------------------

  function scheduleAnalysis() {
    clearTimeout(analysisTimer);
    analysisView.setStale(true);
    // A simulation of the previous inputs is stopped now, not when the next one
    // starts: its results would describe numbers that are no longer on screen.
    analysis.cancelSimulation();
    analysisView.markSimulationStale();
    analysisTimer = setTimeout(() => {
      runAnalysis();
      runSimulation();
    }, ANALYSIS_DELAY_MS);
  }

  /** Break-even sentences, the explorer and sensitivity for the current, valid scenario. */
  function runAnalysis() {
    if (app.problems.length > 0 || !app.lastResult) return;
    analysisView.setScenario(app.scenario);
    sentenceJobsInFlight = sentenceJobs(app.scenario, app.lastResult);
    const jobs = [...sentenceJobsInFlight, { key: 'sensitivity', kind: 'sensitivity', request: analysisView.sensitivityRequest() }];
    const explorer = analysisView.explorerRequest();
    if (explorer) jobs.push({ key: 'explorer', kind: 'breakeven', request: explorer });
    analysis.runJobs(JSON.stringify(app.scenario), jobs);
  }

  function runSimulation() {
    const settings = app.scenario.uncertainty;
    if (!settings) {
      analysis.cancelSimulation();
      analysisView.renderSimulationState('off');
      return;
    }
    if (settings.paths > PAGE_MAX_PATHS) {
      analysis.cancelSimulation();
      analysisView.renderSimulationState('too-many', {
        message: `The page simulates at most ${PAGE_MAX_PATHS.toLocaleString()} paths at a time; ` +
          '`gpu-tco simulate` takes up to 1,000,000.',
      });
      return;
    }
    simulationStarted = performance.now();
    analysisView.renderSimulationState('waiting');
    analysis.simulate(JSON.stringify(app.scenario), {});
  }

  // --- keeping the work ------------------------------------------------------

  function schedulePersist() {
    clearTimeout(persistTimer);
    persistTimer = setTimeout(persist, 250);
  }

  async function persist() {
    if (embed) return;
    saveCurrent(app.scenario);
    if (app.problems.length > 0) return;  // the address bar keeps the last valid scenario
    const text = JSON.stringify(app.scenario);
    if (text === app.lastLinkedText) return;
    try {
      const link = await encodeShareLink(text, baseUrl());
      app.lastLinkedText = text;
      history.replaceState(history.state, '', link);
    } catch {
      // a scenario too large for a link still lives in localStorage
    }
  }

  /** Replaces the scenario (an example, an import, a link), keeping the old one restorable. */
  function replaceScenario(next, message) {
    const previous = app.scenario;
    if (previous && !sameScenario(previous, next)) savePrevious(previous);
    app.scenario = cloneScenario(next);
    redraw();
    if (previous && !sameScenario(previous, next)) {
      notices.show({
        key: 'replaced', message,
        action: { label: 'Restore my previous work', run: () => replaceScenario(previous, 'Your previous work is back.') },
      });
    } else {
      notices.show({ key: 'replaced', message });
    }
  }

  // --- where the first scenario comes from -----------------------------------

  async function initialScenario() {
    const stored = loadCurrent();
    const storedUsable = looksEditable(stored) ? stored : null;
    if (hasLink(location.hash)) {
      const linked = await scenarioFromLink(location.hash);
      if (linked) {
        app.lastLinkedText = JSON.stringify(linked);
        if (storedUsable && !sameScenario(storedUsable, linked) && !embed) {
          savePrevious(storedUsable);
          notices.show({
            key: 'replaced', message: `Opened the shared scenario${linked.name ? ` “${linked.name}”` : ''}. Your previous work is kept.`,
            action: { label: 'Restore my previous work', run: () => replaceScenario(storedUsable, 'Your previous work is back.') },
          });
        }
        return linked;
      }
    }
    if (storedUsable && !embed) return storedUsable;
    return cloneScenario(DEFAULT_PRESET.scenario);
  }

  async function openLinkFromAddressBar() {
    if (!hasLink(location.hash)) return;
    const linked = await scenarioFromLink(location.hash);
    if (!linked || sameScenario(linked, app.scenario)) return;
    app.lastLinkedText = JSON.stringify(linked);
    replaceScenario(linked, `Opened the shared scenario${linked.name ? ` “${linked.name}”` : ''}.`);
  }

  /** The scenario a link carries, or null after telling the user why not. */
  async function scenarioFromLink(hash) {
    let text;
    try {
      text = await decodeShareLink(hash);
    } catch (error) {
      const reason = error instanceof LinkError ? error.message : 'it could not be read';
      notices.show({ tone: 'error', key: 'link', message: `This link could not be opened: ${reason}. Your current work is unchanged.` });
      return null;
    }
    return checkedScenario(text, 'This link');
  }

  /** Parses and validates scenario text from a link or a file; null (with a notice) when unusable. */
  function checkedScenario(text, source) {
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      notices.show({ tone: 'error', key: 'link', message: `${source} does not contain a scenario (its content is not JSON). Your current work is unchanged.` });
      return null;
    }
    // A valid scenario is always one the form can show (an object, at most 16 options).
    const problems = app.engine.validate(value);
    if (problems.length > 0) {
      notices.show({
        tone: 'error', key: 'link',
        message: `${source} holds a scenario this calculator cannot use. Your current work is unchanged.`,
        details: problems.map((p) => `${p.path}: ${p.message}`),
      });
      return null;
    }
    return value;
  }

  // --- toolbar -----------------------------------------------------------------

  function setUpToolbar() {
    const preset = document.getElementById('preset');
    for (const p of PRESETS) preset.append(new Option(p.title, p.key));
    preset.addEventListener('change', () => {
      const chosen = PRESETS.find((p) => p.key === preset.value);
      preset.value = '';
      if (chosen) replaceScenario(chosen.scenario, `Loaded the example “${chosen.title}”.`);
    });

    document.getElementById('copy-link').addEventListener('click', async () => {
      const link = await currentLink();
      if (link) copyText(link, 'Link copied', 'Share link');
    });
    document.getElementById('copy-embed').addEventListener('click', async () => {
      const link = await currentLink('?embed=1');
      if (link) copyText(embedCode(link, app.scenario.name), 'Embed code copied', 'Embed code for a wiki page');
    });
    document.getElementById('export-csv').addEventListener('click', () => {
      if (!requireValid('export the cash flows')) return;
      download(cashFlowsCsv(app.scenario, app.engine.evaluate(app.scenario)), fileName(app.scenario, 'csv'), 'text/csv');
    });
    document.getElementById('export-json').addEventListener('click', () => {
      download(scenarioJson(app.scenario), fileName(app.scenario, 'json'), 'application/json');
    });
    const fileInput = document.getElementById('import-file');
    document.getElementById('import-json').addEventListener('click', () => fileInput.click());
    fileInput.addEventListener('change', () => {
      if (fileInput.files[0]) importFile(fileInput.files[0]);
      fileInput.value = '';
    });
    document.getElementById('print').addEventListener('click', () => window.print());

    document.addEventListener('dragover', (event) => {
      if (![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      document.documentElement.classList.add('dragging');
    });
    document.addEventListener('dragleave', (event) => {
      if (event.relatedTarget === null) document.documentElement.classList.remove('dragging');
    });
    document.addEventListener('drop', (event) => {
      document.documentElement.classList.remove('dragging');
      const file = event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      importFile(file);
    });
  }

  function requireValid(what) {
    if (app.problems.length === 0) return true;
    notices.show({ tone: 'error', key: 'invalid', message: `Fix the inputs marked in red to ${what}.` });
    inputs.focusPath(app.problems[0].path);
    return false;
  }

  async function currentLink(query = '') {
    if (!requireValid('share this scenario')) return null;
    try {
      return await encodeShareLink(JSON.stringify(app.scenario), baseUrl(query));
    } catch (error) {
      notices.show({ tone: 'error', key: 'invalid', message: `No link could be made: ${error.message}` });
      return null;
    }
  }

  async function importFile(file) {
    if (file.size > MAX_IMPORT_BYTES) {
      notices.show({ tone: 'error', key: 'link', message: `“${file.name}” is too large to be a scenario (the limit is 4 MB). Your current work is unchanged.` });
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      notices.show({ tone: 'error', key: 'link', message: `“${file.name}” could not be read. Your current work is unchanged.` });
      return;
    }
    const scenario = checkedScenario(text, `“${file.name}”`);
    if (scenario) replaceScenario(scenario, `Imported “${file.name}”.`);
  }

  async function copyText(text, done, title) {
    try {
      await navigator.clipboard.writeText(text);
      notices.show({ key: 'copied', message: `${done} to the clipboard.` });
    } catch {
      // No clipboard (permissions, a sandboxed frame): show it to copy by hand.
      const dialog = document.getElementById('copy-dialog');
      document.getElementById('copy-dialog-title').textContent = title;
      document.getElementById('copy-dialog-hint').textContent = 'The clipboard is not available here: select the text and copy it.';
      const area = document.getElementById('copy-dialog-text');
      area.value = text;
      dialog.showModal();
      area.select();
    }
  }

  // --- embedding ---------------------------------------------------------------

  function setUpEmbed() {
    const full = new URL(location.href);
    full.searchParams.delete('embed');
    const open = document.getElementById('open-full');
    open.href = full.href;
    document.getElementById('embed-footer').hidden = false;
    if (window.parent === window) return;
    // Tell the host page how tall we are, so it can size the iframe.
    let lastHeight = 0;
    new ResizeObserver(() => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === lastHeight) return;
      lastHeight = height;
      window.parent.postMessage({ type: 'gpu-tco:resize', height }, '*');
    }).observe(document.documentElement);
  }
}

function hasLink(hash) {
  return /(^#|&)s=/.test(hash);
}

/** This page's address without query or fragment, plus `query`. */
function baseUrl(query = '') {
  return `${location.origin === 'null' ? location.href.split(/[?#]/)[0] : location.origin + location.pathname}${query}`;
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
