#!/usr/bin/env python3
"""What SQLite alone costs per no-op job, with no runtime around it: the floor under Quell's single writer.

Builds Quell's schema (read from src/Quell.Storage.Sqlite/Schema/SqliteMigrations.cs, so it stays the real one) in
a fresh WAL file with the writer's pragmas, then drives the writer's statements from a bare loop:

  submit  jobs inserted in transactions of --submit-batch, each with its job.created event row
  run     per transaction: one claim of --claim jobs (select of the oldest pending, update of that range, a
          job.started row each), then the finish of each (select by id, update by rowid, a job.completed row)

Python adds its own cost per statement; the script measures it (a loop of `SELECT ?`) and reports the time both
with and without it. With --pages it then checkpoints, runs 20 more run transactions and tells which B-tree each
WAL frame they wrote belongs to (SQLite's dbstat): the pages a commit costs.
usage: bench/profile/sqlite-floor.py [--jobs N] [--claim B] [--submit-batch S] [--pages]
"""
import argparse, collections, json, os, pathlib, re, sqlite3, struct, tempfile, time, uuid

ROOT = pathlib.Path(__file__).resolve().parents[2]
TERMINAL = "('cancelled', 'completed', 'failed')"
COLUMNS = ("id, type, owner, status, input, progress, cancellation, result, error, timeout_seconds, depends_on, "
           "attempt, created_at, started_at, finished_at, parent_id")

# The statements of ClaimJobsOperation, FinishJobOperation, JobInsert and WriteContext.FlushEvents.
INSERT_JOB = ("INSERT OR IGNORE INTO jobs (id, type, owner, status, input, timeout_seconds, depends_on, attempt, "
              "created_at, parent_id) VALUES (?, ?, ?, 'pending', ?, NULL, NULL, 0, ?, NULL)")
INSERT_EVENT = "INSERT INTO events (seq, job_id, type, time, data) VALUES (?, ?, ?, ?, ?)"
SELECT_OLDEST = f"""
    SELECT {COLUMNS}, j.created_seq FROM jobs AS j
    WHERE j.status = 'pending' AND j.type IN (SELECT value FROM json_each(?))
      AND (j.depends_on IS NULL OR NOT EXISTS (
          SELECT 1 FROM job_dependencies AS d LEFT JOIN jobs AS p ON p.id = d.depends_on
          WHERE d.job_id = j.id AND p.status <> 'completed'))
    ORDER BY j.created_seq LIMIT ?"""
MARK_CLAIMED = ("UPDATE jobs SET status = 'running', attempt = attempt + 1, started_at = COALESCE(started_at, ?), "
                "lease_owner = ?, lease_expires_at = ? WHERE created_seq BETWEEN ? AND ?")
SELECT_UNFINISHED = f"SELECT created_seq, cancellation FROM jobs WHERE id = ? AND status NOT IN {TERMINAL}"
FINISH = ("UPDATE jobs SET status = ?, finished_at = ?, result = ?, error = ?, "
          "partial_results = COALESCE(?, partial_results), progress = COALESCE(?, progress), "
          "lease_owner = NULL, lease_expires_at = NULL WHERE created_seq = ?")


def schema():
    source = (ROOT / "src/Quell.Storage.Sqlite/Schema/SqliteMigrations.cs").read_text()
    return [step for step in re.findall(r'"""\n(.*?)"""', source, re.S)]


def open_store(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript("""
        PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;
        PRAGMA cache_size = -4096; PRAGMA wal_autocheckpoint = 20000;""")
    for step in schema():
        db.executescript("BEGIN;" + step + ";COMMIT;")
    return db


def python_cost_per_statement(db, n=50000):
    start = time.perf_counter()
    for i in range(n):
        db.execute("SELECT ?", (i,)).fetchall()
    return (time.perf_counter() - start) / n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=50000)
    parser.add_argument("--claim", type=int, default=16, help="jobs per claim, one claim per transaction")
    parser.add_argument("--submit-batch", type=int, default=100)
    parser.add_argument("--pages", action="store_true", help="then the WAL frames of 20 run transactions, by B-tree")
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="quell-floor.")
    path = os.path.join(directory, "quell.db")
    db = open_store(path)
    per_statement = python_cost_per_statement(db)
    node, now, seq, statements = "bench-node", 1_765_000_000_000, 0, {"submit": 0, "run": 0}
    ids = [uuid.uuid7().hex if hasattr(uuid, "uuid7") else f"{i:016x}{uuid.uuid4().hex[:16]}" for i in range(args.jobs)]
    input_json = json.dumps({"n": 1})
    created = json.dumps({"type": "bench.noop", "owner": "local", "input": {"n": 1}, "dependsOn": []})

    start = time.perf_counter()
    for first in range(0, args.jobs, args.submit_batch):
        chunk = ids[first:first + args.submit_batch]
        db.execute("BEGIN IMMEDIATE")
        for job_id in chunk:
            db.execute(INSERT_JOB, (job_id, "bench.noop", "local", input_json, now))
        rows = [(seq + k + 1, job_id, "job.created", now, created) for k, job_id in enumerate(chunk)]
        seq += len(chunk)
        db.executemany(INSERT_EVENT, rows)
        db.execute("COMMIT")
        statements["submit"] += 2 * len(chunk) + 3
    submit = time.perf_counter() - start

    started = json.dumps({"attempt": 1, "nodeId": node})
    completed = json.dumps({"result": 0})

    def run_transaction():
        nonlocal seq
        db.execute("BEGIN IMMEDIATE")
        claimed = db.execute(SELECT_OLDEST, ('["bench.noop"]', args.claim)).fetchall()
        if not claimed:
            db.execute("COMMIT")
            return 0
        db.execute(MARK_CLAIMED, (now, node, now + 30000, claimed[0][-1], claimed[-1][-1]))
        db.executemany(INSERT_EVENT, [(seq + k + 1, row[0], "job.started", now, started) for k, row in enumerate(claimed)])
        seq += len(claimed)
        for row in claimed:
            rowid, _ = db.execute(SELECT_UNFINISHED, (row[0],)).fetchone()
            db.execute(FINISH, ("completed", now, "0", None, None, None, rowid))
        db.executemany(INSERT_EVENT, [(seq + k + 1, row[0], "job.completed", now, completed) for k, row in enumerate(claimed)])
        seq += len(claimed)
        db.execute("COMMIT")
        statements["run"] += 4 * len(claimed) + 5
        return len(claimed)

    pages_jobs = args.claim * 20 if args.pages else 0
    start, transactions, ran = time.perf_counter(), 0, 0
    while ran < args.jobs - pages_jobs and (claimed := run_transaction()):
        transactions += 1
        ran += claimed
    run = time.perf_counter() - start

    def report(name, seconds, jobs):
        us = seconds / jobs * 1e6
        bare = (seconds - statements[name] * per_statement) / jobs * 1e6
        print(f"{name:7s} {us:6.1f} µs/job ({jobs / seconds:8,.0f} jobs/s); "
              f"less Python's {per_statement * 1e6:.2f} µs a statement: {bare:6.1f} µs/job")
        return bare
    print(f"sqlite {sqlite3.sqlite_version}, {args.jobs:,} jobs, claims of {args.claim}, submits of {args.submit_batch}, "
          f"{transactions:,} run transactions")
    floor = report("submit", submit, args.jobs) + report("run", run, ran)
    print(f"end to end, one writer at 100 % of a core and nothing else: {floor:.1f} µs/job, "
          f"at most {1e6 / floor:,.0f} jobs/s")
    if args.pages:
        print_pages(db, path, run_transaction)


def print_pages(db, path, run_transaction, transactions=20):
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for _ in range(transactions):
        run_transaction()
    owner = dict((page, name) for name, page in db.execute("SELECT name, pageno FROM dbstat"))
    wal = pathlib.Path(path + "-wal").read_bytes()
    page_size = struct.unpack(">I", wal[8:12])[0]
    frames, commits, offset = collections.Counter(), 0, 32
    while offset + 24 <= len(wal):
        page, commit = struct.unpack(">II", wal[offset:offset + 8])
        frames[owner.get(page, "(freed)")] += 1
        commits += 1 if commit else 0
        offset += 24 + page_size
    total = sum(frames.values())
    print(f"WAL frames of {commits} run transactions: {total / commits:.1f} per commit")
    for name, count in frames.most_common():
        print(f"  {count / commits:5.1f}  {name}")


if __name__ == "__main__":
    main()
