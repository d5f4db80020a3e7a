// Shared helpers: temp data, starting `quell mcp` / `quell serve`, a wire tap on the client transport, tool results.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export const QUELL_DLL = process.env.QUELL_DLL ? resolve(process.env.QUELL_DLL) : '';
if (!QUELL_DLL || !existsSync(QUELL_DLL)) {
  throw new Error(`Set QUELL_DLL to the built quell.dll (e.g. src/Quell.Cli/bin/Release/net10.0/quell.dll); got "${process.env.QUELL_DLL ?? ''}".`);
}

export const SMALL_ROWS = 1000;
export const LARGE_ROWS = 4_000_000;
export const TOOLS = ['analyze_csv', 'list_jobs', 'get_job', 'cancel_job', 'get_partial_results'];

const childEnv = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' };

/** A temp root with data/ (the store) and small.csv / large.csv (large only when asked). */
export function makeWorkspace({ large = true } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'quell-mcp-conf-'));
  const data = join(root, 'data');
  const small = join(root, 'small.csv');
  const largeCsv = join(root, 'large.csv');
  execFileSync('dotnet', [QUELL_DLL, 'demo', 'csv', '--rows', String(SMALL_ROWS), '--out', small], { env: childEnv, stdio: 'ignore' });
  if (large) {
    execFileSync('dotnet', [QUELL_DLL, 'demo', 'csv', '--rows', String(LARGE_ROWS), '--out', largeCsv], { env: childEnv, stdio: 'ignore' });
  }
  return { root, data, small, large: largeCsv, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Records every message the client sends and the server sends (before the SDK's Protocol sees it), with times.
 * Call before connect() (so initialize is recorded), then attachReceive() after it: Protocol.connect() sets
 * transport.onmessage, which we wrap.
 */
export function tapWire(transport) {
  const received = [];
  const sent = [];
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    sent.push({ at: Date.now(), message });
    return send(message, options);
  };
  return {
    received,
    sent,
    attachReceive() {
      const inner = transport.onmessage;
      transport.onmessage = (message, extra) => {
        received.push({ at: Date.now(), message });
        inner?.(message, extra);
      };
    },
    responsesFor: (id) => received.filter(r => r.message.id === id && ('result' in r.message || 'error' in r.message)),
    progressFor: (token) => received.filter(r => r.message.method === 'notifications/progress' && r.message.params?.progressToken === token),
  };
}

/** A TS SDK client; `errors` collects what its protocol layer reports (unparsable lines, responses to unknown ids…). */
function newClient() {
  const client = new Client({ name: 'quell-conformance', version: '1.0.0' }, { capabilities: {} });
  const errors = [];
  client.onerror = e => errors.push(e);
  return { client, errors };
}

/** `quell mcp --data DIR` as a child process, with a connected client. */
export async function connectStdio(dataDir) {
  const stderr = [];
  const transport = new StdioClientTransport({
    command: 'dotnet',
    args: [QUELL_DLL, 'mcp', '--data', dataDir],
    env: childEnv,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', d => stderr.push(String(d)));
  const { client, errors } = newClient();
  const wire = tapWire(transport);
  await client.connect(transport);
  wire.attachReceive();
  return {
    client, transport, wire, errors, stderr,
    pid: transport.pid,
    close: async () => {
      const pid = transport.pid;
      await client.close().catch(() => {});
      killQuietly(pid);
    },
  };
}

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

/** `quell serve` on a free loopback port, allowed to read under `allowedRoot`; resolves once /healthz answers. */
export async function startServer(dataDir, allowedRoot) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const output = [];
  const child = spawn('dotnet', [QUELL_DLL, 'serve', '--urls', base, '--data', dataDir], {
    env: { ...childEnv, Quell__Csv__AllowedRoots__0: allowedRoot },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', d => output.push(String(d)));
  child.stderr.on('data', d => output.push(String(d)));
  let exited = null;
  child.on('exit', code => { exited = code; });
  const stop = async () => {
    if (exited !== null) return;
    const gone = new Promise(r => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`quell serve exited with ${exited}:\n${output.join('')}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`quell serve did not answer /healthz within 60 s:\n${output.join('')}`);
    }
    await sleep(200);
  }
  return { base, child, output, stop };
}

export async function connectHttp(base) {
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`));
  const { client, errors } = newClient();
  const wire = tapWire(transport);
  await client.connect(transport);
  wire.attachReceive();
  return {
    client, transport, wire, errors,
    close: async () => {
      await transport.terminateSession().catch(() => {});
      await client.close().catch(() => {});
    },
  };
}

export function killQuietly(pid) {
  if (!pid) return;
  try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Rejects if `promise` takes longer than `ms`. */
export async function within(ms, promise, what) {
  let timer;
  const limit = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`${what} took longer than ${ms} ms`)), ms); });
  try { return await Promise.race([promise, limit]); } finally { clearTimeout(timer); }
}

/** The JSON of a tool result: structuredContent, else the first text block parsed. Throws on isError. */
export function toolJson(result, { allowError = false } = {}) {
  if (result.isError && !allowError) throw new Error(`tool error: ${JSON.stringify(result.content)}`);
  if (result.structuredContent) return result.structuredContent;
  const text = result.content?.find(c => c.type === 'text')?.text;
  return text ? JSON.parse(text) : undefined;
}

export async function callJson(client, name, args) {
  return toolJson(await client.callTool({ name, arguments: args }));
}

/** Waits until `predicate()` is truthy (polling), or throws after `ms`. */
export async function waitFor(predicate, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await predicate();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}
