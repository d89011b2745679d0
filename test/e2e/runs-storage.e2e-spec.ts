import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { prepareDatabase } from '../../src/database/prepare';
import { LeanRuns1764150014500 } from '../../src/runs/migrations/1764150014500-LeanRuns';
import { RunEstimateJson1764150018000 } from '../../src/runs/migrations/1764150018000-RunEstimateJson';
import { seeders } from '../../src/database/seeds';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { ROOT } from '../utils/server-process';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Lean run storage (migration 1764150014500-LeanRuns): runs keep their release texts once in run_texts,
 * and every read path still answers the full estimate, byte for byte as it was stored before.
 */
const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN}` };
const suffix = randomBytes(4).toString('hex');
const LEAN_RUNS = 1764150014500;

/** Runs of every kind: training by hours over a period, compute-sized, mitigations, serving, measured energy. */
const RUNS: Record<string, Record<string, unknown>> = {
  training: {
    tags: ['nightly', 'fr'],
    startedAt: '2026-01-12T08:00:00Z',
    endedAt: '2026-01-12T20:00:00Z',
    request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 12, location: { zone: 'FR' } },
  },
  compute: {
    request: {
      hardware: { ref: 'nvidia-a100-sxm4-80gb', count: 64 },
      compute: { parameters: 7e9, tokens: 1e12 },
      location: { zone: 'PL' },
      pue: 1.2,
    },
  },
  mitigations: {
    team: 'green',
    request: {
      hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 256 },
      compute: { parameters: 7e9, tokens: 1e12 },
      location: { zone: 'DE' },
      mitigations: [
        { type: 'precision', precision: 'fp8' },
        { type: 'early-stopping', fraction: 0.5 },
        { type: 'renewable-match', fraction: 0.5 },
      ],
    },
  },
  serving: {
    model: 'llama-3.1-70b',
    request: {
      workload: 'inference',
      hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 },
      serving: { model: 'llama-3.1-70b', inputTokens: 1000, outputTokens: 500, batchSize: 64, weightPrecision: 'fp8' },
      location: { zone: 'FR' },
      pue: 1.1,
    },
  },
  energy: { startedAt: '2025-07-01T00:00:00Z', request: { energyKwh: 1234.5, location: { zone: 'US-CAL-CISO' } } },
};

type Run = { id: string; estimate: Record<string, unknown> & { warnings: string[] } } & Record<string, unknown>;

const ESTIMATE_FIELDS = `co2eKg energyKwh dataVersion warnings mitigations { applied effect }
  factors { pue { value source } intensity { zone source } hardware { id name source sources }
    equivalents { key kgCo2ePerUnit unit source url } embodied { source } }`;

/** A throwaway database of the test's own, on the server of DATABASE_URL or on a second embedded engine. */
async function ownDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const name = `aiem_lean_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const adminDb = new Client({ connectionString: process.env.DATABASE_URL });
    await adminDb.connect();
    await adminDb.query(`CREATE DATABASE ${name}`);
    await adminDb.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const c = new Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  // A second embedded engine, in a process of its own (PGlite cannot start inside Jest's module sandbox).
  const dir = mkdtempSync(join(tmpdir(), 'aiem-lean-'));
  const code = `const { EmbeddedPostgres } = require('./src/database/embedded-postgres');
    const e = new EmbeddedPostgres(${JSON.stringify(dir)}, 10);
    e.start().then((url) => console.log('URL ' + url));
    process.on('SIGTERM', () => e.stop().then(() => process.exit(0)));`;
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /URL (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`embedded engine exited (${code}): ${out}`)));
  });
  return {
    url,
    drop: async () => {
      await new Promise((r) => (child.exitCode !== null ? r(null) : (child.once('exit', r), child.kill('SIGTERM'))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Applies the migrations whose timestamp passes `keep` (all of them, in order, as the app does). */
async function migrate(url: string, keep: (timestamp: number) => boolean): Promise<void> {
  const options = buildDataSourceOptions({ url, poolSize: 2 });
  const all = options.migrations as { name: string }[];
  const migrations = all.filter((m) => keep(Number(/(\d{13})$/.exec(m.name)?.[1])));
  const ds = new DataSource({ ...options, migrations: migrations as never });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

describe('Lean run storage', () => {
  let t: TestApp;
  const created: Record<string, Run> = {};

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN });
    for (const [name, body] of Object.entries(RUNS)) {
      const res = await t.http
        .post('/v1/runs')
        .set(admin)
        .send({ name, project: `lean-${suffix}`, ...body });
      expect(res.status).toBe(201);
      created[name] = res.body;
    }
    const gql = await t.gql<{ createRun: { id: string } }>(
      `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
      { i: { name: 'graphql', project: `lean-${suffix}`, ...RUNS.compute } },
      admin,
    );
    expect(gql.errors).toBeUndefined();
    created.graphql = (await t.http.get(`/v1/runs/${gql.data!.createRun.id}`).set(admin).expect(200)).body;
  });
  afterAll(async () => t.close());

  it('answers the full estimate on every read path, byte for byte as created, and equal to the stateless estimate', async () => {
    expect(Object.values(created).some((r) => r.estimate.warnings.length > 0)).toBe(true);
    expect(created.mitigations.estimate.mitigations).toHaveLength(3);
    expect(created.serving.estimate.serving).toBeDefined();

    for (const [name, run] of Object.entries(created)) {
      // the same figures as an estimate that stores nothing (the runs without a period: no time-resolved intensity)
      const input = RUNS[name === 'graphql' ? 'compute' : name];
      if (!input.startedAt) {
        const stateless = await t.http
          .post('/v1/estimates')
          .send(input.request as object)
          .expect(200);
        expect([name, run.estimate]).toEqual([name, stateless.body]);
      }
      const got = await t.http.get(`/v1/runs/${run.id}`).set(admin).expect(200);
      expect([name, got.text]).toEqual([name, JSON.stringify(run)]);
    }

    const list = await t.http.get(`/v1/runs?project=lean-${suffix}&limit=100`).set(admin).expect(200);
    expect(list.body.items).toHaveLength(Object.keys(created).length);
    for (const item of list.body.items as Run[]) {
      const run = Object.values(created).find((r) => r.id === item.id)!;
      expect(JSON.stringify(item)).toBe(JSON.stringify(run));
    }

    for (const run of Object.values(created)) {
      const one = await t.gql<{ run: { estimate: unknown } }>(
        `query($id: ID!) { run(id: $id) { estimate { ${ESTIMATE_FIELDS} } } }`,
        { id: run.id },
        admin,
      );
      expect(one.errors).toBeUndefined();
      expect(one.data!.run.estimate).toEqual(pick(run.estimate, one.data!.run.estimate));
    }
    const page = await t.gql<{ runs: { items: { id: string; estimate: unknown }[] } }>(
      `query($p: String) { runs(project: $p, limit: 100) { items { id estimate { ${ESTIMATE_FIELDS} } } } }`,
      { p: `lean-${suffix}` },
      admin,
    );
    expect(page.errors).toBeUndefined();
    for (const item of page.data!.runs.items) {
      const run = Object.values(created).find((r) => r.id === item.id)!;
      expect(item.estimate).toEqual(pick(run.estimate, item.estimate));
    }
  });

  it('keeps the replaced estimate in the history, whole', async () => {
    const run = created.training;
    const res = await t.http.post(`/v1/runs/${run.id}/recalculate`).set(admin).expect(200);
    expect(JSON.stringify(res.body.previous)).toBe(JSON.stringify(run.estimate));
    const history = await t.http.get(`/v1/runs/${run.id}/history`).set(admin).expect(200);
    expect(JSON.stringify(history.body.items[0].estimate)).toBe(JSON.stringify(run.estimate));
    const gql = await t.gql<{ runHistory: { estimate: unknown }[] }>(
      `query($id: ID!) { runHistory(id: $id) { estimate { ${ESTIMATE_FIELDS} } } }`,
      { id: run.id },
      admin,
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.runHistory[0].estimate).toEqual(pick(run.estimate, gql.data!.runHistory[0].estimate));
    const after = await t.http.get(`/v1/runs/${run.id}`).set(admin).expect(200);
    expect(JSON.stringify(after.body.estimate)).toBe(JSON.stringify(res.body.current));
  });

  it('stores each release text once: the runs hold references, a fraction of the full JSON', async () => {
    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    try {
      const ids = Object.values(created).map((r) => r.id);
      const { rows } = await db.query(
        `SELECT id, octet_length(estimate_packed::text) AS packed, run_texts_unpack(estimate_packed::jsonb)::text AS full_text
         FROM runs WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      expect(rows).toHaveLength(ids.length);
      for (const r of rows) {
        const full = Buffer.byteLength(r.full_text as string);
        expect({ id: r.id, lean: Number(r.packed) < full * 0.6 }).toEqual({ id: r.id, lean: true });
      }
      const source = (created.compute.estimate.factors as { equivalents: { source: string }[] }).equivalents[0].source;
      const texts = await db.query(`SELECT count(*)::int AS n FROM run_texts WHERE text = $1`, [source]);
      expect(texts.rows[0].n).toBe(1);
      const mentions = await db.query(
        `SELECT count(*)::int AS n FROM runs WHERE id = ANY($1::uuid[]) AND estimate_packed::text LIKE $2`,
        [ids, `%${source.slice(0, 40)}%`],
      );
      expect(mentions.rows[0].n).toBe(0);
      // json (no jsonb parse on write), lz4-compressed on a server built with it (this machine's), pglz on PGlite
      const column = await db.query(
        `SELECT format_type(atttypid, atttypmod) AS type, attcompression AS compression, version() ~* 'pglite|emscripten' AS embedded
         FROM pg_attribute WHERE attrelid = 'runs'::regclass AND attname = 'estimate_packed'`,
      );
      const { type, compression, embedded } = column.rows[0];
      expect({ type, compression }).toEqual({ type: 'json', compression: embedded ? '' : 'l' });
    } finally {
      await db.end();
    }
  });

  it("a job's runs (one COPY per chunk on a server, one INSERT on the embedded engine) read back like the same runs created one by one", async () => {
    const project = `lean-job-${suffix}`;
    const awkward = {
      name: 'tab\there, newline\nthere, back\\slash, "quotes", \u00e9t\u00e9 \u{1F331}',
      team: '\\N',
      tags: ['a"b', 'c\\d', 'e,f', '{g}', 'NULL'],
      reported: { co2eKg: 12.5, energyKwh: 40, source: 'codecarbon 2.3' },
    };
    const rows = Object.entries(RUNS).map(([name, body], i) => ({ ...body, ...(i === 0 ? awkward : { name }), project }));
    const job = await t.http
      .post('/v1/jobs')
      .set(admin)
      .set('content-type', 'application/x-ndjson')
      .send(rows.map((r) => JSON.stringify(r)).join('\n'))
      .expect(202);
    const deadline = Date.now() + 60000;
    for (;;) {
      const res = await t.http.get(`/v1/jobs/${job.body.id}`).set(admin).expect(200);
      if (res.body.status === 'succeeded') break;
      if (!['queued', 'running'].includes(res.body.status)) {
        const errors = await t.http.get(`/v1/jobs/${job.body.id}/errors`).set(admin);
        throw new Error(`job ${res.body.status}: ${JSON.stringify(errors.body)}`);
      }
      if (Date.now() > deadline) throw new Error(`job not done: ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const list = await t.http.get(`/v1/runs?project=${project}&limit=100`).set(admin).expect(200);
    expect(list.body.items).toHaveLength(rows.length);
    for (const row of rows) {
      const fromJob = (list.body.items as Run[]).find((r) => r.name === row.name)!;
      const one = await t.http.post('/v1/runs').set(admin).send(row).expect(201);
      const strip = (r: Run) => ({ ...r, id: undefined, jobId: undefined, createdAt: undefined, updatedAt: undefined });
      expect(strip(fromJob)).toEqual(strip(one.body));
      expect(JSON.stringify(fromJob.estimate)).toBe(JSON.stringify(one.body.estimate));
      expect(fromJob.jobId).toBe(job.body.id);
    }
  });

  it('the migration converts runs and history stored in the old format, and its down converts them back', async () => {
    const own = await ownDatabase();
    try {
      await migrate(own.url, (ts) => ts < LEAN_RUNS);
      const db = new Client({ connectionString: own.url });
      await db.connect();
      try {
        // Rows as the previous version stored them: the whole estimate per run (and per history entry).
        for (const run of Object.values(created)) {
          const e = run.estimate as unknown as Record<string, never>;
          await db.query(
            `INSERT INTO runs (id, tenant, name, project, team, model, tags, started_at, ended_at, created_at, request, estimate, data_version,
               request_hash, method, zone, hardware_id, accelerator_hours, energy_kwh, co2e_kg, operational_co2e_kg, embodied_co2e_kg, water_l)
             VALUES ($1, 'default', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'h', $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
            [
              run.id,
              run.name,
              run.project,
              run.team,
              run.model,
              run.tags,
              run.startedAt,
              run.endedAt,
              run.createdAt,
              JSON.stringify(run.request),
              JSON.stringify(e),
              run.dataVersion,
              e.method,
              (e.factors as { intensity: { zone: string } }).intensity.zone,
              (e.factors as { hardware: { id: string } | null }).hardware?.id ?? null,
              e.acceleratorHours,
              e.energyKwh,
              e.co2eKg,
              e.operationalCo2eKg,
              e.embodiedCo2eKg,
              e.waterL,
            ],
          );
        }
        await db.query(`INSERT INTO run_history (run_id, version, estimate, data_version) VALUES ($1, 1, $2, $3)`, [
          created.serving.id,
          JSON.stringify(created.mitigations.estimate),
          created.mitigations.dataVersion,
        ]);
        const before = await db.query(`SELECT id, estimate FROM runs ORDER BY id`);
        const beforeHistory = await db.query(`SELECT estimate FROM run_history`);
        const rollupsBefore = await db.query(`SELECT * FROM run_rollups ORDER BY month, project, team, model, zone, hardware_id`);

        await migrate(own.url, () => true);
        await prepareDatabase(own.url, { migrate: false, seeders });
        const rollupsAfter = await db.query(`SELECT * FROM run_rollups ORDER BY month, project, team, model, zone, hardware_id`);
        expect(rollupsAfter.rows).toEqual(rollupsBefore.rows);

        const app = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN }, { databaseUrl: own.url });
        try {
          for (const row of before.rows) {
            const got = await app.http.get(`/v1/runs/${row.id}`).set(admin).expect(200);
            // the estimate exactly as the previous version answered it (its read of the jsonb column)
            expect(JSON.stringify(got.body.estimate)).toBe(JSON.stringify(row.estimate));
            const run = Object.values(created).find((r) => r.id === row.id)!;
            expect(got.body).toEqual({ ...run, updatedAt: expect.any(String) });
          }
          const history = await app.http.get(`/v1/runs/${created.serving.id}/history`).set(admin).expect(200);
          expect(JSON.stringify(history.body.items[0].estimate)).toBe(JSON.stringify(beforeHistory.rows[0].estimate));
        } finally {
          await app.close();
        }

        // down: back to whole estimates, equal to the rows before the conversion; then up again
        const ds = new DataSource({ ...buildDataSourceOptions({ url: own.url, poolSize: 2 }), migrations: [] });
        await ds.initialize();
        const q = ds.createQueryRunner();
        try {
          await q.startTransaction();
          await new RunEstimateJson1764150018000().down(q); // the packed estimate back to jsonb, as LeanRuns left it
          await new LeanRuns1764150014500().down(q);
          await q.commitTransaction();
          const reverted = await db.query(`SELECT id, estimate FROM runs ORDER BY id`);
          expect(reverted.rows.map((r) => JSON.stringify(r.estimate))).toEqual(
            before.rows.map((r) => JSON.stringify(r.estimate)),
          );
          const revertedHistory = await db.query(`SELECT estimate FROM run_history`);
          expect(JSON.stringify(revertedHistory.rows[0].estimate)).toBe(JSON.stringify(beforeHistory.rows[0].estimate));
          await expect(db.query(`SELECT 1 FROM run_texts`)).rejects.toMatchObject({ code: '42P01' });

          await q.startTransaction();
          await new LeanRuns1764150014500().up(q);
          await new RunEstimateJson1764150018000().up(q);
          await q.commitTransaction();
          const again = await db.query(`SELECT id, run_texts_unpack(estimate_packed::jsonb) AS estimate FROM runs ORDER BY id`);
          expect(again.rows.map((r) => JSON.stringify(r.estimate))).toEqual(before.rows.map((r) => JSON.stringify(r.estimate)));
        } finally {
          await q.release();
          await ds.destroy();
        }
      } finally {
        await db.end();
      }
    } finally {
      await own.drop();
    }
  });
});

/** The fields of `full` that `shape` (a GraphQL answer) selected. */
function pick(full: unknown, shape: unknown): unknown {
  if (Array.isArray(shape)) return (full as unknown[]).map((v, i) => pick(v, shape[i]));
  if (shape && typeof shape === 'object' && full && typeof full === 'object') {
    return Object.fromEntries(
      Object.keys(shape).map((k) => [k, pick((full as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k])]),
    );
  }
  return full;
}
