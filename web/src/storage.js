// The user's work in this browser's localStorage. Storage can be missing,
// full or forbidden (a sandboxed embed, private mode): every access is
// guarded, and failing to save never breaks the page.
const CURRENT = 'gpu-tco:v1:scenario';
const PREVIOUS = 'gpu-tco:v1:previous';

function store() {
  try {
    return window.localStorage;
  } catch {
    return null;  // a sandboxed iframe throws on access
  }
}

function read(key) {
  try {
    const text = store()?.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    store()?.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The scenario last being edited, or null. */
export const loadCurrent = () => read(CURRENT);
export const saveCurrent = (scenario) => write(CURRENT, scenario);

/** The work a link, an import or an example replaced, so it can be restored. */
export const loadPrevious = () => read(PREVIOUS);
export const savePrevious = (scenario) => write(PREVIOUS, scenario);
