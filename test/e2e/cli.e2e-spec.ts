import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The `ai-emissions-api` bin, run as a user runs it (a child process) against the service started here.
 * Commands run asynchronously: the service answering them lives in this process.
 */
const BIN = join(__dirname, '..', '..', 'bin', 'ai-emissions-api.mjs');
const ADMIN = 'cli-admin-key-0123456789abcdef-0123456789';
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, AI_EMISSIONS_API_URL: '', AI_EMISSIONS_API_KEY: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ai-emissions-api command line', () => {
  let t: TestApp;
  let url: string;
  let key: string;

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const created = await t.http
      .post('/v1/api-keys')
      .set({ authorization: `Bearer ${ADMIN}` })
      .send({ name: 'cli', tenant: `cli-${Date.now()}`, scopes: ['read', 'write'] })
      .expect(201);
    key = created.body.key;
  }, 60000);
  afterAll(async () => t?.close());

  it('estimate: flags become POST /v1/estimates; the table shows its figures, --json the whole answer', async () => {
    const body = { hardware: { ref: 'H100', count: 8 }, hours: 24, location: { zone: 'FR' } };
    const api = (await t.http.post('/v1/estimates').send(body).expect(200)).body;
    const flags = ['estimate', '--url', url, '--hardware', 'H100', '--count', '8', '--hours', '24', '--zone', 'FR'];
    const table = await cli(flags);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const line = (label: string) => table.stdout.split('\n').find((l) => l.startsWith(label)) ?? '';
    expect(line('CO2e (kg)').split(/\s{2,}/)).toEqual([
      'CO2e (kg)',
      fmt(api.co2eKg),
      `${fmt(api.ranges.co2eKg[0])} – ${fmt(api.ranges.co2eKg[1])}`,
    ]);
    expect(line('energy (kWh)').split(/\s{2,}/)[1]).toBe(fmt(api.energyKwh));
    expect(table.stdout).toContain(`grid FR ${fmt(api.factors.intensity.gPerKwh)} g/kWh`);
    const json = await cli([...flags, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(api);

    const bad = await cli(['estimate', '--url', url, '--hardware', 'H100', '--count', '0', '--hours', '24']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ai-emissions-api: VALIDATION_FAILED: .*\n {2}hardware\.count: /);
    expect((await cli(['estimate', '--url', url, '--hours', '24'])).code).toBe(2);
    expect((await cli(['estimate', '--url', 'http://127.0.0.1:9', '--hardware', 'H100', '--hours', '1'])).stderr).toMatch(
      /^ai-emissions-api: cannot reach http:\/\/127\.0\.0\.1:9: \w+/,
    );
  }, 60000);

  it('upload: streams a job file, shows progress, then the outcome and the row errors (exit 3)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-job-'));
    const file = join(dir, 'history.csv');
    writeFileSync(
      file,
      [
        'name,project,team,model,tags,startedAt,endedAt,hardware,count,hours,zone,pue',
        'a,cli,research,m1,,2026-01-10T08:00:00Z,,nvidia-h100-sxm5-80gb,8,12,FR,',
        'b,cli,research,m1,,2026-01-11T08:00:00Z,,nvidia-a100-sxm4-80gb,4,10,DE,',
        'c,cli,infra,m2,,2026-02-11T08:00:00Z,,nvidia-a100-sxm4-80gb,4,-1,DE,',
        'd,cli,infra,m2,,2026-02-12T08:00:00Z,,nvidia-h100-sxm5-80gb,2,5,SE,',
      ].join('\n'),
    );
    const res = await cli(['upload', file, '--url', url, '--interval', '100'], { AI_EMISSIONS_API_KEY: key });
    expect(res.code).toBe(3);
    const [accepted, outcome, ...table] = res.stdout.trim().split('\n');
    expect(accepted).toMatch(/^job [0-9a-f-]{36}: 4 rows accepted$/);
    const id = accepted.split(' ')[1].replace(':', '');
    expect(outcome).toBe(`job ${id} partial: 3 succeeded, 1 failed of 4`);
    const errors = (
      await t.http
        .get(`/v1/jobs/${id}/errors`)
        .set({ authorization: `Bearer ${key}` })
        .expect(200)
    ).body.items;
    expect(table[0].split(/\s{2,}/)).toEqual(['row', 'code', 'message']);
    expect(table[2].trim().split(/\s{2,}/)).toEqual([String(errors[0].row), errors[0].code, errors[0].message]);
    // The progress bar (stderr is not a terminal here: one line per change), ending at 100 %.
    expect(res.stderr.trim().split('\n').at(-1)).toBe(
      '[##############################] 100% 4/4 rows · 3 ok · 1 failed · partial',
    );

    const noKey = await cli(['upload', file, '--url', url]);
    expect(noKey).toMatchObject({ code: 1 });
    expect(noKey.stderr).toMatch(/UNAUTHENTICATED/);
    expect((await cli(['upload', join(dir, 'missing.csv'), '--url', url])).code).toBe(2);
  }, 90000);

  it('report: the emissions report as a table with a totals row', async () => {
    const res = await cli(['report', '--url', url, '--key', key, '--group-by', 'team']);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const api = (
      await t.http
        .get('/v1/reports/emissions')
        .query({ groupBy: 'team' })
        .set({ authorization: `Bearer ${key}` })
        .expect(200)
    ).body as {
      groups: { key: { team: string }; runs: number; energyKwh: number; co2eKg: number }[];
      totals: { runs: number; energyKwh: number; co2eKg: number };
    };
    const lines = res.stdout.trim().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['team', 'runs', 'energy_kwh', 'co2e_kg']);
    expect(lines.slice(2).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ...api.groups.map((g) => [g.key.team, String(g.runs), fmt(g.energyKwh), fmt(g.co2eKg)]),
      ['TOTAL', String(api.totals.runs), fmt(api.totals.energyKwh), fmt(api.totals.co2eKg)],
    ]);
    expect(api.totals.runs).toBe(3);
  }, 60000);

  it('start: builds what is missing, serves on the given port, and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'start', '--port', String(port)], {
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL!, HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 240_000;
      let live = 0;
      while (Date.now() < deadline && child.exitCode === null) {
        live = await fetch(`http://127.0.0.1:${port}/health/live`).then(
          (r) => r.status,
          () => 0,
        );
        if (live === 200) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect({ live, output: live === 200 ? '' : output.slice(-2000) }).toEqual({ live: 200, output: '' });
      expect((await fetch(`http://127.0.0.1:${port}/app/`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 300_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
