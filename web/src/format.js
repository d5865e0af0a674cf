// Numbers as people read them, in the scenario's currency. No DOM.
const cache = new Map();

function formatter(key, make) {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

function currencyFormat(currency, options) {
  const code = /^[A-Z]{3}$/.test(currency) ? currency : 'USD';
  const key = `${code}|${JSON.stringify(options)}`;
  return formatter(key, () => new Intl.NumberFormat(undefined, { style: 'currency', currency: code, ...options }));
}

/** 14,400,268 → "$14,400,268" */
export function money(value, currency) {
  return currencyFormat(currency, { maximumFractionDigits: 0 }).format(value);
}

/** 14,400,268 → "$14.4M" */
export function moneyCompact(value, currency) {
  return currencyFormat(currency, { notation: 'compact', maximumFractionDigits: Math.abs(value) < 1e3 ? 0 : 1 }).format(value);
}

/** 2.4047 → "$2.405" */
export function moneyPrecise(value, currency, digits = 3) {
  return currencyFormat(currency, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** 0.257 → "25.7 %" */
export function percent(fraction, digits = 1) {
  return formatter(`pct${digits}`, () => new Intl.NumberFormat(undefined, {
    style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits,
  })).format(fraction);
}

/** 6727680 → "6,727,680" */
export function count(value) {
  return formatter('count', () => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })).format(value);
}

/** A plain number as typed in the scenario: 0.08 → "8 %" (rates) or 2.99 → "2.99". */
export function plain(value, digits = 4) {
  return formatter(`plain${digits}`, () => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits })).format(value);
}

/** 36 → "3 years", 30 → "30 months". */
export function duration(months) {
  if (months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return months === 1 ? '1 month' : `${months} months`;
}
