/**
 * Hardware catalog row, as shipped in seed/hardware.json (accelerators) and seed/cpus.json (CPUs).
 * Pure types: no framework imports, shared by the seed loader, the matcher and the API mappers.
 */
export type HardwareKind = 'gpu' | 'tpu' | 'cpu' | 'accelerator';

export type Precision = 'fp64' | 'fp32' | 'tf32' | 'fp16' | 'bf16' | 'fp8' | 'int8';

export const PRECISIONS: readonly Precision[] = ['fp64', 'fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8'];

/** Which fields of a row came from which source (dataset, vendor datasheet or a documented default). */
export interface HardwareSource {
  fields: string[];
  name: string;
  url: string;
  license: string;
  /** Year of the snapshot / of the figures, where known. */
  year?: number | null;
  /** Corrections, overrides and caveats that apply to these fields. */
  note?: string;
}

export interface HardwareRecord {
  /** Stable slug, e.g. 'nvidia-h100-sxm5-80gb', 'google-tpu-v3'. */
  id: string;
  name: string;
  vendor: string;
  kind: HardwareKind;
  /** Bare family name ('H100', 'A100', 'V100', 'TPU v3'), used to resolve a bare family to its default variant. */
  family: string | null;
  aliases: string[];
  tdpW: number;
  idleW: number;
  memoryGb: number | null;
  /** Peak memory bandwidth per device, GB/s (Epoch AI); null when unknown. */
  memoryBandwidthGBps?: number | null;
  releaseYear: number | null;
  /** Dense peak figures only (never with sparsity), TFLOP/s; int8 in TOP/s. */
  peakTflops: Record<Precision, number | null>;
  embodiedKgCo2e: number;
  sources: HardwareSource[];
  /** True for rows produced by the seed (as opposed to rows added through the admin API). */
  seed: boolean;
}

/** seed/hardware-families.json: bare family name -> default variant. */
export interface HardwareFamilyDefault {
  default: string;
  why?: string;
}

export type HardwareFamilies = Record<string, HardwareFamilyDefault>;
