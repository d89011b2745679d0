#!/usr/bin/env node
// The command line: start the service, estimate from flags, upload a job with a progress bar, print a
// report as a table. Everything but `start` talks to a running service over its REST API (--url, default
// $AI_EMISSIONS_API_URL or http://localhost:3000), with --key or $AI_EMISSIONS_API_KEY where a key is needed.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage: ai-emissions-api <command> [options]

Commands:
  start                      build if needed, then run the service (same as npm start; PORT, DATABASE_URL, ... from the environment)
  estimate                   POST /v1/estimates from flags and print the answer
      --hardware H100 --count 8 (--hours 24 | --accelerator-hours 192) [--zone FR | --provider gcp --region europe-west1]
      [--pue 1.1] [--workload training|inference] [--json]
  upload <file>              a job (.csv, .ndjson/.jsonl, .json) streamed to POST /v1/jobs, with a progress bar
      [--no-wait] [--idempotency-key K]
  report                     GET /v1/reports/emissions as a table
      [--group-by team,month] [--from 2026-01-01T00:00:00Z] [--to ...] [--project P] [--team T] [--model M] [--json]

Options for every command but start:
  --url URL                  the service (default $AI_EMISSIONS_API_URL or http://localhost:3000)
  --key KEY                  API key (default $AI_EMISSIONS_API_KEY); upload and report need one
  -h, --help                 this help

Exit codes: 0 done, 1 an error (the API's code and message are printed), 2 bad usage, 3 a job finished with row errors.`;

class UsageError extends Error {}

const fmt = (n, digits = 2) =>
  n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits });

/** A plain-text table: headers, a rule, rows; numbers right-aligned. */
export function renderTable(head, rows) {
  const all = [head, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d,.—]+( %)?$/.test(String(r[i] ?? ''))));
  const line = (r) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

function common(values) {
  const url = (values.url ?? process.env.AI_EMISSIONS_API_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const key = values.key ?? process.env.AI_EMISSIONS_API_KEY;
  return { url, headers: key ? { authorization: `Bearer ${key}` } : {} };
}

async function call(url, init = {}) {
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    const cause = err.cause?.code ?? err.cause?.errors?.[0]?.code ?? err.cause?.message ?? err.message;
    throw new Error(`cannot reach ${new URL(url).origin}: ${cause} (is the service running? see --url)`, { cause: err });
  }
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = body?.error ?? {};
    const details = (e.details ?? []).map((d) => `\n  ${d.path ? `${d.path}: ` : ''}${d.message}`).join('');
    throw new Error(`${e.code ?? `HTTP_${res.status}`}: ${e.message ?? res.statusText}${details}`);
  }
  return body;
}

const COMMON_OPTIONS = { url: { type: 'string' }, key: { type: 'string' }, help: { type: 'boolean', short: 'h' } };

async function estimate(args) {
  const { values } = parseArgs({
    args,
    options: {
      ...COMMON_OPTIONS,
      hardware: { type: 'string' },
      count: { type: 'string' },
      hours: { type: 'string' },
      'accelerator-hours': { type: 'string' },
      zone: { type: 'string' },
      provider: { type: 'string' },
      region: { type: 'string' },
      pue: { type: 'string' },
      workload: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.hardware) throw new UsageError('estimate needs --hardware (e.g. --hardware H100)');
  const num = (name) => {
    if (values[name] === undefined) return undefined;
    const n = Number(values[name]);
    if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not ${JSON.stringify(values[name])}`);
    return n;
  };
  const location = values.zone
    ? { zone: values.zone }
    : values.region
      ? { provider: values.provider, region: values.region }
      : undefined;
  const body = {
    ...(values.workload ? { workload: values.workload } : {}),
    hardware: { ref: values.hardware, ...(values.count ? { count: num('count') } : {}) },
    ...(values.hours ? { hours: num('hours') } : {}),
    ...(values['accelerator-hours'] ? { acceleratorHours: num('accelerator-hours') } : {}),
    ...(location ? { location } : {}),
    ...(values.pue ? { pue: num('pue') } : {}),
  };
  const { url, headers } = common(values);
  const e = await call(`${url}/v1/estimates`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (values.json) return console.log(JSON.stringify(e, null, 2));
  const range = (r) => (r ? `${fmt(r[0])} – ${fmt(r[1])}` : '—');
  const i = e.factors?.intensity ?? {};
  console.log(
    renderTable(
      ['', 'value', 'range'],
      [
        ['energy (kWh)', fmt(e.energyKwh), range(e.ranges?.energyKwh)],
        ['CO2e (kg)', fmt(e.co2eKg), range(e.ranges?.co2eKg)],
        ['  operational (kg)', fmt(e.operationalCo2eKg), range(e.ranges?.operationalCo2eKg)],
        ['  embodied (kg)', fmt(e.embodiedCo2eKg), range(e.ranges?.embodiedCo2eKg)],
        ['water (L)', fmt(e.waterL), range(e.ranges?.waterL)],
        ['accelerator-hours', fmt(e.acceleratorHours), range(e.ranges?.acceleratorHours)],
      ],
    ),
  );
  console.log(
    `\nhardware ${e.factors?.hardware?.id ?? '—'} · grid ${i.zone ?? '—'} ${fmt(i.gPerKwh)} g/kWh (${i.year ?? '—'}) · PUE ${fmt(e.factors?.pue?.value, 3)} · data ${e.dataVersion}`,
  );
  for (const w of e.warnings ?? []) console.log(`warning: ${w.code ?? ''} ${w.message ?? w}`.trim());
}

const TYPES = {
  '.csv': 'text/csv',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.json': 'application/json',
};

function progressBar(job, width = 30) {
  const share = job.total ? job.processed / job.total : 0;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${fmt(job.processed)}/${fmt(job.total)} rows · ${fmt(job.succeeded)} ok · ${fmt(job.failed)} failed · ${job.status}`;
}

async function upload(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      'no-wait': { type: 'boolean' },
      'idempotency-key': { type: 'string' },
      interval: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('upload needs a file: ai-emissions-api upload history.csv');
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${file}`);
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) throw new UsageError(`${file}: the name must end in .csv, .ndjson, .jsonl or .json`);
  const { url, headers } = common(values);
  const accepted = await call(`${url}/v1/jobs`, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': type,
      ...(values['idempotency-key'] ? { 'idempotency-key': values['idempotency-key'] } : {}),
    },
    body: Readable.toWeb(createReadStream(file)),
    duplex: 'half',
  });
  console.log(`job ${accepted.id}: ${fmt(accepted.total)} rows accepted`);
  if (values['no-wait']) return;
  const tty = process.stderr.isTTY;
  let last = '';
  let job;
  for (;;) {
    job = await call(`${url}/v1/jobs/${accepted.id}`, { headers });
    const bar = progressBar(job);
    if (tty) process.stderr.write(`\r${bar}`);
    else if (bar !== last) process.stderr.write(`${bar}\n`);
    last = bar;
    if (job.status !== 'queued' && job.status !== 'running') break;
    await new Promise((r) => setTimeout(r, Number(values.interval ?? 500)));
  }
  if (tty) process.stderr.write('\n');
  console.log(`job ${job.id} ${job.status}: ${fmt(job.succeeded)} succeeded, ${fmt(job.failed)} failed of ${fmt(job.total)}`);
  if (job.failed > 0) {
    const errors = await call(`${url}/v1/jobs/${job.id}/errors?limit=20`, { headers });
    console.log(
      renderTable(
        ['row', 'code', 'message'],
        errors.items.map((e) => [e.row, e.code, e.message]),
      ),
    );
    if (errors.nextCursor) console.log(`… more: GET ${url}/v1/jobs/${job.id}/errors`);
    return 3;
  }
}

async function report(args) {
  const { values } = parseArgs({
    args,
    options: {
      ...COMMON_OPTIONS,
      'group-by': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      project: { type: 'string' },
      team: { type: 'string' },
      model: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const { url, headers } = common(values);
  const q = new URLSearchParams();
  for (const [flag, param] of [
    ['group-by', 'groupBy'],
    ['from', 'from'],
    ['to', 'to'],
    ['project', 'project'],
    ['team', 'team'],
    ['model', 'model'],
  ])
    if (values[flag]) q.set(param, values[flag]);
  const r = await call(`${url}/v1/reports/emissions${q.size ? `?${q}` : ''}`, {
    headers: { ...headers, accept: 'application/json' },
  });
  if (values.json) return console.log(JSON.stringify(r, null, 2));
  const dims = r.groupBy;
  const metrics = (g) => [g.runs, fmt(g.energyKwh), fmt(g.co2eKg)];
  console.log(
    renderTable(
      [...dims, 'runs', 'energy_kwh', 'co2e_kg'],
      [
        ...r.groups.map((g) => [...dims.map((d) => g.key[d] ?? '(none)'), ...metrics(g)]),
        [...dims.map((_, i) => (i === 0 ? 'TOTAL' : '')), ...metrics(r.totals)],
      ],
    ),
  );
}

function start(args) {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(HELP);
  const env = { ...process.env, ...(values.port ? { PORT: values.port } : {}) };
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [join(ROOT, 'scripts', 'ensure-build.mjs')], { cwd: ROOT, stdio: 'inherit', env });
    build.on('error', reject);
    build.on('exit', (code) => {
      if (code !== 0) return resolve(code ?? 1);
      const server = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], { cwd: ROOT, stdio: 'inherit', env });
      // Signals go to the service, which shuts down gracefully; its exit code becomes ours.
      for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => server.kill(s));
      server.on('exit', (c, signal) => resolve(c ?? (signal ? 0 : 1)));
    });
  });
}

const COMMANDS = { start, estimate, upload, report };

async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  return (await run(rest)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    const usage = err instanceof UsageError || err?.code?.startsWith?.('ERR_PARSE_ARGS');
    console.error(`ai-emissions-api: ${err.message}${usage ? '\n(ai-emissions-api --help for usage)' : ''}`);
    process.exitCode = usage ? 2 : 1;
  },
);
