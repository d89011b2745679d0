/**
 * The request-body examples of the OpenAPI document, by route and media type. Swagger UI pre-fills
 * "Try it out" with the first of each; test/e2e/openapi-examples.e2e-spec.ts sends every one to the
 * service (with an admin key) and expects a 2xx, so each must stay valid as the shapes change.
 * Admin examples write to names no seed or other test uses (zone MT, hardware example-*).
 */
type Examples = Record<string, Record<string, { summary: string; value: unknown }>>;

const h100Training = {
  workload: 'training',
  hardware: { ref: 'H100-80GB', count: 1024 },
  hours: 720,
  location: { zone: 'FR' },
  pue: 1.1,
};

const computeInCloud = {
  hardware: { ref: 'nvidia-a100-sxm4-80gb', count: 512 },
  compute: { parameters: 7e9, tokens: 2e12, precision: 'bf16' },
  location: { provider: 'gcp', region: 'europe-west1' },
};

/** One request to Llama 3.1 70B in fp8 on 8 x H100 (README, "Serving"). */
const servingRequest = {
  workload: 'inference',
  hardware: { ref: 'H100-80GB', count: 8 },
  serving: { model: 'llama-3.1-70b', inputTokens: 1000, outputTokens: 500, batchSize: 64, weightPrecision: 'fp8' },
  location: { zone: 'FR' },
  pue: 1.1,
};

const runCreate = {
  name: 'llama-ft',
  project: 'assistant',
  team: 'research',
  model: 'llama-3-8b',
  tags: ['nightly'],
  startedAt: '2026-01-12T08:00:00Z',
  endedAt: '2026-01-12T20:00:00Z',
  request: { hardware: { ref: 'H100-80GB', count: 64 }, hours: 12, location: { zone: 'FR' } },
};

export const REQUEST_EXAMPLES: Record<string, Examples> = {
  'POST /v1/estimates': {
    'application/json': {
      'device-hours': { summary: '1,024 H100s for 30 days in France', value: h100Training },
      compute: { summary: 'A 7B model on 2T tokens, sized by compute, in a GCP region', value: computeInCloud },
      energy: {
        summary: 'A measured 1,200 kWh at a given intensity',
        value: { energyKwh: 1200, location: { gPerKwh: 400 }, pue: 1.2 },
      },
      serving: { summary: 'One request to Llama 3.1 70B in fp8 on 8 x H100 (LLM serving)', value: servingRequest },
      'serving-deployment': {
        summary: 'A million requests a day to Llama 3.1 70B in fp8 on 8 x H100 replicas, idle capacity included',
        value: { ...servingRequest, serving: { ...servingRequest.serving, requestsPerSecond: 11.574, hours: 24 } },
      },
    },
  },
  'POST /v1/estimates/batch': {
    'application/json': {
      batch: { summary: 'Two estimates in one request', value: { items: [h100Training, computeInCloud] } },
    },
  },
  'POST /v1/comparisons': {
    'application/json': {
      comparison: {
        summary: 'A baseline, a variant in Quebec at fp8, and a sweep over two zones',
        value: {
          baseline: {
            hardware: { ref: 'H100', count: 256 },
            compute: { parameters: 7e9, tokens: 1e12 },
            location: { zone: 'PL' },
          },
          variants: [
            {
              name: 'fp8 in Quebec',
              changes: { location: { zone: 'CA-QC' } },
              mitigations: [{ type: 'precision', precision: 'fp8' }],
            },
          ],
          sweep: { location: [{ zone: 'FR' }, { zone: 'SE' }] },
        },
      },
      serving: {
        summary: 'Serving: int4 on L40S against fp8 and bf16 on H100, across two batch sizes',
        value: {
          baseline: servingRequest,
          variants: [
            {
              name: 'int4 on 2 x L40S',
              changes: { hardware: { ref: 'nvidia-l40s', count: 2 }, serving: { weightPrecision: 'int4' } },
            },
          ],
          sweep: { 'serving.weightPrecision': ['bf16', 'fp8'], 'serving.batchSize': [16, 128] },
        },
      },
    },
  },
  'POST /v1/schedules': {
    'application/json': {
      schedule: {
        summary: 'A 6-hour, 5.6 kW job in a two-day window, in Germany or France',
        value: {
          job: { hours: 6, powerW: 5600 },
          window: { earliest: '2026-06-01T00:00:00Z', deadline: '2026-06-03T00:00:00Z' },
          locations: [{ zone: 'DE' }, { zone: 'FR' }],
        },
      },
    },
  },
  'POST /v1/runs': {
    'application/json': { run: { summary: 'A fine-tuning run on 64 H100s', value: runCreate } },
  },
  'POST /v1/jobs': {
    'application/json': { json: { summary: 'Runs as JSON', value: { runs: [runCreate, { ...runCreate, name: 'llama-ft-2' }] } } },
    'application/x-ndjson': {
      ndjson: {
        summary: 'One run per line',
        value: [runCreate, { ...runCreate, name: 'llama-ft-2' }].map((r) => JSON.stringify(r)).join('\n') + '\n',
      },
    },
    'text/csv': {
      csv: {
        summary: 'A header row, then one run per row',
        value:
          'name,project,team,model,tags,startedAt,endedAt,hardware,count,hours,zone,pue\n' +
          'llama-ft,assistant,research,llama-3-8b,nightly;ft,2025-03-01T08:00:00Z,2025-03-01T20:00:00Z,H100-80GB,64,12,FR,1.1\n',
      },
    },
  },
  'POST /v1/api-keys': {
    'application/json': {
      key: {
        summary: 'A read-write key for a scheduler',
        value: { name: 'scheduler', tenant: 'research', scopes: ['read', 'write'] },
      },
    },
  },
  'POST /v1/hardware': {
    'application/json': {
      entry: {
        summary: 'A custom accelerator with its datasheet figures',
        value: {
          id: 'example-x1-96gb',
          name: 'Example X1 96GB',
          vendor: 'Example',
          kind: 'accelerator',
          aliases: ['Example X1'],
          tdpW: 600,
          memoryGb: 96,
          peakTflops: { bf16: 800, fp8: 1600 },
          sources: [
            {
              fields: ['tdpW', 'memoryGb', 'peakTflops'],
              name: 'Vendor datasheet',
              url: 'https://example.com/x1.pdf',
              license: 'manufacturer specification (facts; no licence claimed)',
            },
          ],
        },
      },
    },
  },
  'POST /v1/models': {
    'application/json': {
      entry: {
        summary: 'A custom model with its published architecture',
        value: {
          id: 'example-chat-13b',
          name: 'Example Chat 13B',
          family: 'example-chat',
          vendor: 'Example',
          huggingFaceId: 'example/example-chat-13b',
          totalParameters: 13e9,
          layers: 40,
          hiddenSize: 5120,
          attentionHeads: 40,
          kvHeads: 8,
          headDim: 128,
          contextLength: 8192,
          vocabSize: 32000,
          license: 'Apache-2.0',
          sources: [
            { name: 'Model card (config.json)', url: 'https://example.com/example-chat-13b/config.json', license: 'Apache-2.0' },
          ],
        },
      },
    },
  },
  'PATCH /v1/hardware/{id}': {
    'application/json': { tdp: { summary: 'Correct the TDP', value: { tdpW: 650 } } },
  },
  'PUT /v1/grid/zones/{code}/intensities/{year}': {
    'application/json': {
      yearly: {
        summary: 'An audited yearly figure',
        value: { gPerKwh: 28, source: 'Utility disclosure 2024', url: 'https://example.com/disclosure', license: 'CC-BY-4.0' },
      },
    },
  },
  'POST /v1/grid/zones/{code}/series': {
    'application/json': {
      points: {
        summary: 'Two hourly points',
        value: [
          { at: '2024-06-01T12:00:00Z', gPerKwh: 30 },
          { at: '2024-06-01T13:00:00Z', gPerKwh: 27 },
        ],
      },
    },
    'text/csv': { csv: { summary: 'The same as CSV', value: 'at,gPerKwh\n2024-06-01T12:00:00Z,30\n2024-06-01T13:00:00Z,27\n' } },
  },
};

/** Path parameter values for the routes above (Swagger UI pre-fills them; the examples test uses them). */
export const PATH_EXAMPLES: Record<string, Record<string, string | number>> = {
  'PATCH /v1/hardware/{id}': { id: 'example-x1-96gb' },
  'PUT /v1/grid/zones/{code}/intensities/{year}': { code: 'MT', year: 2024 },
  'POST /v1/grid/zones/{code}/series': { code: 'MT' },
};
