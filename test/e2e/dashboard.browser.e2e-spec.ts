import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DASHBOARD_CSP } from '../../src/explorer/dashboard';
import { describeWithChromium, recordCspViolations } from '../utils/browser';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The dashboard (/app/) in a real headless Chromium against a seeded service: runs created through the
 * API first, the network cut off (anything not to the service is aborted and recorded), and every view
 * checked for what it shows against the API's own answers. Screenshots go to test-results/dashboard/.
 */
const ADMIN = 'dashboard-admin-key-0123456789abcdef';
const SHOTS = join(__dirname, '..', '..', 'test-results', 'dashboard');
/** The page's number format (dashboard/src/main.ts `fmt`). */
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

interface Group {
  key: Record<string, string | null>;
  runs: number;
  energyKwh: number;
  co2eKg: number;
  operationalCo2eKg: number;
  embodiedCo2eKg: number;
  waterL: number;
}

const RUNS = [
  {
    name: 'pretrain-a',
    project: 'alpha',
    team: 'research',
    model: 'llama-3-8b',
    zone: 'FR',
    hw: 'nvidia-h100-sxm5-80gb',
    count: 64,
    hours: 48,
    at: '2026-01-05T08:00:00Z',
  },
  {
    name: 'finetune-b',
    project: 'alpha',
    team: 'research',
    model: 'llama-3-8b',
    zone: 'DE',
    hw: 'nvidia-a100-sxm4-80gb',
    count: 8,
    hours: 12,
    at: '2026-01-20T08:00:00Z',
  },
  {
    name: 'eval-c',
    project: 'beta',
    team: 'infra',
    model: 'bert',
    zone: 'PL',
    hw: 'nvidia-a100-sxm4-80gb',
    count: 4,
    hours: 6,
    at: '2026-02-02T08:00:00Z',
  },
  {
    name: 'pretrain-d',
    project: 'beta',
    team: 'infra',
    model: 'bert',
    zone: 'PL',
    hw: 'nvidia-h100-sxm5-80gb',
    count: 32,
    hours: 30,
    at: '2026-02-14T08:00:00Z',
  },
  {
    name: 'sweep-e',
    project: 'gamma',
    team: 'search',
    model: 'mistral-7b',
    zone: 'SE',
    hw: 'nvidia-h100-sxm5-80gb',
    count: 16,
    hours: 10,
    at: '2026-02-20T08:00:00Z',
  },
];

describeWithChromium('dashboard (/app/) in a real browser', (executablePath) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let key: string;
  const auth = () => ({ authorization: `Bearer ${key}` });
  const external: string[] = [];
  const problems: string[] = []; // page errors and console errors (a CSP violation is one)
  const cspViolations: string[][] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const created = await t.http
      .post('/v1/api-keys')
      .set({ authorization: `Bearer ${ADMIN}` })
      .send({ name: 'dashboard', tenant: `dashboard-${Date.now()}`, scopes: ['read', 'write'] })
      .expect(201);
    key = created.body.key;
    for (const r of RUNS) {
      await t.http
        .post('/v1/runs')
        .set(auth())
        .send({
          name: r.name,
          project: r.project,
          team: r.team,
          model: r.model,
          startedAt: r.at,
          request: { hardware: { ref: r.hw, count: r.count }, hours: r.hours, location: { zone: r.zone } },
        })
        .expect(201);
    }
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      external.push(url);
      return route.abort('internetdisconnected');
    });
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(external).toEqual([]);
    expect(problems).toEqual([]);
    expect(cspViolations.flat()).toEqual([]); // also reported by the document's securitypolicyviolation events
  });

  async function open(hash: string, withKey = true): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401|Unauthorized/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    cspViolations.push(await recordCspViolations(page));
    await page.goto(`${base}/app/${hash}`, { waitUntil: 'load' });
    if (withKey) {
      await page.fill('#api-key', key);
      await page.click('#key-form button[type=submit]');
    }
    return page;
  }
  const rows = (page: Page, testid: string) =>
    page
      .locator(`[data-testid=${testid}] tbody tr`)
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const series = async (page: Page, testid: string) =>
    JSON.parse((await page.getAttribute(`[data-testid=${testid}]`, 'data-series')) ?? 'null') as {
      labels: string[];
      datasets: { label: string; data: number[]; errorBars?: [number, number][] }[];
    };

  it('is served from the service with its own scripts only (CSP), and /app redirects to /app/', async () => {
    const res = await t.http.get('/app/').expect(200);
    expect(res.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(res.text).toMatch(/<script type="module" crossorigin src="\/app\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(res.text).not.toMatch(/<script>|<script type="module">|https?:\/\//);
    expect((await t.http.get('/app').expect(302)).headers.location).toBe('/app/');
    expect((await t.http.get('/app/assets/nope.js').expect(404)).body.error.code).toBe('NOT_FOUND');
  });

  it('without a key, says the API needs one (the coded error, not a blank page)', async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    cspViolations.push(await recordCspViolations(page));
    await page.goto(`${base}/app/#/overview`, { waitUntil: 'load' });
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toMatch(/^UNAUTHENTICATED: .*Enter an API key/);
    expect(await page.textContent('#key-state')).toBe('no key');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.close();
  });

  it('over time: CO2e and energy per month by team and by zone, with totals equal to the report', async () => {
    const page = await open('#/overview');
    await page.waitForSelector('[data-testid=overview-table] tbody tr');
    expect(await page.evaluate("sessionStorage.getItem('ai-emissions-api.key')")).toBe(key);
    const byTeam = (await t.http.get('/v1/reports/emissions').query({ groupBy: 'team' }).set(auth()).expect(200)).body as {
      groups: Group[];
      totals: Group;
    };
    const expected = byTeam.groups
      .map((g) => [
        g.key.team!,
        String(g.runs),
        fmt(g.energyKwh),
        fmt(g.co2eKg),
        fmt(g.operationalCo2eKg),
        fmt(g.embodiedCo2eKg),
        fmt(g.waterL),
      ])
      .sort((a, b) => a[0].localeCompare(b[0]));
    expect(await rows(page, 'overview-table')).toEqual(expected);
    expect(await page.locator('[data-testid=overview-table] tfoot th').allTextContents()).toEqual([
      'Total',
      '5',
      fmt(byTeam.totals.energyKwh),
      fmt(byTeam.totals.co2eKg),
      fmt(byTeam.totals.operationalCo2eKg),
      fmt(byTeam.totals.embodiedCo2eKg),
      fmt(byTeam.totals.waterL),
    ]);
    expect(byTeam.totals.embodiedCo2eKg).toBeGreaterThan(0); // the breakdown columns carry figures, not zeros
    const co2 = await series(page, 'chart-co2e');
    expect(co2.labels).toEqual(['2026-01', '2026-02']);
    expect(co2.datasets.map((d) => d.label)).toEqual(['infra', 'research', 'search']);
    const research = byTeam.groups.find((g) => g.key.team === 'research')!;
    expect(co2.datasets[1].data[0]).toBeCloseTo(research.co2eKg, 6); // both research runs are in January
    expect(co2.datasets[1].data[1]).toBe(0);
    expect((await series(page, 'chart-energy')).datasets[1].data[0]).toBeCloseTo(research.energyKwh, 6);
    await page.screenshot({ path: join(SHOTS, 'overview-team.png'), fullPage: true });

    await page.selectOption('#dimension', 'zone');
    await until('the zone table', async () => (await text(page, '[data-testid=overview-table] thead th')) === 'Zone');
    // zones by their names (the report's names), not their ids
    expect((await rows(page, 'overview-table')).map((r) => [r[0], r[1]])).toEqual([
      ['France', '1'],
      ['Germany', '1'],
      ['Poland', '2'],
      ['Sweden', '1'],
    ]);
    await page.screenshot({ path: join(SHOTS, 'overview-zone.png'), fullPage: true });
    await page.close();
  }, 60000);

  it('top runs: the runs by CO2e, largest first, with their zone and hardware', async () => {
    const page = await open('#/runs');
    await page.waitForSelector('[data-testid=top-runs-table] tbody tr');
    const listed = (await t.http.get('/v1/runs').query({ limit: 50 }).set(auth()).expect(200)).body.items as {
      name: string;
      estimate: { co2eKg: number };
    }[];
    const sorted = [...listed].sort((a, b) => b.estimate.co2eKg - a.estimate.co2eKg);
    const shown = await rows(page, 'top-runs-table');
    expect(shown.map((r) => [r[0], r[1], r[8]])).toEqual(sorted.map((r, i) => [String(i + 1), r.name, fmt(r.estimate.co2eKg)]));
    const first = RUNS.find((r) => r.name === shown[0][1])!;
    expect(shown[0].slice(2, 7)).toEqual([first.project, first.team, first.model, first.zone, first.hw]);
    expect(await page.textContent('[data-testid=runs-count]')).toBe('5 runs');
    expect((await series(page, 'chart-top')).labels).toEqual(sorted.map((r) => r.name));
    await page.screenshot({ path: join(SHOTS, 'top-runs.png'), fullPage: true });

    await page.fill('#filter-team', 'infra');
    await page.click('form.controls button[type=submit]');
    await until('the filtered list', async () => (await text(page, '[data-testid=runs-count]')) === '2 runs');
    expect((await rows(page, 'top-runs-table')).map((r) => r[3])).toEqual(['infra', 'infra']);
    await page.close();
  }, 60000);

  it('compare: baseline and variants charted with ranges as error bars, deltas in the table', async () => {
    const page = await open('#/compare');
    const body = JSON.parse(await page.inputValue('#comparison-body'));
    await page.click('form.stack button[type=submit]');
    await page.waitForSelector('[data-testid=comparison-table] tbody tr');
    const api = (await t.http.post('/v1/comparisons').send(body).expect(200)).body as {
      baseline: { name: string; estimate: { co2eKg: number; ranges: { co2eKg: [number, number] } } };
      variants: {
        name: string;
        estimate: { co2eKg: number; ranges: { co2eKg: [number, number] } };
        deltaCo2eKg: number;
        deltaPct: number;
      }[];
      best: string;
    };
    expect(api.variants).toHaveLength(3); // one named variant and a two-zone sweep
    const shown = await rows(page, 'comparison-table');
    expect(shown.map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
      [
        api.baseline.name,
        fmt(api.baseline.estimate.co2eKg),
        `${fmt(api.baseline.estimate.ranges.co2eKg[0])} – ${fmt(api.baseline.estimate.ranges.co2eKg[1])}`,
        '0',
      ],
      ...api.variants.map((v) => [
        v.name,
        fmt(v.estimate.co2eKg),
        `${fmt(v.estimate.ranges.co2eKg[0])} – ${fmt(v.estimate.ranges.co2eKg[1])}`,
        fmt(v.deltaCo2eKg),
      ]),
    ]);
    expect(shown[1][5]).toBe(`${api.variants[0].deltaPct > 0 ? '+' : ''}${fmt(api.variants[0].deltaPct)} %`);
    expect(await page.textContent('[data-testid=best]')).toBe(`Best: ${api.best}`);
    const chart = await series(page, 'chart-compare');
    expect(chart.labels).toEqual([api.baseline.name, ...api.variants.map((v) => v.name)]);
    expect(chart.datasets[0].errorBars).toEqual([
      api.baseline.estimate.ranges.co2eKg,
      ...api.variants.map((v) => v.estimate.ranges.co2eKg),
    ]);
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: true });

    await page.fill('#comparison-body', '{"baseline": {"hardware": {"ref": "H100", "count": 0}, "hours": 1}, "variants": []}');
    await page.click('form.stack button[type=submit]');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toMatch(/^VALIDATION_FAILED: .*count/);
    problems.length = 0; // the 400 above is logged by the browser as a failed resource load
    await page.close();
  }, 60000);

  it('jobs: upload a CSV, watch it finish, and read its row errors', async () => {
    const page = await open('#/jobs');
    const csv = [
      'name,project,team,model,tags,startedAt,endedAt,hardware,count,hours,zone,pue',
      'ok-1,imports,research,llama-3-8b,,2026-03-01T08:00:00Z,,nvidia-h100-sxm5-80gb,8,12,FR,',
      'bad-hours,imports,research,llama-3-8b,,2026-03-01T08:00:00Z,,nvidia-h100-sxm5-80gb,8,-5,FR,',
      'ok-2,imports,research,llama-3-8b,,2026-03-02T08:00:00Z,,nvidia-a100-sxm4-80gb,4,10,DE,',
      'bad-gpu,imports,research,llama-3-8b,,2026-03-02T08:00:00Z,,no-such-accelerator-9000,4,10,DE,',
      'ok-3,imports,research,llama-3-8b,,2026-03-03T08:00:00Z,,nvidia-a100-sxm4-80gb,2,5,SE,',
    ].join('\n');
    await page.setInputFiles('#job-file', { name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('form.controls:has(#job-file) button[type=submit]');
    await until(
      'the job to finish',
      async () => ['partial', 'succeeded', 'failed'].includes((await text(page, '[data-testid=job-state]')) ?? ''),
      60000,
    );
    expect(await page.textContent('[data-testid=job-state]')).toBe('partial');
    expect(await page.textContent('[data-testid=job-progress-text]')).toBe(' 5 / 5 rows (100 %)');
    expect(await page.textContent('[data-testid=job-counters]')).toBe('succeeded 3 · failed 2');
    expect(await page.getAttribute('[data-testid=job-progress]', 'value')).toBe('5');
    const jobId = await page.inputValue('#job-id');
    const apiErrors = (await t.http.get(`/v1/jobs/${jobId}/errors`).set(auth()).expect(200)).body.items as {
      row: number;
      code: string;
      message: string;
    }[];
    expect(apiErrors.map((e) => e.row)).toEqual([2, 4]);
    await page.waitForSelector('[data-testid=job-errors-table] tbody tr');
    expect(await rows(page, 'job-errors-table')).toEqual(apiErrors.map((e) => [String(e.row), e.code, e.message]));
    expect(page.url()).toBe(`${base}/app/#/jobs/${jobId}`);
    await page.screenshot({ path: join(SHOTS, 'job.png'), fullPage: true });

    // Opened by its address (a link someone shares), the same job shows the same state.
    const again = await open(`#/jobs/${jobId}`);
    await again.waitForSelector('[data-testid=job-errors-table] tbody tr');
    expect(await again.textContent('[data-testid=job-counters]')).toBe('succeeded 3 · failed 2');
    await again.close();
    await page.close();
  }, 90000);

  it('catalogs: hardware, models and zones, searched by the API', async () => {
    const page = await open('#/catalogs');
    await page.waitForSelector('[data-testid=catalog-table] tbody tr');
    await page.fill('#catalog-q', 'h100');
    const apiHw = (await t.http.get('/v1/hardware').query({ q: 'h100', limit: 200 }).expect(200)).body.items as {
      id: string;
      name: string;
    }[];
    expect(apiHw.length).toBeGreaterThan(0);
    await until('the h100 search', async () => (await text(page, '[data-testid=catalog-count]')) === `${apiHw.length} entries`);
    const hw = await rows(page, 'catalog-table');
    expect(hw.map((r) => r[0])).toEqual(apiHw.map((h) => h.id));
    expect(hw.every((r) => /h100/i.test(`${r[0]} ${r[1]}`))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'catalog-hardware.png'), fullPage: true });

    await page.fill('#catalog-q', '');
    await page.selectOption('#catalog', 'zones');
    await page.fill('#catalog-q', 'FR');
    await until(
      'the zone search',
      async () =>
        (await text(page, '[data-testid=catalog-table] thead th')) === 'Code' &&
        (await page.locator('[data-testid=catalog-table] tbody tr td:first-child').allTextContents()).includes('FR'),
    );
    const fr = (await rows(page, 'catalog-table')).find((r) => r[0] === 'FR')!;
    const zone = (await t.http.get('/v1/grid/zones/FR').expect(200)).body as {
      name: string;
      intensities: { year: number; gPerKwh: number }[];
    };
    const newest = [...zone.intensities].sort((a, b) => b.year - a.year)[0];
    expect(fr.slice(0, 2)).toEqual(['FR', zone.name]);
    expect(fr[4]).toBe(`${fmt(newest.gPerKwh)} (${newest.year})`);
    await page.screenshot({ path: join(SHOTS, 'catalog-zones.png'), fullPage: true });

    await page.selectOption('#catalog', 'models');
    await page.fill('#catalog-q', 'llama');
    await until(
      'the models table',
      async () => (await text(page, '[data-testid=catalog-table] thead th:nth-child(3)')) === 'Family',
    );
    const apiModels = (await t.http.get('/v1/models').query({ q: 'llama', limit: 200 }).expect(200)).body.items as {
      id: string;
    }[];
    await until(
      'the llama search',
      async () => (await text(page, '[data-testid=catalog-count]')) === `${apiModels.length} entries`,
    );
    expect((await rows(page, 'catalog-table')).map((r) => r[0])).toEqual(apiModels.map((m) => m.id));
    await page.screenshot({ path: join(SHOTS, 'catalog-models.png'), fullPage: true });
    await page.close();
  }, 60000);
});

/** The text of the first element matching `selector`, or null while there is none. */
const text = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .textContent({ timeout: 500 })
    .catch(() => null);

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
