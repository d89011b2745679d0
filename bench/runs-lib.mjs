// Helpers for bench/runs.bench.mjs and bench/runs-storage.bench.mjs: the run templates, a throwaway database on the server, bulk seeding of runs with
// COPY FROM STDIN (pg-copy-streams), and sequential HTTP timings.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

/**
 * The 600 run templates of the runs benches: 200 projects, each with its own team, model, zone and hardware (as real
 * projects run on one cluster), in 3 sizes. Their estimates come from the service itself (POST /v1/estimates/batch).
 */
export function runTemplates() {
  const teams = Array.from({ length: 12 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
  const zones = ['FR', 'DE', 'US-CAL-CISO', 'PL', 'SE', 'IE', 'CA-QC', 'NL'];
  const hardware = [
    'nvidia-h100-sxm5-80gb',
    'nvidia-a100-sxm4-80gb',
    'nvidia-a100-sxm4-40gb',
    'nvidia-v100-sxm2-16gb',
    'nvidia-l4',
  ];
  const templates = [];
  for (let p = 0; p < 200; p++)
    for (const hours of [6, 48, 240])
      templates.push({
        project: `project-${p}`,
        team: teams[p % teams.length],
        model: `model-${p % 30}`,
        request: {
          hardware: { ref: hardware[p % hardware.length], count: 8 * (1 + (p % 4)) },
          hours,
          location: { zone: zones[p % zones.length] },
        },
      });
  return templates;
}

export async function createDatabase(adminUrl) {
  const name = `aiem_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** CSV cell for COPY ... (FORMAT csv): quoted when needed, NULL as an unquoted empty field. */
function cell(v) {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

const COLUMNS = [
  'id',
  'tenant',
  'name',
  'project',
  'team',
  'model',
  'tags',
  'started_at',
  'ended_at',
  'created_at',
  'request',
  'estimate_packed',
  'data_version',
  'request_hash',
  'method',
  'zone',
  'hardware_id',
  'accelerator_hours',
  'energy_kwh',
  'co2e_kg',
  'operational_co2e_kg',
  'embodied_co2e_kg',
  'water_l',
];

/**
 * Seeds `count` runs for `tenant` from `templates` ({ project, team, model, request, estimate }), stored as
 * the service stores them (the estimate packed by run_texts_pack: its release texts in run_texts; with
 * `table` and `estimateColumn: 'estimate'`, whole, into a table of the previous format instead):
 * startedAt spread uniformly over `months` months ending at `end`, createdAt increasing (time-ordered,
 * like a real append-only table). One COPY statement per `batch` rows, so the rollup trigger's
 * transition table stays small.
 */
export async function copyRuns(
  url,
  {
    tenant,
    count,
    templates,
    months = 24,
    end = Date.UTC(2026, 10, 1),
    batch = 50_000,
    onProgress,
    table = 'runs',
    estimateColumn = 'estimate_packed',
  },
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const packed = estimateColumn === 'estimate_packed';
  const stored = [];
  for (const t of templates) {
    stored.push(
      packed
        ? JSON.stringify((await client.query('SELECT run_texts_pack($1::jsonb) AS p', [JSON.stringify(t.estimate)])).rows[0].p)
        : JSON.stringify(t.estimate),
    );
  }
  const columns = COLUMNS.map((c) => (c === 'estimate_packed' ? estimateColumn : c));
  const span = months * 30.44 * 86400_000;
  const createdBase = Date.now() - count;
  const encoded = templates.map((t, i) => ({
    ...t,
    requestJson: JSON.stringify(t.request),
    estimateJson: stored[i],
    hash: createHash('sha256').update(JSON.stringify(t.request)).digest('hex'),
  }));
  let rng = 42;
  const rand = () => (rng = (rng * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let done = 0;
  try {
    while (done < count) {
      const n = Math.min(batch, count - done);
      const start = done;
      async function* lines() {
        let buf = '';
        for (let i = start; i < start + n; i++) {
          const t = encoded[Math.floor(rand() * encoded.length)];
          const started = end - rand() * span;
          const e = t.estimate;
          buf +=
            [
              randomUUID(),
              tenant,
              `run ${i}`,
              t.project,
              t.team,
              t.model,
              '{bench}',
              new Date(started).toISOString(),
              new Date(started + 3600_000 * 12).toISOString(),
              new Date(createdBase + i).toISOString(),
              t.requestJson,
              t.estimateJson,
              e.dataVersion,
              t.hash,
              e.method,
              e.factors.intensity.zone,
              e.factors.hardware?.id ?? null,
              e.acceleratorHours,
              e.energyKwh,
              e.co2eKg,
              e.operationalCo2eKg,
              e.embodiedCo2eKg,
              e.waterL,
            ]
              .map(cell)
              .join(',') + '\n';
          if (buf.length > 1 << 20) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
      }
      const stream = client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
      await pipeline(Readable.from(lines()), stream);
      done += n;
      onProgress?.(done);
    }
    await client.query(`VACUUM ANALYZE ${table}`);
    await client.query('VACUUM ANALYZE run_rollups');
  } finally {
    await client.end();
  }
}

/** Median (and p90) of `n` sequential GETs after `warmup` unmeasured ones. */
export async function timeGet(url, headers, { n = 31, warmup = 5 } = {}) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < warmup + n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    bytes = body.byteLength;
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)], bytes };
}
