// Headless Chromium (Debian's /usr/bin/chromium) through playwright-core, and
// the static server with the strict CSP header, for browser tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/static-server.mjs';

export const CHROMIUM = process.env.GPUTCO_CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach hosts
// this machine cannot reach (../shared/TOOLCHAIN.md).
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-default-apps', '--disable-extensions',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** Serves `roots` with the strict CSP on a free port. */
export function serve(roots, options = {}) {
  return startServer({ roots, port: 0, ...options });
}

/**
 * Watches a page for what must never happen: requests to another origin,
 * CSP violations reported on the console, uncaught errors.
 */
export function watchPage(page, origin) {
  const seen = { foreignRequests: [], requests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (request) => {
    const url = request.url();
    seen.requests.push(url);
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) seen.foreignRequests.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
  return seen;
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
