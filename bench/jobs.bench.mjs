// Bulk jobs benchmark (issue 7): a ROWS-row NDJSON job end to end (intake to the last run stored)
// with one worker (the API's in-process worker) and with two (in-process + one `--role=worker`
// process), each on a fresh database; in the same run, the rate of a plain COPY of the same rows
// into similar tables (the physical limit here), and the API process's peak RSS during intake.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/jobs.bench.mjs
//   (JOBS_BENCH_ROWS=1000000, JOBS_BENCH_SCENARIOS=1,2, JOBS_BENCH_COPY_ROWS=200000)
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { ROOT, fmt, freePort, waitFor, jobRow } from './lib.mjs';
import { createDatabase } from './runs-lib.mjs';

const ADMIN_URL = process.env.DATABASE_URL;
if (!ADMIN_URL) {
  console.error('bench/jobs.bench.mjs needs DATABASE_URL (a PostgreSQL server; the embedded engine cannot COPY)');
  process.exit(2);
}
const ROWS = Number(process.env.JOBS_BENCH_ROWS ?? 1_000_000);
/** Which scenarios to run: 1 = the in-process worker alone, 2 = plus one --role=worker process. */
const SCENARIOS = (process.env.JOBS_BENCH_SCENARIOS ?? '1,2').split(',').map(Number);
/** The COPY of stored runs is timed on the first COPY_ROWS runs of the job (its rate does not depend on the count). */
const COPY_ROWS = Number(process.env.JOBS_BENCH_COPY_ROWS ?? Math.min(ROWS, 200_000));
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
/** Extra node flags for the service's processes, e.g. JOBS_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'. */
const NODE_ARGS = (process.env.JOBS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

async function writeNdjson(file) {
  const out = createWriteStream(file);
  await pipeline(
    Readable.from(
      (function* () {
        let buf = '';
        for (let i = 1; i <= ROWS; i++) {
          buf += `${JSON.stringify(jobRow(i))}\n`;
          if (buf.length > 1 << 20) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
      })(),
    ),
    out,
  );
}

function startProcess(args, env) {
  const child = spawn(process.execPath, [...NODE_ARGS, 'dist/main.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return {
    child,
    stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))),
  };
}

/** VmRSS / VmHWM of a process, in MB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

function postFile(port, path, file, headers) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path, headers: { ...headers, 'content-length': statSync(file).size } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          res.statusCode === 202 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

async function scenario(label, file, extraWorkers) {
  const db = await createDatabase(ADMIN_URL);
  const port = await freePort();
  const api = startProcess([], { PORT: String(port), DATABASE_URL: db.url });
  const workers = [];
  try {
    await waitFor(`http://127.0.0.1:${port}/health/ready`, 120000);
    for (let i = 0; i < extraWorkers; i++)
      workers.push(startProcess(['--role=worker'], { DATABASE_URL: db.url, MIGRATIONS_RUN: 'false', SEED_ON_START: 'false' }));
    const keyRes = await fetch(`http://127.0.0.1:${port}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', tenant: 'bench', scopes: ['read', 'write'] }),
    });
    const auth = { authorization: `Bearer ${(await keyRes.json()).key}` };
    await new Promise((r) => setTimeout(r, 2000)); // let the extra worker connect
    const before = memory(api.child.pid);
    let peakRss = before.rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, memory(api.child.pid).rss)), 50);
    const t0 = performance.now();
    const accepted = await postFile(port, '/v1/jobs', file, { ...auth, 'content-type': 'application/x-ndjson' });
    const tIntake = performance.now();
    const intakePeak = peakRss;
    const after = memory(api.child.pid);
    let job;
    for (;;) {
      job = await (await fetch(`http://127.0.0.1:${port}/v1/jobs/${accepted.id}`, { headers: auth })).json();
      if (['succeeded', 'partial', 'failed'].includes(job.status)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const tDone = performance.now();
    clearInterval(sampler);
    const intakeS = (tIntake - t0) / 1000;
    const totalS = (tDone - t0) / 1000;
    console.log(
      `${label.padEnd(34)} intake ${fmt(intakeS)} s (${fmt(ROWS / intakeS, 0)} rows/s) | end to end ${fmt(totalS)} s = ${fmt(ROWS / totalS, 0)} rows/s | ` +
        `${job.status} ${job.succeeded}/${job.total} | API RSS: peak ${fmt(intakePeak, 0)} MB during intake, ${fmt(peakRss, 0)} MB until the job ended (before ${fmt(before.rss, 0)} MB, VmHWM after intake ${fmt(after.hwm, 0)} MB)`,
    );
    return { db, jobId: accepted.id, rowsPerSecond: ROWS / totalS, intakeRowsPerSecond: ROWS / intakeS, peakRss };
  } finally {
    for (const w of workers) await w.stop();
    await api.stop();
  }
}

/** COPY of the job's runs, as stored, into a table like runs (same columns and indexes, no triggers). */
async function copyRunsBaseline(db, jobId) {
  const src = new pg.Client({ connectionString: db.url });
  const dst = new pg.Client({ connectionString: db.url });
  await src.connect();
  await dst.connect();
  await dst.query(`CREATE TABLE runs_copy (LIKE runs INCLUDING ALL)`);
  const cols = `id, tenant, name, project, team, model, tags, started_at, ended_at, created_at, request, estimate_packed, data_version, job_id, source_row,
    request_hash, method, zone, hardware_id, accelerator_hours, energy_kwh, co2e_kg, operational_co2e_kg, embodied_co2e_kg, water_l`;
  const t0 = performance.now();
  await pipeline(
    src.query(
      copyStreams.to(`COPY (SELECT ${cols} FROM runs WHERE job_id = '${jobId}' AND source_row <= ${COPY_ROWS}) TO STDOUT`),
    ),
    dst.query(copyStreams.from(`COPY runs_copy (${cols}) FROM STDIN`)),
  );
  const s = (performance.now() - t0) / 1000;
  const { rows } = await dst.query(`SELECT count(*)::int AS n FROM runs_copy`);
  await src.end();
  await dst.end();
  return rows[0].n / s;
}

/** COPY of the NDJSON rows themselves into a table like job_rows (job_id, row_number, payload jsonb). */
async function copyInputBaseline(db, file) {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(
    `CREATE TABLE rows_copy (job_id uuid NOT NULL, row_number integer NOT NULL, payload jsonb, PRIMARY KEY (job_id, row_number))`,
  );
  const jobId = '00000000-0000-4000-8000-000000000001';
  let n = 0;
  let rest = '';
  const t0 = performance.now();
  await pipeline(
    createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }),
    async function* (source) {
      for await (const chunk of source) {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        yield lines.map((l) => `${jobId}\t${++n}\t${l.replace(/\\/g, '\\\\')}\n`).join('');
      }
    },
    c.query(copyStreams.from(`COPY rows_copy FROM STDIN`)),
  );
  const s = (performance.now() - t0) / 1000;
  await c.end();
  return n / s;
}

const dir = mkdtempSync(join(tmpdir(), 'aiem-jobs-bench-'));
const file = join(dir, 'runs.ndjson');
try {
  console.log(
    `jobs benchmark: ${ROWS} NDJSON rows, PostgreSQL server ${new URL(ADMIN_URL).host}, JOBS_CHUNK_SIZE=${process.env.JOBS_CHUNK_SIZE ?? 2000}, JOBS_WORKER_CONCURRENCY=${process.env.JOBS_WORKER_CONCURRENCY ?? 2} per worker process`,
  );
  await writeNdjson(file);
  console.log(`body: ${fmt(statSync(file).size / 1e6)} MB`);
  const results = [];
  let copyRuns = 0;
  let copyInput = 0;
  for (const n of SCENARIOS) {
    const r = await scenario(n === 1 ? '1 worker (in-process)' : '2 workers (in-process + 1 process)', file, n - 1);
    if (!copyRuns) {
      copyRuns = await copyRunsBaseline(r.db, r.jobId);
      copyInput = await copyInputBaseline(r.db, file);
    }
    await r.db.drop();
    results.push([`${n} worker${n > 1 ? 's' : ''}`, r]);
  }
  console.log(
    `plain COPY of the same runs (as stored: request jsonb + packed estimate json; ${Math.min(COPY_ROWS, ROWS)} of them) into a runs-like table: ${fmt(copyRuns, 0)} rows/s`,
  );
  console.log(`plain COPY of the ${ROWS} input rows into a job_rows-like table: ${fmt(copyInput, 0)} rows/s`);
  for (const [label, r] of results) {
    console.log(
      `${label.padEnd(9)}: end to end = ${fmt(r.rowsPerSecond / copyRuns, 2)}x COPY of the runs, ${fmt(r.rowsPerSecond / copyInput, 3)}x COPY of the input rows ` +
        `(issue 15 target >= 0.5x); intake = ${fmt(r.intakeRowsPerSecond / copyInput, 2)}x COPY of the input rows; ` +
        `${ROWS} rows in ${fmt(ROWS / r.rowsPerSecond, 0)} s (target for 1M rows < 60 s); peak API RSS ${fmt(r.peakRss, 0)} MB (target < 300 MB)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
