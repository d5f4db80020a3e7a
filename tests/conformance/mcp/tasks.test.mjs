// MCP tasks (2025-11-25, experimental) over Streamable HTTP against a real `quell serve`, driven by the official
// TypeScript SDK client's experimental task API: a task outlives the client that created it, and tasks/cancel
// cancels its job with user_requested.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { makeWorkspace, startServer, connectHttp, SMALL_ROWS, waitFor, sleep } from './lib.mjs';

const TTL = 60_000;

/** A task-augmented tools/call through the SDK's callToolStream; returns the task once created (stops polling). */
async function createTask(client, name, args, options = {}) {
  const stream = client.experimental.tasks.callToolStream({ name, arguments: args }, CallToolResultSchema, { task: { ttl: TTL }, ...options });
  for await (const message of stream) {
    if (message.type === 'taskCreated') return message.task;
    if (message.type === 'error') throw message.error;
  }
  throw new Error('the stream ended without creating a task');
}

/** The job's stored history from the REST API (its SSE stream ends at the terminal event). */
async function jobEvents(base, jobId) {
  const response = await fetch(`${base}/api/jobs/${jobId}/events`);
  assert.equal(response.status, 200);
  const text = await response.text();
  return text.split('\n').filter(line => line.startsWith('data: ')).map(line => JSON.parse(line.slice(6)));
}

describe('MCP tasks on quell serve /mcp (Streamable HTTP)', () => {
  let ws, server;

  before(async () => {
    ws = makeWorkspace({ large: true });
    server = await startServer(ws.data, ws.root);
  });

  after(async () => {
    await server?.stop();
    ws?.dispose();
  });

  it('declares the tasks capability and task support on analyze_csv only', async () => {
    const session = await connectHttp(server.base);
    try {
      const tasks = session.client.getServerCapabilities()?.tasks;
      assert.ok(tasks?.list && tasks?.cancel && tasks?.requests?.tools?.call, `capabilities.tasks: ${JSON.stringify(tasks)}`);
      const { tools } = await session.client.listTools();
      for (const tool of tools) {
        assert.equal(tool.execution?.taskSupport, tool.name === 'analyze_csv' ? 'optional' : undefined, tool.name);
      }
    } finally {
      await session.close();
    }
  });

  it('a task survives a reconnect: a new client gets its status and its result (small file)', async () => {
    const first = await connectHttp(server.base);
    const task = await createTask(first.client, 'analyze_csv', { paths: [ws.small] });
    assert.equal(task.status, 'working');
    assert.equal(task.ttl, TTL);
    assert.ok(task.taskId && task.createdAt && task.lastUpdatedAt, JSON.stringify(task));
    await first.close(); // deletes the HTTP session

    const second = await connectHttp(server.base);
    try {
      const got = await second.client.experimental.tasks.getTask(task.taskId);
      assert.equal(got.taskId, task.taskId);
      const result = await second.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema);
      assert.ok(!result.isError, JSON.stringify(result.content));
      assert.equal(result.structuredContent.jobId, task.taskId, 'task id = job id');
      assert.equal(result.structuredContent.result.totalRows, SMALL_ROWS);
      assert.equal(result._meta?.['io.modelcontextprotocol/related-task']?.taskId, task.taskId);
      assert.equal((await second.client.experimental.tasks.getTask(task.taskId)).status, 'completed');
      const { tasks } = await second.client.experimental.tasks.listTasks();
      assert.ok(tasks.some(t => t.taskId === task.taskId), 'tasks/list lacks the task');
    } finally {
      await second.close();
    }
  });

  it('a long task keeps running after its client left, and tasks/cancel from a new client cancels it (user_requested)', async () => {
    const first = await connectHttp(server.base);
    const progress = [];
    const task = await createTask(first.client, 'analyze_csv', { paths: [ws.large] }, { onprogress: p => progress.push(p), timeout: 120_000 });
    // Progress keeps flowing on the original request's token after the CreateTaskResult. quell serve runs the SDK's
    // HTTP transport stateless (its default), so the server can only send it on a request's stream: an open
    // tasks/result for the task carries it.
    const pending = first.client.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema, { timeout: 120_000 }).catch(() => 'closed');
    await waitFor(() => progress.length >= 2, 30_000, 'progress notifications for the task');
    const values = progress.map(p => p.progress);
    for (let i = 1; i < values.length; i++) assert.ok(values[i] > values[i - 1], `progress not increasing: ${values.join(', ')}`);
    await first.close(); // leaves with the tasks/result still waiting
    await pending;

    const second = await connectHttp(server.base);
    try {
      await sleep(300);
      assert.equal((await second.client.experimental.tasks.getTask(task.taskId)).status, 'working', 'the task stopped when its client left');
      const cancelled = await second.client.experimental.tasks.cancelTask(task.taskId);
      assert.equal(cancelled.status, 'cancelled', JSON.stringify(cancelled));
      assert.equal((await second.client.experimental.tasks.getTask(task.taskId)).status, 'cancelled');

      const events = await jobEvents(server.base, task.taskId);
      const terminal = events.at(-1);
      assert.equal(terminal.type, 'job.cancelled', events.map(e => e.type).join(', '));
      assert.equal(terminal.data.reason, 'user_requested');
      assert.ok(events.some(e => e.type === 'mcp.task'), 'no mcp.task marker in the history');

      // Cancelling a cancelled (terminal) task is invalid params.
      await assert.rejects(second.client.experimental.tasks.cancelTask(task.taskId), e => e.code === -32602);
    } finally {
      await second.close();
    }
  });

  it('unknown tasks are -32602', async () => {
    const session = await connectHttp(server.base);
    try {
      await assert.rejects(session.client.experimental.tasks.getTask('no-such-task'), e => e.code === -32602);
      await assert.rejects(session.client.experimental.tasks.cancelTask('no-such-task'), e => e.code === -32602);
    } finally {
      await session.close();
    }
  });
});
