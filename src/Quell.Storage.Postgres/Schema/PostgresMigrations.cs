namespace Quell.Storage.Postgres.Schema;

/// <summary>
/// The schema, as an ordered list of steps. Step <c>n</c> (1-based) is recorded as version <c>n</c> in
/// <c>schema_migrations</c>. Statements are unqualified: every connection's search path is the store's schema.
/// Never edit a released step: append a new one.
/// </summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        // 1: jobs, dependencies, events and the head of the event log.
        """
        CREATE TABLE jobs (
            created_seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion order: FIFO claims, newest-first lists
            id               text        NOT NULL UNIQUE,
            type             text        NOT NULL,
            owner            text        NOT NULL,
            status           text        NOT NULL,
            input            json,
            progress         json,
            cancellation     json,
            result           json,
            error            text,
            partial_results  json,
            timeout_seconds  integer,
            depends_on       json,                   -- copy of job_dependencies, so a job reads in one row
            attempt          integer     NOT NULL DEFAULT 0,
            lease_owner      text,
            lease_expires_at timestamptz,
            created_at       timestamptz NOT NULL,
            started_at       timestamptz,
            finished_at      timestamptz,
            parent_id        text
        );
        CREATE INDEX ix_jobs_pending ON jobs (type, created_seq) WHERE status = 'pending';
        CREATE INDEX ix_jobs_lease ON jobs (lease_expires_at) WHERE lease_expires_at IS NOT NULL;
        CREATE INDEX ix_jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
        CREATE INDEX ix_jobs_owner ON jobs (owner, created_seq);
        CREATE INDEX ix_jobs_parent ON jobs (parent_id) WHERE parent_id IS NOT NULL;

        CREATE TABLE job_dependencies (
            job_id     text NOT NULL,
            depends_on text NOT NULL,
            PRIMARY KEY (job_id, depends_on)
        );
        CREATE INDEX ix_job_dependencies_depends_on ON job_dependencies (depends_on);

        CREATE TABLE events (
            seq    bigint      PRIMARY KEY,  -- assigned by the writer under the event_log_head row lock
            job_id text        NOT NULL,
            type   text        NOT NULL,
            time   timestamptz NOT NULL,
            data   json        NOT NULL
        );
        CREATE INDEX ix_events_job ON events (job_id, seq);

        -- One row: the last sequence number handed out. Every write transaction locks it first, so transactions of
        -- all nodes commit one after another and sequence numbers become visible in order, without gaps from
        -- transactions still in flight: a reader that saw seq n has seen everything before it.
        CREATE TABLE event_log_head (
            id       boolean PRIMARY KEY DEFAULT true CHECK (id),
            last_seq bigint  NOT NULL
        );
        INSERT INTO event_log_head (id, last_seq) VALUES (true, 0);
        """,

        // 2: pending jobs in queue order whatever their type. A node claims for all the types of a pool at once
        // (type = ANY(...)), which ix_jobs_pending (type first) cannot hand out in created_seq order: every claim
        // then read and sorted the whole backlog (9 ms per claim at 10,000 pending). Partial, so a job has an
        // entry only while it is pending.
        """
        CREATE INDEX ix_jobs_pending_order ON jobs (created_seq) WHERE status = 'pending';
        """,
    ];
}
