import './style.css';
import { allPages, api, ApiError, getKey, query, setKey } from './api';
import { barChart } from './charts';
import type { components } from '../../clients/typescript/src/schema';

// ---------------------------------------------------------------------------------------------- helpers

type Child = Node | string | number | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** Numbers as the tables show them: en-US grouping, at most 2 decimals (the API keeps full precision). */
export const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n > 0 ? '+' : ''}${fmt(n)} %`);

function table(testid: string, head: string[], rows: Child[][], foot?: Child[]): HTMLTableElement {
  return h(
    'table',
    { 'data-testid': testid },
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
    foot ? h('tfoot', {}, h('tr', {}, ...foot.map((c) => h('th', {}, c)))) : null,
  );
}

const errorBox = document.getElementById('error')!;
function showError(err: unknown) {
  errorBox.hidden = false;
  if (err instanceof ApiError) {
    const hint = err.status === 401 || err.status === 403 ? ' Enter an API key with read access above.' : '';
    errorBox.textContent = `${err.code}: ${err.message}${hint}`;
  } else errorBox.textContent = String(err instanceof Error ? err.message : err);
}
const clearError = () => {
  errorBox.hidden = true;
  errorBox.textContent = '';
};
async function guarded(fn: () => Promise<void>) {
  clearError();
  try {
    await fn();
  } catch (err) {
    showError(err);
  }
}

function field(label: string, input: HTMLElement) {
  return h('label', {}, label, ' ', input);
}
function select(id: string, options: [string, string][], value?: string) {
  const s = h('select', { id }, ...options.map(([v, l]) => h('option', { value: v }, l)));
  if (value) s.value = value;
  return s;
}
function chartBox(id: string, title: string) {
  const canvas = h('canvas', { id, 'data-testid': id });
  return { canvas, box: h('figure', { class: 'chart' }, h('figcaption', {}, title), h('div', { class: 'canvas' }, canvas)) };
}
const dayStart = (d: string) => (d ? `${d}T00:00:00Z` : undefined);

// ---------------------------------------------------------------------------------------------- types

// The API's own shapes, generated from docs/openapi.json (npm run generate:contracts), so the dashboard cannot drift from them.
type Schemas = components['schemas'];
type Totals = Schemas['ReportTotalsModel'];
type Report = Schemas['ReportModel'];
type Run = Schemas['RunModel'];
type Job = Schemas['JobModel'];
type RowError = Schemas['JobRowErrorModel'];
type Estimate = Schemas['EstimateModel'];

// ---------------------------------------------------------------------------------------------- views

const DIMENSIONS: [string, string][] = [
  ['team', 'Team'],
  ['project', 'Project'],
  ['model', 'Model'],
  ['zone', 'Zone'],
  ['hardware', 'Hardware'],
];

/** Emissions and energy per month, stacked by the chosen dimension, with the totals per value below. */
function overview(root: HTMLElement) {
  const dim = select('dimension', DIMENSIONS, 'team');
  const from = h('input', { id: 'from', type: 'date' });
  const to = h('input', { id: 'to', type: 'date' });
  const co2 = chartBox('chart-co2e', 'CO2e (kg) per month');
  const energy = chartBox('chart-energy', 'Energy (kWh) per month');
  const out = h('div', {});
  const form = h(
    'form',
    { class: 'controls' },
    field('By', dim),
    field('From', from),
    field('To', to),
    h('button', { type: 'submit' }, 'Show'),
  );
  root.append(h('h2', {}, 'Emissions and energy over time'), form, h('div', { class: 'charts' }, co2.box, energy.box), out);
  const load = () =>
    guarded(async () => {
      const d = dim.value;
      const r = await api<Report>(
        `/v1/reports/emissions${query({ groupBy: `month,${d}`, from: dayStart(from.value), to: dayStart(to.value) })}`,
      );
      // hardware and zone ids are shown with their catalog names (the report's names), e.g. "NVIDIA H100 SXM5 80GB"
      const display = new Map<string, string>();
      for (const g of r.groups) {
        const id = g.key[d];
        if (id && g.names?.[d]) display.set(id, g.names[d]);
      }
      const label = (v: string | null) => (v === null ? '(none)' : (display.get(v) ?? v));
      const months = [...new Set(r.groups.map((g) => g.key.month ?? '(none)'))].sort();
      const values = [...new Set(r.groups.map((g) => label(g.key[d])))].sort();
      const cell = (metric: 'co2eKg' | 'energyKwh') => ({
        labels: months,
        datasets: values.map((v) => ({
          label: v,
          data: months.map((m) =>
            r.groups.filter((g) => (g.key.month ?? '(none)') === m && label(g.key[d]) === v).reduce((s, g) => s + g[metric], 0),
          ),
        })),
      });
      barChart(co2.canvas, cell('co2eKg'), { stacked: true, yTitle: 'kg CO2e' });
      barChart(energy.canvas, cell('energyKwh'), { stacked: true, yTitle: 'kWh' });
      const byValue = values.map((v) => {
        const gs = r.groups.filter((g) => label(g.key[d]) === v);
        const sum = (k: keyof Totals) => gs.reduce((s, g) => s + g[k], 0);
        return [
          v,
          sum('runs'),
          fmt(sum('energyKwh')),
          fmt(sum('co2eKg')),
          fmt(sum('operationalCo2eKg')),
          fmt(sum('embodiedCo2eKg')),
          fmt(sum('waterL')),
        ];
      });
      const t = r.totals;
      out.replaceChildren(
        table(
          'overview-table',
          [
            DIMENSIONS.find(([k]) => k === d)![1],
            'Runs',
            'Energy (kWh)',
            'CO2e (kg)',
            'Operational CO2e (kg)',
            'Embodied CO2e (kg)',
            'Water (L)',
          ],
          byValue,
          ['Total', t.runs, fmt(t.energyKwh), fmt(t.co2eKg), fmt(t.operationalCo2eKg), fmt(t.embodiedCo2eKg), fmt(t.waterL)],
        ),
      );
    });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  dim.addEventListener('change', () => void load());
  void load();
}

/** The runs with the most CO2e (all pages of GET /v1/runs, up to 5,000 runs, sorted here). */
function topRuns(root: HTMLElement) {
  const team = h('input', { id: 'filter-team', placeholder: 'any' });
  const project = h('input', { id: 'filter-project', placeholder: 'any' });
  const n = select(
    'top-n',
    [
      ['10', '10'],
      ['25', '25'],
      ['50', '50'],
    ],
    '10',
  );
  const chart = chartBox('chart-top', 'CO2e (kg) of the top runs');
  const out = h('div', {});
  const form = h(
    'form',
    { class: 'controls' },
    field('Team', team),
    field('Project', project),
    field('Top', n),
    h('button', { type: 'submit' }, 'Show'),
  );
  root.append(h('h2', {}, 'Top runs by CO2e'), form, h('div', { class: 'charts' }, chart.box), out);
  const load = () =>
    guarded(async () => {
      const runs = await allPages<Run>('/v1/runs', { team: team.value, project: project.value, limit: 500 }, 5000);
      const top = runs.sort((a, b) => b.estimate.co2eKg - a.estimate.co2eKg).slice(0, Number(n.value));
      const name = (r: Run) => r.name ?? r.id.slice(0, 8);
      barChart(
        chart.canvas,
        { labels: top.map(name), datasets: [{ label: 'CO2e (kg)', data: top.map((r) => r.estimate.co2eKg) }] },
        {
          horizontal: true,
          yTitle: 'kg CO2e',
        },
      );
      out.replaceChildren(
        h('p', { 'data-testid': 'runs-count' }, `${runs.length} runs`),
        table(
          'top-runs-table',
          ['#', 'Run', 'Project', 'Team', 'Model', 'Zone', 'Hardware', 'Energy (kWh)', 'CO2e (kg)', 'Started'],
          top.map((r, i) => [
            i + 1,
            name(r),
            r.project ?? '—',
            r.team ?? '—',
            r.model ?? '—',
            r.estimate.factors?.intensity?.zone ?? '—',
            r.estimate.factors?.hardware?.id ?? '—',
            fmt(r.estimate.energyKwh),
            fmt(r.estimate.co2eKg),
            (r.startedAt ?? r.createdAt).slice(0, 16).replace('T', ' '),
          ]),
        ),
      );
    });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  void load();
}

const COMPARISON_EXAMPLE = {
  baseline: { hardware: { ref: 'H100', count: 256 }, compute: { parameters: 7e9, tokens: 1e12 }, location: { zone: 'PL' } },
  variants: [{ name: 'in France', changes: { location: { zone: 'FR' } } }],
  sweep: { location: [{ zone: 'DE' }, { zone: 'SE' }] },
};

/** POST /v1/comparisons: baseline and variants charted with their p5–p95 ranges as error bars. */
function compare(root: HTMLElement) {
  const body = h('textarea', { id: 'comparison-body', rows: '12', spellcheck: 'false' });
  body.value = JSON.stringify(COMPARISON_EXAMPLE, null, 2);
  const chart = chartBox('chart-compare', 'CO2e (kg), bars: estimate, whiskers: range');
  const out = h('div', {});
  const form = h(
    'form',
    { class: 'stack' },
    field('Comparison request (JSON)', body),
    h('button', { type: 'submit' }, 'Compare'),
  );
  root.append(h('h2', {}, 'Compare a baseline with variants'), form, h('div', { class: 'charts' }, chart.box), out);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void guarded(async () => {
      let json: unknown;
      try {
        json = JSON.parse(body.value);
      } catch (err) {
        throw new Error(`The request is not valid JSON: ${(err as Error).message}`, { cause: err });
      }
      const c = await api<{
        baseline: { name: string; estimate: Estimate; rank: number };
        variants: {
          name: string;
          estimate: Estimate | null;
          deltaCo2eKg: number | null;
          deltaPct: number | null;
          rank: number | null;
          error?: { code: string; message: string };
        }[];
        best: string;
      }>('/v1/comparisons', { method: 'POST', json });
      const rows = [
        {
          name: c.baseline.name,
          estimate: c.baseline.estimate,
          deltaCo2eKg: 0,
          deltaPct: 0,
          rank: c.baseline.rank,
          error: undefined,
        },
        ...c.variants,
      ];
      const ok = rows.filter((r) => r.estimate);
      barChart(
        chart.canvas,
        {
          labels: ok.map((r) => r.name),
          datasets: [
            {
              label: 'CO2e (kg)',
              data: ok.map((r) => r.estimate!.co2eKg),
              errorBars: ok.map((r) => {
                const range = r.estimate!.ranges?.co2eKg; // [low, high]
                return range ? ([range[0], range[1]] as [number, number]) : null;
              }),
            },
          ],
        },
        { yTitle: 'kg CO2e' },
      );
      out.replaceChildren(
        h('p', { 'data-testid': 'best' }, `Best: ${c.best}`),
        table(
          'comparison-table',
          ['Rank', 'Name', 'CO2e (kg)', 'Range (kg)', 'Δ CO2e (kg)', 'Δ %', 'Energy (kWh)'],
          rows.map((r) =>
            r.estimate
              ? [
                  r.rank ?? '—',
                  r.name,
                  fmt(r.estimate.co2eKg),
                  r.estimate.ranges ? `${fmt(r.estimate.ranges.co2eKg[0])} – ${fmt(r.estimate.ranges.co2eKg[1])}` : '—',
                  fmt(r.deltaCo2eKg),
                  pct(r.deltaPct),
                  fmt(r.estimate.energyKwh),
                ]
              : ['—', r.name, `${r.error?.code ?? 'ERROR'}: ${r.error?.message ?? ''}`, '', '', '', ''],
          ),
        ),
      );
    });
  });
}

const JOB_TYPES: [RegExp, string][] = [
  [/\.csv$/i, 'text/csv'],
  [/\.(ndjson|jsonl)$/i, 'application/x-ndjson'],
  [/\.json$/i, 'application/json'],
];

/** Upload a job file, or open a job by id: live progress (polled) and its row errors. */
function jobs(root: HTMLElement, initialId?: string) {
  const file = h('input', { id: 'job-file', type: 'file', accept: '.csv,.ndjson,.jsonl,.json' });
  const id = h('input', { id: 'job-id', placeholder: 'job id', size: '38' });
  const status = h('div', { 'data-testid': 'job-status' });
  const errors = h('div', {});
  const upload = h(
    'form',
    { class: 'controls' },
    field('Upload a job (CSV, NDJSON, JSON)', file),
    h('button', { type: 'submit' }, 'Upload'),
  );
  const open = h('form', { class: 'controls' }, field('Job', id), h('button', { type: 'submit' }, 'Open'));
  root.append(h('h2', {}, 'Jobs'), upload, open, status, errors);
  let timer: number | undefined;
  const stop = () => window.clearTimeout(timer);
  root.addEventListener('view:leave', stop);

  const showErrors = async (jobId: string) => {
    const items = await allPages<RowError>(`/v1/jobs/${encodeURIComponent(jobId)}/errors`, { limit: 500 }, 1000);
    errors.replaceChildren(
      h('h3', {}, `Row errors (${items.length})`),
      table(
        'job-errors-table',
        ['Row', 'Code', 'Message'],
        items.map((e) => [e.row, e.code, e.message]),
      ),
    );
  };
  const poll = (jobId: string) =>
    guarded(async () => {
      stop();
      const j = await api<Job>(`/v1/jobs/${encodeURIComponent(jobId)}`);
      const done = j.status !== 'queued' && j.status !== 'running';
      const share = j.total ? Math.round((100 * j.processed) / j.total) : 0;
      status.replaceChildren(
        h('p', {}, 'Job ', h('code', {}, j.id), ': ', h('strong', { 'data-testid': 'job-state' }, j.status)),
        h('progress', { max: String(j.total || 1), value: String(j.processed), 'data-testid': 'job-progress' }),
        h('span', { 'data-testid': 'job-progress-text' }, ` ${fmt(j.processed)} / ${fmt(j.total)} rows (${share} %)`),
        h('p', { 'data-testid': 'job-counters' }, `succeeded ${fmt(j.succeeded)} · failed ${fmt(j.failed)}`),
      );
      if (j.failed > 0 || done) await showErrors(jobId);
      if (!done) timer = window.setTimeout(() => void poll(jobId), 1000);
    });
  upload.addEventListener('submit', (e) => {
    e.preventDefault();
    void guarded(async () => {
      const f = file.files?.[0];
      if (!f) throw new Error('Choose a file first.');
      const type = JOB_TYPES.find(([re]) => re.test(f.name))?.[1];
      if (!type) throw new Error('The file name must end in .csv, .ndjson, .jsonl or .json.');
      const accepted = await api<{ id: string }>('/v1/jobs', { method: 'POST', body: f, headers: { 'content-type': type } });
      id.value = accepted.id;
      history.replaceState(null, '', `#/jobs/${accepted.id}`);
      await poll(accepted.id);
    });
  });
  open.addEventListener('submit', (e) => {
    e.preventDefault();
    if (id.value.trim()) void poll(id.value.trim());
  });
  if (initialId) {
    id.value = initialId;
    void poll(initialId);
  }
}

interface Catalog {
  path: string;
  head: string[];
  row(x: Record<string, unknown>): Child[];
}
const newestIntensity = (z: Record<string, unknown>) => {
  const list = (z.intensities as { year: number; gPerKwh: number; preferred?: boolean }[]) ?? [];
  const best = [...list].sort((a, b) => b.year - a.year)[0];
  return best ? `${fmt(best.gPerKwh)} (${best.year})` : '—';
};
const CATALOGS: Record<string, Catalog> = {
  hardware: {
    path: '/v1/hardware',
    head: ['Id', 'Name', 'Vendor', 'Kind', 'TDP (W)', 'Memory (GB)'],
    row: (x) => [
      x.id as string,
      x.name as string,
      x.vendor as string,
      x.kind as string,
      fmt(x.tdpW as number),
      fmt(x.memoryGb as number | null),
    ],
  },
  models: {
    path: '/v1/models',
    head: ['Id', 'Name', 'Family', 'Vendor', 'Parameters', 'Active'],
    row: (x) => [
      x.id as string,
      x.name as string,
      x.family as string,
      x.vendor as string,
      fmt(x.totalParameters as number),
      fmt(x.activeParameters as number),
    ],
  },
  zones: {
    path: '/v1/grid/zones',
    head: ['Code', 'Name', 'Country', 'Kind', 'Newest g CO2e/kWh'],
    row: (x) => [
      x.code as string,
      x.name as string,
      (x.countryCode as string | null) ?? '—',
      x.kind as string,
      newestIntensity(x),
    ],
  },
};

/** The reference catalogs, searched by the API's own `q` (names, ids and aliases). */
function catalogs(root: HTMLElement) {
  const which = select(
    'catalog',
    [
      ['hardware', 'Hardware'],
      ['models', 'Models'],
      ['zones', 'Grid zones'],
    ],
    'hardware',
  );
  const q = h('input', { id: 'catalog-q', type: 'search', placeholder: 'search, e.g. h100, llama, FR' });
  const out = h('div', {});
  root.append(
    h('h2', {}, 'Reference catalogs'),
    h('form', { class: 'controls' }, field('Catalog', which), field('Search', q)),
    out,
  );
  let seq = 0;
  const load = () =>
    guarded(async () => {
      const mine = ++seq;
      const c = CATALOGS[which.value];
      const page = await api<{ items: Record<string, unknown>[]; nextCursor: string | null }>(
        `${c.path}${query({ q: q.value.trim(), limit: 200 })}`,
      );
      if (mine !== seq) return; // a newer search answered first
      out.replaceChildren(
        h('p', { 'data-testid': 'catalog-count' }, `${page.items.length}${page.nextCursor ? '+' : ''} entries`),
        table('catalog-table', c.head, page.items.map(c.row)),
      );
    });
  let debounce: number | undefined;
  q.addEventListener('input', () => {
    window.clearTimeout(debounce);
    debounce = window.setTimeout(() => void load(), 250);
  });
  q.form!.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  which.addEventListener('change', () => void load());
  void load();
}

// ---------------------------------------------------------------------------------------------- shell

const VIEWS: Record<string, (root: HTMLElement, arg?: string) => void> = { overview, runs: topRuns, compare, jobs, catalogs };
const main = document.getElementById('view')!;

function route() {
  const [name, arg] = location.hash.replace(/^#\/?/, '').split('/');
  const view = VIEWS[name] ? name : 'overview';
  main.dispatchEvent(new Event('view:leave'));
  const root = h('section', { 'data-view': view });
  main.replaceChildren(root);
  main.addEventListener('view:leave', () => root.dispatchEvent(new Event('view:leave')), { once: true });
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#nav a')) a.classList.toggle('active', a.dataset.view === view);
  clearError();
  VIEWS[view](root, arg ? decodeURIComponent(arg) : undefined);
}

const keyInput = document.getElementById('api-key') as HTMLInputElement;
const keyState = document.getElementById('key-state')!;
const showKeyState = () => (keyState.textContent = getKey() ? 'key set (this tab only)' : 'no key');
document.getElementById('key-form')!.addEventListener('submit', (e) => {
  e.preventDefault();
  setKey(keyInput.value);
  keyInput.value = '';
  showKeyState();
  route();
});
document.getElementById('forget-key')!.addEventListener('click', () => {
  setKey(null);
  showKeyState();
  route();
});
window.addEventListener('hashchange', route);
showKeyState();
route();
