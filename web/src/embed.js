// The code a wiki page needs to embed a scenario. No DOM.

/** The snippet for a wiki: a sandboxed iframe, and a listener that sizes it to its content. */
export function embedCode(link, name) {
  const title = `gpu-tco: ${typeof name === 'string' && name ? name : 'GPU cost comparison'}`;
  return `<iframe src="${escapeAttribute(link)}" title="${escapeAttribute(title)}" ` +
    'style="width:100%;height:640px;border:0" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" ' +
    'loading="lazy"></iframe>\n' +
    '<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="gpu-tco:resize")return;' +
    'document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px";});});</script>\n';
}

function escapeAttribute(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}
