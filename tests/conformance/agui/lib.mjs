// Shared helpers: run the official @ag-ui/client HttpAgent against a URL and collect everything it saw, warned or threw.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { HttpAgent } from '@ag-ui/client';

/**
 * Collects console.warn / console.error while `fn` runs: the client reports dropped events, stripped fields and
 * apply-time problems (content for an unknown message...) there rather than by throwing.
 */
export async function captureConsole(fn) {
  const warnings = [];
  const { warn, error } = console;
  console.warn = (...args) => warnings.push(`warn: ${args.map(String).join(' ')}`);
  console.error = (...args) => warnings.push(`error: ${args.map(String).join(' ')}`);
  try {
    const value = await fn();
    return { value, warnings };
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/** HttpAgent that re-attaches with GET (for GET /api/runs/{id}/agui) instead of POSTing a RunAgentInput. */
export class ReattachAgent extends HttpAgent {
  requestInit() {
    return { method: 'GET', headers: { ...this.headers, Accept: 'text/event-stream' }, signal: this.abortController.signal };
  }
}

/**
 * Runs `agent` to its end through the client's whole pipeline (SSE parsing, schema enforcement, order verification,
 * applying events to messages and state) and returns what a page would have: every event, the final messages and
 * state, how the run ended, and every warning. `onEvent` sees each event as it arrives (to cancel mid-run).
 */
export async function runAgent(agent, { input = {}, onEvent } = {}) {
  const events = [];
  let finished;
  let runError;
  const { value, warnings } = await captureConsole(async () => {
    try {
      await agent.runAgent(input, {
        onEvent: async ({ event }) => { events.push(event); await onEvent?.(event); },
        onRunFinishedEvent: (e) => { finished = e; },
        onRunErrorEvent: ({ event }) => { runError = event; },
      });
      return undefined;
    } catch (e) {
      return e;
    }
  });
  return {
    events,
    types: events.map(e => e.type),
    messages: structuredClone(agent.messages),
    state: structuredClone(agent.state),
    outcome: finished?.outcome ?? (runError ? 'error' : undefined),
    runError,
    thrown: value,
    warnings,
  };
}

export function newAgent(url, Agent = HttpAgent, init = {}) {
  return new Agent({ url, threadId: init.threadId ?? `thread-${randomUUID()}`, initialState: init.state ?? {}, ...init });
}

/**
 * A tiny server for recorded SSE files: POST /api/agui/{name} and GET /api/runs/{name}/agui answer with
 * recorded/{name}.sse (or the file named in ?file=), written in small uneven chunks so frames straddle reads.
 * Records each POST body so a test can check the client sent a RunAgentInput.
 */
export async function serveRecordings(directory) {
  const bodies = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const post = url.pathname.match(/^\/api\/agui\/([\w.-]+)$/);
    const get = url.pathname.match(/^\/api\/runs\/([\w.-]+)\/agui$/);
    const name = req.method === 'POST' ? post?.[1] : req.method === 'GET' ? get?.[1] : undefined;
    if (!name) { res.writeHead(404).end(); return; }
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method === 'POST') bodies.push(JSON.parse(body));
    const bytes = readFileSync(`${directory}/${url.searchParams.get('file') ?? `${name}.sse`}`);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    for (let at = 0, size = 7; at < bytes.length; at += size, size = (size * 7) % 61 + 3) {
      res.write(bytes.subarray(at, at + size));
      await new Promise(r => setImmediate(r));
    }
    res.end();
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { base: `http://127.0.0.1:${port}`, bodies, close: () => new Promise(r => server.close(r)) };
}

/** The frames of an SSE file as parsed JSON, the way the client splits them (LF only). */
export function readFrames(path) {
  return readFileSync(path, 'utf8').split('\n\n').filter(Boolean).map(frame => {
    if (!frame.startsWith('data: ')) throw new Error(`Not a data frame: ${frame.slice(0, 80)}`);
    return JSON.parse(frame.slice(6));
  });
}
