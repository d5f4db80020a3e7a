// Seed 001 in Chromium against a real quell serve with the scripted model: a workflow executed from its canvas, a
// task cancelled from its Task Activity panel (one request for five clicks, the seed's words, partial result,
// cancelled styling, the gateway's Task C path), its read-only replay with the timeline scrubber, a refused cancel,
// allowCancellation unticked in the modeler, hostile text shown as text, and a stream that drops mid-run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allDisabled, api, launchBrowser, removeData, screenshot, startServer, withPage } from './lib.mjs';

const generous = { timeout: 120_000 };

async function putWorkflow(base, id, text, contentType) {
  const response = await fetch(`${base}/api/workflows/${id}`, { method: 'PUT', headers: { 'Content-Type': contentType }, body: text });
  assert.ok(response.ok, `PUT ${id}: ${response.status} ${await response.text()}`);
}

async function waitForRun(base, runId, predicate, what) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { body } = await api(base, `/api/runs/${runId}`);
    if (predicate(body)) return body;
    if (Date.now() > deadline) throw new Error(`run ${runId}: ${what} did not happen: ${JSON.stringify(body).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const element = (run, id) => run.elements.find((e) => e.elementId === id);
const runIdOf = (page) => decodeURIComponent(new URL(page.url()).hash.split('/')[2]);

/** Execute from the workflow's canvas; resolves with the run id once the live view shows. */
async function execute(page, base, workflowId) {
  await page.goto(`${base}/#/workflows/${workflowId}`);
  await page.getByRole('button', { name: /Execute Workflow/ }).click();
  await page.waitForURL(/#\/runs\/[^/]+/);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return runIdOf(page);
}

describe('workflow runs on the canvas', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeData(server);
  });

  test('the seed walk-through: Execute, bubble, Task Activity, Cancel Task, the notices, partial result, Task C, a failed run; then its replay', generous, async () => {
    // The sample as it ships, with Extract keywords' scripted model slowed down, so a loaded machine still has the
    // task streaming when the test clicks (the sample streams it in about three seconds).
    const { body: sample } = await api(server.base, '/api/workflows/feedback-analysis', { headers: { Accept: 'application/json' } });
    const slowed = sample.bpmn.xml.replace('<quell:script tokensPerSecond="20">', '<quell:script tokensPerSecond="4">');
    assert.notEqual(slowed, sample.bpmn.xml, 'the sample still has the script this test slows');
    await putWorkflow(server.base, 'feedback-walkthrough', slowed, 'application/xml');
    await withPage(browser, `${server.base}/#/workflows/feedback-walkthrough`, 'walk-through', async ({ page, context, problems }) => {
      const cancels = [];
      page.on('request', (r) => { if (r.method() === 'POST' && /\/elements\/extract_keywords\/cancel$/.test(r.url())) cancels.push(r.url()); });
      await page.getByText('Properties Panel').waitFor();
      await screenshot(page, 'workflow-modeler');
      const runId = await execute(page, server.base, 'feedback-walkthrough');

      // Extract keywords streams after Analyze sentiment; its bubble says it can be cancelled.
      const bubble = page.getByRole('button', { name: 'Open activity: Extract keywords (can be cancelled)' });
      await bubble.waitFor({ timeout: 60_000 });
      await bubble.click();
      const panel = page.getByRole('complementary', { name: 'Task Activity' });
      await panel.getByText('🤔 Thinking…').waitFor();
      await panel.getByText('💬 LLM Response').waitFor();
      assert.match(page.url(), /#\/runs\/[^/]+\/extract_keywords$/, 'the panel has a deep link');
      await screenshot(page, 'run-task-streaming');

      // Five fast clicks: the first disables the button, the rest change nothing.
      const cancel = panel.getByRole('button', { name: /Cancel Task/ });
      await cancel.evaluate((button) => { for (let i = 0; i < 5; i++) button.click(); });
      await panel.getByRole('button', { name: '⏳ Cancelling…' }).waitFor({ timeout: 5_000 });
      assert.ok(await allDisabled(panel.getByRole('button', { name: '⏳ Cancelling…' })));
      await panel.getByText('Stopping task gracefully…').waitFor({ timeout: 5_000 }).catch(() => { /* the task may stop first */ });

      await panel.getByText('⚠️ Task cancelled by user').waitFor({ timeout: 30_000 });
      await panel.getByText('Partial Result:').waitFor();
      const partial = JSON.parse(await panel.locator('.partial-result').textContent());
      assert.equal(partial.status, 'cancelled');
      assert.equal(typeof partial.partial_response, 'string');
      await page.locator('.djs-element.quell-cancelled[data-element-id="extract_keywords"]').waitFor();
      await screenshot(page, 'run-task-cancelled');
      assert.equal(cancels.length, 1, `cancel requests sent: ${cancels.length}`);

      // The gateway takes the Cancelled path: Task C runs, and the run ends with outcome "failed".
      const ended = await waitForRun(server.base, runId, (r) => ['completed', 'failed', 'cancelled'].includes(r.status), 'the end');
      assert.equal(ended.outcome, 'failed');
      assert.equal(element(ended, 'task_c').status, 'completed');
      assert.equal(element(ended, 'generate_report'), undefined);
      await page.getByRole('navigation', { name: 'Workflow elements' }).getByRole('button', { name: /Task C: report from sentiment only.*Completed/ }).waitFor({ timeout: 20_000 });
      await page.locator('.djs-element.quell-not-taken[data-element-id="generate_report"]').waitFor();
      await page.locator('.djs-connection.quell-taken[data-element-id="flow_keywords_cancelled"]').waitFor();

      // The replay: a reload builds the same page from stored events, read-only, with timestamps.
      await page.reload();
      const replayPanel = page.getByRole('complementary', { name: 'Task Activity' });
      await replayPanel.getByText('⚠️ Task cancelled by user').waitFor({ timeout: 20_000 });
      await replayPanel.getByText('This task was cancelled during execution.').waitFor();
      assert.equal(await replayPanel.getByRole('button', { name: /Cancel Task/ }).count(), 0, 'a replay has no Cancel Task button');
      assert.ok(await replayPanel.locator('time.entry-time').count() >= 3, 'every entry has its time');
      await replayPanel.getByText('⚠️ (Partial response - task cancelled: user_requested)').waitFor();
      await screenshot(page, 'run-replay');

      // The scrubber: back to the moment before the cancel, the task is running again on the canvas.
      const { body: history } = await api(server.base, `/api/runs/${runId}/replay`);
      const before = history.timeline.findIndex((e) => e.type === 'task.cancel.request');
      assert.ok(before > 0, 'the history has the cancel request');
      const scrubber = page.getByRole('slider', { name: 'Timeline' });
      await scrubber.fill(String(before)); // the first `before` events: everything up to the request
      await page.locator('.djs-element.quell-running[data-element-id="extract_keywords"]').waitFor();
      await scrubber.fill(String(history.timeline.length));
      await page.locator('.djs-element.quell-cancelled[data-element-id="extract_keywords"]').waitFor();
      await page.keyboard.press('Escape');

      // Clear Execution: back to the idle diagram.
      await page.getByRole('button', { name: 'Clear Execution' }).click();
      await page.waitForURL(/#\/workflows\/feedback-walkthrough$/);
      assert.equal(await page.locator('.djs-element.quell-cancelled, .activity-bubble').count(), 0);
      assert.deepEqual(problems, []);
    });
  });

  test('upload with the loader\'s errors, the variables editor, the runs list, and the panel by keyboard', generous, async () => {
    await withPage(browser, `${server.base}/#/workflows`, 'lists-and-keyboard', async ({ page, problems }) => {
      // A broken file: every error with its line, element and field, and nothing stored.
      const broken = 'id: broken\nelements:\n  - { id: start, type: StartEvent }\n  - id: talk\n    type: AgenticTask\n    properties:\n      agentProvider: scripted\n      script: { tokensPerSecond: fast, text: hi }\nflows: []\n';
      await page.locator('#workflow-file').setInputFiles({ name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
      await page.getByRole('button', { name: 'Upload' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Invalid workflow' });
      await refusal.waitFor();
      await refusal.getByText(/line 8:\d+/).first().waitFor();
      await refusal.getByText('script.tokensPerSecond').first().waitFor();
      await screenshot(page, 'workflow-upload-refused');
      assert.equal((await api(server.base, '/api/workflows/broken')).status, 404, 'nothing stored');

      // A good one is stored and listed.
      const { body: model } = await api(server.base, '/api/workflows/feedback-analysis', { headers: { Accept: 'application/json' } });
      await page.locator('#workflow-file').setInputFiles({ name: 'uploaded.bpmn', mimeType: 'application/xml', buffer: Buffer.from(model.bpmn.xml) });
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.getByText('as uploaded.').waitFor();
      await page.locator('tr[data-workflow-id="uploaded"]').getByRole('link').click();
      await page.waitForURL(/#\/workflows\/uploaded$/);

      // Variables that are not a JSON object: said so, and Execute waits.
      const variables = page.getByLabel('Input variables (JSON)');
      await variables.fill('{"period": ');
      await page.getByText(/^Not valid JSON/).waitFor();
      assert.equal(await page.getByRole('button', { name: /Execute Workflow/ }).isDisabled(), true);
      await variables.fill('[1, 2]');
      await page.getByText('The variables must be a JSON object, like {"period": "this week"}.').waitFor();
      await variables.fill('{"period": "this week", "source": "demo"}');
      await page.getByRole('button', { name: /Execute Workflow/ }).click();
      await page.waitForURL(/#\/runs\/[^/]+$/);
      const runId = runIdOf(page);

      // The panel by keyboard: it takes focus, Escape closes it, focus goes back to the bubble.
      const bubble = page.getByRole('button', { name: /^Open activity: Fetch feedback/ });
      await bubble.waitFor({ timeout: 30_000 });
      await bubble.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Task Activity' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'activity-title');
      await page.keyboard.press('Escape');
      await page.getByRole('complementary', { name: 'Task Activity' }).waitFor({ state: 'hidden' });
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), await bubble.getAttribute('aria-label'));

      // A narrow window still shows the canvas, the panel and the list, one under the other.
      await page.setViewportSize({ width: 700, height: 900 });
      await page.getByRole('navigation', { name: 'Workflow elements' }).getByRole('button', { name: /Analyze sentiment/ }).click();
      await page.getByRole('heading', { name: 'Task Activity' }).waitFor();
      await screenshot(page, 'run-narrow');
      await page.setViewportSize({ width: 1280, height: 860 });

      // The whole run cancelled from its toolbar, with a reason and a message.
      await page.locator('#run-cancel-reason').selectOption('resource_limit');
      await page.locator('#run-cancel-message').fill('enough');
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByText('Run cancelled').waitFor({ timeout: 30_000 });
      const { body: stopped } = await api(server.base, `/api/jobs/${runId}`);
      assert.equal(stopped.cancellation.reason, 'resource_limit');
      assert.equal(stopped.cancellation.message, 'enough');

      // The runs list: the run with its workflow, live, and the status filter.
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Runs' }).click();
      const row = page.locator(`tr[data-run-id="${runId}"]`);
      await row.getByText('Customer feedback analysis').waitFor();
      await row.locator('.badge-cancelled').waitFor({ timeout: 30_000 });
      await page.getByLabel('Status').selectOption('completed');
      await row.waitFor({ state: 'detached' });
      await page.getByLabel('Status').selectOption('cancelled');
      await row.waitFor();
      await screenshot(page, 'runs-list');
      await row.getByRole('link').click();
      await page.getByText('Run cancelled').waitFor();
      assert.deepEqual(problems, []);
    });
  });

  test('a cancel that arrives after the task completed shows "Cannot cancel task" with "Task already completed" for about five seconds', generous, async () => {
    await withPage(browser, server.base, 'cancel-refused', async ({ page, context, problems }) => {
      const runId = await execute(page, server.base, 'feedback-analysis');
      const bubble = page.getByRole('button', { name: 'Open activity: Analyze sentiment (can be cancelled)' });
      await bubble.waitFor({ timeout: 60_000 });
      await bubble.click();
      // Hold the cancel until the task has completed on the server, then let it through: the server says 409.
      await page.route(/\/elements\/analyze_sentiment\/cancel$/, async (route) => {
        await waitForRun(server.base, runId, (r) => element(r, 'analyze_sentiment')?.status === 'completed', 'analyze_sentiment completing');
        await route.continue();
      });
      const panel = page.getByRole('complementary', { name: 'Task Activity' });
      await panel.getByRole('button', { name: /Cancel Task/ }).click();
      const refusal = panel.getByRole('alert').filter({ hasText: 'Cannot cancel task' });
      await refusal.getByText('Task already completed').waitFor({ timeout: 60_000 });
      const shownAt = Date.now();
      await screenshot(page, 'run-cancel-refused');
      await refusal.waitFor({ state: 'hidden', timeout: 15_000 });
      const shownFor = Date.now() - shownAt;
      assert.ok(shownFor > 3_000 && shownFor < 9_000, `shown for ${shownFor} ms`);
      // The refusal stays in the activity log.
      await panel.locator('.entry-cancel-failed').getByText('Task already completed').waitFor();
      await page.getByRole('button', { name: /Cancel run/ }).click().catch(() => {});
      assert.deepEqual(problems, []);
    });
  });

  test('allowCancellation unticked in the modeler and saved: that task shows no Cancel Task button in the next run', generous, async () => {
    const { body: model } = await api(server.base, '/api/workflows/feedback-analysis', { headers: { Accept: 'application/json' } });
    await putWorkflow(server.base, 'feedback-no-cancel', model.bpmn.xml, 'application/xml');
    await withPage(browser, `${server.base}/#/workflows/feedback-no-cancel`, 'allow-cancellation', async ({ page, context, problems }) => {
      await page.getByRole('navigation', { name: 'Workflow elements' }).getByRole('button', { name: /Extract keywords/ }).click();
      const group = page.locator('.bio-properties-panel-group').filter({ hasText: 'Custom Properties' });
      await group.locator('.bio-properties-panel-group-header').click();
      const box = group.getByRole('checkbox', { name: 'allowCancellation' });
      assert.equal(await box.isChecked(), true);
      // The panel redraws as the selection settles; click, then wait for the state rather than expecting it at once.
      await box.click();
      await page.waitForFunction(() => document.querySelector('#bio-properties-panel-quell-allowCancellation')?.checked === false);
      await screenshot(page, 'modeler-custom-properties');
      await page.getByRole('button', { name: 'Save workflow' }).click();
      await page.getByText('Workflow saved.').waitFor();

      const { body: saved } = await api(server.base, '/api/workflows/feedback-no-cancel', { headers: { Accept: 'application/json' } });
      assert.equal(saved.elements.find((e) => e.id === 'extract_keywords').allowCancellation, false);
      assert.equal(saved.elements.find((e) => e.id === 'analyze_sentiment').allowCancellation, true, 'nothing else changed');
      assert.ok(saved.elements.find((e) => e.id === 'extract_keywords').agent.script, 'the scripted model survived the save');

      await page.reload();
      await page.getByRole('navigation', { name: 'Workflow elements' }).getByRole('button', { name: /Extract keywords/ }).click();
      const again = page.locator('.bio-properties-panel-group').filter({ hasText: 'Custom Properties' });
      await again.locator('.bio-properties-panel-group-header').click();
      assert.equal(await again.getByRole('checkbox', { name: 'allowCancellation' }).isChecked(), false);

      const runId = await execute(page, server.base, 'feedback-no-cancel');
      await waitForRun(server.base, runId, (r) => element(r, 'extract_keywords')?.status === 'running', 'extract_keywords running');
      const bubble = page.getByRole('button', { name: /^Open activity: Extract keywords/ });
      await bubble.waitFor({ timeout: 30_000 });
      assert.equal(await bubble.getAttribute('aria-label'), 'Open activity: Extract keywords', 'not marked cancellable');
      await bubble.click();
      const panel = page.getByRole('complementary', { name: 'Task Activity' });
      await panel.getByText('💬 LLM Response').waitFor({ timeout: 30_000 });
      assert.equal(await panel.getByRole('button', { name: /Cancel Task/ }).isVisible(), false);
      await api(server.base, `/api/runs/${runId}/cancel`, { method: 'POST', body: JSON.stringify({ message: 'test over' }) });
      assert.deepEqual(problems, []);
    });
  });

  test('hostile text from the model and the workflow file is shown as text, never run', generous, async () => {
    const hostile = '<img src=x onerror=alert(1)> and <script>alert(2)</script>';
    await putWorkflow(server.base, 'hostile', `id: hostile
name: "<script>alert('name')</script> workflow"
elements:
  - { id: start, type: StartEvent }
  - id: speak
    type: AgenticTask
    name: "<img src=x onerror=alert(3)>"
    properties:
      allowCancellation: true
      agentProvider: scripted
      prompt: say it
      script:
        tokensPerSecond: 400
        text: "Here is ${hostile} as text."
  - { id: end, type: EndEvent }
flows:
  - { id: f1, source: start, target: speak }
  - { id: f2, source: speak, target: end }
`, 'application/yaml');
    await withPage(browser, server.base, 'hostile-text', async ({ page, context, problems }) => {
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      const runId = await execute(page, server.base, 'hostile');
      await waitForRun(server.base, runId, (r) => r.status === 'completed', 'the end');
      await page.getByRole('button', { name: 'Open activity: <img src=x onerror=alert(3)>' }).click();
      const panel = page.getByRole('complementary', { name: 'Task Activity' });
      await panel.locator('.stream-text').filter({ hasText: `Here is ${hostile} as text.` }).waitFor({ timeout: 20_000 });
      await page.getByRole('heading', { name: "<script>alert('name')</script> workflow" }).waitFor();
      assert.equal(await page.locator('main img[src="x"], main script').count(), 0);
      await screenshot(page, 'run-hostile-text');
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems, []);
    });
  });

  test('a stop that waits for a slow tool says so after 10 s, offers to resend, and "Cancelling…" survives a dropped stream', generous, async () => {
    // The sample tool server paced to 1,500 rows a second: its analyze_sentiment call takes about 13 s, and the task
    // lets a tool in flight finish (cancelInFlightTools is false), so the stop waits for it.
    await putWorkflow(server.base, 'slow-tool', `id: slow-tool
name: Slow tool
elements:
  - { id: start, type: StartEvent }
  - id: analyse
    type: AgenticTask
    name: Analyse slowly
    properties:
      allowCancellation: true
      agentProvider: scripted
      prompt: analyse
      tools:
        - name: feedback
          command: dotnet
          args: [samples/bin/FeedbackTools/Quell.Samples.FeedbackTools.dll, --rows-per-second, "1500"]
          allowedTools: [analyze_sentiment]
      script:
        tokensPerSecond: 20
        text: The analysis is done.
        toolCalls:
          - name: analyze_sentiment
            arguments: { dataset: demo }
  - { id: end, type: EndEvent }
flows:
  - { id: f1, source: start, target: analyse }
  - { id: f2, source: analyse, target: end }
`, 'application/yaml');
    await withPage(browser, server.base, 'slow-stop', async ({ page, context, problems }) => {
      const runId = await execute(page, server.base, 'slow-tool');
      await page.getByRole('button', { name: 'Open activity: Analyse slowly (can be cancelled)' }).click({ timeout: 60_000 });
      const panel = page.getByRole('complementary', { name: 'Task Activity' });
      await panel.locator('.entry-tool').getByText('… Running').waitFor({ timeout: 30_000 });
      await panel.getByRole('button', { name: /Cancel Task/ }).click();
      await panel.getByText('🛑 Cancel requested (user_requested)').waitFor({ timeout: 10_000 });

      // "Cancelling…" comes from the run's own events, so a reload (the deep link reopens the panel) keeps it.
      await page.reload();
      await panel.getByRole('button', { name: '⏳ Cancelling…' }).waitFor({ timeout: 20_000 });
      await panel.getByText('Stopping task gracefully…').waitFor();

      // The stream drops while the task is stopping: the button stays "Cancelling…".
      await context.setOffline(true);
      await page.getByText('Disconnected').waitFor({ timeout: 20_000 });
      assert.equal(await panel.getByRole('button', { name: '⏳ Cancelling…' }).isDisabled(), true);
      await panel.getByText(/Still stopping after 1\d s — the current tool must finish\./).waitFor({ timeout: 15_000 });
      await context.setOffline(false);
      await page.getByText('● Connected').waitFor({ timeout: 30_000 });
      await screenshot(page, 'run-slow-stop');
      await panel.getByRole('button', { name: 'Send the cancel again' }).click().catch(() => { /* the tool may have finished */ });

      await panel.getByText('⚠️ Task cancelled by user').waitFor({ timeout: 60_000 });
      const ended = await waitForRun(server.base, runId, (r) => ['completed', 'failed', 'cancelled'].includes(r.status), 'the end');
      assert.equal(element(ended, 'analyse').status, 'cancelled');
      assert.equal(ended.toolCalls.filter((t) => t.elementId === 'analyse').length, 1, 'the tool ran once');
      assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|network/i.test(p)), []);
    });
  });

  test('a stream that drops mid-run: "Disconnected", then "● Connected", and the text and tools are neither lost nor doubled', generous, async () => {
    await withPage(browser, server.base, 'dropped-stream', async ({ page, context, problems }) => {
      const runId = await execute(page, server.base, 'feedback-analysis');
      await waitForRun(server.base, runId, (r) => element(r, 'analyze_sentiment')?.status === 'running', 'analyze_sentiment running');
      await page.getByRole('button', { name: /^Open activity: Analyze sentiment/ }).click();
      const panel = page.getByRole('complementary', { name: 'Task Activity' });
      await panel.getByText('💬 LLM Response').waitFor({ timeout: 30_000 });
      await context.setOffline(true);
      await page.getByText('Disconnected').waitFor({ timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 2_000)); // the run goes on without the page
      await context.setOffline(false);
      await page.getByText('● Connected').waitFor({ timeout: 30_000 });

      const ended = await waitForRun(server.base, runId, (r) => ['completed', 'failed', 'cancelled'].includes(r.status), 'the end');
      await page.getByRole('navigation', { name: 'Workflow elements' }).getByRole('button', { name: /Analyze sentiment.*Completed/ }).waitFor({ timeout: 20_000 });
      const expected = ended.messages.filter((m) => m.elementId === 'analyze_sentiment').map((m) => m.content);
      const shown = await panel.locator('.stream-text').allTextContents();
      assert.deepEqual(shown, expected, 'the streamed text, once each');
      const tools = ended.toolCalls.filter((t) => t.elementId === 'analyze_sentiment').length;
      assert.equal(await panel.locator('.entry-tool').count(), tools, 'each tool call once');
      assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|network/i.test(p)), []);
    });
  });
});

describe('a server restarted in the middle of a run', () => {
  test('the page says "Disconnected", reconnects to the restarted server and shows how the run ended, nothing doubled', generous, async () => {
    let server = await startServer();
    const { port, data } = server;
    const browser = await launchBrowser();
    try {
      await withPage(browser, server.base, 'server-restart', async ({ page, problems }) => {
        const runId = await execute(page, server.base, 'feedback-analysis');
        await waitForRun(server.base, runId, (r) => element(r, 'analyze_sentiment')?.status === 'running', 'analyze_sentiment running');
        await page.getByRole('button', { name: /^Open activity: Analyze sentiment/ }).click();
        const panel = page.getByRole('complementary', { name: 'Task Activity' });
        await panel.getByText('💬 LLM Response').waitFor({ timeout: 30_000 });

        await server.stop(); // SIGTERM: the run is stopped as system_shutdown, durably, before the process ends
        await page.getByText('Disconnected').waitFor({ timeout: 20_000 });
        server = await startServer({ port, dataDirectory: data });
        await page.getByText('● Connected').waitFor({ timeout: 60_000 });

        const { body: ended } = await api(server.base, `/api/runs/${runId}`);
        assert.ok(['completed', 'failed', 'cancelled'].includes(ended.status), `the run ended: ${ended.status}`);
        await page.locator(`.run-badge .badge-${ended.status}`).waitFor({ timeout: 30_000 });
        const expected = ended.messages.filter((m) => m.elementId === 'analyze_sentiment').map((m) => m.content);
        await page.waitForFunction((count) => document.querySelectorAll('.activity-panel .stream-text').length === count, expected.length);
        assert.deepEqual(await panel.locator('.stream-text').allTextContents(), expected, 'the streamed text, once each');
        await screenshot(page, 'run-after-restart');
        assert.deepEqual(problems.filter((p) => !/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|Failed to fetch|network|HTTP 50\d/i.test(p)), []);
      });
    } finally {
      await browser.close();
      await server.stop();
      removeData(server);
    }
  });
});
