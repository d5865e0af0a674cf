// Share links in JavaScript (web/src/share-link.js), in node: interoperability
// with the native CLI both ways, every error code, and the golden links of format 1.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

import { CLI, DATA_DIR, ROOT, SITE_DIR, differences, goldenExpected, goldenNames, goldenScenario, readText } from './support.mjs';

const MODULE = join(ROOT, 'web/src/share-link.js');
const {
  LINK_FORMAT_VERSION, MAX_JSON_BYTES, MAX_PAYLOAD_CHARS, LinkError, base64urlDecode, base64urlEncode, decodeShareLink,
  encodeShareLink,
} = await import(pathToFileURL(MODULE).href);

const engineModule = join(SITE_DIR, 'gpu-tco.mjs');
const engine = existsSync(engineModule) ? await (await import(pathToFileURL(engineModule).href)).createEngine() : null;

/** Runs the native CLI; returns {status, stdout, stderr}. */
function cli(args, input = '') {
  return spawnSync(CLI, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
}

const linkFor = (bytes) => `#s=1.${Buffer.from(bytes).toString('base64url')}`;

async function rejection(link) {
  try {
    await decodeShareLink(link);
  } catch (error) {
    assert.ok(error instanceof LinkError, `${error}`);
    return `${error.code}: ${error.message}`;
  }
  assert.fail(`${link.slice(0, 40)} decoded`);
}

test('the constants are those of format 1', () => {
  assert.equal(LINK_FORMAT_VERSION, 1);
  assert.equal(MAX_PAYLOAD_CHARS, 65536);
  assert.equal(MAX_JSON_BYTES, 1048576);
});

test('links made in JavaScript open with the CLI, for every golden scenario', async () => {
  const names = goldenNames();
  assert.ok(names.length >= 13);
  for (const name of names) {
    const text = goldenScenario(name);
    for (const scenario of [text, JSON.parse(text)]) {
      const link = await encodeShareLink(scenario, 'https://example.org/tco/');
      assert.match(link, /^https:\/\/example\.org\/tco\/#s=1\.[A-Za-z0-9_-]+$/, name);
      const opened = cli(['link', '--decode', link]);
      assert.equal(opened.status, 0, `${name}: ${opened.stderr}`);
      assert.deepEqual(JSON.parse(opened.stdout), JSON.parse(text), name);
    }
  }
});

test('links made by the CLI open in JavaScript, for every golden scenario', async () => {
  for (const name of goldenNames()) {
    const link = execFileSync(CLI, ['link', join(DATA_DIR, `${name}.json`)], { encoding: 'utf8' }).trim();
    assert.match(link, /^http:\/\/127\.0\.0\.1:8080\/#s=1\./);
    assert.deepEqual(JSON.parse(await decodeShareLink(link)), JSON.parse(goldenScenario(name)), name);
  }
});

test('every golden link of format 1 still opens to its expected numbers', async () => {
  const lines = readText(join(DATA_DIR, 'links/v1.txt')).split('\n').filter((l) => l && !l.startsWith('#'));
  assert.ok(lines.length >= 6);
  for (const line of lines) {
    const [name, link] = line.split(' ');
    const json = await decodeShareLink(link);
    const expected = goldenExpected(name);
    const native = cli(['eval', '-', '--compact'], json);
    assert.equal(native.status, 0, `${name}: ${native.stderr}`);
    assert.deepEqual(differences(JSON.parse(native.stdout), expected), [], name);
    if (engine) assert.deepEqual(differences(engine.evaluate(json), expected), [], name);
  }
});

test('a text scenario is carried as written, without whitespace between tokens', async () => {
  const text = '{ "name" : "a  b\\" c",\n\t"x": [1.50, 2e3 ] }';
  const json = await decodeShareLink(await encodeShareLink(text));
  assert.equal(json, '{"name":"a  b\\" c","x":[1.50,2e3]}');
  const object = { schema: 'gpu-tco/1', name: 'Prépaiement € 価格 😀', horizon_months: 12 };
  assert.equal(await decodeShareLink(await encodeShareLink(object)), JSON.stringify(object));
});

test('encodeShareLink replaces a fragment already in the base; no base gives the fragment alone', async () => {
  assert.match(await encodeShareLink({}, 'https://example.org/#s=1.old&v=2'), /^https:\/\/example\.org\/#s=1\.[A-Za-z0-9_-]+$/);
  assert.match(await encodeShareLink({}), /^#s=1\./);
});

test('a link is read from a whole URL, its fragment, or the fragment without "#"', async () => {
  const json = '{"schema":"gpu-tco/1"}';
  const link = await encodeShareLink(json, 'https://example.org/?x=1');
  const payload = link.split('#s=1.')[1];
  for (const form of [
    link,
    `#s=1.${payload}`,
    `s=1.${payload}`,
    `#v=2&s=1.${payload}&theme=dark`,
    `#s=1.${payload}&s=2.xyz`,
    `#s=01.${payload}`,
    `#s=1.${payload}==`,
    `  ${link.match(/.{1,30}/g).join('\r\n ')}\n`,
    `\n#s = 1 . ${payload}\t`,
  ]) {
    assert.equal(await decodeShareLink(form), json, form);
  }
});

test('links made by zlib at every level, stored blocks included, open too', async () => {
  const text = goldenScenario('largest');
  for (const options of [{ level: 0 }, { level: 1 }, { level: 9 }, { strategy: zlib.constants.Z_FIXED }]) {
    assert.equal(await decodeShareLink(linkFor(zlib.deflateRawSync(Buffer.from(text), options))), text);
  }
  for (const vector of ['mixed.level9.deflate', 'mixed.fixed.deflate', 'mixed.level0.deflate']) {
    const original = readFileSync(join(DATA_DIR, 'deflate/mixed.txt'), 'utf8');
    assert.equal(await decodeShareLink(linkFor(readFileSync(join(DATA_DIR, 'deflate', vector)))), original, vector);
  }
});

test('base64url: RFC 4648 vectors, the URL-safe alphabet, padding, and what is refused', () => {
  const enc = (s) => base64urlEncode(new TextEncoder().encode(s));
  assert.deepEqual(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc), ['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']);
  assert.equal(base64urlEncode(new Uint8Array([0xfb, 0xff, 0xbf])), '-_-_');
  const all = new Uint8Array(256).map((_, i) => i);
  for (let n = 0; n <= 256; n += 1) {
    const bytes = all.subarray(256 - n);
    assert.deepEqual(base64urlDecode(base64urlEncode(bytes)), bytes);
    assert.equal(base64urlEncode(bytes), Buffer.from(bytes).toString('base64url'));
  }
  assert.deepEqual(base64urlDecode('Zg=='), new Uint8Array([0x66]));
  assert.deepEqual(base64urlDecode('Zh'), new Uint8Array([0x66]));
  const refused = (text) => assert.throws(() => base64urlDecode(text), (e) => e instanceof LinkError && e.code === 'corrupt');
  for (const text of ['Zg===', 'Zg=a', 'Zm+v', 'Zm/v', 'Zm v', 'Zm\u0000v', 'Zmév', 'Zm9vY', 'Z']) refused(text);
});

test('not_a_link: text without an s= parameter', async () => {
  for (const text of ['', '   ', 'https://example.org/tco/', 'https://example.org/tco/#', 'https://example.org/?s=1.abc', '#v=1.abc',
    '#ss=1.abc', '#s', '#S=1.abc', 'hello']) {
    assert.equal(await rejection(text), 'not_a_link: this is not a gpu-tco share link: it has no #s= part', text);
  }
});

test('newer_version: a format number above 1', async () => {
  const newer = (n) => `newer_version: this link was made by a newer version of gpu-tco (link format ${n}); this version reads format 1`;
  assert.equal(await rejection('#s=2.abc'), newer('2'));
  assert.equal(await rejection('#s=10.abc'), newer('10'));
  assert.equal(await rejection('#s=0002.abc'), newer('2'));
  assert.equal(await rejection('#s=3'), newer('3'));
  assert.equal(await rejection('#s=123456789012345678901234567890.x'), newer('12345678901234567890...'));
});

test('corrupt: the version, the base64url, the compressed data or the UTF-8', async () => {
  const damaged = (reason) => `corrupt: this link is damaged: ${reason}`;
  for (const text of ['#s=.abc', '#s=x.abc', '#s=1a.abc', '#s=-1.abc', '#s=+1.abc', '#s=', '#s=1e0.abc']) {
    assert.equal(await rejection(text), damaged("the text before the first '.' of its s= part is not a format version number"), text);
  }
  assert.equal(await rejection('#s=0.abc'), damaged('its link format 0 does not exist'));
  assert.equal(await rejection('#s=1'), damaged("its s= part has no '.' after the format version"));
  assert.equal(await rejection('#s=1.ab+c'), damaged("its data holds '+', which is not a base64url character"));
  assert.equal(await rejection('#s=1.ab%20c'), damaged("its data holds '%', which is not a base64url character"));
  assert.equal(await rejection('#s=1.abc=d'), damaged("its data holds '=' padding before its end"));
  assert.equal(await rejection('#s=1.abcde'), damaged('its data has 5 base64url characters, a length no data encodes to'));

  const invalid = damaged('the compressed data is invalid or cut short');
  const compressed = zlib.deflateRawSync(Buffer.from(goldenScenario('buy-vs-rent')), { level: 9 });
  assert.equal(await rejection('#s=1.'), invalid);
  assert.equal(await rejection(linkFor(compressed.subarray(0, compressed.length - 1))), invalid);
  const link = linkFor(compressed);
  assert.equal(await rejection(link.slice(0, -8)), invalid);
  assert.equal(await rejection(linkFor(Buffer.concat([compressed, Buffer.from('junk')]))), invalid);
  assert.equal(await rejection(linkFor(Buffer.concat([compressed, Buffer.from([0])]))), invalid);
  assert.equal(await rejection(linkFor([0x07, 0x00])), invalid);  // block type 3
  assert.equal(await rejection('#s=1.AAAAAAA'), invalid);         // stored block, LEN and NLEN disagree

  assert.equal(await rejection(linkFor(zlib.deflateRawSync(Buffer.from([0x7b, 0xff, 0x7d])))), damaged('its text is not valid UTF-8'));
  assert.equal(await rejection(linkFor(zlib.deflateRawSync(Buffer.from([0xed, 0xa0, 0x80])))), damaged('its text is not valid UTF-8'));
});

test('the codec carries text: a leading byte order mark, or text that is not JSON, comes back as it is', async () => {
  assert.equal(await decodeShareLink(linkFor(zlib.deflateRawSync('\ufeff{}'))), '\ufeff{}');
  assert.equal(await decodeShareLink(linkFor(zlib.deflateRawSync('not JSON'))), 'not JSON');
  assert.equal(await decodeShareLink(linkFor(zlib.deflateRawSync(''))), '');
});

test('too_large: a payload over 65,536 characters', async () => {
  assert.equal(await rejection(`#s=1.${'A'.repeat(65537)}`),
    'too_large: this link is too large: its data is 65537 characters long; the limit is 65536');
  assert.match(await rejection(`#s=1.${'A'.repeat(65536)}\n\n==`), /^corrupt: /);
});

test('too_large: a decompression bomb is refused at 1 MiB, quickly', async () => {
  const link = linkFor(zlib.deflateRawSync(Buffer.alloc(40_000_000), { level: 9 }));
  assert.ok(link.length < MAX_PAYLOAD_CHARS);
  const start = performance.now();
  assert.equal(await rejection(link),
    'too_large: this link is too large: it decompresses to more than 1048576 bytes; the limit is 1048576 bytes');
  assert.ok(performance.now() - start < 1000, `${performance.now() - start} ms`);
  const full = ' '.repeat(MAX_JSON_BYTES);
  assert.equal(await decodeShareLink(linkFor(zlib.deflateRawSync(full))), full);
  assert.match(await rejection(linkFor(zlib.deflateRawSync(`${full} `))), /^too_large: /);
});

test('too_large: encodeShareLink refuses what no decoder would open', async () => {
  await assert.rejects(encodeShareLink(`"${'x'.repeat(MAX_JSON_BYTES - 1)}"`), (e) =>
    e instanceof LinkError && e.code === 'too_large'
    && e.message === 'this scenario is too large for a link: its JSON text is 1048577 bytes; the limit is 1048576 bytes');
  const random = new Uint8Array(100_000);
  for (let i = 0; i < random.length; i += 65536) crypto.getRandomValues(random.subarray(i, i + 65536));
  await assert.rejects(encodeShareLink({ name: Buffer.from(random).toString('base64') }), (e) =>
    e instanceof LinkError && e.code === 'too_large'
    && /^this scenario is too large for a link: its link data would be \d+ characters; the limit is 65536$/.test(e.message));
});

test('LinkError is an Error with a code', async () => {
  const error = await decodeShareLink('nothing').catch((e) => e);
  assert.ok(error instanceof LinkError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'LinkError');
  assert.equal(error.code, 'not_a_link');
});

test('the module uses no DOM, so it runs in module workers', () => {
  const source = readText(MODULE);
  for (const name of ['document', 'window', 'location', 'history', 'navigator', 'localStorage']) {
    assert.doesNotMatch(source, new RegExp(`\\b${name}\\b`), name);
  }
});
