/**
 * Every default the engine may rely on, with its low/high and source. docs/methodology.md lists the same
 * table; when a request gives the value, its range collapses to that value.
 */
import type { Precision, Workload } from './estimation.types';

export interface DefaultValue {
  value: number;
  low: number;
  high: number;
  source: string;
}

export const HOURS_PER_YEAR = 8760;
export const SECONDS_PER_HOUR = 3600;

/** Precision assumed for compute-sized work (the usual mixed-precision training format). */
export const DEFAULT_PRECISION: Precision = 'bf16';

/** Peak-FLOP/s fallbacks when a catalog entry has no figure for the requested precision. Each use warns. */
export const PRECISION_FALLBACKS: Record<Precision, Precision[]> = {
  bf16: ['fp16'], // e.g. V100 has FP16 tensor cores but no BF16; same dense rate on Ampere and later
  fp16: ['bf16'],
  fp8: ['bf16', 'fp16'], // a device without FP8 runs the job in 16-bit
  int8: ['fp8', 'bf16', 'fp16'],
  tf32: ['fp32'],
  fp32: [],
  fp64: [],
};

/** FLOPs per parameter per token: 6 for a forward + backward pass, 2 for a forward pass (Kaplan et al. 2020). */
export const FLOPS_PER_PARAM_TOKEN: Record<Workload, number> = {
  training: 6,
  'fine-tuning': 6,
  inference: 2,
};

/**
 * Average device power as a fraction of the idle-to-TDP band, when neither `hardware.utilization` nor
 * `hardware.powerW` is given.
 */
export const DEFAULT_UTILIZATION: Record<Workload, DefaultValue> = {
  training: {
    value: 1.0,
    low: 0.6,
    high: 1.0,
    source:
      'default: TDP, the convention of published model cards (Touvron et al. 2023, Luccioni et al. 2022 use 400 W for an A100); ' +
      'low 0.6 is an assumption for jobs with communication/input stalls',
  },
  'fine-tuning': {
    value: 1.0,
    low: 0.6,
    high: 1.0,
    source: 'as training (assumption: fine-tuning runs the same kernels as training)',
  },
  inference: {
    value: 0.7,
    low: 0.3,
    high: 1.0,
    source: 'assumption: served accelerators rarely sustain TDP (batching and idle gaps); documented range 0.3-1.0',
  },
};

/** Idle power as a share of TDP when the catalog has no idleW: Cloud Carbon Footprint's GPU min/max watts
 *  (T4 8/71, V100 35/306, A100 46/407, P100 36/306, P4 9/76.5, A10G 18/153, K520 26/229): median 0.114, range 0.112-0.118. */
export const DEFAULT_IDLE_FRACTION: DefaultValue = {
  value: 0.114,
  low: 0.112,
  high: 0.118,
  source: 'Cloud Carbon Footprint GPU min/max watts (Apache-2.0): idle = 11.4% of TDP (range 11.2-11.8%)',
};

/** Host overhead (CPUs, memory, network, fans) as a multiple of accelerator power, for boundary `server`. */
export const DEFAULT_HOST_FACTOR: DefaultValue = {
  value: 1.82,
  low: 1.3,
  high: 2.03,
  source:
    'NVIDIA DGX H100 system max power 10.2 kW / (8 x 700 W) = 1.82; high: DGX A100 6.5 kW / (8 x 400 W) = 2.03; ' +
    'low 1.3 is an assumption (hosts average well below nameplate)',
};

/** Device lifetime over which embodied emissions are amortised (SCI time share). */
export const DEFAULT_EMBODIED_LIFETIME_YEARS: DefaultValue = {
  value: 4,
  low: 3,
  high: 6,
  source:
    "Cloud Carbon Footprint's 4-year server lifespan; low 3 years (short GPU refresh cycles, assumption), " +
    'high 6 years (hyperscalers extended server useful lives to 5-6 years in 2022-2024 filings)',
};

/** MFU for compute-sized inference (no calibration data: serving MFU depends on batch size and phase). */
export const DEFAULT_INFERENCE_MFU: DefaultValue = {
  value: 0.2,
  low: 0.05,
  high: 0.76,
  source:
    'assumption: low-batch decoding is memory-bound (a few % MFU); high 0.76 = large-batch prefill in Pope et al. 2022, ' +
    "'Efficiently Scaling Transformer Inference' (arXiv:2211.05102)",
};

/** MFU used only if the calibration table has no usable group at all (e.g. an empty override). */
export const FALLBACK_TRAINING_MFU: DefaultValue = {
  value: 0.4,
  low: 0.2,
  high: 0.55,
  source: 'fallback: published large-scale training reaches about 0.35-0.45 (Llama 3.1 405B 38-43% on H100; PaLM 46%)',
};

/** Limits enforced by validation. */
export const LIMITS = {
  maxDevices: 1e7,
  maxFlops: 1e30,
  maxHours: 1e6,
  maxAcceleratorHours: 1e12,
  maxEnergyKwh: 1e12,
  maxPowerW: 1e5,
  maxParameters: 1e16,
  maxTokens: 1e17,
  maxGPerKwh: 5000,
  maxPue: 5,
  maxWueLPerKwh: 100,
  maxHostFactor: 10,
  maxLifetimeYears: 30,
  minYear: 1990,
  maxYear: 2100,
  maxMitigations: 20,
  maxRefLength: 200,
  maxVariants: 500,
} as const;
