// Runs at scale: seeds 10,000 and 1,000,000 runs (two tenants of one fresh database on the server
// named by DATABASE_URL) with COPY, then times through the HTTP API of the real service:
//   - GET /v1/reports/emissions?groupBy=team,month (all time, and a range with partial edge months)
//   - GET /v1/runs?team=...&limit=50 (a filtered list page: first page and a page 20 deep)
// and prints medians and the 1M/10k growth factors against the targets (report <= 20x, list <= 2x).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/runs.bench.mjs
// Options: RUNS_BENCH_LARGE (default 1000000), RUNS_BENCH_SMALL (10000), KEEP_BENCH_DB=1,
// RUNS_BENCH_DB=<name of a database kept by an earlier run>: reuse it, seeding only tenants not yet seeded.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { ROOT, fmt, startService } from './lib.mjs';
import { copyRuns, createDatabase, runTemplates, timeGet } from './runs-lib.mjs';

if (!process.env.DATABASE_URL) {
  console.error(
    'bench/runs.bench.mjs needs a PostgreSQL server: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).\n' +
      'It seeds a million rows with COPY FROM STDIN, which the embedded engine (PGlite over its socket) does not support.',
  );
  process.exit(2);
}
const LARGE = Number(process.env.RUNS_BENCH_LARGE ?? 1_000_000);
const SMALL = Number(process.env.RUNS_BENCH_SMALL ?? 10_000);
const ADMIN = `bench-admin-${Date.now()}-0123456789abcdef`;

const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const reuse = process.env.RUNS_BENCH_DB;
const db = reuse
  ? {
      name: reuse,
      url: Object.assign(new URL(process.env.DATABASE_URL), { pathname: `/${reuse}` }).toString(),
      drop: async () => {},
    }
  : await createDatabase(process.env.DATABASE_URL);
console.log(reuse ? `reusing database ${db.name}` : `database ${db.name} (dropped at the end unless KEEP_BENCH_DB=1)`);
const service = await startService({
  DATABASE_URL: db.url,
  BOOTSTRAP_ADMIN_KEY: ADMIN,
  RATE_LIMIT_PER_MINUTE: '0',
  KEY_RATE_LIMIT_PER_MINUTE: '0', // measure the service, not the per-key limiter
  LOG_LEVEL: 'error',
});
const adminHeaders = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

try {
  async function api(method, path, body, headers = adminHeaders) {
    const res = await fetch(service.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  async function tenantKey(tenant) {
    const k = await api('POST', '/v1/api-keys', { name: 'bench', tenant, scopes: ['read', 'write'] });
    return { authorization: `Bearer ${k.key}` };
  }

  const templates = runTemplates();
  const estimates = await api('POST', '/v1/estimates/batch', { items: templates.map((t) => t.request) });
  estimates.results.forEach((r, i) => {
    if (!r.ok) throw new Error(`template ${i}: ${JSON.stringify(r.error)}`);
    templates[i].estimate = r.estimate;
  });
  console.log(`estimate JSON per run: ~${JSON.stringify(templates[0].estimate).length} bytes`);

  const results = {};
  for (const [label, count] of [
    ['small', SMALL],
    ['large', LARGE],
  ]) {
    const tenant = `bench-${label}`;
    const headers = await tenantKey(tenant);
    const t0 = performance.now();
    let last = 0;
    const probe = new pg.Client({ connectionString: db.url });
    await probe.connect();
    const existing = Number((await probe.query('SELECT count(*) AS n FROM runs WHERE tenant = $1', [tenant])).rows[0].n);
    await probe.end();
    if (existing === count) console.log(`  ${tenant}: ${count} rows already seeded`);
    else
      await copyRuns(db.url, {
        tenant,
        count,
        templates,
        onProgress: (done) => {
          if (done - last >= 200_000 || done === count) {
            last = done;
            process.stdout.write(`  ${tenant}: ${done} rows, ${fmt((done / (performance.now() - t0)) * 1000, 0)} rows/s\n`);
          }
        },
      });
    const seedS = existing === count ? null : (performance.now() - t0) / 1000;
    const report = await timeGet(`${service.url}/v1/reports/emissions?groupBy=team,month`, headers);
    const partial = await timeGet(
      `${service.url}/v1/reports/emissions?groupBy=team,month&from=2025-03-15T00:00:00Z&to=2025-09-15T00:00:00Z`,
      headers,
    );
    const list = await timeGet(`${service.url}/v1/runs?team=team-03&limit=50`, headers);
    let cursor = null;
    for (let i = 0; i < 19; i++) {
      const page = await api('GET', `/v1/runs?team=team-03&limit=50${cursor ? `&cursor=${cursor}` : ''}`, undefined, headers);
      cursor = page.nextCursor;
    }
    const deep = await timeGet(`${service.url}/v1/runs?team=team-03&limit=50&cursor=${cursor}`, headers);
    const csv = await timeGet(
      `${service.url}/v1/reports/emissions?groupBy=team,month`,
      { ...headers, accept: 'text/csv' },
      { n: 11 },
    );
    results[label] = { count, seedS, report, partial, list, deep, csv };
  }

  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const size = (
    await c.query(
      `SELECT pg_size_pretty(pg_total_relation_size('runs')) AS runs, pg_size_pretty(pg_total_relation_size('run_rollups')) AS rollups, (SELECT count(*) FROM run_rollups) AS rollup_rows`,
    )
  ).rows[0];
  await c.end();

  const s = results.small;
  const l = results.large;
  const row = (name, a, b, target) => {
    const g = b.median / a.median;
    console.log(
      `${name.padEnd(44)} ${fmt(a.median, 2).padStart(9)} ${fmt(b.median, 2).padStart(9)} ${fmt(g, 2).padStart(7)}x ${target ? (g <= target ? `<= ${target}x ok` : `> ${target}x MISSED`) : ''}`,
    );
  };
  console.log('');
  if (l.seedS !== null)
    console.log(
      `seeded ${l.count} runs in ${fmt(l.seedS)} s (${fmt(l.count / l.seedS, 0)} rows/s, COPY + rollup trigger + VACUUM ANALYZE)`,
    );
  console.log(`table runs ${size.runs}, run_rollups ${size.rollups} (${size.rollup_rows} rows)`);
  console.log('');
  console.log(
    `${'median ms over HTTP (sequential)'.padEnd(44)} ${String(s.count).padStart(9)} ${String(l.count).padStart(9)}  growth`,
  );
  row('report groupBy=team,month (all time)', s.report, l.report, 20);
  row('report team,month, 6 months, partial edges', s.partial, l.partial, 20);
  row('report team,month as CSV', s.csv, l.csv);
  row('list ?team=&limit=50, first page', s.list, l.list, 2);
  row('list ?team=&limit=50, page 20 (cursor)', s.deep, l.deep, 2);
  console.log(`\nlist page size: ${l.list.bytes} bytes; report: ${l.report.bytes} bytes`);
} finally {
  await service.stop();
  if (!process.env.KEEP_BENCH_DB) await db.drop();
}
