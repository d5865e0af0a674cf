// The worked examples, one click away. They are the golden cases the engine is
// tested against (tests/data), bundled into the page at build time.
import buyVsRent from '../../tests/data/buy-vs-rent.json';
import lockVsFloat from '../../tests/data/lock-vs-float.json';
import prepayAndGrowth from '../../tests/data/prepay-and-growth.json';

export const PRESETS = [
  { key: 'lock-vs-float', title: 'Lock vs float: a 3-year commit or falling market prices', scenario: lockVsFloat },
  { key: 'buy-vs-rent', title: 'Buy vs rent: own servers, commit, or on demand over 5 years', scenario: buyVsRent },
  { key: 'prepay-and-growth', title: 'Prepay and growth: half prepaid, overflow on spot', scenario: prepayAndGrowth },
];

/** What a first visit shows: the decision most teams face now. */
export const DEFAULT_PRESET = PRESETS[0];
