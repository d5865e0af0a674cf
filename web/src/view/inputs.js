// The scenario form. It draws fields from the scenario, reports every edit to
// the app through the handlers it was given, and shows the engine's problems
// next to the fields they name. It never changes the scenario itself.
import {
  DEMAND_FIELDS, KIND_NAMES, MARKET_FIELDS, MAX_OPTIONS, OPTION_FIELDS, SCENARIO_FIELDS, UNCERTAINTY_FIELDS,
  formatForInput, optionPath, parseNumber, unitOf,
} from '../fields.js';
import { getPath, optionName, optionsOf } from '../state.js';
import { el } from './dom.js';
import { icon } from './icons.js';

/**
 * @param {HTMLFormElement} form
 * @param {{onEdit: (path: string, value: unknown) => void, onAdd: (kind: string) => void,
 *   onUncertainty: (on: boolean) => void,
 *   onDuplicate: (i: number) => void, onRemove: (i: number) => void, onMove: (i: number, delta: number) => void}} handlers
 */
export function createInputsView(form, handlers) {
  const groups = {
    scenario: form.querySelector('[data-group="scenario"]'),
    demand: form.querySelector('[data-group="demand"]'),
    market: form.querySelector('[data-group="market"]'),
    uncertainty: form.querySelector('[data-group="uncertainty"]'),
  };
  const uncertaintyOn = form.querySelector('#uncertainty-on');
  uncertaintyOn.addEventListener('change', () => handlers.onUncertainty(uncertaintyOn.checked));
  const optionList = form.querySelector('#option-list');
  const optionCount = form.querySelector('#option-count');
  const optionsError = form.querySelector('#options-error');
  const addButtons = [...form.querySelectorAll('[data-add-kind]')];
  /** path -> {wrap, input, error} for every field drawn; also "options[i]" -> card */
  let targets = new Map();
  let marked = new Set();  // targets showing a problem now
  let scenario = null;

  for (const button of addButtons) button.addEventListener('click', () => handlers.onAdd(button.dataset.addKind));
  form.addEventListener('submit', (event) => event.preventDefault());

  /** Draws every field from `next`. Call when the form's structure or contents change from outside. */
  function render(next) {
    scenario = next;
    targets = new Map();
    marked = new Set();
    groups.scenario.replaceChildren(...SCENARIO_FIELDS.map((f) => fieldBlock(f, f.key)));
    groups.demand.replaceChildren(...DEMAND_FIELDS.map((f) => fieldBlock(f, f.key)));
    groups.market.replaceChildren(...MARKET_FIELDS.map((f) => fieldBlock(f, f.key)));
    const simulating = scenario.uncertainty !== undefined;
    uncertaintyOn.checked = simulating;
    groups.uncertainty.replaceChildren(...(simulating ? UNCERTAINTY_FIELDS.map((f) => fieldBlock(f, f.key)) : []));
    const options = optionsOf(scenario);
    optionList.replaceChildren(...options.map((option, i) => optionCard(option, i, options.length)));
    optionCount.textContent = `(${options.length} of ${MAX_OPTIONS})`;
    for (const button of addButtons) button.disabled = options.length >= MAX_OPTIONS;
  }

  /** Units that name the currency follow it as it is typed. */
  function refreshUnits(next) {
    scenario = next;
    for (const target of targets.values()) {
      if (target.unit && typeof target.field.unit === 'function') target.unit.textContent = unitOf(target.field, scenario);
    }
  }

  /** Option cards' headings follow their labels as they are typed. */
  function refreshOptionName(index) {
    const card = targets.get(`options[${index}]`);
    if (card) card.heading.textContent = optionName(optionsOf(scenario)[index], index);
  }

  function fieldBlock(field, path) {
    const id = `f-${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;
    const value = getPath(scenario, path);
    const wrap = el('div', { class: `field field-${field.type}`, 'data-path': path });
    const unitText = unitOf(field, scenario);
    const unit = unitText ? el('span', { class: 'unit' }, unitText) : null;
    const label = el('label', { for: id }, field.label, unit ? ' · ' : null, unit);
    if (field.required) label.append(el('span', { class: 'required', 'aria-hidden': 'true', title: 'required' }, ' *'));
    const help = el('p', { class: 'help', id: `${id}-help` }, field.help);
    const error = el('p', { class: 'field-error', id: `${id}-error`, hidden: '' });
    let input;
    if (field.type === 'choice') {
      input = el('select', { id, 'aria-describedby': `${id}-help ${id}-error` },
        ...field.choices.map(([v, text]) => el('option', { value: v }, text)));
      input.value = typeof value === 'string' && field.choices.some(([v]) => v === value) ? value : field.choices[0][0];
      input.addEventListener('change', () => handlers.onEdit(path, input.value));
    } else {
      const numeric = field.type === 'number' || field.type === 'integer';
      input = el('input', {
        id, type: 'text', 'aria-describedby': `${id}-help ${id}-error`, spellcheck: 'false',
        inputmode: numeric ? (field.type === 'integer' ? 'numeric' : 'decimal') : 'text',
        placeholder: field.placeholder || '',
        autocapitalize: field.type === 'currency' ? 'characters' : 'off',
        maxlength: field.type === 'text' ? '200' : field.type === 'currency' ? '3' : '64',
      });
      if (field.required) input.setAttribute('aria-required', 'true');
      input.value = numeric ? formatForInput(value, field) : value === undefined ? '' : String(value);
      input.addEventListener('input', (event) => handlers.onEdit(path, readInput(field, input.value), event));
    }
    wrap.append(label, input, help, error);
    targets.set(path, { wrap, input, error, field, unit });
    return wrap;
  }

  // Typed text -> the value stored in the scenario.
  function readInput(field, text) {
    if (field.type === 'text' || field.type === 'id') {
      if (field.key === 'name' && text === '') return undefined;
      return text;
    }
    if (field.type === 'currency') return text.trim() === '' ? undefined : text.trim().toUpperCase();
    const parsed = parseNumber(text, field);
    if (parsed.ok) return parsed.value;
    if (parsed.empty) return undefined;  // required fields then show "required field is missing"
    return text;  // kept as typed; shown as "not a number"
  }

  function optionCard(option, index, total) {
    const name = optionName(option, index);
    const kind = typeof option.kind === 'string' ? option.kind : '';
    const heading = el('h3', { class: 'option-title', id: `option-${index}-title` }, name);
    const kindBadge = el('span', { class: `kind kind-${kind in KIND_NAMES ? kind : 'unknown'}` }, KIND_NAMES[kind] || 'Unknown kind');
    const button = (glyph, label, action, disabled = false) => {
      const b = el('button', { type: 'button', class: 'icon-button', 'aria-label': `${label} ${name}`, title: label }, icon(glyph));
      b.disabled = disabled;
      b.addEventListener('click', action);
      return b;
    };
    const actions = el('div', { class: 'option-actions', role: 'group', 'aria-label': `Actions for ${name}` },
      button('up', 'Move up', () => handlers.onMove(index, -1), index === 0),
      button('down', 'Move down', () => handlers.onMove(index, 1), index === total - 1),
      button('duplicate', 'Duplicate', () => handlers.onDuplicate(index), total >= MAX_OPTIONS),
      button('remove', 'Remove', () => handlers.onRemove(index), total <= 1));
    const labelField = { key: 'label', label: 'Name', type: 'text', help: 'Shown in the results and charts.' };
    const idField = { key: 'id', label: 'ID', type: 'id', help: 'Letters, digits, - and _; used in links, CSV and embeds.' };
    const fields = (OPTION_FIELDS[kind] || []).map((f) => fieldBlock(f, optionPath(index, f.key)));
    const error = el('p', { class: 'field-error', id: `option-${index}-error`, hidden: '' });
    const card = el('li', { class: 'option-card', 'aria-labelledby': `option-${index}-title`, 'data-option-index': String(index) },
      el('div', { class: 'option-head' }, el('div', { class: 'option-heading' }, heading, kindBadge), actions),
      error,
      el('div', { class: 'fields' },
        fieldBlock(labelField, optionPath(index, 'label')),
        fieldBlock(idField, optionPath(index, 'id')),
        ...fields));
    targets.set(`options[${index}]`, { wrap: card, error, heading, actions });
    return card;
  }

  /**
   * Marks the fields the problems name, and returns the problems that name no
   * drawn field (for a summary at the top of the form).
   */
  function showProblems(problems) {
    const messages = new Map();  // target -> message
    let optionsMessage = '';
    const elsewhere = [];
    for (const problem of problems) {
      const exact = targets.get(problem.path);
      const target = exact || targetForUnknownField(problem.path);
      if (target) {
        const message = exact ? friendly(problem, target) : `${problem.path}: ${problem.message}`;
        messages.set(target, messages.has(target) ? `${messages.get(target)} ${message}` : message);
      } else if (problem.path === 'options') {
        optionsMessage = problem.message;
      } else {
        elsewhere.push(problem);
      }
    }
    // Touch only what changes: resetting ~200 fields on every keystroke costs a style pass over the whole form.
    for (const target of marked) if (!messages.has(target)) setMessage(target, '');
    for (const [target, message] of messages) setMessage(target, message);
    marked = new Set(messages.keys());
    if (optionsError.textContent !== optionsMessage) {
      optionsError.textContent = optionsMessage;
      optionsError.hidden = !optionsMessage;
    }
    return elsewhere;
  }

  // "options[2].escalator_per_yr: unknown field" has no field to show it at: put it on the card.
  function targetForUnknownField(path) {
    const m = /^(options\[\d+\])/.exec(path);
    return m ? targets.get(m[1]) : null;
  }

  function setMessage(target, message) {
    if (target.error.textContent === message) return;
    target.wrap.classList.toggle('invalid', message !== '');
    target.error.hidden = message === '';
    target.error.textContent = message;
    if (!target.input) return;
    if (message) target.input.setAttribute('aria-invalid', 'true');
    else target.input.removeAttribute('aria-invalid');
  }

  /** Focuses the field at `path` (or its option card) and scrolls it into view. */
  function focusPath(path) {
    const target = targets.get(path) || targetForUnknownField(path);
    if (!target) return false;
    const focusable = target.input || target.wrap.querySelector('input, select, button');
    focusable?.focus();
    target.wrap.scrollIntoView?.({ block: 'center' });
    return true;
  }

  /** Focuses a control of option `index` after the list was redrawn. */
  function focusOption(index, control = 'label') {
    const card = targets.get(`options[${index}]`);
    if (!card) return;
    if (control === 'label') targets.get(optionPath(index, 'label'))?.input.focus();
    else card.actions.querySelector(`[title="${control}"]`)?.focus();
  }

  return { render, refreshUnits, refreshOptionName, showProblems, focusPath, focusOption };
}

// The engine's messages name the field; at the field, the path is redundant.
// "Not a number" is clearer than the engine's view of typed text.
function friendly(problem, target) {
  const value = target.input && target.input.value;
  if (/^must be a number, got a string/.test(problem.message) && target.field && target.field.type !== 'text') {
    return `“${value}” is not a number. Type digits such as 2.5, 2,500 or 15%.`;
  }
  if (problem.message === 'required field is missing') return 'Required.';
  return capitalise(problem.message) + (problem.message.endsWith('.') ? '' : '.');
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
