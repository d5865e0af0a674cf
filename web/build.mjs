// Builds the page next to the engine (run by CMake after the wasm build):
//
//   node web/build.mjs --site DIR [--standalone DIR]
//
// DIR already holds gpu-tco.mjs, gpu-tco-core.mjs and gpu-tco-core.wasm. This
// adds index.html, app.js (the page, bundled and minified with esbuild; the
// engine stays a separate module shared with workers), analysis-worker.js,
// app.css, favicon.svg and THIRD-PARTY-NOTICES.txt.
//
// --standalone writes gpu-tco.html: one self-contained file, the engine inlined
// as base64, for opening from disk or attaching to a wiki page. It carries its
// own Content-Security-Policy: nothing but its own inline code runs, and it
// cannot make a single network request.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const WEB = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WEB, '..');
const TARGETS = ['chrome105', 'edge105', 'firefox110', 'safari16'];

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? resolve(args[i + 1]) : null;
};
const site = option('site');
const standalone = option('standalone');
if (!site) {
  console.error('usage: node web/build.mjs --site DIR [--standalone DIR]');
  process.exit(2);
}

const common = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: TARGETS,
  legalComments: 'none',  // third-party notices go to THIRD-PARTY-NOTICES.txt
  logLevel: 'warning',
  loader: { '.json': 'json' },
};

// The page: app.js imports the engine module at runtime from the same folder.
await build({
  ...common,
  entryPoints: [join(WEB, 'src/main.js')],
  outfile: join(site, 'app.js'),
  external: ['./gpu-tco.mjs'],
});
await build({
  ...common,
  entryPoints: [join(WEB, 'src/analysis-worker.js')],
  outfile: join(site, 'analysis-worker.js'),
  external: ['./gpu-tco.mjs'],
});
await build({ ...common, entryPoints: [join(WEB, 'src/app.css')], outfile: join(site, 'app.css') });
copyFileSync(join(WEB, 'index.html'), join(site, 'index.html'));
copyFileSync(join(WEB, 'favicon.svg'), join(site, 'favicon.svg'));
writeFileSync(join(site, 'THIRD-PARTY-NOTICES.txt'), notices());

if (standalone) await buildStandalone(standalone);

async function buildStandalone(outDir) {
  const wasm = readFileSync(join(site, 'gpu-tco-core.wasm')).toString('base64');
  // The engine's API and Emscripten loader come from the built site; virtual
  // modules carry the wasm bytes and the worker's code as strings.
  const inline = (virtual) => ({
    name: 'inline-engine',
    setup(b) {
      b.onResolve({ filter: /^\.\/gpu-tco\.mjs$/ }, () => ({ path: join(ROOT, 'wasm/gpu-tco.mjs') }));
      b.onResolve({ filter: /^\.\/gpu-tco-core\.mjs$/ }, () => ({ path: join(site, 'gpu-tco-core.mjs') }));
      b.onResolve({ filter: /^gpu-tco:/ }, (a) => ({ path: a.path.slice('gpu-tco:'.length), namespace: 'gpu-tco' }));
      b.onLoad({ filter: /.*/, namespace: 'gpu-tco' }, (a) => ({ contents: `export default ${JSON.stringify(virtual[a.path])};`, loader: 'js' }));
    },
  });
  // The analysis worker, engine included; it gets the wasm bytes from the page in a message.
  const worker = await build({
    ...common, write: false, entryPoints: [join(WEB, 'src/analysis-worker.js')], external: ['node:*'], plugins: [inline({})],
  });
  const bundled = await build({
    ...common,
    write: false,
    stdin: {
      contents: "import { start } from './app.js';\nimport wasm from 'gpu-tco:wasm';\nimport workerSource from 'gpu-tco:worker';\n" +
        'start({ wasmBinary: Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0)), workerSource });\n',
      resolveDir: join(WEB, 'src'),
      sourcefile: 'standalone.js',
    },
    external: ['node:*'],  // the API module's node-only branch, never taken in a browser
    plugins: [inline({ wasm, worker: worker.outputFiles[0].text })],
  });
  // "</script" inside the code would end the inline script early; "<\/script" means the same to JavaScript.
  const js = bundled.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const css = readFileSync(join(site, 'app.css'), 'utf8').replace(/<\/style/gi, '<\\/style');
  const icon = `data:image/svg+xml;base64,${readFileSync(join(WEB, 'favicon.svg')).toString('base64')}`;
  const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const policy = [
    "default-src 'none'",
    `script-src ${sha(js)} 'wasm-unsafe-eval'`,
    `style-src ${sha(css)}`,
    'img-src data: blob:',
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  let html = readFileSync(join(WEB, 'index.html'), 'utf8');
  html = replaceOnce(html, '<link rel="stylesheet" href="app.css">', () => `<style>${css}</style>`);
  html = replaceOnce(html, '<script type="module" src="app.js"></script>', () => `<script type="module">${js}</script>`);
  html = replaceOnce(html, '<link rel="icon" href="favicon.svg" type="image/svg+xml">', () => `<link rel="icon" href="${icon}">`);
  html = replaceOnce(html, '<meta charset="utf-8">', () =>
    `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
  html = replaceOnce(html, '<!doctype html>', () => `<!doctype html>\n<!--\n${notices().replace(/--/g, '- -')}-->`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'gpu-tco.html'), html);
}

function replaceOnce(text, needle, replacement) {
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`web/index.html must contain exactly one ${needle}`);
  return text.slice(0, at) + replacement() + text.slice(at + needle.length);
}

function notices() {
  const uplot = readFileSync(join(ROOT, 'node_modules/uplot/LICENSE'), 'utf8');
  return 'gpu-tco includes the following third-party software.\n\n' +
    `uPlot (https://github.com/leeoniya/uPlot), MIT License:\n\n${uplot.trim()}\n`;
}
