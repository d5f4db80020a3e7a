// The dashboard's speed in Debian's Chromium against a real `quell serve` (scripted model, SQLite): first load,
// bundle size, a 5,000-event run replayed and rendered, text streamed at 50 chunks/s, and the jobs list with 1,000
// jobs. It prints a table for docs/performance.md; nothing here is asserted (targets: first load ≤ 1 s, replay
// render ≤ 1 s, no main-thread task over 50 ms while streaming).
//
//   (cd tests/e2e && npm ci) && dotnet build src/Quell.Cli -c Release
//   QUELL_DLL=src/Quell.Cli/bin/Release/net10.0/quell.dll node bench/web/page.bench.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { api, launchBrowser, removeData, startServer } from '../../tests/e2e/lib.mjs';

const rounds = Number(process.env.ROUNDS ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;

async function putYaml(base, id, yaml) {
  const response = await fetch(`${base}/api/workflows/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/yaml' }, body: yaml });
  if (!response.ok) throw new Error(`PUT ${id}: ${response.status} ${await response.text()}`);
}

const oneTask = (id, tokensPerSecond, words) => `id: ${id}
name: Bench ${id}
elements:
  - { id: start, type: StartEvent }
  - id: speak
    type: AgenticTask
    name: Speak
    properties:
      allowCancellation: true
      agentProvider: scripted
      prompt: speak
      script:
        tokensPerSecond: ${tokensPerSecond}
        text: "${Array.from({ length: words }, (_, i) => `word${i}`).join(' ')}"
  - { id: end, type: EndEvent }
flows:
  - { id: f1, source: start, target: speak }
  - { id: f2, source: speak, target: end }
`;

async function waitForRun(base, runId, done) {
  for (;;) {
    const { body } = await api(base, `/api/runs/${runId}`);
    if (done(body)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function bundleSizes(dll) {
  const assets = join(dirname(dll), 'wwwroot', 'assets');
  const sizes = {};
  for (const file of readdirSync(assets)) {
    if (!/\.(js|css)$/.test(file)) continue;
    const bytes = readFileSync(join(assets, file));
    const chunk = file.startsWith('canvasViews') ? 'canvas' : 'shell';
    sizes[chunk] ??= { raw: 0, gzip: 0 };
    sizes[chunk].raw += bytes.length;
    sizes[chunk].gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return sizes;
}

/** A fresh context each round: a cold cache, as a first visit is. */
async function timeFirstLoad(browser, url, ready) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url);
    await ready(page);
    times.push(performance.now() - start);
    await context.close();
  }
  return median(times);
}

/** Long tasks (over 50 ms) on the main thread while `during` runs. */
async function longTasks(page, during) {
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  });
  await during();
  return page.evaluate(() => window.__long);
}

const server = await startServer();
const browser = await launchBrowser();
const rows = [];
try {
  const dll = process.env.QUELL_DLL;
  const sizes = bundleSizes(dll);
  for (const [chunk, { raw, gzip }] of Object.entries(sizes)) rows.push([`bundle: ${chunk} chunk (js+css)`, `${(raw / 1024).toFixed(0)} KB, ${(gzip / 1024).toFixed(0)} KB gzip`]);

  rows.push(['first load: jobs page, connected, list drawn', ms(await timeFirstLoad(browser, `${server.base}/#/jobs`, async (page) => {
    await page.getByText('● Connected').waitFor();
    await page.locator('tbody tr').first().waitFor();
  }))]);
  rows.push(['first load: sample BPMN in the modeler, drawn', ms(await timeFirstLoad(browser, `${server.base}/#/workflows/feedback-analysis`, async (page) => {
    await page.locator('.djs-element[data-element-id="extract_keywords"]').waitFor();
  }))]);

  // A finished run of about 5,000 events: one task streaming 2,495 words at 5,000 a second (a delta and a usage event each).
  await putYaml(server.base, 'bench-replay', oneTask('bench-replay', 5_000, 2_495));
  const { body: started } = await api(server.base, '/api/workflows/bench-replay/runs', { method: 'POST', body: '{}' });
  const ended = await waitForRun(server.base, started.runId, (r) => ['completed', 'failed', 'cancelled'].includes(r.status));
  const replayTimes = [];
  for (let i = 0; i < rounds; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/#/jobs`); // the shell and its chunk are loaded; the replay is what is timed
    await page.getByText('● Connected').waitFor();
    const start = performance.now();
    await page.evaluate((id) => { location.hash = `#/runs/${id}/speak`; }, started.runId);
    await page.getByRole('slider', { name: 'Timeline' }).waitFor();
    await page.locator('.stream-text').filter({ hasText: 'word2494' }).waitFor();
    replayTimes.push(performance.now() - start);
    await context.close();
  }
  rows.push([`replay: a finished run of ${ended.lastSeq} events, stream read, folded and drawn`, ms(median(replayTimes))]);

  // 50 chunks a second for about 12 s, watched live in the Task Activity panel.
  await putYaml(server.base, 'bench-stream', oneTask('bench-stream', 50, 600));
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/#/jobs`);
    await page.getByText('● Connected').waitFor();
    const { body: run } = await api(server.base, '/api/workflows/bench-stream/runs', { method: 'POST', body: '{}' });
    await page.evaluate((id) => { location.hash = `#/runs/${id}/speak`; }, run.runId);
    await page.locator('.stream-text').waitFor();
    const long = await longTasks(page, () => waitForRun(server.base, run.runId, (r) => r.status === 'completed'));
    rows.push(['streaming: 600 chunks at 50/s in the open panel, main-thread tasks over 50 ms', long.length === 0 ? 'none' : `${long.length}, longest ${ms(Math.max(...long))}`]);
    await context.close();
  }

  // The jobs list with 1,000 jobs: csv.analyze of the demo file, submitted at once (most wait, a few run).
  const demo = join(server.data, 'demo', 'orders.csv');
  await Promise.all(Array.from({ length: 1_000 }, () => api(server.base, '/api/jobs', { method: 'POST', body: JSON.stringify({ type: 'csv.analyze', input: { paths: [demo] } }) })));
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(`${server.base}/#/jobs`);
    await page.locator('tbody tr').nth(19).waitFor();
    const drawn = performance.now() - start;
    const long = await longTasks(page, () => new Promise((r) => setTimeout(r, 10_000)));
    const { body: counts } = await api(server.base, '/api/jobs?status=running&limit=1');
    rows.push([`jobs list: 1,000 jobs (${counts.total} running), first page drawn`, ms(drawn)]);
    rows.push(['jobs list: 10 s of live refreshes, main-thread tasks over 50 ms', long.length === 0 ? 'none' : `${long.length}, longest ${ms(Math.max(...long))}`]);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  removeData(server);
}

console.log(`\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model} · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} · median of ${rounds} where timed\n`);
console.log('| measure | result |\n|---|---|');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
