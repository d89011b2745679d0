// Lean run storage (migration 1764150014500-LeanRuns): the same N runs stored twice in one fresh database
// on the server of DATABASE_URL, and compared:
//   - as the service stores them now: `runs` (estimate_packed: release texts as references to run_texts; json,
//     lz4-compressed where the server has lz4),
//   - in the previous format: `runs_before`, the previous schema of runs (whole estimate jsonb, the
//     dropped runs_job_idx, full unique constraints) with the same rollup trigger,
// printing the COPY rate into each, the estimate's and the row's pg_column_size, and the table size
// (heap + TOAST + indexes) per 100k runs.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/runs-storage.bench.mjs
// Options: RUNS_STORAGE_BENCH_ROWS (default 100000).
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { ROOT, fmt, startService } from './lib.mjs';
import { copyRuns, createDatabase, runTemplates } from './runs-lib.mjs';

if (!process.env.DATABASE_URL) {
  console.error('bench/runs-storage.bench.mjs needs a PostgreSQL server: set DATABASE_URL (COPY FROM STDIN).');
  process.exit(2);
}
const ROWS = Number(process.env.RUNS_STORAGE_BENCH_ROWS ?? 100_000);
const ADMIN = `bench-admin-${Date.now()}-0123456789abcdef`;

const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const db = await createDatabase(process.env.DATABASE_URL);
const service = await startService({
  DATABASE_URL: db.url,
  BOOTSTRAP_ADMIN_KEY: ADMIN,
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: 'error',
});
// Stopped once: a second stop() would wait for an exit that already happened (and the database would stay).
let stopping = null;
const stopService = () => (stopping ??= service.stop());
const c = new pg.Client({ connectionString: db.url });
await c.connect();
try {
  const templates = runTemplates(); // as in bench/runs.bench.mjs, estimated by the service itself
  const res = await fetch(`${service.url}/v1/estimates/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items: templates.map((t) => t.request) }),
  });
  const batch = await res.json();
  batch.results.forEach((r, i) => {
    if (!r.ok) throw new Error(`template ${i}: ${JSON.stringify(r.error)}`);
    templates[i].estimate = r.estimate;
  });
  await stopService();

  // The previous format: runs as migration 1764150013000 left it.
  await c.query(`CREATE TABLE runs_before (LIKE runs INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)`);
  await c.query(`ALTER TABLE runs_before RENAME COLUMN estimate_packed TO estimate`);
  // LeanRuns' format was jsonb (migration 1764150018000 made the packed column json, lz4 where the server has it)
  await c.query(`ALTER TABLE runs_before ALTER COLUMN estimate TYPE jsonb USING estimate::jsonb`);
  await c.query(
    `ALTER TABLE runs_before ADD PRIMARY KEY (id), ADD UNIQUE (tenant, idempotency_key), ADD UNIQUE (job_id, source_row)`,
  );
  for (const ddl of [
    `(tenant, created_at DESC, id DESC)`,
    `(tenant, project, created_at DESC, id DESC)`,
    `(tenant, team, created_at DESC, id DESC)`,
    `(tenant, model, created_at DESC, id DESC)`,
    `USING gin (tags)`,
    `(tenant, reported_at) INCLUDE (report_month, project, team, model, zone, hardware_id, accelerator_hours, energy_kwh, co2e_kg, operational_co2e_kg, embodied_co2e_kg, water_l)`,
    `(job_id) WHERE job_id IS NOT NULL`,
  ])
    await c.query(`CREATE INDEX ON runs_before ${ddl}`);
  await c.query(
    `CREATE TRIGGER runs_before_rollup_insert AFTER INSERT ON runs_before REFERENCING NEW TABLE AS new_runs FOR EACH STATEMENT EXECUTE FUNCTION runs_rollup_apply()`,
  );

  const time = async (f) => {
    const t0 = performance.now();
    await f();
    return (performance.now() - t0) / 1000;
  };
  const before = await time(() =>
    copyRuns(db.url, { tenant: 'before', count: ROWS, templates, table: 'runs_before', estimateColumn: 'estimate' }),
  );
  const after = await time(() => copyRuns(db.url, { tenant: 'after', count: ROWS, templates }));

  const size = async (table, column) =>
    (
      await c.query(
        `SELECT avg(pg_column_size(${column}))::float8 AS estimate, avg(pg_column_size(t.*))::float8 AS row_bytes,
           pg_total_relation_size('${table}')::float8 AS total, pg_relation_size('${table}')::float8 AS heap,
           pg_indexes_size('${table}')::float8 AS indexes, count(*)::int AS n FROM ${table} t`,
      )
    ).rows[0];
  const b = await size('runs_before', 'estimate');
  const a = await size('runs', 'estimate_packed');
  const texts = (await c.query(`SELECT count(*)::int AS n, pg_total_relation_size('run_texts')::float8 AS bytes FROM run_texts`))
    .rows[0];
  const json = (await c.query(`SELECT avg(octet_length(estimate::text))::float8 AS b FROM runs_before`)).rows[0].b;
  const jsonPacked = (await c.query(`SELECT avg(octet_length(estimate_packed::text))::float8 AS b FROM runs`)).rows[0].b;
  const mb = (x, n) => fmt(((x / n) * 100_000) / 1e6, 1);
  console.log(`\n${ROWS} runs, the same rows in both formats (database ${db.name})`);
  console.log(`${''.padEnd(40)} ${'before'.padStart(12)} ${'after'.padStart(12)}`);
  const line = (label, x, y) => console.log(`${label.padEnd(40)} ${String(x).padStart(12)} ${String(y).padStart(12)}`);
  line('COPY rows/s (with the rollup trigger)', fmt(ROWS / before, 0), fmt(ROWS / after, 0));
  line('estimate JSON text, bytes per run', fmt(json, 0), fmt(jsonPacked, 0));
  line('pg_column_size(estimate), bytes', fmt(b.estimate, 0), fmt(a.estimate, 0));
  line('pg_column_size(row), bytes', fmt(b.row_bytes, 0), fmt(a.row_bytes, 0));
  line('heap + TOAST + indexes per 100k runs, MB', mb(b.total, b.n), mb(a.total, a.n));
  line('  of which indexes per 100k runs, MB', mb(b.indexes, b.n), mb(a.indexes, a.n));
  console.log(`run_texts: ${texts.n} texts, ${fmt(texts.bytes / 1e3, 0)} kB in all (shared by every run)`);
} finally {
  await c.end();
  await stopService().catch(() => undefined);
  await db.drop();
}
