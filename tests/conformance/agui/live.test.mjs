// Live mode: the official client against a running Quell server's AG-UI routes: the server QUELL_AGUI_URL names
// (e.g. http://127.0.0.1:5005), else `quell serve` started from QUELL_DLL on a temp data directory (as ./test.sh
// does); skipped when neither is set. The routes are POST /api/agui/{workflowId} (RunAgentInput body) and
// GET /api/runs/{runId}/agui (re-attach). QUELL_AGUI_WORKFLOW (default feedback-analysis) names the workflow,
// QUELL_AGUI_ELEMENT (default analyze_sentiment) its cancellable streaming task, QUELL_API_KEY an API key if needed.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { newAgent, runAgent, ReattachAgent } from './lib.mjs';
import { startQuellServer } from './server.mjs';

let base = process.env.QUELL_AGUI_URL?.replace(/\/$/, '');
const workflow = process.env.QUELL_AGUI_WORKFLOW ?? 'feedback-analysis';
const element = process.env.QUELL_AGUI_ELEMENT ?? 'analyze_sentiment';
const headers = process.env.QUELL_API_KEY ? { Authorization: `Bearer ${process.env.QUELL_API_KEY}` } : {};
const skip = base || process.env.QUELL_DLL ? false : 'neither QUELL_AGUI_URL nor QUELL_DLL is set (no server to run against)';
let server;

before(async () => {
  if (!base && process.env.QUELL_DLL) {
    server = await startQuellServer({ workflow });
    base = server.base;
  }
});

after(async () => { await server?.stop(); });

async function post(path, body) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}),
  });
  return { status: response.status, body: await response.text() };
}

function startRun(onEvent) {
  const runId = `agui-${randomUUID()}`;
  const agent = newAgent(`${base}/api/agui/${workflow}`, undefined, { headers, state: { source: 'demo' } });
  return { runId, agent, done: runAgent(agent, { input: { runId }, onEvent }) };
}

function assertClean(result) {
  assert.deepEqual(result.warnings, [], 'the client warned');
  assert.equal(result.thrown, undefined, `the run threw: ${result.thrown?.stack ?? result.thrown}`);
}

test('a run streams as valid AG-UI: RUN_STARTED with our ids first, steps per element, success at the end', { skip }, async () => {
  const { runId, agent, done } = startRun();
  const result = await done;
  assertClean(result);
  assert.equal(result.events[0].type, 'RUN_STARTED');
  assert.equal(result.events[0].runId, runId);
  assert.equal(result.events[0].threadId, agent.threadId);
  assert.ok(result.events.some(e => e.type === 'STEP_STARTED' && e.stepName === element));
  assert.equal(result.events.at(-1).type, 'RUN_FINISHED');
  assert.equal(result.events.at(-1).outcome.type, 'success');
});

test('a REST cancel of the streaming task shows as CUSTOM task.cancelled, and the run still finishes (success)', { skip }, async () => {
  let cancel;
  const streaming = new Set();
  const { runId, done } = startRun(async (event) => {
    // Cancel once the task itself streams (the tasks before it stream too): its messages name it in metadata.
    if (event.type === 'TEXT_MESSAGE_START' && event.metadata?.elementId === element) streaming.add(event.messageId);
    if (!cancel && event.type === 'TEXT_MESSAGE_CONTENT' && streaming.has(event.messageId)) {
      cancel = post(`/api/runs/${runId}/elements/${element}/cancel`, { reason: 'user_requested', message: 'Stop this task' });
    }
  });
  const result = await done;
  assertClean(result);
  assert.ok(cancel, `no message of ${element} streamed, so no cancel was sent`);
  const answer = await cancel;
  assert.ok([200, 202].includes(answer.status), `the cancel was answered ${answer.status}: ${answer.body}`);
  const cancelled = result.events.find(e => e.type === 'CUSTOM' && e.name === 'task.cancelled');
  assert.ok(cancelled, 'no CUSTOM task.cancelled');
  assert.equal(cancelled.value.elementId, element);
  assert.equal(result.events.at(-1).type, 'RUN_FINISHED');
  assert.equal(result.events.at(-1).outcome.type, 'success');
});

test('cancelling the whole run closes what is open and ends with RUN_FINISHED outcome cancelled', { skip }, async () => {
  let cancel;
  const { runId, done } = startRun(async (event) => {
    if (!cancel && event.type === 'TEXT_MESSAGE_CONTENT') cancel = post(`/api/runs/${runId}/cancel`, { reason: 'user_requested' });
  });
  const result = await done;
  assertClean(result);
  const answer = await cancel;
  assert.ok([200, 202].includes(answer.status), `the cancel was answered ${answer.status}: ${answer.body}`);
  assert.equal(result.events.at(-1).type, 'RUN_FINISHED');
  assert.equal(result.events.at(-1).outcome.type, 'cancelled');
});

test('re-attaching mid-run gives snapshots, then only later events, and ends with the same messages', { skip }, async () => {
  let reattached;
  const { runId, done } = startRun(async (event) => {
    if (!reattached && event.type === 'TEXT_MESSAGE_CONTENT') {
      reattached = runAgent(newAgent(`${base}/api/runs/${runId}/agui`, ReattachAgent, { headers }));
    }
  });
  const live = await done;
  const again = await reattached;
  assertClean(live);
  assertClean(again);
  assert.deepEqual(again.types.slice(0, 3), ['RUN_STARTED', 'MESSAGES_SNAPSHOT', 'STATE_SNAPSHOT']);
  assert.deepEqual(again.messages, live.messages);
  assert.deepEqual(again.events.at(-1), live.events.at(-1));
});
