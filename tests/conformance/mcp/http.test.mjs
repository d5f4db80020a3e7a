// `quell serve` with /mcp (Streamable HTTP), driven by the official TypeScript SDK client.
import { describe, it, before, after } from 'node:test';
import { makeWorkspace, startServer, connectHttp } from './lib.mjs';
import * as s from './scenarios.mjs';

// Known server bug (see README.md): over HTTP the server logs "The MCP client cancelled request N (job …): reason"
// but the job runs to completion and the response for the cancelled id is sent. Reported as a TODO so the run
// stays green; it reports as passing once fixed — then drop the todo.
const HTTP_CANCEL_BUG = 'server bug: notifications/cancelled over Streamable HTTP does not cancel the job (response still sent)';

describe('quell serve /mcp over Streamable HTTP', () => {
  let ws, server, session;

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

  it('analyze_csv on a small file completes with its stats', () => s.smallFileCompletes(session, ws));

  it('analyze_csv on a large file sends strictly increasing progress', () => s.largeFileProgress(session, ws));

  it('an abort sends notifications/cancelled, cancels the job with the reason, and no response follows; ping and tools/list still answer',
    { todo: HTTP_CANCEL_BUG },
    () => s.abortCancelsJob(session, ws));
});
