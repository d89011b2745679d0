import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * `serving` on both transports and every path that takes an estimate request: POST /v1/estimates, batch,
 * comparisons, runs (stored, recalculated) and jobs (NDJSON and CSV rows), against the seeded model and
 * hardware catalogs in PostgreSQL.
 */

const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN}` };
const suffix = randomBytes(4).toString('hex');

/** "What does one request to Llama-3.1-70B in fp8 on 8 x H100 cost?" */
function servingRequest(serving: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    workload: 'inference',
    hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 },
    serving: { model: 'llama-3.1-70b', inputTokens: 1000, outputTokens: 500, batchSize: 64, weightPrecision: 'fp8', ...serving },
    location: { zone: 'FR' },
    pue: 1.1,
    ...extra,
  };
}

const SLICE = 'energyKwh co2eKg operationalCo2eKg embodiedCo2eKg waterL ranges { energyKwh co2eKg }';
const SERVING_FIELDS = `serving {
  model { id name source totalParameters activeParameters layers kvHeads headDim contextLength dataVersion }
  requests requestsPerSecond hours batchSize weightPrecision kvPrecision computePrecision efficiency
  devicesPerReplica devicesNeeded replicas memory { weightsGb kvCacheGb requiredGb usableGbPerDevice }
  decodeBound latencySeconds outputTokensPerSecondPerReplica requestsPerSecondPerReplica deviceEnergyJPerOutputToken
  utilization idleEnergyKwh perRequest { ${SLICE} } perThousandOutputTokens { ${SLICE} } perDay { ${SLICE} }
  energyScale { value low high source } constants { bandwidthEfficiency computeEfficiency stepOverheadPerLayerS
    multiDeviceOverheadPerLayerS moeOverheadPerLayerPerSequenceS busyPowerFraction overheadPowerFraction source }
}`;

interface Slice {
  energyKwh: number;
  co2eKg: number;
}
interface ServingOut {
  model: { id: string | null; source: string; layers: number };
  requests: number;
  batchSize: number;
  weightPrecision: string;
  devicesPerReplica: number;
  perRequest: Slice;
  perThousandOutputTokens: Slice;
  perDay: Slice | null;
}
interface EstimateOut {
  method: string;
  energyKwh: number;
  co2eKg: number;
  serving: ServingOut | null;
}

describe('serving over REST and GraphQL', () => {
  let t: TestApp;
  let writer: Record<string, string>;
  let reader: Record<string, string>;
  const tenant = `serving-${suffix}`;

  async function key(scopes: string[]) {
    const res = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: `serving-${scopes.join('-')}`, tenant, scopes })
      .expect(201);
    return { authorization: `Bearer ${res.body.key}` };
  }

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, JOBS_CHUNK_SIZE: '4' });
    writer = await key(['read', 'write']);
    reader = await key(['read']);
  });
  afterAll(async () => t.close());

  describe('POST /v1/estimates and GraphQL estimate', () => {
    it('one request to Llama 3.1 70B in fp8 on 8 x H100, the same on both transports', async () => {
      const rest = (await t.http.post('/v1/estimates').send(servingRequest()).expect(200)).body;
      expect(rest.method).toBe('serving');
      expect(rest.workload).toBe('inference');
      expect(rest.serving).toMatchObject({
        model: { id: 'llama-3.1-70b-instruct', source: 'catalog', layers: 80, kvHeads: 8 },
        requests: 1,
        batchSize: 64,
        weightPrecision: 'fp8',
        kvPrecision: 'bf16',
        devicesPerReplica: 8,
        perDay: null,
      });
      expect(rest.serving.perRequest.energyKwh).toBeCloseTo(rest.energyKwh, 15);
      expect(rest.serving.perThousandOutputTokens.co2eKg).toBeCloseTo(rest.co2eKg * 2, 15);
      expect(rest.serving.deviceEnergyJPerOutputToken).toBeGreaterThan(0.05);
      expect(rest.serving.deviceEnergyJPerOutputToken).toBeLessThan(5);
      expect(rest.factors.hardware.id).toBe('nvidia-h100-sxm5-80gb');
      expect(rest.factors.mfu).toBeNull();

      const gql = await t.gql<{ estimate: EstimateOut & { serving: ServingOut } }>(
        `query($i: EstimateInput!) { estimate(input: $i) { method energyKwh co2eKg ${SERVING_FIELDS} } }`,
        { i: { ...servingRequest(), serving: { ...servingRequest().serving, weightPrecision: 'fp8' } } },
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data!.estimate.method).toBe('serving');
      expect(gql.data!.estimate.energyKwh).toBe(rest.energyKwh);
      expect(gql.data!.estimate.serving.perRequest.co2eKg).toBe(rest.serving.perRequest.co2eKg);
      expect(gql.data!.estimate.serving.perDay).toBeNull();

      // a literal model in the query (String), and an architecture object (the ServingModelRef scalar)
      const literal = await t.gql<{ estimate: EstimateOut }>(
        `{ estimate(input: { workload: inference, hardware: { ref: "H100-80GB", count: 8 }, location: { zone: "FR" }, pue: 1.1,
            serving: { model: "meta-llama/Llama-3.1-70B-Instruct", inputTokens: 1000, outputTokens: 500, batchSize: 64, weightPrecision: fp8 } })
          { energyKwh serving { model { id } } } }`,
      );
      expect(literal.errors).toBeUndefined();
      expect(literal.data!.estimate.energyKwh).toBe(rest.energyKwh);
      const arch = await t.gql<{ estimate: EstimateOut }>(
        `{ estimate(input: { workload: inference, hardware: { ref: "H100-80GB", count: 2 }, location: { zone: "FR" },
            serving: { model: { parameters: 46.7e9, activeParameters: 12.9e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8,
                                experts: 8, expertsPerToken: 2 }, inputTokens: 500, outputTokens: 300 } })
          { method serving { model { id source } batchSize } } }`,
      );
      expect(arch.errors).toBeUndefined();
      expect(arch.data!.estimate.serving).toEqual({ model: { id: null, source: 'request' }, batchSize: 64 });
    });

    it('a million requests a day: requests, or a deployment with its idle capacity and perDay', async () => {
      const million = (
        await t.http
          .post('/v1/estimates')
          .send(servingRequest({ requests: 1e6 }))
          .expect(200)
      ).body;
      expect(million.serving.requests).toBe(1e6);
      const day = (
        await t.http
          .post('/v1/estimates')
          .send(servingRequest({ requestsPerSecond: 1e6 / 86400, hours: 24 }))
          .expect(200)
      ).body;
      expect(day.serving.perDay.energyKwh).toBeCloseTo(day.energyKwh, 9);
      expect(day.serving.replicas).toBeGreaterThanOrEqual(1);
      expect(day.energyKwh).toBeGreaterThanOrEqual(million.energyKwh * 0.999999);
      expect(day.wallHours).toBe(24);
    });

    it('coded errors: unknown model 404 with suggestions, model too big 400 naming the devices, field paths', async () => {
      const unknown = await t.http
        .post('/v1/estimates')
        .send(servingRequest({ model: 'llama-3.1-7b' }))
        .expect(404);
      expect(unknown.body.error.code).toBe('MODEL_NOT_FOUND');
      expect(unknown.body.error.details.length).toBeGreaterThan(0);
      expect(JSON.stringify(unknown.body.error.details)).toContain('llama');

      const big = await t.http
        .post('/v1/estimates')
        .send(servingRequest({ weightPrecision: 'bf16' }, { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1 } }))
        .expect(400);
      expect(big.body.error.code).toBe('MODEL_DOES_NOT_FIT');
      expect(big.body.error.message).toMatch(/4 devices needed/);
      expect(big.body.error.details).toEqual([expect.objectContaining({ path: 'hardware.count' })]);

      const bad = await t.http
        .post('/v1/estimates')
        .send(servingRequest({ outputTokens: 0, weightPrecision: 'fp6' }, { workload: 'training', hours: 3 }))
        .expect(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(
        ['hours', 'serving.outputTokens', 'serving.weightPrecision', 'workload'].sort(),
      );

      const gqlUnknown = await t.gql(`query($i: EstimateInput!) { estimate(input: $i) { co2eKg } }`, {
        i: servingRequest({ model: 'llama-3.1-7b' }),
      });
      expect(gqlUnknown.errors?.[0].extensions.code).toBe('MODEL_NOT_FOUND');
      const gqlBig = await t.gql(`query($i: EstimateInput!) { estimate(input: $i) { co2eKg } }`, {
        i: servingRequest({ weightPrecision: 'bf16' }, { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1 } }),
      });
      expect(gqlBig.errors?.[0].extensions.code).toBe('MODEL_DOES_NOT_FIT');
      const gqlScalar = await t.gql(
        `{ estimate(input: { location: { zone: "FR" }, serving: { model: 42, inputTokens: 1, outputTokens: 1 } }) { co2eKg } }`,
      );
      expect(gqlScalar.errors?.[0].message).toMatch(/ServingModelRef/);
      expect(gqlScalar.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    });

    it('batch: each item on its own, on both transports', async () => {
      const items = [servingRequest(), servingRequest({ model: 'no-such-model' }), servingRequest({ weightPrecision: 'int4' })];
      const rest = (await t.http.post('/v1/estimates/batch').send({ items }).expect(200)).body;
      expect(rest.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
      expect(rest.results[1].error.code).toBe('MODEL_NOT_FOUND');
      expect(rest.results[2].estimate.energyKwh).toBeLessThan(rest.results[0].estimate.energyKwh);
      const gql = await t.gql<{ estimateBatch: { ok: boolean; estimate: EstimateOut | null }[] }>(
        `query($items: [EstimateInput!]!) { estimateBatch(items: $items) { ok estimate { energyKwh serving { weightPrecision } } } }`,
        { items },
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data!.estimateBatch.map((r) => r.ok)).toEqual([true, false, true]);
      expect(gql.data!.estimateBatch[2].estimate!.energyKwh).toBe(rest.results[2].estimate.energyKwh);
    });
  });

  describe("README's serving examples", () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('### Serving (LLM inference)'),
      readme.indexOf('\n## ', readme.indexOf('### Serving')),
    );

    it('every curl example answers 200 with serving figures', async () => {
      const curls = [
        ...section.matchAll(/curl -s localhost:3000(\/[\w/]+) -H 'content-type: application\/json' -d '([\s\S]*?)'/g),
      ];
      expect(curls.map((m) => m[1])).toEqual(['/v1/estimates', '/v1/estimates', '/v1/comparisons']);
      const [one, day, cmp] = await Promise.all(curls.map((m) => t.http.post(m[1]).send(JSON.parse(m[2])).expect(200)));
      expect(one.body.serving).toMatchObject({ requests: 1, devicesPerReplica: 8, devicesNeeded: 2, perDay: null });
      expect(day.body.serving.perDay.energyKwh).toBeCloseTo(day.body.energyKwh, 9);
      expect(day.body.serving.requests).toBeCloseTo(1e6, -2);
      expect(cmp.body.variants.map((v: { name: string; estimate: unknown }) => [v.name, v.estimate !== null])).toEqual([
        ['int4 on 2 x L40S', true],
        ['serving.batchSize=8', true],
        ['serving.batchSize=256', true],
      ]);
    });

    it('the GraphQL example answers without errors, with the REST figures', async () => {
      const doc = /```graphql\n([\s\S]*?)```/.exec(section)![1];
      const res = await t.gql<{ oneRequest: EstimateOut; aMillionADay: EstimateOut }>(doc);
      expect(res.errors).toBeUndefined();
      const rest = (
        await t.http
          .post('/v1/estimates')
          .send(servingRequest({ model: 'llama-3.1-70b' }))
          .expect(200)
      ).body;
      expect(res.data!.oneRequest.co2eKg).toBe(rest.co2eKg);
      expect(res.data!.aMillionADay.serving!.perDay).not.toBeNull();
    });
  });

  describe('comparisons', () => {
    const sweep = {
      'serving.model': ['llama-3.1-8b', 'llama-3.1-70b'],
      'hardware.ref': ['nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb'],
      'serving.weightPrecision': ['bf16', 'int4'],
      'serving.batchSize': [8, 64],
    };

    it('sweeps model, hardware, weight precision and batch size on both transports', async () => {
      const rest = (
        await t.http
          .post('/v1/comparisons')
          .send({
            baseline: servingRequest(),
            variants: [{ name: 'int4 on 2 x H100', changes: { hardware: { count: 2 }, serving: { weightPrecision: 'int4' } } }],
            sweep,
          })
          .expect(200)
      ).body;
      expect(rest.variants).toHaveLength(17);
      const failed = rest.variants.filter((v: { estimate: unknown }) => !v.estimate);
      expect(failed).toEqual([]);
      for (const v of rest.variants) expect(v.estimate.serving.perRequest.energyKwh).toBeGreaterThan(0);
      const find = (m: string, p: string) =>
        rest.variants.find(
          (v: { sweep?: Record<string, unknown> }) =>
            v.sweep?.['serving.model'] === m &&
            v.sweep?.['hardware.ref'] === 'nvidia-h100-sxm5-80gb' &&
            v.sweep?.['serving.weightPrecision'] === p &&
            v.sweep?.['serving.batchSize'] === 64,
        ).estimate;
      expect(find('llama-3.1-70b', 'int4').energyKwh).toBeLessThan(find('llama-3.1-70b', 'bf16').energyKwh);
      expect(find('llama-3.1-8b', 'bf16').energyKwh).toBeLessThan(find('llama-3.1-70b', 'bf16').energyKwh);

      const gql = await t.gql<{
        compare: { variants: { name: string; estimate: { co2eKg: number; serving: { batchSize: number } } | null }[] };
      }>(
        `query($i: ComparisonInput!) { compare(input: $i) { variants { name estimate { co2eKg ... on EstimateSummary { serving { batchSize } } } } } }`,
        { i: { baseline: servingRequest(), sweep: { 'serving.batchSize': [1, 256] } } },
      );
      expect(gql.errors).toBeUndefined();
      const [b1, b256] = gql.data!.compare.variants;
      expect(b1.estimate!.serving.batchSize).toBe(1);
      expect(b256.estimate!.co2eKg).toBeLessThan(b1.estimate!.co2eKg);
    });
  });

  describe('runs and jobs', () => {
    const runInput = (overrides: Record<string, unknown> = {}) => ({
      name: 'chat assistant, one day',
      project: 'serving',
      model: 'llama-3.1-70b',
      startedAt: '2026-01-12T00:00:00Z',
      endedAt: '2026-01-13T00:00:00Z',
      request: servingRequest({ requests: 1e6 }),
      ...overrides,
    });

    it('a run stores the serving estimate with its factors; recalculation keeps it (REST and GraphQL)', async () => {
      const created = (await t.http.post('/v1/runs').set(writer).send(runInput()).expect(201)).body;
      expect(created.estimate.method).toBe('serving');
      expect(created.estimate.serving.requests).toBe(1e6);
      expect(created.estimate.factors.hardware.id).toBe('nvidia-h100-sxm5-80gb');
      const read = (await t.http.get(`/v1/runs/${created.id}`).set(reader).expect(200)).body;
      expect(read.estimate.serving).toEqual(created.estimate.serving);
      expect(read.request.serving.model).toBe('llama-3.1-70b');
      const recalc = (await t.http.post(`/v1/runs/${created.id}/recalculate`).set(writer).expect(200)).body;
      expect(recalc.current.serving).toEqual(created.estimate.serving);
      expect(recalc.current.co2eKg).toBeCloseTo(created.estimate.co2eKg, 9);

      const gql = await t.gql<{ createRun: { id: string; estimate: EstimateOut } }>(
        `mutation($i: RunInput!) { createRun(input: $i) { id estimate { method co2eKg serving { requests perRequest { co2eKg } } } } }`,
        { i: runInput({ name: 'gql serving run' }) },
        writer,
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data!.createRun.estimate.method).toBe('serving');
      expect(gql.data!.createRun.estimate.co2eKg).toBeCloseTo(created.estimate.co2eKg, 9);
      const again = await t.gql<{ recalculateRun: { current: EstimateOut } }>(
        `mutation($id: ID!) { recalculateRun(id: $id) { current { method serving { requests } } } }`,
        { id: gql.data!.createRun.id },
        writer,
      );
      expect(again.errors).toBeUndefined();
      expect(again.data!.recalculateRun.current.serving).toEqual({ requests: 1e6 });

      const bad = await t.http
        .post('/v1/runs')
        .set(writer)
        .send(runInput({ request: servingRequest({ model: 'no-such-model' }) }));
      expect(bad.status).toBe(404);
      expect(bad.body.error.code).toBe('MODEL_NOT_FOUND');
    });

    async function waitDone(id: string) {
      const deadline = Date.now() + 60000;
      for (;;) {
        const job = (await t.http.get(`/v1/jobs/${id}`).set(reader).expect(200)).body;
        if (['succeeded', 'partial', 'failed'].includes(job.status)) return job;
        if (Date.now() > deadline) throw new Error(`job ${id} not done: ${JSON.stringify(job)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    async function runsOfJob(jobId: string): Promise<{ name: string; estimate: EstimateOut }[]> {
      const res = await t.http.get(`/v1/runs?project=serving-jobs-${suffix}&limit=100`).set(reader).expect(200);
      const list = (res.body.items ?? res.body.runs ?? res.body) as { id: string; jobId: string }[];
      const mine = list.filter((r) => r.jobId === jobId);
      return Promise.all(mine.map(async (r) => (await t.http.get(`/v1/runs/${r.id}`).set(reader).expect(200)).body));
    }

    it('jobs: NDJSON and CSV rows with serving become runs; bad serving rows are row errors', async () => {
      const project = `serving-jobs-${suffix}`;
      const ndjson =
        [
          runInput({ name: 'nd-ok', project }),
          runInput({ name: 'nd-unknown', project, request: servingRequest({ model: 'no-such-model' }) }),
          runInput({
            name: 'nd-too-big',
            project,
            request: servingRequest({ weightPrecision: 'bf16' }, { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1 } }),
          }),
          runInput({ name: 'nd-deployment', project, request: servingRequest({ requestsPerSecond: 10, hours: 24 }) }),
        ]
          .map((r) => JSON.stringify(r))
          .join('\n') + '\n';
      const nd = await t.http.post('/v1/jobs').set(writer).set('content-type', 'application/x-ndjson').send(ndjson).expect(202);
      const ndJob = await waitDone(nd.body.id);
      expect(ndJob).toMatchObject({ status: 'partial', succeeded: 2, failed: 2 });
      expect(ndJob.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
        [2, 'MODEL_NOT_FOUND'],
        [3, 'MODEL_DOES_NOT_FIT'],
      ]);

      const csv = [
        'name,project,workload,hardware,count,zone,pue,servingModel,inputTokens,outputTokens,requests,batchSize,weightPrecision,kvPrecision',
        `csv-fp8,${project},inference,nvidia-h100-sxm5-80gb,8,FR,1.1,llama-3.1-70b,1000,500,1000000,64,fp8,`,
        `csv-int4,${project},inference,nvidia-h100-sxm5-80gb,8,FR,1.1,llama-3.1-70b,1000,500,1000000,64,int4,fp8`,
        `csv-bad,${project},inference,nvidia-h100-sxm5-80gb,8,FR,1.1,llama-3.1-70b,0,500,1000000,64,fp8,`,
      ].join('\n');
      const c = await t.http.post('/v1/jobs').set(writer).set('content-type', 'text/csv').send(csv).expect(202);
      const csvJob = await waitDone(c.body.id);
      expect(csvJob).toMatchObject({ status: 'partial', succeeded: 2, failed: 1 });
      expect(csvJob.errors[0]).toMatchObject({ row: 3, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(csvJob.errors[0])).toContain('serving.inputTokens');

      const runs = [...(await runsOfJob(nd.body.id)), ...(await runsOfJob(c.body.id))];
      const byName = Object.fromEntries(runs.map((r) => [r.name, r.estimate]));
      expect(Object.keys(byName).sort()).toEqual(['csv-fp8', 'csv-int4', 'nd-deployment', 'nd-ok']);
      expect(byName['csv-fp8'].serving!.weightPrecision).toBe('fp8');
      expect(byName['csv-fp8'].co2eKg).toBeCloseTo(byName['nd-ok'].co2eKg, 9);
      expect(byName['csv-int4'].co2eKg).toBeLessThan(byName['csv-fp8'].co2eKg);
      expect(byName['nd-deployment'].serving!.perDay).not.toBeNull();

      const gql = await t.gql<{ createJob: { id: string } }>(
        `mutation($i: JobInput!) { createJob(input: $i) { id } }`,
        { i: { runs: [runInput({ name: 'gql-job-run', project })] } },
        writer,
      );
      expect(gql.errors).toBeUndefined();
      const gqlJob = await waitDone(gql.data!.createJob.id);
      expect(gqlJob).toMatchObject({ status: 'succeeded', succeeded: 1 });
      const [gqlRun] = await runsOfJob(gql.data!.createJob.id);
      expect(gqlRun.estimate.method).toBe('serving');
    });
  });
});
