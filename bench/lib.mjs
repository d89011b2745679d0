// Shared helpers for benchmarks: start the built service or a bare node:http server as child
// processes on loopback, and run autocannon against them from this process.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export const ROOT = new URL('..', import.meta.url).pathname;

export async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

export async function waitFor(url, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet: try again after a pause
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready: ${url}`);
}

/** The real service (node dist/main.js): DATABASE_URL if set, else the embedded engine in a temp dir. */
export async function startService(extraEnv = {}) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv };
  if (!process.env.DATABASE_URL) env.DATA_DIR = mkdtempSync(join(tmpdir(), 'aiem-bench-'));
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  await waitFor(`http://127.0.0.1:${port}/health/ready`);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((r) => {
        child.once('exit', r);
        child.kill('SIGTERM');
      }),
  };
}

/** A bare node:http server answering a small JSON document: the ceiling for this machine. */
export async function startBareServer() {
  const port = await freePort();
  const code = `require('node:http').createServer((req, res) => { let b=''; req.on('data', d => b += d); req.on('end', () => { const body = JSON.stringify({ ok: true, energyKwh: 567705.6, co2eKg: 31223.8, warnings: [] }); res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }); }).listen(${port}, '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'inherit' });
  await waitFor(`http://127.0.0.1:${port}/`);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((r) => {
        child.once('exit', r);
        child.kill('SIGTERM');
      }),
  };
}

export async function load(url, { method = 'GET', body, headers = {}, duration = 8, connections = 50 } = {}) {
  const result = await autocannon({
    url,
    method,
    duration,
    connections,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
  });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx, total: result.requests.total };
}

export async function sequentialLatency(url, body, n = 30) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(n / 2)], p90: times[Math.floor(n * 0.9)] };
}

export function fmt(n, digits = 1) {
  return Number(n).toFixed(digits);
}

const JOB_ZONES = ['FR', 'DE', 'US', 'PL', 'SE', 'GB', 'CA-QC', 'US-CAL-CISO'];
const JOB_HARDWARE = ['nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb', 'nvidia-v100-sxm2-16gb'];

/** Varied job rows (zones, hardware, labels, times) for the job benches: row i as a RunCreate. */
export function jobRow(i) {
  return {
    name: `run-${i}`,
    project: `project-${i % 17}`,
    team: `team-${i % 5}`,
    model: `model-${i % 11}`,
    tags: ['import', `batch-${i % 3}`],
    startedAt: new Date(Date.UTC(2024, i % 24, 1 + (i % 28), i % 24)).toISOString(),
    request: {
      hardware: { ref: JOB_HARDWARE[i % 3], count: 1 + (i % 64) },
      hours: 1 + (i % 200),
      location: { zone: JOB_ZONES[i % JOB_ZONES.length] },
    },
  };
}
