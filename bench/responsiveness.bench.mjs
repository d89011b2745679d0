// Responsiveness benchmark (issue 15): does the API stay responsive on the embedded engine (PGlite)
// while a bulk job runs? One service process (`node dist/main.js`, no DATABASE_URL, so PGlite in a
// fresh DATA_DIR, with the API's in-process jobs worker). Two probes run side by side, each one
// request at a time with a short pause: GET /health/live and POST /v1/estimates. They are measured
//   1. with no job (the baseline, in the same run),
//   2. while the job's body is uploaded (intake),
//   3. from the job's 202 until the job ends (its chunks being evaluated and stored).
// It prints p50 / p99 / max per phase, the ratio of each to the baseline, and the targets
// (with a job running: /health/live p99 < 50 ms, POST /v1/estimates p99 < 100 ms).
//
//   npm run bench:responsiveness     (RESPONSIVENESS_ROWS=50000, RESPONSIVENESS_BASELINE_SECONDS=10)
//   RESPONSIVENESS_ROOT=/path/to/other/checkout  measures another build (its dist/) with this script
//   RESPONSIVENESS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"  profiles the service process
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fmt, freePort, waitFor, jobRow } from './lib.mjs';

const ROWS = Number(process.env.RESPONSIVENESS_ROWS ?? 50_000);
const BASELINE_SECONDS = Number(process.env.RESPONSIVENESS_BASELINE_SECONDS ?? 10);
const PAUSE_MS = Number(process.env.RESPONSIVENESS_PAUSE_MS ?? 10); // between one probe's requests
const SERVICE_ROOT = process.env.RESPONSIVENESS_ROOT ?? ROOT;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const TARGETS = { live: 50, estimate: 100 }; // p99 ms with a job running (issue 15)

const estimate = {
  workload: 'training',
  hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1024, utilization: 1.0 },
  hours: 720,
  location: { zone: 'FR' },
  pue: 1.1,
};

function startService() {
  return (async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'aiem-resp-'));
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir };
    delete env.DATABASE_URL; // the embedded engine is what this measures
    Object.assign(env, { BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, RATE_LIMIT_PER_MINUTE: '0' });
    const nodeArgs = (process.env.RESPONSIVENESS_NODE_ARGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
    const child = spawn(process.execPath, [...nodeArgs, 'dist/main.js'], {
      cwd: SERVICE_ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitFor(`http://127.0.0.1:${port}/health/ready`, 120000);
    return {
      url: `http://127.0.0.1:${port}`,
      stop: () =>
        new Promise((r) => {
          child.once('exit', () => {
            rmSync(dataDir, { recursive: true, force: true });
            r();
          });
          child.kill('SIGTERM');
        }),
    };
  })();
}

/** One probe: requests one at a time (a pause between them), each latency tagged with the phase it started in. */
function probe(send, phase) {
  const samples = [];
  let running = true;
  let failures = 0;
  const done = (async () => {
    while (running) {
      const p = phase.current;
      const t0 = performance.now();
      try {
        const res = await send();
        await res.arrayBuffer();
        if (!res.ok) failures++;
      } catch {
        failures++;
      }
      samples.push({ phase: p, ms: performance.now() - t0 });
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
  })();
  return {
    samples,
    failures: () => failures,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

function stats(samples, phase) {
  const xs = samples
    .filter((s) => s.phase === phase)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  if (!xs.length) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  const q = (f) => xs[Math.min(xs.length - 1, Math.floor(xs.length * f))];
  return { n: xs.length, p50: q(0.5), p99: q(0.99), max: xs[xs.length - 1] };
}

/**
 * The API process's event-loop delay since the previous scrape (prom-client's default metrics sample it
 * with a 10 ms timer and reset at each scrape): blocking in the API's loop, apart from scheduling noise.
 */
async function loopDelay(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { p99: read('nodejs_eventloop_lag_p99_seconds'), max: read('nodejs_eventloop_lag_max_seconds') };
}

const svc = await startService();
try {
  const keyRes = await fetch(`${svc.url}/v1/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', tenant: 'bench', scopes: ['read', 'write'] }),
  });
  const auth = { authorization: `Bearer ${(await keyRes.json()).key}` };
  const body = Array.from({ length: ROWS }, (_, i) => JSON.stringify(jobRow(i + 1))).join('\n') + '\n';
  const sendLive = () => fetch(`${svc.url}/health/live`);
  const sendEstimate = () =>
    fetch(`${svc.url}/v1/estimates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(estimate),
    });
  // Warm-up (JIT, caches, connections), not counted.
  for (let i = 0; i < 200; i++) await (await (i % 2 ? sendLive() : sendEstimate())).arrayBuffer();

  const lag = {};
  await loopDelay(svc.url); // resets the histogram
  const phase = { current: 'idle' };
  const live = probe(sendLive, phase);
  const est = probe(sendEstimate, phase);
  await new Promise((r) => setTimeout(r, BASELINE_SECONDS * 1000));

  lag.idle = await loopDelay(svc.url);
  phase.current = 'intake';
  const t0 = performance.now();
  const accepted = await fetch(`${svc.url}/v1/jobs`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/x-ndjson' },
    body,
  });
  if (accepted.status !== 202) throw new Error(`POST /v1/jobs: ${accepted.status} ${await accepted.text()}`);
  const { id } = await accepted.json();
  const tAccepted = performance.now();
  lag.intake = await loopDelay(svc.url);
  phase.current = 'job';
  let job;
  let statusPolls = 0;
  let slowestStatusMs = 0;
  for (;;) {
    const tp = performance.now();
    job = await (await fetch(`${svc.url}/v1/jobs/${id}`, { headers: auth })).json();
    slowestStatusMs = Math.max(slowestStatusMs, performance.now() - tp);
    statusPolls++;
    if (['succeeded', 'partial', 'failed', 'cancelled'].includes(job.status)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const tDone = performance.now();
  lag.job = await loopDelay(svc.url);
  phase.current = 'after';
  await Promise.all([live.stop(), est.stop()]);

  const intakeS = (tAccepted - t0) / 1000;
  const jobS = (tDone - tAccepted) / 1000;
  console.log(
    `\n# Responsiveness on the embedded engine (PGlite): ${ROWS} NDJSON rows, one request at a time per probe, ${PAUSE_MS} ms between requests\n`,
  );
  console.log(
    `job ${job.status} ${job.succeeded}/${job.total}: intake ${fmt(intakeS)} s, then ${fmt(jobS)} s to the end (${fmt(ROWS / (intakeS + jobS), 0)} rows/s end to end); ` +
      `GET /v1/jobs/:id slowest of ${statusPolls} polls ${fmt(slowestStatusMs)} ms\n`,
  );
  console.log('| probe | phase | requests | p50 ms | p99 ms | max ms | p99 / idle p99 |');
  console.log('|---|---|---|---|---|---|---|');
  const verdicts = [];
  for (const [name, p, key] of [
    ['GET /health/live', live, 'live'],
    ['POST /v1/estimates', est, 'estimate'],
  ]) {
    const idle = stats(p.samples, 'idle');
    for (const ph of ['idle', 'intake', 'job']) {
      const s = stats(p.samples, ph);
      console.log(
        `| ${name} | ${ph === 'idle' ? 'no job' : ph === 'intake' ? 'job intake (upload)' : 'job running'} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.max)} | ${ph === 'idle' ? '1' : fmt(s.p99 / idle.p99, 2)} |`,
      );
    }
    const running = stats(p.samples, 'job');
    verdicts.push(
      `${name} p99 with a job running ${fmt(running.p99)} ms (target < ${TARGETS[key]} ms): ${running.p99 < TARGETS[key] ? 'MET' : 'NOT MET'}` +
        (p.failures() ? ` (${p.failures()} failed requests)` : ''),
    );
  }
  console.log(
    `\nAPI event-loop delay (10 ms timer, prom-client), p99 / max ms: no job ${fmt(lag.idle.p99)} / ${fmt(lag.idle.max)}; ` +
      `intake ${fmt(lag.intake.p99)} / ${fmt(lag.intake.max)}; job running ${fmt(lag.job.p99)} / ${fmt(lag.job.max)}`,
  );
  console.log(`\n${verdicts.join('\n')}`);
} finally {
  await svc.stop();
}
