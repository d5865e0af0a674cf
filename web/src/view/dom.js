// Building DOM nodes from data without ever parsing data as HTML: every string
// becomes a text node or an attribute value.

/**
 * el('p', {class: 'x', hidden: ''}, 'text', childNode, null)
 * @param {string} tag
 * @param {Record<string, string>|null} [attributes]
 * @param {...(Node|string|number|null|undefined|false)} children
 */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  if (attributes) {
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return node;
}
