// A small static file server for the page and the tests: correct MIME types
// (application/wasm, JavaScript for .mjs) and a strict Content-Security-Policy
// sent as a header, which is what covers workers too. No dependencies, no
// network access beyond the loopback address it listens on.
//
//   node scripts/static-server.mjs [--host 127.0.0.1] [--port 8080] ROOT [ROOT...]
//
// Several roots are searched in order, so tests can serve fixtures next to the
// built site. Also usable from code: `startServer({roots, port})`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The policy the page is built for: no inline script, no eval, wasm allowed. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; form-action 'none'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * @param {{roots: string[], host?: string, port?: number, csp?: string|null, log?: boolean}} options
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startServer({ roots, host = '127.0.0.1', port = 0, csp = STRICT_CSP, log = false }) {
  const absoluteRoots = roots.map((r) => resolve(r));
  const server = createServer(async (request, response) => {
    const status = await handle(request, response, absoluteRoots, csp);
    if (log) console.log(`${status} ${request.method} ${request.url}`);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

async function handle(request, response, roots, csp) {
  const headers = {
    // The page embeds in sandboxed iframes, whose opaque origin fetches module
    // scripts and the wasm in CORS mode. These are public static files.
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  if (csp) headers['Content-Security-Policy'] = csp;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return 405;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    response.writeHead(400, headers).end('bad request');
    return 400;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  for (const root of roots) {
    const file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) continue;  // no escaping the root
    try {
      const info = await stat(file);
      if (!info.isFile()) continue;
      // A validator, so that "no-cache" costs a 304 rather than the file again: the
      // page's workers load the same engine files the page just loaded.
      const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { ...headers, ETag: etag }).end();
        return 304;
      }
      const body = await readFile(file);
      response.writeHead(200, {
        ...headers,
        ETag: etag,
        'Content-Type': MIME[extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': body.length,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return 200;
    } catch {
      // not in this root: try the next
    }
  }
  response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
  return 404;
}

function parseArguments(argv) {
  const options = { roots: [], host: '127.0.0.1', port: 8080, log: true };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--host') options.host = argv[++i];
    else if (a === '--port') options.port = Number(argv[++i]);
    else if (a === '--quiet') options.log = false;
    else if (a === '--no-csp') options.csp = null;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else options.roots.push(a);
  }
  if (options.roots.length === 0) throw new Error('usage: static-server.mjs [--host H] [--port P] [--quiet] ROOT [ROOT...]');
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  const { url } = await startServer(options);
  console.log(`serving ${options.roots.join(', ')} on ${url} (Ctrl-C to stop)`);
}
