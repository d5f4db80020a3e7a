// Recorded mode: the projector's streams for the hand-made runs (written by tests/Quell.Workflows.Tests,
// RecordedStreamsTests) go through the official client's SSE parser, schema enforcement, verifier and apply step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { EventSchema } from '@ag-ui/core/schemas';
import { serveRecordings, newAgent, runAgent, ReattachAgent, readFrames } from './lib.mjs';

const directory = join(dirname(fileURLToPath(import.meta.url)), 'recorded');
const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8'));
let server;

before(async () => { server = await serveRecordings(directory); });
after(async () => { await server?.close(); });

function assertClean(result, label) {
  assert.deepEqual(result.warnings, [], `${label}: the client warned`);
  assert.equal(result.thrown, undefined, `${label}: the run threw ${result.thrown?.stack ?? result.thrown}`);
}

for (const run of manifest) {
  test(`${run.run}: every frame is a valid AG-UI 1.0 event with no field the schema does not know`, () => {
    for (const file of [run.live, ...run.reattach.map(r => r.file)]) {
      for (const frame of readFrames(join(directory, file))) {
        const parsed = EventSchema.parse(frame);
        assert.deepEqual(Object.keys(frame).sort(), Object.keys(parsed).sort(), `${file}: ${frame.type}`);
        assert.ok(Number.isInteger(frame.timestamp), `${file}: ${frame.type} timestamp`);
      }
    }
  });

  test(`${run.run}: the live stream runs through HttpAgent without an error or a warning and ends as it should`, async () => {
    const agent = newAgent(`${server.base}/api/agui/${run.run}`, undefined, { state: { source: 'demo' } });
    const result = await runAgent(agent);
    assertClean(result, run.live);
    assert.equal(result.types[0], 'RUN_STARTED');
    const last = result.events.at(-1);
    if (run.end === 'error') {
      assert.equal(last.type, 'RUN_ERROR');
    } else {
      assert.equal(last.type, 'RUN_FINISHED');
      assert.equal(last.outcome.type, run.end);
    }
    assert.deepEqual([...new Set(result.events.filter(e => e.type === 'CUSTOM').map(e => e.name))], run.customNames);
    const body = server.bodies.at(-1);
    assert.equal(body.threadId, agent.threadId);
    assert.deepEqual(body.state, { source: 'demo' });
  });

  for (const { file, snapshotEvents } of run.reattach) {
    test(`${run.run}: re-attach ${file} is accepted and ends with the live run's messages and state`, async () => {
      const live = await runAgent(newAgent(`${server.base}/api/agui/${run.run}`));
      const url = `${server.base}/api/runs/${run.run}/agui?file=${file}`;
      const result = await runAgent(newAgent(url, ReattachAgent));
      assertClean(result, file);
      if (snapshotEvents > 0) {
        assert.deepEqual(result.types.slice(0, 3), ['RUN_STARTED', 'MESSAGES_SNAPSHOT', 'STATE_SNAPSHOT']);
      }
      assert.deepEqual(result.messages, live.messages);
      assert.deepEqual(result.state, live.state);
      assert.deepEqual(result.events.at(-1), live.events.at(-1));
      // Only later events follow the snapshot: none of the live stream's content deltas is sent twice.
      const deltas = result.events.filter(e => e.type === 'TEXT_MESSAGE_CONTENT').map(e => e.delta).join('');
      const content = live.messages.filter(m => m.role === 'assistant').map(m => m.content ?? '').join('');
      assert.ok(content.endsWith(deltas), `${file}: re-sent text`);
    });
  }
}

test('task-cancelled-mid-stream: the page sees task.cancelled, the partial text kept and marked cancelled, and outcome success', async () => {
  const result = await runAgent(newAgent(`${server.base}/api/agui/task-cancelled-mid-stream`));
  assertClean(result, 'task-cancelled-mid-stream');
  const cancelled = result.events.find(e => e.type === 'CUSTOM' && e.name === 'task.cancelled');
  assert.equal(cancelled.value.elementId, 'analyze_sentiment');
  assert.equal(cancelled.value.partialResult.status, 'cancelled');
  const message = result.messages.find(m => m.id === 'msg-1');
  assert.equal(message.content, cancelled.value.partialResult.partial_response);
  assert.equal(message.metadata.status, 'cancelled');
  assert.equal(message.metadata.model.scripted, true);
  assert.equal(result.state.elements.analyze_sentiment.status, 'cancelled');
  assert.equal(result.events.at(-1).outcome.type, 'success');
  assert.equal(result.events.at(-1).result.outcome, 'failed');
});

// The harness must be able to fail: broken streams are caught as a warning or an error.
const broken = {
  'unknown-type': [{ type: 'RUN_STARTED', threadId: 't', runId: 'r' }, { type: 'TASK_CANCELLED', value: {} },
    { type: 'RUN_FINISHED', threadId: 't', runId: 'r' }],
  'content-without-start': [{ type: 'RUN_STARTED', threadId: 't', runId: 'r' },
    { type: 'TEXT_MESSAGE_CONTENT', messageId: 'm', delta: 'resumed mid-message' }],
  'null-optional-field': [{ type: 'RUN_STARTED', threadId: 't', runId: 'r' },
    { type: 'TOOL_CALL_START', toolCallId: 'c', toolCallName: 'f', parentMessageId: null },
    { type: 'TOOL_CALL_END', toolCallId: 'c' }, { type: 'RUN_FINISHED', threadId: 't', runId: 'r' }],
  'event-after-finish': [{ type: 'RUN_STARTED', threadId: 't', runId: 'r' }, { type: 'RUN_FINISHED', threadId: 't', runId: 'r' },
    { type: 'STEP_STARTED', stepName: 's' }],
  'finish-with-open-step': [{ type: 'RUN_STARTED', threadId: 't', runId: 'r' }, { type: 'STEP_STARTED', stepName: 's' },
    { type: 'RUN_FINISHED', threadId: 't', runId: 'r', outcome: { type: 'cancelled' } }],
  'unknown-field': [{ type: 'RUN_STARTED', threadId: 't', runId: 'r' }, { type: 'STEP_STARTED', stepName: 's', elementId: 's' },
    { type: 'STEP_FINISHED', stepName: 's' }, { type: 'RUN_FINISHED', threadId: 't', runId: 'r' }],
};

for (const [name, frames] of Object.entries(broken)) {
  test(`self-check: a stream with ${name} is caught`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agui-broken-'));
    writeFileSync(join(dir, `${name}.sse`), frames.map(f => `data: ${JSON.stringify(f)}\n\n`).join(''));
    const bad = await serveRecordings(dir);
    try {
      const result = await runAgent(newAgent(`${bad.base}/api/agui/${name}`));
      assert.ok(result.warnings.length > 0 || result.thrown !== undefined, `${name} went unnoticed`);
      if (process.env.AGUI_DEBUG) console.log(name, result.warnings, String(result.thrown));
    } finally {
      await bad.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
