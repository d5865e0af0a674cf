// Which analyses to ask the engine for, and what their answers say in words.
// No DOM; the engine computes every number, this only chooses and phrases.
import { DEMAND_FIELDS, MARKET_FIELDS, OPTION_FIELDS, SCENARIO_FIELDS, unitOf } from './fields.js';
import { count, moneyCompact, plain } from './format.js';
import { getPath, optionName, optionsOf } from './state.js';

const PAY_AS_YOU_GO = new Set(['on_demand', 'spot']);
const TREND_RANGE = { min: -0.9, max: 1 };  // market trends worth talking about: −90 % to +100 % a year

/**
 * Every numeric input the analyses can vary, as the engine names them.
 * @returns {{path: string, label: string, field: object, value: number, optionIndex: number|null}[]}
 */
export function numericInputs(scenario) {
  const inputs = [];
  for (const field of [...SCENARIO_FIELDS, ...DEMAND_FIELDS, ...MARKET_FIELDS]) {
    if (field.type !== 'number' && field.type !== 'integer') continue;
    const value = getPath(scenario, field.key);
    if (typeof value !== 'number' && field.default === undefined) continue;  // e.g. no spot price to vary
    inputs.push({ path: field.key, label: field.label, field, value: typeof value === 'number' ? value : field.default, optionIndex: null });
  }
  optionsOf(scenario).forEach((option, index) => {
    for (const field of OPTION_FIELDS[option.kind] || []) {
      if (field.type !== 'number' && field.type !== 'integer') continue;
      const value = option[field.key];
      inputs.push({
        path: `options[${index}].${field.key}`,
        label: `${optionName(option, index)} · ${field.label.toLowerCase()}`,
        field,
        value: typeof value === 'number' ? value : field.default,
        optionIndex: index,
      });
    }
  });
  return inputs;
}

/** "−19.0 % a year", "408 GPUs", "USD 2.20 per GPU-hour" — a value of the input at `path`. */
export function describeValue(scenario, path, value) {
  const input = numericInputs(scenario).find((i) => i.path === path);
  if (!input) return plain(value);
  const { field } = input;
  if (field.percent) return `${plain(value * 100, 1)} ${unitOf(field, scenario)}`;
  if (field.type === 'integer' || field.key === 'demand.gpus' || field.key === 'gpus') {
    return `${count(value)} ${unitOf(field, scenario)}`;
  }
  return `${plain(value, 3)} ${unitOf(field, scenario)}`;
}

export function inputLabel(scenario, path) {
  return numericInputs(scenario).find((i) => i.path === path)?.label || path;
}

/**
 * The break-evens worth a sentence: each commit or owned option against the
 * cheapest pay-as-you-go option, on the market trend, its own escalator, and
 * the demand.
 * @returns {{key: string, kind: 'breakeven', request: object, subject: number, reference: number, topic: string}[]}
 */
export function sentenceJobs(scenario, result) {
  const options = optionsOf(scenario);
  const npv = (i) => result.options[i].npv_cost;
  const payAsYouGo = options.map((o, i) => i).filter((i) => PAY_AS_YOU_GO.has(options[i].kind));
  if (payAsYouGo.length === 0) return [];
  const reference = payAsYouGo.reduce((best, i) => (npv(i) < npv(best) ? i : best));
  const demand = scenario.demand.gpus;
  const jobs = [];
  options.forEach((option, subject) => {
    if (option.kind !== 'commit' && option.kind !== 'own') return;
    const base = { a: option.id, b: options[reference].id };
    const add = (topic, param, range) => jobs.push({
      key: `sentence:${subject}:${topic}`, kind: 'breakeven', subject, reference, topic, request: { ...base, param, ...range },
    });
    add('trend', 'market.price_trend_per_year', TREND_RANGE);
    if (option.kind === 'commit') add('escalator', `options[${subject}].escalator_per_year`, {});
    add('demand', 'demand.gpus', { min: 0, max: Math.max(4 * demand, 2 * option.gpus, 1) });
  });
  return jobs;
}

/**
 * One sentence from a break-even document, about option `subject` against
 * option `reference`, in the words of its topic.
 */
export function sentence(scenario, job, doc) {
  const options = optionsOf(scenario);
  const x = `“${optionName(options[job.subject], job.subject)}”`;
  const p = `“${optionName(options[job.reference], job.reference)}”`;
  const xId = options[job.subject].id;
  const now = ` (now ${describeValue(scenario, doc.param, doc.current_value)})`;
  const value = (v) => describeValue(scenario, doc.param, v);
  const pct = (v) => `${plain(Math.abs(v) * 100, 1)} %`;
  const crossings = doc.crossings;

  if (crossings.length === 0) {
    const winner = doc.cheaper_at_min === xId ? x : p;
    const loser = winner === x ? p : x;
    return `${winner} beats ${loser} at any ${topicNoun(job.topic, scenario, doc)} from ${value(doc.min)} to ${value(doc.max)}.`;
  }
  if (crossings.length > 1) {
    return `${x} and ${p} swap places ${crossings.length} times as the ${topicNoun(job.topic, scenario, doc)} moves from ` +
      `${value(doc.min)} to ${value(doc.max)}: at ${crossings.map((c) => value(c.value)).join(', ')}${now}.`;
  }
  const { value: v, cheaper_above: above } = crossings[0];
  const xAbove = above === xId;
  switch (job.topic) {
    case 'trend':
      if (v < 0) {
        return xAbove ? `${x} beats ${p} unless market prices fall faster than ${pct(v)} a year${now}.`
          : `${x} beats ${p} only if market prices fall faster than ${pct(v)} a year${now}.`;
      }
      return xAbove ? `${x} beats ${p} only if market prices rise faster than ${pct(v)} a year${now}.`
        : `${x} beats ${p} unless market prices rise faster than ${pct(v)} a year${now}.`;
    case 'escalator':
      return xAbove ? `${x} beats ${p} only with an escalator above ${pct(v)} a year${now}.`
        : `${x} beats ${p} up to an escalator of ${value(v)}${now}.`;
    case 'demand':
      return `${x} beats ${p} while demand stays ${xAbove ? 'above' : 'below'} ${value(v)}${now}.`;
    default:
      return `${x} is cheaper than ${p} while the ${inputLabel(scenario, doc.param).toLowerCase()} is ` +
        `${xAbove ? 'above' : 'below'} ${value(v)}${now}.`;
  }
}

function topicNoun(topic, scenario, doc) {
  if (topic === 'trend') return 'market price trend';
  if (topic === 'escalator') return 'escalator';
  if (topic === 'demand') return 'demand';
  return inputLabel(scenario, doc.param).toLowerCase();
}

/**
 * What a break-even between any two options says, crossing by crossing, for
 * the explorer panel.
 */
export function explorerSentences(scenario, doc) {
  const byId = new Map(optionsOf(scenario).map((o, i) => [o.id, `“${optionName(o, i)}”`]));
  const name = (id) => byId.get(id) || id;
  const label = inputLabel(scenario, doc.param).toLowerCase();
  const value = (v) => describeValue(scenario, doc.param, v);
  if (doc.crossings.length === 0) {
    return [`${name(doc.cheaper_at_min)} costs less than ${name(doc.cheaper_at_min === doc.a ? doc.b : doc.a)} ` +
      `for every ${label} from ${value(doc.min)} to ${value(doc.max)}.`];
  }
  return doc.crossings.map((c) => (doc.whole
    ? `From ${value(c.value)} on, ${name(c.cheaper_above)} costs less than ${name(c.cheaper_below)}.`
    : `At ${value(c.value)} they cost the same: below it ${name(c.cheaper_below)} costs less, above it ${name(c.cheaper_above)}.`));
}

/** A signed NPV difference in words: "−$3.5M" */
export function signedMoney(value, currency) {
  const text = moneyCompact(Math.abs(value), currency);
  return value < 0 ? `−${text}` : value > 0 ? `+${text}` : text;
}

