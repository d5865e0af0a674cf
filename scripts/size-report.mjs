// Prints the raw and gzip size of every file the page downloads, and totals.
//   node scripts/size-report.mjs [SITE_DIR]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ENGINE_FILES = ['gpu-tco.mjs', 'gpu-tco-core.mjs', 'gpu-tco-core.wasm'];
const ENGINE_BUDGET_GZIP = 120 * 1024;

const dir = resolve(process.argv[2] || 'build/wasm/site');

function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = walk(dir).sort().map((path) => {
  const bytes = readFileSync(path);
  return { file: relative(dir, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});

console.log(`Sizes of ${dir} (gzip -9)`);
console.log(`${'file'.padEnd(36)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}`);
for (const r of rows) console.log(`${r.file.padEnd(36)} ${kb(r.raw).padStart(10)} ${kb(r.gzip).padStart(10)}`);
const sum = (list, key) => list.reduce((total, r) => total + r[key], 0);
const engine = rows.filter((r) => ENGINE_FILES.includes(r.file));
console.log(`${'engine files'.padEnd(36)} ${kb(sum(engine, 'raw')).padStart(10)} ${kb(sum(engine, 'gzip')).padStart(10)}` +
  `   budget ${kb(ENGINE_BUDGET_GZIP)} gzip`);
console.log(`${'all files'.padEnd(36)} ${kb(sum(rows, 'raw')).padStart(10)} ${kb(sum(rows, 'gzip')).padStart(10)}`);
