/**
 * The estimate request (POST /v1/estimates, a batch item, a comparison baseline, a run's `request`, a job
 * row's `request`, GraphQL EstimateInput): its one definition. From it come the TypeScript types
 * (estimation.types.ts), the runtime check (validate.ts compiles it with Ajv, then applies the rules
 * between fields), the OpenAPI request-body components, the jobs' CSV columns, and a test binds the
 * GraphQL input classes to it. Where to add a field: docs/architecture.md, "Request shapes".
 *
 * Per-field bounds live here (LIMITS in limits.ts); rules that involve several fields (one sizing
 * method, one location form, compute's flops vs parameters + tokens, implied FLOPs, pruning < 1, ...) live
 * in validate.ts. Optional fields accept null as "absent".
 */
import { type Static, Type } from '@sinclair/typebox';
import { LIMITS } from '../limits';
import { Opt, StringEnum, Text } from './typebox';

export const WORKLOADS = ['training', 'fine-tuning', 'inference'] as const;
export const PRECISIONS = ['fp64', 'fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8'] as const;
export const BOUNDARIES = ['accelerators', 'server'] as const;
/** Weight and KV-cache number formats of a served model (mxfp4 and nvfp4 are counted as fp4). */
export const SERVING_PRECISIONS = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4', 'fp4', 'mxfp4'] as const;
export const SIGNALS = ['average', 'marginal'] as const;
export const MITIGATION_TYPES = [
  'early-stopping',
  'precision',
  'pruning',
  'sparsity',
  'distillation',
  'renewable-match',
] as const;

const closed = { additionalProperties: false } as const;

export const HardwareRequestSchema = Type.Object(
  {
    ref: Opt(
      Text(LIMITS.maxRefLength, { description: 'Catalog id or any alias ("nvidia-h100-sxm5-80gb", "H100-80GB", "TPU v3").' }),
    ),
    count: Opt(
      Type.Integer({ minimum: 1, maximum: LIMITS.maxDevices, description: 'Number of devices. Required with `hours`.' }),
    ),
    utilization: Opt(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1,
        description: 'Average power as a fraction of the idle-to-TDP band, in (0, 1].',
      }),
    ),
    powerW: Opt(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: LIMITS.maxPowerW,
        description: 'Measured average power per device in W (overrides TDP x utilization).',
      }),
    ),
    idleW: Opt(
      Type.Number({
        minimum: 0,
        maximum: LIMITS.maxPowerW,
        description: 'Idle power per device in W (overrides the catalog / 11.4%-of-TDP default).',
      }),
    ),
    hostFactor: Opt(
      Type.Number({
        minimum: 1,
        maximum: LIMITS.maxHostFactor,
        description: 'Host overhead factor (>= 1) used with boundary `server`.',
      }),
    ),
  },
  { ...closed, title: 'HardwareRequest', description: 'The devices: a catalog reference and how many, or a measured power.' },
);

export const ComputeRequestSchema = Type.Object(
  {
    flops: Opt(
      Type.Number({
        minimum: 0,
        maximum: LIMITS.maxFlops,
        description: 'Total FLOPs of the work (instead of parameters + tokens).',
      }),
    ),
    parameters: Opt(
      Type.Number({
        minimum: 0,
        maximum: LIMITS.maxParameters,
        description: 'Model parameters N (6ND training, 2ND inference).',
      }),
    ),
    tokens: Opt(Type.Number({ minimum: 0, maximum: LIMITS.maxTokens, description: 'Tokens D processed.' })),
    activeParameters: Opt(
      Type.Number({
        minimum: 0,
        maximum: LIMITS.maxParameters,
        description: 'Active parameters per token (mixture-of-experts).',
      }),
    ),
    mfu: Opt(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1,
        description: 'Model FLOPs utilisation in (0, 1]; default calibrated from Epoch AI data.',
      }),
    ),
    precision: Opt(StringEnum(PRECISIONS, { description: 'Number format of the work (default bf16).' })),
  },
  {
    ...closed,
    title: 'ComputeRequest',
    description: 'Compute-sized work: FLOPs, or parameters and tokens (6ND training, 2ND inference).',
  },
);

const int = (min: number, max: number, description: string) => Type.Integer({ minimum: min, maximum: max, description });
const pos = (max: number, description: string) => Type.Number({ exclusiveMinimum: 0, maximum: max, description });

/** A model's architecture, given in the request instead of a catalog reference. */
export const ServingModelArchitectureSchema = Type.Object(
  {
    parameters: pos(LIMITS.maxParameters, 'Total parameters (all experts of a mixture of experts).'),
    activeParameters: Opt(pos(LIMITS.maxParameters, 'Parameters active per token (mixture of experts; default: all of them).')),
    layers: int(1, LIMITS.maxLayers, 'Transformer layers.'),
    hiddenSize: int(1, LIMITS.maxHiddenSize, 'Hidden (model) dimension.'),
    attentionHeads: int(1, LIMITS.maxHeads, 'Query heads per layer.'),
    kvHeads: int(1, LIMITS.maxHeads, 'Key/value heads per layer (GQA/MQA; = attentionHeads for multi-head attention).'),
    headDim: Opt(int(1, LIMITS.maxHeadDim, 'Dimension of one head (default hiddenSize / attentionHeads).')),
    contextLength: Opt(int(1, LIMITS.maxContextLength, 'Longest context the model accepts (a warning past it).')),
    experts: Opt(int(1, LIMITS.maxExperts, 'Routed experts per MoE layer (with expertsPerToken).')),
    expertsPerToken: Opt(int(1, LIMITS.maxExperts, 'Experts each token is routed to (with experts).')),
  },
  {
    ...closed,
    title: 'ServingModelArchitecture',
    description: "A model's architecture facts, for a model the catalog does not list (GET /v1/models lists those it does).",
  },
);

/** Serving (LLM inference): the model, the requests and how they are batched; the engine prices prefill and decode. */
export const ServingRequestSchema = Type.Object(
  {
    model: Type.Unsafe<string | Static<typeof ServingModelArchitectureSchema>>({
      description:
        'A model catalog reference (id, Hugging Face id or alias: "llama-3.1-70b", "meta-llama/Llama-3.1-70B-Instruct") or its architecture as an object.',
      oneOf: [Text(LIMITS.maxRefLength), ServingModelArchitectureSchema],
    }),
    inputTokens: int(1, LIMITS.maxServingTokens, 'Prompt tokens per request (prefill).'),
    outputTokens: int(1, LIMITS.maxServingTokens, 'Generated tokens per request (decode).'),
    requests: Opt(pos(LIMITS.maxRequests, 'Number of requests to price (default 1). Not with requestsPerSecond.')),
    requestsPerSecond: Opt(
      pos(
        LIMITS.maxRequestsPerSecond,
        'Mean request rate of a deployment (with hours): provisioned replicas left idle are counted. Not with requests.',
      ),
    ),
    hours: Opt(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: LIMITS.maxHours,
        description: 'Duration of the deployment in hours (with requestsPerSecond).',
      }),
    ),
    replicas: Opt(
      int(1, LIMITS.maxReplicas, 'Provisioned replicas of a deployment (default: the fewest that sustain requestsPerSecond).'),
    ),
    batchSize: Opt(int(1, LIMITS.maxBatchSize, 'Sequences decoded together (default 64). Not with concurrency.')),
    concurrency: Opt(
      int(1, LIMITS.maxBatchSize, 'Concurrent requests per replica: another name for batchSize. Not with batchSize.'),
    ),
    weightPrecision: Opt(StringEnum(SERVING_PRECISIONS, { description: 'Number format of the weights (default bf16).' })),
    kvPrecision: Opt(
      StringEnum(SERVING_PRECISIONS, {
        description: 'Number format of the KV cache (default: the weight precision when 16/32-bit, else bf16).',
      }),
    ),
    efficiency: Opt(
      pos(
        LIMITS.maxServingEfficiency,
        'Speed of the serving stack relative to the calibrated one (1 = an optimised engine such as vLLM; 0.5 = half as fast).',
      ),
    ),
  },
  {
    ...closed,
    title: 'ServingRequest',
    description:
      'LLM serving (workload inference): prefill, memory-bound decode, KV cache and precision on hardware.ref x hardware.count (the fewest devices that hold the model when count is absent). docs/methodology.md, Serving.',
  },
);

export const LocationRequestSchema = Type.Object(
  {
    zone: Opt(Text(64, { description: 'Grid zone (Electricity Maps style: "FR", "US-CAL-CISO").' })),
    provider: Opt(Text(64, { description: 'Cloud provider (with region): aws, gcp, azure.' })),
    region: Opt(Text(128, { description: 'Cloud region (with provider), e.g. "europe-west1".' })),
    gPerKwh: Opt(
      Type.Number({ minimum: 0, maximum: LIMITS.maxGPerKwh, description: 'An explicit carbon intensity in gCO2e/kWh.' }),
    ),
    year: Opt(
      Type.Integer({
        minimum: LIMITS.minYear,
        maximum: LIMITS.maxYear,
        description: 'Year of the grid intensity (default: the latest).',
      }),
    ),
    signal: Opt(StringEnum(SIGNALS, { description: 'Average (default) or marginal intensity.' })),
  },
  {
    ...closed,
    title: 'LocationRequest',
    description: 'Where the energy is drawn: a grid zone, a cloud region, or an explicit intensity (exactly one).',
  },
);

const mitigation = <K extends (typeof MITIGATION_TYPES)[number], P extends Parameters<typeof Type.Object>[0]>(
  type: K,
  props: P,
  description: string,
) => Type.Object({ type: StringEnum([type] as const), ...props }, { ...closed, description });

const fraction = (min: 'gt' | 'ge', description: string) =>
  Type.Number(min === 'gt' ? { exclusiveMinimum: 0, maximum: 1, description } : { minimum: 0, maximum: 1, description });

export const MitigationSchemas = [
  mitigation(
    'early-stopping',
    { fraction: fraction('gt', 'Share of the work kept, in (0, 1].') },
    'Stop training early: a fraction of the work is done.',
  ),
  mitigation(
    'precision',
    { precision: StringEnum(PRECISIONS, { description: 'Number format to run in.' }) },
    'Run in another precision (time scaled by the measured end-to-end speed-up on the hardware generation).',
  ),
  mitigation(
    'pruning',
    {
      fraction: fraction('ge', 'Share of the parameters removed, in [0, 1).'),
      structured: Opt(
        Type.Boolean({
          description:
            'True when whole channels, heads or layers are removed (a smaller dense model); only then is the pruning credited (default false: unstructured pruning gives no speed-up on dense GPUs).',
        }),
      ),
    },
    'Remove a fraction of the parameters (credited only when structured).',
  ),
  mitigation(
    'sparsity',
    {
      activeParameters: Type.Number({
        exclusiveMinimum: 0,
        maximum: LIMITS.maxParameters,
        description: 'Parameters active per token.',
      }),
    },
    'Mixture-of-experts style sparsity: fewer active parameters per token.',
  ),
  mitigation(
    'distillation',
    {
      teacherParameters: Type.Number({
        exclusiveMinimum: 0,
        maximum: LIMITS.maxParameters,
        description: 'Parameters of the teacher.',
      }),
      studentParameters: Type.Number({
        exclusiveMinimum: 0,
        maximum: LIMITS.maxParameters,
        description: 'Parameters of the student.',
      }),
      tokens: Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.maxTokens, description: 'Distillation tokens.' }),
    },
    'Train a smaller student from a teacher (2 N_teacher D + 6 N_student D).',
  ),
  mitigation(
    'renewable-match',
    { fraction: fraction('ge', 'Share of the energy matched by renewables, in [0, 1].') },
    'Market-based: a share of the energy matched by renewable purchases.',
  ),
] as const;

/** One what-if transformation, told apart by `type` (see docs/methodology.md for each formula). */
export const MitigationSchema = Type.Unsafe<Static<(typeof MitigationSchemas)[number]>>({
  type: 'object',
  title: 'Mitigation',
  description: 'A what-if transformation, told apart by `type`; see docs/methodology.md for each formula.',
  discriminator: { propertyName: 'type' },
  oneOf: [...MitigationSchemas],
});

/** The JSON body of POST /v1/estimates; `example` is README.md's first example. */
export const EstimateRequestSchema = Type.Object(
  {
    workload: Opt(StringEnum(WORKLOADS, { description: 'What the devices do (default training).' })),
    hardware: Opt(HardwareRequestSchema),
    hours: Opt(
      Type.Number({
        minimum: 0,
        maximum: LIMITS.maxHours,
        description: 'Wall-clock hours (with hardware.count). One sizing method per request.',
      }),
    ),
    acceleratorHours: Opt(
      Type.Number({
        minimum: 0,
        maximum: LIMITS.maxAcceleratorHours,
        description: 'Total device-hours. One sizing method per request.',
      }),
    ),
    energyKwh: Opt(
      Type.Number({
        minimum: 0,
        maximum: LIMITS.maxEnergyKwh,
        description: 'Measured IT energy in kWh; PUE is applied on top. One sizing method per request.',
      }),
    ),
    compute: Opt(ComputeRequestSchema),
    serving: Opt(ServingRequestSchema),
    // Required, and null is the same as absent ("is required"): nullable so the engine's message names it.
    location: { ...LocationRequestSchema, nullable: true } as unknown as typeof LocationRequestSchema,
    pue: Opt(
      Type.Number({
        minimum: 1,
        maximum: LIMITS.maxPue,
        description: "Power usage effectiveness (default: the provider's, or the unknown-data-centre value).",
      }),
    ),
    wueLPerKwh: Opt(
      Type.Number({ minimum: 0, maximum: LIMITS.maxWueLPerKwh, description: 'Water usage effectiveness, L/kWh of IT energy.' }),
    ),
    boundary: Opt(
      StringEnum(BOUNDARIES, { description: 'What the energy covers: the accelerators (default) or whole servers.' }),
    ),
    includeEmbodied: Opt(Type.Boolean({ description: 'Add the embodied emissions of the devices (default true).' })),
    embodiedLifetimeYears: Opt(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: LIMITS.maxLifetimeYears,
        description: 'Service life the embodied emissions are spread over (default 4).',
      }),
    ),
    overheads: Opt(
      Type.Object(
        {
          goodput: Opt(
            Type.Boolean({
              description:
                'Add the time lost to failures and restarts (default: on for compute-sized training with a stated compute.mfu, off otherwise).',
            }),
          ),
          development: Opt(
            Type.Boolean({
              description:
                'Add development and experiment runs (default off: published training figures exclude them; always reported).',
            }),
          ),
          idle: Opt(
            Type.Boolean({
              description: 'Add idle time of the reserved cluster (default off; always reported).',
            }),
          ),
        },
        {
          ...closed,
          title: 'OverheadsRequest',
          description:
            'Training overheads, each reported as a separate line (overheads in the answer); true adds it to the headline figures, false leaves it out. docs/methodology.md §7.',
        },
      ),
    ),
    mitigations: Opt(
      Type.Array(MitigationSchema, {
        maxItems: LIMITS.maxMitigations,
        description: 'What-if transformations, applied in order.',
      }),
    ),
  },
  {
    ...closed,
    title: 'EstimateRequest',
    description:
      'Exactly one of hours (with hardware.count), acceleratorHours, compute, energyKwh or serving (workload inference); exactly one of location.zone, location.provider + region, location.gPerKwh.',
    example: {
      workload: 'training',
      hardware: { ref: 'H100-80GB', count: 1024 },
      hours: 720,
      location: { zone: 'FR' },
      pue: 1.1,
    },
  },
);

/** What a client may send (optional fields may be null). */
export type EstimateRequestBody = Static<typeof EstimateRequestSchema>;
export type HardwareRequestBody = Static<typeof HardwareRequestSchema>;
export type ComputeRequestBody = Static<typeof ComputeRequestSchema>;
export type LocationRequestBody = Static<typeof LocationRequestSchema>;
export type ServingRequestBody = Static<typeof ServingRequestSchema>;
export type ServingModelArchitectureBody = Static<typeof ServingModelArchitectureSchema>;
export type MitigationBody = Static<typeof MitigationSchema>;
export type OverheadsRequestBody = NonNullable<EstimateRequestBody['overheads']>;

/** The top-level fields of an estimate request, in schema order. */
export const ESTIMATE_REQUEST_KEYS = Object.keys(EstimateRequestSchema.properties) as (keyof EstimateRequestBody)[];
