// Banners at the top of the page: what happened, and a way back when it
// replaced the user's work. Messages are text, never HTML.
import { el } from './dom.js';
import { icon } from './icons.js';

/**
 * @param {HTMLElement} container
 */
export function createNotices(container) {
  /**
   * @param {{tone?: 'info'|'error', message: string, details?: string[], action?: {label: string, run: () => void},
   *   key?: string}} notice  a notice with the same key replaces the previous one
   * @returns {() => void} removes the notice
   */
  function show({ tone = 'info', message, details = [], action = null, key = null }) {
    if (key) container.querySelector(`[data-key="${CSS.escape(key)}"]`)?.remove();
    const node = el('div', { class: `notice notice-${tone}`, role: tone === 'error' ? 'alert' : 'status', 'data-key': key });
    const text = el('div', { class: 'notice-text' }, el('p', null, message));
    if (details.length) {
      const shown = details.slice(0, 8);
      text.append(el('ul', null, ...shown.map((d) => el('li', null, d))));
      if (details.length > shown.length) text.append(el('p', null, `…and ${details.length - shown.length} more.`));
    }
    const remove = () => node.remove();
    const buttons = el('div', { class: 'notice-actions' });
    if (action) {
      const b = el('button', { type: 'button' }, action.label);
      b.addEventListener('click', () => { remove(); action.run(); });
      buttons.append(b);
    }
    const close = el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss this message', title: 'Dismiss' }, icon('remove'));
    close.addEventListener('click', remove);
    buttons.append(close);
    node.append(text, buttons);
    container.append(node);
    return remove;
  }

  return { show };
}
