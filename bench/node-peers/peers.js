// The npm peers of Quell's PostgreSQL bench: N no-op jobs end to end on pg-boss and on graphile-worker, each in a
// fresh schema of the same database, submitted one by one from `submitters` concurrent callers and run by `workers`
// concurrent workers. Prints one JSON line per peer; `Quell.Bench pg-throughput` runs this as a child process.
//
//   node peers.js --connection postgres://user@127.0.0.1:5432/db --jobs 20000 --workers 16 --submitters 32 [--peer pg-boss|graphile-worker]
'use strict';
const { Client } = require('pg');
const PgBoss = require('pg-boss');
const { run, makeWorkerUtils, Logger } = require('graphile-worker');

// graphile-worker logs every job at INFO: that would measure the terminal, not the queue.
const quiet = new Logger(() => () => {});

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const connectionString = arg('--connection', process.env.QUELL_BENCH_PG_URL);
const jobs = Number(arg('--jobs', '20000'));
const workers = Number(arg('--workers', '16'));
const submitters = Number(arg('--submitters', '32'));
const only = arg('--peer', '');
const bossBatch = Number(arg('--boss-batch', '100'));
const warmup = Math.min(2000, jobs);

const now = () => Number(process.hrtime.bigint()) / 1e9;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function sql(text, params) {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

// Calls `submit(i)` for i in 0..count-1 from `submitters` concurrent loops.
async function submitAll(count, submit) {
  let next = 0;
  const loops = [];
  for (let s = 0; s < submitters; s++) {
    loops.push((async () => {
      for (let i = next++; i < count; i = next++) await submit(i);
    })());
  }
  await Promise.all(loops);
}

async function waitUntil(condition, what, timeoutSeconds = 600) {
  const deadline = now() + timeoutSeconds;
  while (!(await condition())) {
    if (now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function measure(count, submit, allDone) {
  const cpu = process.cpuUsage();
  const start = now();
  await submitAll(count, submit);
  const submitted = now();
  await allDone();
  const end = now();
  const used = process.cpuUsage(cpu);
  return {
    jobs: count,
    submitSeconds: submitted - start,
    totalSeconds: end - start,
    jobsPerSecond: count / (end - start),
    cpuMicrosecondsPerJob: (used.user + used.system) / count,
  };
}

// pg-boss 10: `workers` work() loops, each fetching up to `bossBatch` jobs: a loop waits its polling interval
// (0.5 s, pg-boss's minimum) after every fetch, so one job per fetch would cap it at 2 jobs/s per loop. A job is
// done when its row is 'completed'.
async function pgBoss() {
  const schema = `bench_pgboss_${process.pid}`;
  const boss = new PgBoss({ connectionString, schema, max: workers + submitters + 4, supervise: false, schedule: false });
  boss.on('error', (e) => console.error('pg-boss:', e.message));
  await boss.start();
  const queue = 'noop';
  await boss.createQueue(queue);
  for (let w = 0; w < workers; w++) {
    await boss.work(queue, { batchSize: bossBatch, pollingIntervalSeconds: 0.5 }, async () => {});
  }
  const completed = async () =>
    Number((await sql(`SELECT count(*) AS n FROM ${schema}.job WHERE name = $1 AND state = 'completed'`, [queue]))[0].n);
  let target = 0;
  const round = async (count) => {
    target += count;
    return measure(count, () => boss.send(queue, {}), () => waitUntil(async () => (await completed()) >= target, 'pg-boss jobs'));
  };
  await round(warmup);
  const result = await round(jobs);
  await boss.stop({ graceful: false, wait: true });
  await sql(`DROP SCHEMA ${schema} CASCADE`);
  return result;
}

// graphile-worker 0.17: one runner with `workers` concurrency; completed jobs are deleted, so a run is done when
// the handler ran for every job and no job row is left.
async function graphileWorker() {
  const schema = `bench_graphile_${process.pid}`;
  let ran = 0;
  const options = { connectionString, schema, concurrency: workers, noHandleSignals: true, pollInterval: 500, maxPoolSize: workers + 4, logger: quiet };
  const runner = await run({ ...options, taskList: { noop: async () => { ran++; } } });
  const utils = await makeWorkerUtils({ connectionString, schema, logger: quiet });
  const left = async () => Number((await sql(`SELECT count(*) AS n FROM ${schema}.jobs`))[0].n);
  let target = 0;
  const round = async (count) => {
    target += count;
    return measure(count, () => utils.addJob('noop', {}),
      () => waitUntil(async () => ran >= target && (await left()) === 0, 'graphile-worker jobs'));
  };
  await round(warmup);
  const result = await round(jobs);
  await runner.stop();
  await utils.release();
  await sql(`DROP SCHEMA ${schema} CASCADE`);
  return result;
}

(async () => {
  if (!connectionString) throw new Error('--connection postgres://… is required');
  const peers = { 'pg-boss': pgBoss, 'graphile-worker': graphileWorker };
  for (const [name, bench] of Object.entries(peers)) {
    if (only && only !== name) continue;
    const result = await bench();
    console.log(JSON.stringify({ peer: name, ...result }));
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
