// The jobs pages in Chromium against a real quell serve: the list, submitting csv.analyze from the page, the cancel
// flow with its notices and partial results, a refused cancel, and a server that goes away and comes back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { allDisabled, api, launchBrowser, openPage, removeData, screenshot, startServer, withPage } from './lib.mjs';

const generous = { timeout: 60_000 };

describe('jobs pages', () => {
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

  test('the shell shows the product, its sections and a live connection, and runs under the CSP without errors', async () => {
    await withPage(browser, server.base, 'shell', async ({ page, context, problems }) => {
      await page.getByRole('link', { name: 'Quell' }).waitFor();
      for (const section of ['Workflows', 'Runs', 'Jobs']) await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).waitFor();
      await page.getByRole('status').filter({ hasText: '● Connected' }).waitFor();
      await page.getByRole('heading', { name: 'Jobs' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Jobs' }).getAttribute('aria-current'), 'page');
      await screenshot(page, 'jobs-empty');
      assert.deepEqual(problems, []);
    });
  });

  test('a csv.analyze submitted from the page runs live and is cancelled with "Cancelling…", a notice and its partial results', async () => {
    await withPage(browser, server.base, 'csv-cancel', async ({ page, context, problems }) => {
      const cancels = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/cancel')) cancels.push(request.url());
      });
      await page.getByLabel('CSV files to analyze').fill(join(server.data, 'demo', 'orders.csv'));
      await page.getByRole('button', { name: 'Analyze CSV' }).click();
      await page.waitForURL(/#\/jobs\/[0-9a-f]{32}$/, generous);
      const id = page.url().split('/').at(-1);
      const progress = page.getByRole('progressbar');
      await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) > 0, null, generous);
      await page.getByRole('cell', { name: 'job.started' }).waitFor();
      await screenshot(page, 'job-running');

      await page.getByLabel('Message').fill('wrong file');
      const button = page.getByRole('button', { name: 'Cancel' });
      // Rapid repeated clicks send one request.
      await button.dblclick();
      await button.click({ force: true, trial: false }).catch(() => {});
      const cancelling = page.getByRole('button', { name: 'Cancelling…' });
      assert.ok(await allDisabled(cancelling), 'a "Cancelling…" button was enabled');
      await page.getByText('Job cancelled by user').waitFor(generous);
      await page.getByText('Reason: user_requested — “wrong file”').waitFor();
      await page.getByRole('heading', { name: 'Partial Result:' }).waitFor(generous);
      await page.getByRole('rowheader', { name: 'country' }).waitFor();
      await page.getByRole('cell', { name: 'job.cancelled' }).waitFor();
      await screenshot(page, 'job-cancelled');

      assert.equal(cancels.length, 1, `cancel requests: ${cancels.length}`);
      const job = await api(server.base, `/api/jobs/${id}`);
      assert.equal(job.body.status, 'cancelled');
      assert.equal(job.body.cancellation.reason, 'user_requested');
      assert.equal(job.body.cancellation.message, 'wrong file');
      assert.equal(await progress.getAttribute('aria-valuenow') !== null, true);
      assert.deepEqual(problems, []);
    });
  });

  test('a cancel the server refuses (409) shows "Cannot cancel job" with its words for five seconds', async () => {
    const small = join(server.data, 'small.csv');
    await import('node:fs').then((fs) => fs.writeFileSync(small, 'a,b\n1,2\n'));
    const submitted = await api(server.base, '/api/jobs', { method: 'POST', body: JSON.stringify({ type: 'csv.analyze', input: { paths: [small] } }) });
    const id = submitted.body.id;
    for (let i = 0; i < 100 && (await api(server.base, `/api/jobs/${id}`)).body.status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 100));
    await withPage(browser, 'about:blank', 'cancel-refused', async ({ page, context }) => {
      // The page is shown the job as still running (as a page opened a moment earlier would have it); the cancel
      // itself goes to the real server, which has finished the job.
      await page.route(`**/api/jobs/${id}`, async (route) => {
        const response = await route.fetch();
        const job = await response.json();
        await route.fulfill({ response, json: { ...job, status: 'running', finishedAt: null, result: null } });
      });
      await page.route(`**/api/jobs/${id}/events`, (route) => route.abort());
      await page.goto(`${server.base}/#/jobs/${id}`);
      await page.getByRole('button', { name: 'Cancel' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Cannot cancel job' });
      await refusal.waitFor();
      await page.getByText('Job already completed: there is nothing left to cancel.').waitFor();
      await screenshot(page, 'job-cancel-refused');
      await refusal.waitFor({ state: 'detached', timeout: 8_000 });
    });
  });

  test('the list shows jobs with status, progress and filters', async () => {
    await withPage(browser, `${server.base}/#/jobs`, 'jobs-list', async ({ page, context, problems }) => {
      await page.locator('tr[data-status=cancelled]').first().waitFor();
      await page.locator('tr[data-status=completed]').first().waitFor();
      await page.getByLabel('Status').selectOption('cancelled');
      await page.waitForFunction(() => [...document.querySelectorAll('tbody tr[data-status]')].every((row) => row.getAttribute('data-status') === 'cancelled'));
      assert.ok(await page.locator('tr[data-status=cancelled]').count() >= 1);
      await page.getByLabel('Status').selectOption('');
      await screenshot(page, 'jobs-list');
      assert.deepEqual(problems, []);
    });
  });

  test('a bad path gets the server\'s words on the form, and nothing is submitted', async () => {
    await withPage(browser, `${server.base}/#/jobs`, 'bad-path', async ({ page, context }) => {
      const before = (await api(server.base, '/api/jobs')).body.total;
      await page.getByLabel('CSV files to analyze').fill(' ');
      await page.getByRole('button', { name: 'Analyze CSV' }).click();
      await page.getByRole('alert').filter({ hasText: 'paths' }).waitFor();
      assert.equal((await api(server.base, '/api/jobs')).body.total, before);
    });
  });
});

describe('a server that goes away', () => {
  test('the header says "Disconnected" while it is gone and "● Connected" once it is back', async () => {
    let server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page } = await openPage(browser, server.base);
      await page.getByRole('status').filter({ hasText: '● Connected' }).waitFor();
      await server.stop();
      await page.getByRole('status').filter({ hasText: 'Disconnected' }).waitFor(generous);
      await screenshot(page, 'disconnected');
      server = await startServer({ port: server.port, dataDirectory: server.data });
      await page.getByRole('status').filter({ hasText: '● Connected' }).waitFor(generous);
    } finally {
      await browser.close();
      await server.stop();
      removeData(server);
    }
  });
});

describe('a server with API keys', () => {
  test('the page asks for a key, says when it is refused, and works with a good one', async () => {
    const server = await startServer({ environment: { QUELL_API_KEYS: 'k3y-for-alice=alice' } });
    const browser = await launchBrowser();
    try {
      const { page } = await openPage(browser, server.base);
      await page.getByRole('heading', { name: 'API key required' }).waitFor();
      await page.getByLabel('API key', { exact: true }).fill('not-the-key');
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.getByText('The server refused this API key.').waitFor();
      await screenshot(page, 'api-key-refused');
      await page.getByLabel('API key', { exact: true }).fill('k3y-for-alice');
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.getByRole('cell', { name: /No jobs yet/ }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'API key required' }).isVisible(), false);
    } finally {
      await browser.close();
      await server.stop();
      removeData(server);
    }
  });
});
