// Starts the real server for live mode: `dotnet $QUELL_DLL serve` on a free loopback port with a temp data directory,
// from the repository root so the sample workflows find the sample tool server (samples/bin/FeedbackTools).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

function freePort() {
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

/** `quell serve` from QUELL_DLL; resolves once /healthz answers and the sample workflow is in the catalog. */
export async function startQuellServer({ workflow = 'feedback-analysis' } = {}) {
  const dll = resolve(process.env.QUELL_DLL ?? '');
  if (!process.env.QUELL_DLL || !existsSync(dll)) throw new Error(`QUELL_DLL does not name a built quell.dll: "${process.env.QUELL_DLL ?? ''}"`);
  const root = mkdtempSync(join(tmpdir(), 'quell-agui-conf-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const output = [];
  const child = spawn('dotnet', [dll, 'serve', '--urls', base, '--data', join(root, 'data')], {
    cwd: repoRoot,
    env: {
      ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1',
      // The sample tool server (started by the workflow's tasks) works in the temp directory, at full speed.
      QUELL_SAMPLE_DATA: join(root, 'demo-orders.csv'),
      QUELL_SAMPLE_REPORT_DIR: join(root, 'reports'),
      QUELL_SAMPLE_ROWS_PER_SECOND: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', d => output.push(String(d)));
  child.stderr.on('data', d => output.push(String(d)));
  let exited = null;
  child.on('exit', code => { exited = code; });
  const stop = () => {
    if (exited === null) child.kill('SIGTERM');
    return new Promise(res => {
      if (exited !== null) { res(); return; }
      const timer = setTimeout(() => { child.kill('SIGKILL'); res(); }, 15_000);
      child.on('exit', () => { clearTimeout(timer); res(); });
    }).finally(() => rmSync(root, { recursive: true, force: true }));
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited !== null) { await stop(); throw new Error(`quell serve exited with ${exited}:\n${output.join('')}`); }
    try {
      const response = await fetch(`${base}/api/workflows/${workflow}`);
      if (response.ok) return { base, output, stop };
    } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`quell serve did not serve workflow '${workflow}' within 120 s:\n${output.join('')}`);
}
