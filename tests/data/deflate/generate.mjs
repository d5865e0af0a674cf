// Made these test vectors once, with node 20's zlib (the zlib inside the
// browsers' CompressionStream behaves the same): raw DEFLATE streams from an
// independent implementation, which gpu-tco's own inflater must decode to the
// original byte for byte (tests/deflate_test.cpp). Rerunning it is harmless
// but unnecessary: the streams only need to be valid, not current.
//
//   node tests/data/deflate/generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

// A deterministic pseudo-random sequence (xorshift32), so the originals are reproducible.
function randomBytes(count, seed) {
  let x = seed;
  const out = Buffer.alloc(count);
  for (let i = 0; i < count; i += 1) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

// Text with short and long repeats, near and far (over the 32 KiB window), and UTF-8.
function mixedText() {
  const scenario = readFileSync(join(here, '..', 'largest.json'), 'utf8');
  const words = ['commit', 'spot', 'on demand', 'escalator', 'prépaiement', 'GPU-hours', '€', '価格', '0.15', '2.99'];
  const noise = randomBytes(4000, 7);
  let text = '';
  for (let i = 0; text.length < 30000; i += 1) {
    text += `${words[noise[i] % words.length]}${noise[i + 1] % 3 === 0 ? '\n' : ' '}`;
    if (i % 500 === 250) text += scenario.slice(0, 2000 + (noise[i] % 100));
  }
  return Buffer.from(text + scenario, 'utf8');
}

async function compressionStream(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return Buffer.from(await new Response(stream).arrayBuffer());
}

const originals = {
  'mixed.txt': mixedText(),
  'random.dat': randomBytes(24000, 12345),
  'empty.txt': Buffer.alloc(0),
};
const vectors = [
  ['mixed.level0.deflate', 'mixed.txt', 'level 0: stored blocks only', (b) => zlib.deflateRawSync(b, { level: 0 })],
  ['mixed.level1.deflate', 'mixed.txt', 'level 1: fast matching', (b) => zlib.deflateRawSync(b, { level: 1 })],
  ['mixed.level9.deflate', 'mixed.txt', 'level 9: dynamic Huffman blocks', (b) => zlib.deflateRawSync(b, { level: 9 })],
  ['mixed.fixed.deflate', 'mixed.txt', 'Z_FIXED: fixed Huffman blocks only', (b) => zlib.deflateRawSync(b, { level: 9, strategy: zlib.constants.Z_FIXED })],
  ['mixed.huffman-only.deflate', 'mixed.txt', 'Z_HUFFMAN_ONLY: literals only, no distance codes', (b) => zlib.deflateRawSync(b, { strategy: zlib.constants.Z_HUFFMAN_ONLY })],
  ['mixed.rle.deflate', 'mixed.txt', 'Z_RLE: distance 1 only', (b) => zlib.deflateRawSync(b, { strategy: zlib.constants.Z_RLE })],
  ['mixed.small-window.deflate', 'mixed.txt', 'windowBits 9, memLevel 1: many small blocks', (b) => zlib.deflateRawSync(b, { windowBits: 9, memLevel: 1 })],
  ['mixed.compression-stream.deflate', 'mixed.txt', "CompressionStream('deflate-raw')", compressionStream],
  ['random.level9.deflate', 'random.dat', 'incompressible: stored blocks chosen by level 9', (b) => zlib.deflateRawSync(b, { level: 9 })],
  ['empty.level9.deflate', 'empty.txt', 'no data at all', (b) => zlib.deflateRawSync(b, { level: 9 })],
];

for (const [name, bytes] of Object.entries(originals)) writeFileSync(join(here, name), bytes);
let manifest = '# COMPRESSED ORIGINAL  description (made by generate.mjs with node ' + process.version + ')\n';
for (const [name, original, description, compress] of vectors) {
  const compressed = await compress(originals[original]);
  if (!zlib.inflateRawSync(compressed).equals(originals[original])) throw new Error(`${name} does not round-trip`);
  writeFileSync(join(here, name), compressed);
  manifest += `${name} ${original}  ${description}\n`;
}
writeFileSync(join(here, 'manifest.txt'), manifest);
