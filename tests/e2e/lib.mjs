// What every browser test needs: a real `quell serve` (QUELL_DLL) on a free loopback port with its own data
// directory, Debian's Chromium through playwright-core, and screenshots a person can open afterwards.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '../..');
export const screenshotDirectory = join(here, 'screenshots');
const chromiumPath = process.env.QUELL_CHROMIUM ?? '/usr/bin/chromium';

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Starts `quell serve`; resolves once /healthz answers. `stop()` ends it with SIGTERM, as an operator would. */
export async function startServer({ port, dataDirectory, environment = {} } = {}) {
  const dll = resolve(process.env.QUELL_DLL ?? '');
  if (!process.env.QUELL_DLL || !existsSync(dll)) throw new Error(`QUELL_DLL does not name a built quell.dll: "${process.env.QUELL_DLL ?? ''}"`);
  const data = dataDirectory ?? join(mkdtempSync(join(tmpdir(), 'quell-web-')), 'data');
  const listenPort = port ?? await freePort();
  const base = `http://127.0.0.1:${listenPort}`;
  const output = [];
  const child = spawn('dotnet', [dll, 'serve', '--urls', base, '--data', data], {
    cwd: repoRoot,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  let exited = null;
  child.on('exit', (code) => { exited = code ?? -1; });
  const stop = () => new Promise((res) => {
    if (exited !== null) { res(); return; }
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', () => { clearTimeout(timer); res(); });
    child.kill('SIGTERM');
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`quell serve exited with ${exited}:\n${output.join('')}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, port: listenPort, data, output, stop };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`quell serve was not healthy within 120 s:\n${output.join('')}`);
}

/** Chromium as the probe of this machine runs it: headless, sandbox off (root), no background networking. */
export async function launchBrowser() {
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath}: install Debian's chromium package (apt-get install chromium).`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page that collects console errors and CSP violations, so a test can say the page ran cleanly. */
export async function openPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource|net::ERR_/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(url);
  return { page, context, problems };
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}

export async function api(base, path, init = {}) {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export function removeData(server) {
  rmSync(resolve(server.data, '..'), { recursive: true, force: true });
}

/**
 * Runs `body` with a fresh page; when it fails, the page's screenshot and everything the console said are kept in
 * screenshots/failed-NAME.png and .log, the artefacts to open first.
 */
export async function withPage(browser, url, name, body) {
  const { page, context, problems } = await openPage(browser, url);
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      void response.text().then((body) => consoleLines.push(`[http ${response.status()}] ${response.request().method()} ${response.url()} ${body.slice(0, 300)}`), () => {});
    }
  });
  try {
    await body({ page, context, problems });
  } catch (error) {
    mkdirSync(screenshotDirectory, { recursive: true });
    await page.screenshot({ path: join(screenshotDirectory, `failed-${name}.png`), fullPage: true }).catch(() => {});
    writeFileSync(join(screenshotDirectory, `failed-${name}.log`), `${page.url()}\n${consoleLines.join('\n')}\n`);
    throw error;
  } finally {
    await context.close();
  }
}

// Whether every element the locator matches right now is disabled, read in one step: a button that leaves the
// page between a count and a second look would otherwise make the test wait out its timeout.
export async function allDisabled(locator) {
  const states = await locator.evaluateAll((elements) => elements.map((element) => element.disabled));
  return states.every(Boolean);
}
