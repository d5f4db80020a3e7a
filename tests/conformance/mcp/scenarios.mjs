// The checks, shared by the stdio and HTTP test files. Each takes a connected session ({client, wire}) and a workspace.
import assert from 'node:assert/strict';
import { TOOLS, SMALL_ROWS, LARGE_ROWS, callJson, sleep, within, waitFor } from './lib.mjs';

const PROMPT_MS = 5_000; // "at once", generously: no tight timing assertions on a 2-core CI machine
const SILENCE_MS = 2_000; // how long we watch the wire for a response that must not come
/** What the client's protocol layer reported, less the TS SDK's own late-dispatch of a final progress notification. */
export const protocolErrors = errors => errors.map(String).filter(e => !/progress notification for an unknown token/.test(e));

const ABORT_REASON = 'conformance: the user pressed stop';

export async function toolsListed({ client }) {
  const { tools } = await client.listTools();
  const byName = new Map(tools.map(t => [t.name, t]));
  for (const name of TOOLS) {
    const tool = byName.get(name);
    assert.ok(tool, `tools/list lacks ${name}; got ${[...byName.keys()].join(', ')}`);
    assert.equal(tool.inputSchema?.type, 'object', `${name} has no object input schema`);
    assert.equal(typeof tool.description, 'string', `${name} has no description`);
  }
  assert.equal(byName.get('analyze_csv').inputSchema.properties?.paths?.type, 'array', 'analyze_csv.paths is not an array');
  for (const name of ['get_job', 'cancel_job', 'get_partial_results']) {
    assert.ok(byName.get(name).inputSchema.properties?.id, `${name} has no id property`);
    assert.ok(byName.get(name).inputSchema.required?.includes('id'), `${name} does not require id`);
  }
  const cancel = byName.get('cancel_job').inputSchema.properties;
  assert.ok(cancel.reason && cancel.message, 'cancel_job lacks reason/message');
}

/** The request id of the most recent tools/call we sent (the TS client also uses it as the progress token). */
function lastToolCallId(wire) {
  const sent = wire.sent.filter(s => s.message.method === 'tools/call');
  assert.ok(sent.length, 'no tools/call on the wire');
  return sent.at(-1).message.id;
}

export async function smallFileCompletes({ client, wire }, ws) {
  const result = await client.callTool({ name: 'analyze_csv', arguments: { paths: [ws.small] } });
  assert.ok(!result.isError, `analyze_csv failed: ${JSON.stringify(result.content)}`);
  const json = result.structuredContent ?? JSON.parse(result.content[0].text);
  assert.equal(json.status, 'completed');
  assert.ok(json.jobId, 'no jobId');
  assert.equal(json.result.totalRows, SMALL_ROWS);
  assert.equal(json.result.failedFiles, 0);
  assert.ok(json.result.totalBytes > 0);
  assert.equal(json.result.files.length, 1);
  // No progress token was sent, so no progress notifications for this request.
  assert.equal(wire.progressFor(lastToolCallId(wire)).length, 0, 'progress sent without a progress token');
  const job = await callJson(client, 'get_job', { id: json.jobId });
  assert.equal(job.status, 'completed');
  return { jobId: json.jobId, requestId: lastToolCallId(wire) };
}

export async function largeFileProgress({ client, wire }, ws) {
  const seen = [];
  const result = await client.callTool(
    { name: 'analyze_csv', arguments: { paths: [ws.large] } },
    undefined,
    { onprogress: p => seen.push(p), timeout: 120_000 });
  const json = result.structuredContent ?? JSON.parse(result.content[0].text);
  assert.equal(json.status, 'completed', JSON.stringify(result.content));
  assert.ok(seen.length >= 3, `expected several progress notifications, got ${seen.length}`);
  assert.equal(json.result.totalRows, LARGE_ROWS);
  // On the wire: strictly increasing, a final one at 100 of 100, all before the response.
  const requestId = lastToolCallId(wire);
  const onWire = wire.progressFor(requestId).map(r => r.message.params);
  const values = onWire.map(p => p.progress);
  for (let i = 1; i < values.length; i++) {
    assert.ok(values[i] > values[i - 1], `progress not strictly increasing at ${i}: ${values.slice(0, i + 1).join(', ')}`);
  }
  assert.equal(onWire.at(-1).total, 100);
  assert.equal(onWire.at(-1).progress, 100, 'no final progress notification at completion');
  const responseIndex = wire.received.findIndex(r => r.message.id === requestId && 'result' in r.message);
  const lastProgressIndex = wire.received.findLastIndex(r => r.message.method === 'notifications/progress' && r.message.params?.progressToken === requestId);
  assert.ok(lastProgressIndex < responseIndex, 'a progress notification came after the response');
  // The onprogress handler sees them in the same order. The TS SDK dispatches notifications a microtask later than
  // responses, so when the final notification and the response arrive in one read it drops the final one
  // ("Received a progress notification for an unknown token"): the handler's series is a prefix of the wire's.
  assert.ok(seen.length >= values.length - 1, `handler saw ${seen.length} of ${values.length}`);
  assert.deepEqual(seen.map(p => p.progress), values.slice(0, seen.length));
  const withTotal = seen.filter(p => p.total !== undefined);
  for (const p of withTotal) assert.ok(p.progress <= p.total, `progress ${p.progress} above total ${p.total}`);
  assert.ok(seen.some(p => typeof p.message === 'string' && p.message.length > 0), 'no progress message');
  return { jobId: json.jobId, count: seen.length };
}

/**
 * Abort mid-run: the TS client sends notifications/cancelled with String(signal.reason) and rejects the call;
 * the job ends cancelled / user_requested / our reason with partial results; no response for that id; ping and
 * tools/list answer promptly.
 */
export async function abortCancelsJob({ client, wire, errors }, ws) {
  const controller = new AbortController();
  const progress = [];
  const call = client.callTool(
    { name: 'analyze_csv', arguments: { paths: [ws.large] } },
    undefined,
    { onprogress: p => progress.push(p), signal: controller.signal, timeout: 120_000 });
  const rejected = call.then(() => null, e => e);
  const requestId = lastToolCallId(wire);
  // Mid-run: after a few progress notifications (so rows have been analysed), well before the end.
  await waitFor(() => progress.length >= 3, 60_000, 'three progress notifications');
  assert.ok(progress.at(-1).progress < (progress.at(-1).total ?? Infinity), 'job already complete before abort');
  controller.abort(ABORT_REASON);
  const abortedAt = Date.now();

  const error = await within(PROMPT_MS, rejected, 'the aborted call to reject');
  assert.ok(error, 'the aborted callTool resolved instead of rejecting');
  assert.match(String(error.message), /the user pressed stop/);

  // What the TS client put on the wire.
  const cancels = wire.sent.filter(s => s.message.method === 'notifications/cancelled' && s.message.params.requestId === requestId);
  assert.equal(cancels.length, 1, 'the TS client did not send notifications/cancelled');
  assert.equal(cancels[0].message.params.reason, ABORT_REASON);

  // The server keeps answering at once.
  await within(PROMPT_MS, client.ping(), 'ping after cancel');
  const { tools } = await within(PROMPT_MS, client.listTools(), 'tools/list after cancel');
  assert.ok(tools.length >= TOOLS.length);

  // No response for the cancelled request id, watched for SILENCE_MS after the cancel.
  await sleep(Math.max(0, SILENCE_MS - (Date.now() - abortedAt)));
  assert.deepEqual(wire.responsesFor(requestId).map(r => r.message), [], `a response arrived for cancelled request ${requestId}`);

  // The job's history: found through the tools, newest first.
  const list = await callJson(client, 'list_jobs', { type: 'csv.analyze', limit: 1 });
  const jobId = list.items[0].id;
  const job = await waitFor(async () => {
    const j = await callJson(client, 'get_job', { id: jobId });
    return ['cancelled', 'completed', 'failed'].includes(j.status) ? j : null;
  }, 30_000, 'the job to reach a terminal state');
  assert.equal(job.status, 'cancelled', JSON.stringify(job));
  assert.equal(job.cancellation?.reason, 'user_requested', JSON.stringify(job.cancellation));
  assert.equal(job.cancellation?.message, ABORT_REASON);

  const partial = await callJson(client, 'get_partial_results', { id: jobId });
  assert.equal(partial.jobId, jobId);
  assert.notEqual(partial.status, 'completed');
  assert.ok(partial.completedItems > 0, `no partial results: ${JSON.stringify(partial)}`);

  // Still no late response, now well past the window.
  assert.equal(wire.responsesFor(requestId).length, 0, `a late response arrived for cancelled request ${requestId}`);
  assert.deepEqual(protocolErrors(errors), [], 'the client reported protocol errors');
  return { jobId, requestId };
}

async function cancelledJobCount(client) {
  return (await callJson(client, 'list_jobs', { status: 'cancelled', limit: 200 })).total;
}

/** notifications/cancelled for initialize (id 0), an unknown id and a finished id change nothing. */
export async function strayCancelsIgnored({ client, wire }, ws, finishedRequestId, finishedJobId) {
  const initialize = wire.sent.find(s => s.message.method === 'initialize');
  assert.ok(initialize, 'initialize not on the wire');
  const initializeId = initialize.message.id; // 0 in the TS client
  const before = await cancelledJobCount(client);
  const totalBefore = (await callJson(client, 'list_jobs', { limit: 1 })).total;

  for (const requestId of [initializeId, 999999, finishedRequestId]) {
    await client.notification({ method: 'notifications/cancelled', params: { requestId, reason: `conformance: stray cancel of ${requestId}` } });
  }
  await sleep(300);

  await within(PROMPT_MS, client.ping(), 'ping after stray cancels');
  const again = await smallFileCompletes({ client, wire }, ws);
  assert.ok(again.jobId);
  assert.equal(await cancelledJobCount(client), before, 'a stray notifications/cancelled cancelled a job');
  assert.equal((await callJson(client, 'list_jobs', { limit: 1 })).total, totalBefore + 1);
  const finished = await callJson(client, 'get_job', { id: finishedJobId });
  assert.equal(finished.status, 'completed');
  assert.equal(finished.cancellation ?? null, null);
  // No error response came for any notification (notifications have no id; nothing with a null id either).
  assert.equal(wire.received.filter(r => 'error' in r.message && (r.message.id === null || r.message.id === undefined)).length, 0);
}

/**
 * With logging enabled (logging/setLevel info), an abort also brings a notifications/message (level notice, logger
 * quell) naming the job, the reason and the client's text. Before setLevel, the earlier aborts brought none.
 */
export async function cancelReasonLogged({ client, wire }, ws) {
  assert.equal(wire.received.filter(r => r.message.method === 'notifications/message').length, 0,
    'a log notification arrived before the client enabled logging');
  assert.ok(client.getServerCapabilities()?.logging, 'the server does not declare the logging capability');
  await client.setLoggingLevel('info');
  const controller = new AbortController();
  const progress = [];
  const call = client.callTool(
    { name: 'analyze_csv', arguments: { paths: [ws.large] } },
    undefined,
    { onprogress: p => progress.push(p), signal: controller.signal, timeout: 120_000 });
  const rejected = call.then(() => null, e => e);
  await waitFor(() => progress.length >= 2, 60_000, 'two progress notifications');
  controller.abort('conformance: log this cancel');
  await within(PROMPT_MS, rejected, 'the aborted call to reject');

  const logged = await waitFor(() => wire.received.find(r => r.message.method === 'notifications/message'), 30_000, 'a log notification');
  const params = logged.message.params;
  assert.equal(params.level, 'notice');
  assert.equal(params.logger, 'quell');
  assert.equal(params.data.message, 'conformance: log this cancel');
  assert.equal(params.data.reason, 'user_requested');
  const job = await callJson(client, 'get_job', { id: params.data.jobId });
  assert.equal(job.cancellation?.message, 'conformance: log this cancel');
  await client.setLoggingLevel('warning');
}
