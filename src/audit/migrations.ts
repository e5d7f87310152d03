import type { Database } from './database.js';

/**
 * The audit store's schema, as numbered migrations applied in order at start, the same on PGlite
 * and PostgreSQL. Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: 'hash-chained audit records, webhook deliveries, outbox, tracking issues',
    sql: `
      CREATE TABLE audit_records (
        seq bigint PRIMARY KEY,
        kind text NOT NULL,
        recorded_at timestamptz NOT NULL,
        repository text NOT NULL,
        pull_request integer,
        delivery_id text,
        body text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      );
      CREATE INDEX audit_records_by_pull_request ON audit_records (repository, pull_request, kind);
      CREATE INDEX audit_records_by_time ON audit_records (recorded_at);
      CREATE INDEX audit_records_by_delivery ON audit_records (delivery_id) WHERE delivery_id IS NOT NULL;

      CREATE TABLE webhook_deliveries (
        delivery_id text PRIMARY KEY,
        event text NOT NULL,
        state text NOT NULL CHECK (state IN ('processing', 'done')),
        lease_until timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        finished_at timestamptz
      );

      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        delivery_id text,
        repository text NOT NULL,
        pull_request integer,
        decision_seq bigint NOT NULL,
        action text NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL,
        done_at timestamptz,
        result text
      );
      CREATE INDEX outbox_pending ON outbox (repository, pull_request) WHERE done_at IS NULL;

      CREATE TABLE tracking_issues (
        repository text PRIMARY KEY,
        issue_number integer NOT NULL
      );
    `,
  },
  {
    version: 2,
    description:
      'side effects once (effect keys, attempts), failure reports, tracked check runs, exception log issue creation',
    sql: `
      ALTER TABLE outbox ALTER COLUMN decision_seq DROP NOT NULL;
      ALTER TABLE outbox ADD COLUMN effect_key text;
      ALTER TABLE outbox ADD COLUMN installation_id bigint;
      ALTER TABLE outbox ADD COLUMN check_run_id bigint;
      ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN first_attempt_at timestamptz;
      CREATE UNIQUE INDEX outbox_by_effect ON outbox (repository, effect_key) WHERE effect_key IS NOT NULL;
      CREATE INDEX outbox_completing ON outbox (check_run_id) WHERE done_at IS NULL AND check_run_id IS NOT NULL;

      ALTER TABLE tracking_issues ALTER COLUMN issue_number DROP NOT NULL;
      ALTER TABLE tracking_issues ADD COLUMN create_started_at timestamptz;

      CREATE TABLE check_runs (
        id bigserial PRIMARY KEY,
        run_id bigint UNIQUE,
        repository text NOT NULL,
        repository_url text NOT NULL,
        pull_request integer NOT NULL,
        head_sha text NOT NULL,
        name text NOT NULL,
        installation_id bigint,
        started_at timestamptz NOT NULL,
        completed_at timestamptz,
        conclusion text
      );
      CREATE INDEX check_runs_open ON check_runs (repository, pull_request) WHERE completed_at IS NULL;
      CREATE INDEX check_runs_open_by_age ON check_runs (started_at) WHERE completed_at IS NULL;
    `,
  },
  {
    version: 3,
    description: 'durable retries, process heartbeats, resumable deliveries',
    sql: `
      ALTER TABLE webhook_deliveries ADD COLUMN owner text;
      ALTER TABLE webhook_deliveries ADD COLUMN job text;
      CREATE INDEX webhook_deliveries_processing ON webhook_deliveries (owner) WHERE state = 'processing';

      CREATE TABLE app_instances (
        instance_id text PRIMARY KEY,
        started_at timestamptz NOT NULL,
        heartbeat_at timestamptz NOT NULL
      );

      CREATE TABLE evaluation_retries (
        repository text NOT NULL,
        pull_request integer NOT NULL,
        installation_id bigint NOT NULL,
        repository_url text NOT NULL,
        delivery_id text,
        break_glass text,
        check_target text,
        attempt integer NOT NULL,
        first_failed_at timestamptz NOT NULL,
        next_at timestamptz NOT NULL,
        last_error text NOT NULL,
        owner text,
        lease_until timestamptz,
        PRIMARY KEY (repository, pull_request)
      );
      CREATE INDEX evaluation_retries_due ON evaluation_retries (next_at);
    `,
  },
  {
    version: 4,
    description: "a repository's records of a kind, newest first (the execution gate's lookups)",
    sql: `
      CREATE INDEX audit_records_by_kind ON audit_records (repository, kind, seq);
    `,
  },
  {
    version: 5,
    description: "the auditors' console: columns derived from each record's content, and indexes to filter by them",
    // Generated from the hashed body, so they can never disagree with it, and nothing that appends
    // has to fill them. Each reads the body once (by kind): the parse is most of an insert's cost.
    // Actors are lower-cased: GitHub logins are case-insensitive.
    sql: `
      ALTER TABLE audit_records ADD COLUMN head_sha text
        GENERATED ALWAYS AS (CASE WHEN kind IN ('execution', 'push', 'break-glass-request')
          THEN body::jsonb #>> '{data,sha}' ELSE body::jsonb #>> '{data,headSha}' END) STORED;
      ALTER TABLE audit_records ADD COLUMN tier text
        GENERATED ALWAYS AS (CASE kind WHEN 'execution'
          THEN body::jsonb #>> '{data,decision,tier}' ELSE body::jsonb #>> '{data,tier}' END) STORED;
      ALTER TABLE audit_records ADD COLUMN conclusion text
        GENERATED ALWAYS AS (CASE kind WHEN 'execution'
          THEN body::jsonb #>> '{data,outcome}' ELSE body::jsonb #>> '{data,conclusion}' END) STORED;
      ALTER TABLE audit_records ADD COLUMN actors jsonb
        GENERATED ALWAYS AS (lower((CASE kind
          WHEN 'decision' THEN jsonb_path_query_array(body::jsonb,
            '$.data.approvals.counted[*].login') || jsonb_path_query_array(body::jsonb, '$.data.breakGlass.by')
            || jsonb_path_query_array(body::jsonb, '$.data.exception.usedBy')
          WHEN 'exception' THEN jsonb_path_query_array(body::jsonb, '$.data.usedBy')
          WHEN 'break-glass' THEN jsonb_path_query_array(body::jsonb, '$.data.by')
          WHEN 'blocked-attempt' THEN jsonb_path_query_array(body::jsonb, '$.data.login')
          WHEN 'execution' THEN jsonb_path_query_array(body::jsonb, '$.data.executors[*].login')
          ELSE '[]'::jsonb END)::text)::jsonb) STORED;
      CREATE INDEX audit_records_by_kind_seq ON audit_records (kind, seq);
      CREATE INDEX audit_records_by_repository_seq ON audit_records (lower(repository), seq);
      CREATE INDEX audit_records_by_head_sha ON audit_records (head_sha, seq) WHERE head_sha IS NOT NULL;
      CREATE INDEX outbox_follow_up_issues ON outbox (decision_seq) WHERE action = 'follow-up-issue';
    `,
  },
  {
    version: 6,
    description: "the console's derived columns filled by the app as it appends, not re-parsed from the body",
    // Each generated column parsed the body again: up to six parses a record made an insert about
    // four times as slow. The app has the record in hand (derivedColumns.ts computes the same
    // values). DROP EXPRESSION keeps every stored value and index: no rewrite, no backfill.
    sql: `
      ALTER TABLE audit_records ALTER COLUMN head_sha DROP EXPRESSION;
      ALTER TABLE audit_records ALTER COLUMN tier DROP EXPRESSION;
      ALTER TABLE audit_records ALTER COLUMN conclusion DROP EXPRESSION;
      ALTER TABLE audit_records ALTER COLUMN actors DROP EXPRESSION;
      ALTER TABLE audit_records ALTER COLUMN actors SET DEFAULT '[]'::jsonb;
    `,
  },
];

/** Applies the migrations not applied yet, one process at a time (a transaction-scoped advisory lock). */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(20345, 1)');
    await sql.query(
      'CREATE TABLE IF NOT EXISTS four_eyes_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set(
      (await sql.query<{ version: number }>('SELECT version FROM four_eyes_migrations')).map((row) =>
        Number(row.version),
      ),
    );
    const newest = Math.max(0, ...applied);
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    if (newest > known)
      throw new Error(
        `the audit store has schema version ${newest}, newer than this Four Eyes knows (${known}); upgrade Four Eyes`,
      );
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.sql
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean))
        await sql.query(statement);
      await sql.query('INSERT INTO four_eyes_migrations (version, description) VALUES ($1, $2)', [
        migration.version,
        migration.description,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
