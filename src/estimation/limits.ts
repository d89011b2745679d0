/**
 * Bounds on every request number: past them a value is a typo or an attack, not a workload. They are
 * generous (ten million devices, 10^30 FLOPs) so no real run is refused.
 */
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
  // serving (LLM inference)
  /** Prompt or output tokens of one request (Llama 4 Scout's context is 10M tokens). */
  maxServingTokens: 1e7,
  /** Sequences decoded together (vLLM's max_num_seqs; measured up to 1024 by ML.ENERGY). */
  maxBatchSize: 65536,
  maxRequests: 1e15,
  maxRequestsPerSecond: 1e7,
  maxReplicas: 1e6,
  maxLayers: 1000,
  maxHiddenSize: 1e6,
  maxHeads: 1e5,
  maxHeadDim: 1e5,
  maxExperts: 1e5,
  maxContextLength: 1e8,
  /** Multiplier on the calibrated serving speed (1 = vLLM as measured by ML.ENERGY). */
  maxServingEfficiency: 4,
} as const;
