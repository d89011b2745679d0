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

/** z of the 95th percentile of a standard normal: p5/p95 = median x exp(-/+ Z95 x sigma) for a lognormal. */
export const Z95 = 1.6448536269514722;

/** Log-space standard deviation of a lognormal whose 5th-95th percentile band is [low, high]. */
export const sigmaFromBand = (low: number, high: number): number =>
  low > 0 && high > low ? Math.log(high / low) / (2 * Z95) : 0;

/**
 * Share of time the devices run kernels (what `nvidia-smi` reports as utilization), when neither
 * `hardware.utilization` nor `hardware.powerW` is given. Power follows the curve of DEVICE_POWER_CLASSES.
 */
export const DEFAULT_UTILIZATION: Record<Workload, DefaultValue> = {
  training: {
    value: 1.0,
    low: 1.0,
    high: 1.0,
    source:
      'default 1: large training jobs keep kernels running (Llama 3: >90% effective training time, Grattafiori et al. 2024); ' +
      'the uncertainty of training power is carried by the active-power fraction of the device class',
  },
  'fine-tuning': {
    value: 1.0,
    low: 1.0,
    high: 1.0,
    source: 'as training (assumption: fine-tuning runs the same kernels as training)',
  },
  inference: {
    value: 0.7,
    low: 0.3,
    high: 1.0,
    source:
      'assumption: served accelerators rarely run kernels all the time (batching and idle gaps); documented range 0.3-1.0 (p5-p95)',
  },
};

/**
 * Device power curve per hardware class: P(u) = idleW + u x (activeFraction x tdpW - idleW), u = share of
 * time kernels run. activeFraction is the average power while kernels run, as a share of TDP; it is a
 * lognormal with median `value` and 5th-95th percentiles [low, high]; TDP is its upper bound.
 */
export const DEVICE_POWER_CLASSES: Record<'gpu' | 'tpu', DefaultValue & { calibration: string }> = {
  gpu: {
    value: 0.8,
    low: 0.64,
    high: 1.0,
    source:
      'GPU training power below TDP: an 8xH100 HGX node averages 76% of its 10.2 kW rating on compute-intensive training ' +
      '(Newkirk et al. 2025, arXiv:2506.14551) and peaks at 8.4 kW = 82% (Latif et al. 2024, arXiv:2412.08602); OLMo training power ' +
      'fluctuates between 15% and 85% of maximum (Morrison et al. 2025, arXiv:2503.05804). Median 0.8 of TDP, p95 = TDP (model-card convention), p5 0.64',
    calibration:
      'checked against Patterson et al. 2021 GPT-3 on V100: 330 W system power per chip (with the V100 host profile: 333 W)',
  },
  tpu: {
    value: 0.55,
    low: 0.44,
    high: 0.69,
    source:
      'TPU v3 measured system power per chip 245-310 W (Patterson et al. 2021, Table 4: T5 310, Meena 289, GShard 288, Switch 245 W) ' +
      'against a 450 W TDP (Epoch AI): about 0.64 of TDP with the host share, 0.55 for the chip; calibrated in sample on these four runs only',
    calibration: 'in sample: Patterson et al. 2021 TPU v3 runs',
  },
};

/**
 * Host power added on per accelerator (boundary `server`): a share of the non-accelerator nameplate power of
 * a known system, or a component sum (CPUs x TDP x utilization + memory W/GB + fixed per node) / devices per node.
 */
export interface HostProfile {
  id: string;
  /** Case-insensitive regular expression tested against `hardware.id + ' ' + hardware.name`. */
  match: string;
  systemMaxW: number;
  devicesPerNode: number;
  deviceTdpW: number;
  source: string;
}

export const HOST_PROFILES: readonly HostProfile[] = [
  {
    id: 'dgx-b200',
    match: '\\bb200\\b',
    systemMaxW: 14300,
    devicesPerNode: 8,
    deviceTdpW: 1000,
    source: 'NVIDIA DGX B200 datasheet: 14.3 kW max, 8 x 1000 W GPUs',
  },
  {
    id: 'dgx-h100',
    match: 'h100|h800|h200',
    systemMaxW: 10200,
    devicesPerNode: 8,
    deviceTdpW: 700,
    source: 'NVIDIA DGX H100 datasheet: 10.2 kW max, 8 x 700 W GPUs',
  },
  {
    id: 'dgx-a100',
    match: 'a100|a800',
    systemMaxW: 6500,
    devicesPerNode: 8,
    deviceTdpW: 400,
    source: 'NVIDIA DGX A100 datasheet: 6.5 kW max, 8 x 400 W GPUs',
  },
  {
    id: 'dgx-1-v100',
    match: 'v100',
    systemMaxW: 3500,
    devicesPerNode: 8,
    deviceTdpW: 300,
    source: 'NVIDIA DGX-1 (V100) datasheet: 3.5 kW max, 8 x 300 W GPUs',
  },
];

/** Average host draw as a share of a system's non-accelerator nameplate power (lognormal, p5-p95). */
export const DEFAULT_HOST_LOAD: DefaultValue = {
  value: 0.68,
  low: 0.45,
  high: 1.0,
  source:
    'share of the non-GPU nameplate a host draws in training: DGX H100 at 76% of 10.2 kW (Newkirk et al. 2025) with GPUs at 0.8 x 700 W ' +
    'leaves 3.27 kW of 4.6 kW = 0.71; GPT-3 on V100 at 330 W system per chip (Patterson et al. 2021) with GPUs at 240 W leaves 90 W of 137.5 W = 0.65; ' +
    'median 0.68, p5 0.45 (assumption), p95 1.0 (nameplate)',
};

/** Component model of a host for hardware without a system profile (per node, divided by devices per node). */
export const DEFAULT_HOST_COMPONENTS = {
  cpus: 2,
  cpuTdpW: 300,
  cpuUtilization: 0.5,
  memoryGb: 1024,
  memoryWPerGb: 0.3725,
  fixedW: 500,
  devicesPerNode: 8,
  source:
    'component sum: 2 CPUs x 300 W TDP (CodeCarbon CPU table: current 2-socket server parts run 250-350 W) x 0.5 utilization (assumption), ' +
    '1024 GB x 0.3725 W/GB (Green Algorithms memory power), 500 W per node for NICs, fans, storage and conversion losses (assumption), ' +
    '8 accelerators per node; spread as DEFAULT_HOST_LOAD',
} as const;

/**
 * Share of measured server IT energy that is host, used only to split a measured `energyKwh` (boundary
 * `server`) into accelerators and host when no device power is known.
 */
export const DEFAULT_HOST_SHARE_OF_SERVER: DefaultValue = {
  value: 0.35,
  low: 0.25,
  high: 0.45,
  source:
    'Patterson et al. 2021 GPT-3 on V100: 90 of 330 W = 0.27; DGX H100 in training (Newkirk et al. 2025): 3.27 of 7.75 kW = 0.42',
};

/**
 * Legacy multiplicative host factor: used only when a request gives `hardware.hostFactor` (host = (factor - 1) x device power).
 * The default host is additive (HOST_PROFILES / DEFAULT_HOST_COMPONENTS).
 */
export const DEFAULT_HOST_FACTOR: DefaultValue = {
  value: 1.82,
  low: 1.3,
  high: 2.03,
  source: 'NVIDIA DGX H100 system max power 10.2 kW / (8 x 700 W) = 1.82 (legacy; superseded by additive host power)',
};

/** Idle power as a share of TDP when the catalog has no idleW: Cloud Carbon Footprint's GPU min/max watts
 *  (T4 8/71, V100 35/306, A100 46/407, P100 36/306, P4 9/76.5, A10G 18/153, K520 26/229): median 0.114, range 0.112-0.118. */
export const DEFAULT_IDLE_FRACTION: DefaultValue = {
  value: 0.114,
  low: 0.112,
  high: 0.118,
  source: 'Cloud Carbon Footprint GPU min/max watts (Apache-2.0): idle = 11.4% of TDP (range 11.2-11.8%)',
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

/**
 * Embodied emissions per accelerator = the device's own figure (catalog, or a per-product figure below) +
 * its share of the server (SERVER_EMBODIED / devices per node), amortised over lifetime x fleet usage:
 * embodied = perDevice x deviceHours / (lifetimeYears x 8760 x usage). With the defaults (150 kg + 2500 kg / 8,
 * 6 years, 85% usage) BLOOM's 1,082,990 A100-hours give 11.2 tCO2e, Luccioni et al. 2022's published embodied figure.
 */
export const DEFAULT_SERVER_EMBODIED_KG: DefaultValue & { devicesPerNode: number } = {
  value: 2500,
  low: 1250,
  high: 5000,
  devicesPerNode: 8,
  source:
    'server (chassis, CPUs, memory, storage) 2500 kgCO2e per 8-accelerator node, the figure Luccioni et al. 2022 (BLOOM, arXiv:2211.02001) take ' +
    'from an HPE ProLiant server LCA; p5-p95 a factor 2 either way (assumption: GPU servers carry 1-2 TB of memory)',
};

/** Spread of a catalog per-device embodied figure (lognormal: p95 = 2 x median). */
export const DEVICE_EMBODIED_SPREAD: DefaultValue = {
  value: 1,
  low: 0.5,
  high: 2,
  source:
    'factor 2 either way: per-GPU figures in use range from 150 kg (Cloud Carbon Footprint, Luccioni et al. 2022) to 318 kg per A100 with its ' +
    'share of the server (Chien et al. 2023, HotCarbon)',
};

/**
 * Per-product multipliers on the catalog's per-device embodied figure, where a manufacturer published a comparison.
 * B200: NVIDIA's HGX B200 vs HGX H100 product carbon footprint summaries give 0.50 vs 0.66 gCO2e per exaflop (FP16) at
 * 2.3x the throughput, so one B200 board embodies 2.3 x 0.50 / 0.66 = 1.74x an H100 board (NVIDIA technical blog, 2025).
 * The absolute HGX kgCO2e figures could not be verified here; the catalog figure stays the H100 base.
 */
export const EMBODIED_PRODUCT_MULTIPLIERS: readonly { match: string; multiplier: number; source: string }[] = [
  {
    match: '\\b(g?b200|gb200)\\b',
    multiplier: 1.74,
    source: 'NVIDIA HGX B200 vs HGX H100 product carbon footprint summaries: 2.3 x 0.50 / 0.66 = 1.74x H100',
  },
];

/** Share of its lifetime a device is busy: embodied emissions are spread over busy hours, not all hours. */
export const DEFAULT_FLEET_USAGE: DefaultValue = {
  value: 0.85,
  low: 0.6,
  high: 1.0,
  source: 'Luccioni et al. 2022 (BLOOM): 85% average usage of the Jean Zay cluster; p5 0.6 (assumption), p95 1.0',
};

/**
 * On-site water (L per kWh of IT energy, The Green Grid's WUE) by provider, from the providers' own disclosures, as compared
 * by Amazon in 2025 (reported by The Register): AWS 0.12 (2025), Microsoft 0.27 (2025), Meta 0.19 (2024), Google 1.15.
 * Unknown data centres: about 1.8 L/kWh, the industry average academic studies cite (Shehabi et al. 2016, LBNL).
 */
export const PROVIDER_WUE: Record<string, DefaultValue> = {
  aws: { value: 0.12, low: 0.08, high: 0.25, source: 'AWS 2025 WUE 0.12 L/kWh (Amazon disclosure); high 0.25 = AWS 2021' },
  azure: { value: 0.27, low: 0.18, high: 0.4, source: "Microsoft 2025 WUE 0.27 L/kWh (as reported in Amazon's 2025 comparison)" },
  gcp: { value: 1.15, low: 0.75, high: 1.7, source: "Google about 1.15 L/kWh (as reported in Amazon's 2025 comparison)" },
  meta: { value: 0.19, low: 0.12, high: 0.3, source: "Meta 2024 WUE 0.19 L/kWh (as reported in Amazon's 2025 comparison)" },
  unknown: {
    value: 1.8,
    low: 0.3,
    high: 3.5,
    source: 'industry average about 1.8 L/kWh (Shehabi et al. 2016, LBNL, as cited by Li et al. 2023)',
  },
};

/**
 * Off-site water: litres consumed to generate one kWh delivered to the facility (electricity water intensity factor).
 * Water_offsite = facility kWh x EWIF (Li et al. 2023, 'Making AI Less Thirsty', arXiv:2304.03271). No per-zone generation mix is
 * available offline, so one factor is used for every zone, with a warning. 3.14 L/kWh is the US average Li et al. use (from Reig et
 * al. 2020, WRI); NOT verified here. Low 1.3: Macknick et al. 2012 (NREL) median consumption factors (coal 687, nuclear 672, gas CC
 * 198 gal/MWh; wind 0, PV 26) on a world mix without hydro evaporation; high 7: with reservoir evaporation (assumption).
 */
export const DEFAULT_EWIF: DefaultValue = {
  value: 3.14,
  low: 1.3,
  high: 7,
  source:
    'one factor for every zone (no per-zone generation mix offline): 3.14 L/kWh US average (Li et al. 2023 from Reig et al. 2020, WRI; not verified here), ' +
    'p5 1.3 (Macknick et al. 2012 per-fuel medians, world mix without hydro), p95 7 (with hydro reservoir evaporation, assumption)',
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

/** MFU used only if the calibration table has no runs at all (e.g. an empty override). */
export const FALLBACK_TRAINING_MFU: DefaultValue = {
  value: 0.4,
  low: 0.2,
  high: 0.55,
  source: 'fallback: published large-scale training reaches about 0.35-0.45 (Llama 3.1 405B 38-43% on H100; PaLM 46%)',
};

/** Limits enforced by validation (in their own file so the request schema can read them without a cycle). */
export { LIMITS } from './limits';

// ---------------------------------------------------------------------------------------------------
// Serving (LLM inference): defaults of the request; the calibrated constants are in serving-calibration.data.ts
// ---------------------------------------------------------------------------------------------------

/** Sequences decoded together when serving.batchSize/concurrency is not given. */
export const DEFAULT_SERVING_BATCH_SIZE = {
  value: 64,
  source:
    'assumption: a mid-range concurrency of the ML.ENERGY Leaderboard v3 vLLM configurations (batch 8 to 1024, https://ml.energy/leaderboard); ' +
    "vLLM's max_num_seqs (256, https://docs.vllm.ai/en/latest/configuration/engine_args.html) is a ceiling chat traffic rarely fills",
} as const;

/** Weight precision when serving.weightPrecision is not given. */
export const DEFAULT_SERVING_WEIGHT_PRECISION = {
  value: 'bf16',
  source:
    "published checkpoints of the catalog's open models ship bf16 weights (torch_dtype in their config.json, e.g. https://huggingface.co/meta-llama/Llama-3.1-70B/blob/main/config.json), " +
    "and vLLM's dtype 'auto' serves them as stored (https://docs.vllm.ai/en/latest/configuration/engine_args.html)",
} as const;

/** KV-cache precision when serving.kvPrecision is not given: the activations' format. */
export const DEFAULT_SERVING_KV_PRECISION = {
  source:
    "vLLM's kv_cache_dtype 'auto' stores the cache in the model's activation dtype (https://docs.vllm.ai/en/latest/configuration/engine_args.html): " +
    'the weight precision for 16/32-bit weights, bf16 for 8- and 4-bit weights (W8A16/W4A16 kernels keep 16-bit activations)',
} as const;

/** Share of device memory the serving engine may use. */
export const SERVING_MEMORY_UTILIZATION = {
  value: 0.9,
  source: "vLLM's default gpu_memory_utilization 0.9 (https://docs.vllm.ai/en/latest/configuration/engine_args.html)",
} as const;

/**
 * Training overheads, each a share of the run's own device-hours (docs/methodology.md §7). Each is reported as a
 * separate line; `overheads.<kind>` in the request adds it to the headline (true) or leaves it out (false).
 */
export const OVERHEAD_DEFAULTS = {
  /**
   * Failures and restarts: lost time / productive time = 1 / effective-training-time - 1. Llama 3: 466 job
   * interruptions in a 54-day snapshot, "higher than 90% effective training time" (Grattafiori et al. 2024, "The
   * Llama 3 Herd of Models", §3.3.4): 1/0.90 - 1 = 0.111. Band: effective time 0.85-0.95 (OPT-175B's logbook,
   * Zhang et al. 2022, records 35+ manual and 70+ automatic restarts in two months, without a time share).
   */
  goodput: {
    value: 1 / 0.9 - 1,
    low: 1 / 0.95 - 1,
    high: 1 / 0.85 - 1,
    source:
      'failures and restarts: Llama 3, >90% effective training time over 54 days with 466 interruptions (Grattafiori et al. 2024, §3.3.4): 1/0.90 - 1; band from 95% to 85% effective time (OPT-175B logbook, Zhang et al. 2022)',
  },
  /**
   * Development and experiment runs: "model development ... amounted to ~50% of that of training" (Morrison et al.
   * 2025, "Holistically Evaluating the Environmental Impact of Creating Language Models", ICLR 2025, abstract and §4,
   * OLMo 20M-13B). Band 0.25-1.0 (one published series; a judgement).
   */
  development: {
    value: 0.5,
    low: 0.25,
    high: 1.0,
    source:
      'development and experiment runs: ~50% of the final training runs (Morrison et al. 2025, ICLR 2025, OLMo series); band 0.25-1.0 (one published series)',
  },
  /**
   * Idle time of the reserved cluster: BLOOM's idle consumption 14.6 tCO2e against 24.69 tCO2e of dynamic consumption
   * on the same grid (Luccioni, Viguier & Ligozat 2023, "Estimating the Carbon Footprint of BLOOM", JMLR 24(253),
   * Table 2): 0.59. Band 0.3-0.8 (one published run; a judgement).
   */
  idle: {
    value: 14.6 / 24.69,
    low: 0.3,
    high: 0.8,
    source:
      "idle cluster time: BLOOM's idle consumption 14.6 t vs dynamic 24.69 tCO2e (Luccioni et al. 2023, JMLR 24(253); arXiv:2211.02001, abstract and footprint breakdown); band 0.3-0.8 (one published run)",
  },
} as const satisfies Record<'goodput' | 'development' | 'idle', DefaultValue>;
