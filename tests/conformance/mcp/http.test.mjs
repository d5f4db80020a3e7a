// `quell serve` with /mcp (Streamable HTTP), driven by the official TypeScript SDK client.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeWorkspace, startServer, connectHttp } from './lib.mjs';
import * as s from './scenarios.mjs';

describe('quell serve /mcp over Streamable HTTP', () => {
  let ws, server, session, finished;

  before(async () => {
    ws = makeWorkspace({ large: true });
    server = await startServer(ws.data, ws.root);
    session = await connectHttp(server.base);
  });

  after(async () => {
    await session?.close();
    await server?.stop();
    ws?.dispose();
  });

  it('tools/list lists the job tools with input schemas', () => s.toolsListed(session));

  it('analyze_csv on a small file completes with its stats', async () => {
    finished = await s.smallFileCompletes(session, ws);
  });

  it('analyze_csv on a large file sends strictly increasing progress', () => s.largeFileProgress(session, ws));

  it('an abort sends notifications/cancelled, cancels the job with the reason, and no response follows; ping and tools/list still answer',
    () => s.abortCancelsJob(session, ws));

  it('with logging enabled, a cancel also sends its reason as a log notification (none before)', () => s.cancelReasonLogged(session, ws));

  it('notifications/cancelled for initialize, an unknown id or a finished id changes nothing', async () => {
    assert.ok(finished, 'needs the small-file test');
    await s.strayCancelsIgnored(session, ws, finished.requestId, finished.jobId);
  });
});
