// Share links: a whole scenario in a URL fragment (docs/share-links.md).
//
//   BASE#s=1.PAYLOAD     PAYLOAD = base64url(deflate-raw(compact JSON)), no padding
//
// No DOM: this module runs in pages, module workers and node 20. It follows
// the C++ codec (core/include/gputco/share_link.hpp) limit for limit, code for
// code and message for message, with one exception: the platform's
// DecompressionStream does not say what is wrong with invalid DEFLATE data, so
// every such case has one message here.
//
// The codec carries text: whether it is JSON, or a valid scenario, is for the
// caller to check with the engine.

/** The link format this module writes, and the newest it reads. */
export const LINK_FORMAT_VERSION = 1;
/** At most this many base64url characters after "1." (whitespace and padding not counted). */
export const MAX_PAYLOAD_CHARS = 65536;
/** At most this many bytes of JSON text once decompressed: this stops decompression bombs early. */
export const MAX_JSON_BYTES = 1048576;

/**
 * Why a link cannot be opened or made. `code` is one of "not_a_link",
 * "newer_version", "corrupt", "too_large"; `message` is one line for the user.
 */
export class LinkError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LinkError';
    this.code = code;
  }
}

/**
 * The share link for a scenario: `base` (anything from its '#' on is
 * replaced) + "#s=1." + payload. A scenario object is written with
 * JSON.stringify; JSON text is kept as it is, without its whitespace.
 * @param {object|string} scenario
 * @param {string} [base] the page's URL; "" gives the fragment alone
 * @returns {Promise<string>}
 */
export async function encodeShareLink(scenario, base = '') {
  const json = typeof scenario === 'string' ? compactJson(scenario) : JSON.stringify(scenario);
  if (typeof json !== 'string') throw new TypeError('encodeShareLink needs a scenario object or its JSON text');
  const bytes = new TextEncoder().encode(json);
  if (bytes.length > MAX_JSON_BYTES) {
    throw new LinkError('too_large',
      `this scenario is too large for a link: its JSON text is ${bytes.length} bytes; the limit is ${MAX_JSON_BYTES} bytes`);
  }
  const payload = base64urlEncode(await readAll(byteStream(bytes).pipeThrough(new CompressionStream('deflate-raw'))));
  if (payload.length > MAX_PAYLOAD_CHARS) {
    throw new LinkError('too_large',
      `this scenario is too large for a link: its link data would be ${payload.length} characters; the limit is ${MAX_PAYLOAD_CHARS}`);
  }
  return `${String(base).split('#')[0]}#s=${LINK_FORMAT_VERSION}.${payload}`;
}

/**
 * The JSON text a share link carries. Takes a whole URL, its fragment
 * ("#s=..."), or the fragment without '#'; other &-separated parameters are
 * ignored, and so are ASCII whitespace anywhere and '=' padding.
 * @param {string} link
 * @returns {Promise<string>} rejects with a LinkError
 */
export async function decodeShareLink(link) {
  const text = String(link).replace(ASCII_WHITESPACE, '');
  const hash = text.indexOf('#');
  const fragment = hash >= 0 ? text.slice(hash + 1) : text;
  const parameter = fragment.split('&').find((part) => part.startsWith('s='));
  if (parameter === undefined) throw new LinkError('not_a_link', 'this is not a gpu-tco share link: it has no #s= part');
  const value = parameter.slice(2);

  // The format version: the decimal number before the first '.'.
  const dot = value.indexOf('.');
  const versionText = dot >= 0 ? value.slice(0, dot) : value;
  if (!/^[0-9]+$/.test(versionText)) throw damaged("the text before the first '.' of its s= part is not a format version number");
  const version = versionText.replace(/^0+/, '');
  if (version.length > 1 || (version.length === 1 && Number(version) > LINK_FORMAT_VERSION)) {
    const shown = version.length > 20 ? `${version.slice(0, 20)}...` : version;
    throw new LinkError('newer_version',
      `this link was made by a newer version of gpu-tco (link format ${shown}); this version reads format ${LINK_FORMAT_VERSION}`);
  }
  if (version === '') throw damaged('its link format 0 does not exist');
  if (dot < 0) throw damaged("its s= part has no '.' after the format version");

  const payload = value.slice(dot + 1);
  const characters = payload.replace(/=+$/, '').length;
  if (characters > MAX_PAYLOAD_CHARS) {
    throw new LinkError('too_large', `this link is too large: its data is ${characters} characters long; the limit is ${MAX_PAYLOAD_CHARS}`);
  }
  const json = await inflateRaw(base64urlDecode(payload), MAX_JSON_BYTES);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(json);
  } catch {
    throw damaged('its text is not valid UTF-8');
  }
}

/** base64url (RFC 4648 §5) of bytes, without padding. */
export function base64urlEncode(bytes) {
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[group >> 18] + ALPHABET[(group >> 12) & 63] + ALPHABET[(group >> 6) & 63] + ALPHABET[group & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const group = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out += ALPHABET[group >> 18] + ALPHABET[(group >> 12) & 63];
    if (rest === 2) out += ALPHABET[(group >> 6) & 63];
  }
  return out;
}

/**
 * Bytes from base64url, with or without '=' padding (at most two, at the end).
 * Unused low bits of the last character are ignored. Throws a LinkError
 * ("corrupt") for anything else.
 * @returns {Uint8Array}
 */
export function base64urlDecode(text) {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end -= 1;
  if (text.length - end > 2) throw damaged("its data ends with more than two '=' padding characters");
  for (let i = 0; i < end; i += 1) {
    if (VALUES[text.charCodeAt(i)] >= 0) continue;
    throw damaged(text[i] === '=' ? "its data holds '=' padding before its end"
      : `its data holds ${describe(text.charCodeAt(i))}, which is not a base64url character`);
  }
  if (end % 4 === 1) throw damaged(`its data has ${end} base64url characters, a length no data encodes to`);
  const out = new Uint8Array(Math.floor((end * 6) / 8));
  let bits = 0;
  let held = 0;
  let n = 0;
  for (let i = 0; i < end; i += 1) {
    bits = (bits << 6) | VALUES[text.charCodeAt(i)];
    held += 6;
    if (held >= 8) {
      held -= 8;
      out[n] = (bits >> held) & 0xff;
      n += 1;
    }
    bits &= (1 << held) - 1;
  }
  return out;
}

// ---------------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) VALUES[ALPHABET.charCodeAt(i)] = i;

// WHATWG's ASCII whitespace: what a chat client or a mail program may wrap a link with.
const ASCII_WHITESPACE = /[ \t\n\f\r]+/g;

// One message for every kind of invalid DEFLATE data: the platform does not say which it is.
const INVALID_DEFLATE = 'the compressed data is invalid or cut short';

function damaged(reason) {
  return new LinkError('corrupt', `this link is damaged: ${reason}`);
}

// A character of untrusted text, as a message can show it.
function describe(code) {
  if (code >= 0x80) return 'a non-ASCII character';
  if (code < 0x20 || code === 0x7f) return 'a control character';
  return `'${String.fromCharCode(code)}'`;
}

// JSON text without the whitespace between its tokens; strings are kept as they are.
function compactJson(text) {
  let out = '';
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return out + text.slice(start);
}

function byteStream(bytes) {
  return new Blob([bytes]).stream();
}

async function readAll(stream) {
  const chunks = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks);
    chunks.push(value);
  }
}

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

// Decompresses chunk by chunk and cancels as soon as the output passes `limit`:
// a bomb costs a few milliseconds and about `limit` bytes, never its full size.
async function inflateRaw(compressed, limit) {
  const reader = byteStream(compressed).pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw new LinkError('too_large', `this link is too large: it decompresses to more than ${limit} bytes; the limit is ${limit} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof LinkError) throw error;
    throw damaged(INVALID_DEFLATE);
  }
  const output = concat(chunks);
  if (!(await platformRefusesTrailingData()) && (await hasTrailingData(compressed, output))) throw damaged(INVALID_DEFLATE);
  return output;
}

// Browsers' DecompressionStream refuses bytes after the final block, as the
// Compression Streams standard says; node 20's ignores them. Checked once.
let refusesTrailingData;
function platformRefusesTrailingData() {
  refusesTrailingData ??= readAll(byteStream(new Uint8Array([0x03, 0x00, 0x00])).pipeThrough(new DecompressionStream('deflate-raw')))
    .then(() => false, () => true);
  return refusesTrailingData;
}

// Where the platform would not say, bytes after the final block are found by
// decompressing again inside a zlib wrapper (RFC 1950) whose Adler-32 check
// follows the raw stream: zlib reads the check right after the final block,
// so any bytes there make it fail. (Only bytes made to equal the check could pass.)
async function hasTrailingData(compressed, output) {
  const wrapped = new Uint8Array(compressed.length + 6);
  wrapped.set([0x78, 0x01]);
  wrapped.set(compressed, 2);
  new DataView(wrapped.buffer).setUint32(wrapped.length - 4, adler32(output));
  try {
    await readAll(byteStream(wrapped).pipeThrough(new DecompressionStream('deflate')));
    return false;
  } catch {
    return true;
  }
}

function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i += 1) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
