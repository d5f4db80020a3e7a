namespace Quell.Storage.Sqlite.Schema;

/// <summary>
/// The schema, as an ordered list of steps. Step <c>n</c> (1-based) brings <c>PRAGMA user_version</c> from
/// <c>n - 1</c> to <c>n</c>. Never edit a released step: append a new one.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        // 1: jobs, dependencies, events.
        """
        CREATE TABLE jobs (
            created_seq      INTEGER PRIMARY KEY,  -- rowid: insertion order, so FIFO claims read the table in order
            id               TEXT    NOT NULL UNIQUE,
            type             TEXT    NOT NULL,
            owner            TEXT    NOT NULL,
            status           TEXT    NOT NULL,
            input            TEXT,
            progress         TEXT,
            cancellation     TEXT,
            result           TEXT,
            error            TEXT,
            partial_results  TEXT,
            timeout_seconds  INTEGER,
            depends_on       TEXT,                 -- JSON copy of job_dependencies, so a job reads in one row
            attempt          INTEGER NOT NULL DEFAULT 0,
            lease_owner      TEXT,
            lease_expires_at INTEGER,
            created_at       INTEGER NOT NULL,
            started_at       INTEGER,
            finished_at      INTEGER
        );
        CREATE INDEX ix_jobs_pending ON jobs (created_seq) WHERE status = 'pending';
        CREATE INDEX ix_jobs_lease ON jobs (lease_expires_at) WHERE lease_expires_at IS NOT NULL;
        CREATE INDEX ix_jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
        CREATE INDEX ix_jobs_owner ON jobs (owner, created_seq);

        CREATE TABLE job_dependencies (
            job_id     TEXT NOT NULL,
            depends_on TEXT NOT NULL,
            PRIMARY KEY (job_id, depends_on)
        ) WITHOUT ROWID;
        CREATE INDEX ix_job_dependencies_depends_on ON job_dependencies (depends_on);

        CREATE TABLE events (
            seq    INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT until step 3: a purged tail is never reused
            job_id TEXT    NOT NULL,
            type   TEXT    NOT NULL,
            time   INTEGER NOT NULL,
            data   TEXT    NOT NULL
        );
        CREATE INDEX ix_events_job ON events (job_id, seq);
        """,

        // 2: the job a job works for (workflow elements under their run).
        """
        ALTER TABLE jobs ADD COLUMN parent_id TEXT;
        CREATE INDEX ix_jobs_parent ON jobs (parent_id) WHERE parent_id IS NOT NULL;
        """,

        // 3: events without AUTOINCREMENT, which made every commit rewrite sqlite_sequence (a page more in the WAL
        // per batch) and every insert look it up. Its one promise, that sequence numbers of a purged tail are never
        // reused, is kept by events_high_water, which the purge writes. Copies the events once.
        """
        CREATE TABLE store_meta (
            key   TEXT    PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO store_meta (key, value) SELECT 'events_high_water', seq FROM sqlite_sequence WHERE name = 'events';

        CREATE TABLE events_v3 (
            seq    INTEGER PRIMARY KEY,
            job_id TEXT    NOT NULL,
            type   TEXT    NOT NULL,
            time   INTEGER NOT NULL,
            data   TEXT    NOT NULL
        );
        INSERT INTO events_v3 (seq, job_id, type, time, data) SELECT seq, job_id, type, time, data FROM events;
        DROP TABLE events;
        ALTER TABLE events_v3 RENAME TO events;
        CREATE INDEX ix_events_job ON events (job_id, seq);
        """,
    ];
}
