// `quell mcp --data DIR` as a child process, driven by the official TypeScript SDK client over stdio.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeWorkspace, connectStdio } from './lib.mjs';
import * as s from './scenarios.mjs';

describe('quell mcp over stdio', () => {
  let ws, session, finished;

  before(async () => {
    ws = makeWorkspace({ large: true });
    session = await connectStdio(ws.data);
  });

  after(async () => {
    await session?.close();
    ws?.dispose();
  });

  it('tools/list lists the job tools with input schemas', () => s.toolsListed(session));

  it('analyze_csv on a small file completes with its stats', async () => {
    finished = await s.smallFileCompletes(session, ws);
  });

  it('analyze_csv on a large file sends strictly increasing progress', () => s.largeFileProgress(session, ws));

  it('an abort sends notifications/cancelled, cancels the job with the reason, and no response follows; ping and tools/list still answer', () =>
    s.abortCancelsJob(session, ws));

  it('with logging enabled, a cancel also sends its reason as a log notification (none before)', () => s.cancelReasonLogged(session, ws));

  it('notifications/cancelled for initialize, an unknown id or a finished id changes nothing', async () => {
    assert.ok(finished, 'needs the small-file test');
    await s.strayCancelsIgnored(session, ws, finished.requestId, finished.jobId);
  });

  it('nothing but protocol on stdout: the client reported no errors', async () => {
    // The SDK's stdio transport reports unparsable stdout lines (and responses to unknown ids) through onerror.
    await session.client.ping();
    assert.deepEqual(s.protocolErrors(session.errors), []);
  });
});
