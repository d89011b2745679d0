/**
 * Builds the curated hardware catalog from the public datasets copied under reference-data/ (or
 * REFERENCE_DATA_DIR). Only the facts are taken, row by row, with their source, URL and licence.
 *
 *   npx tsx scripts/seed-data/build-hardware.ts           # writes the files below
 *   npx tsx scripts/seed-data/build-hardware.ts --check   # fails if the committed files would change
 *
 * Outputs (deterministic; rows sorted by kind, then id):
 *   seed/hardware.json           GPUs, TPUs and other accelerators (pretty-printed)
 *   seed/cpus.json               CPUs, one JSON object per line (the table is ~4,900 rows)
 *   seed/hardware-families.json  bare family name -> default variant, with the reason
 * seed/NOTICE-hardware.md is hand-written (credits, corrections, defaults); it is not generated.
 *
 * Order of precedence for accelerators: Epoch AI (primary) > Green Algorithms > ML CO2 Impact >
 * manufacturer specification (only for a few products the datasets lack or get wrong, each listed
 * in OVERRIDES/VENDOR_ROWS below with its reason). Every override is recorded in the row's sources.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type Options as CsvOptions } from 'csv-parse/sync';
import { normalizeHardwareName } from '../../src/catalog/domain/hardware-matcher';
import type {
  HardwareFamilies,
  HardwareKind,
  HardwareRecord,
  HardwareSource,
  Precision,
} from '../../src/catalog/domain/hardware.types';
import { exitOnProblems, fail, referenceDataDir, writeOutputs } from './lib';

type Row = Record<string, string>;
type Peak = Record<Precision, number | null>;
/** A catalog row under construction: power and embodied figures are filled in step 6. */
type Draft = Omit<HardwareRecord, 'tdpW' | 'idleW' | 'embodiedKgCo2e'> & {
  tdpW: number | null;
  idleW: number | null;
  embodiedKgCo2e: number | null;
};
const readCsv = (file: string, opts: CsvOptions = {}): Row[] =>
  parse(readFileSync(file), { columns: true, skip_empty_lines: true, ...opts }) as unknown as Row[];

const refDir = referenceDataDir();

/** Name matching uses the service's own normalizeHardwareName (src/catalog/domain/hardware-matcher.ts). */
const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\((?:r|tm)\)|[®™]/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------
const SRC: Record<string, Omit<HardwareSource, 'fields'>> = {
  epoch: {
    name: "Epoch AI, 'Data on Machine Learning Hardware'",
    url: 'https://epoch.ai/data/machine-learning-hardware',
    license: 'CC-BY',
    year: 2025,
  },
  greenAlgorithms: {
    name: 'Green Algorithms (GreenAlgorithms/green-algorithms-tool, data/latest/TDP_gpu.csv)',
    url: 'https://github.com/GreenAlgorithms/green-algorithms-tool',
    license: 'CC-BY-4.0',
    year: 2025,
  },
  mlco2: {
    name: 'ML CO2 Impact (mlco2/impact, data/gpus.csv)',
    url: 'https://github.com/mlco2/impact',
    license: 'MIT',
    year: 2026,
  },
  codecarbon: {
    name: 'CodeCarbon CPU TDP table (cpu_power.csv)',
    url: 'https://github.com/mlco2/codecarbon',
    license: 'MIT',
    year: 2026,
  },
  codecarbonBuilder: {
    name: 'CodeCarbon CPU dataset builder (launch dates)',
    url: 'https://github.com/mlco2/codecarbon',
    license: 'MIT',
    year: 2025,
  },
  ccfGpuWatts: {
    name: 'Cloud Carbon Footprint (per-GPU min/max watts, AWS constants)',
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint',
    license: 'Apache-2.0',
    year: 2024,
  },
  defaults: {
    name: 'ai-emissions-api default',
    url: 'seed/NOTICE-hardware.md#defaults',
    license: 'Apache-2.0',
  },
};
const src = (base: Omit<HardwareSource, 'fields'>, fields: string[], note?: string): HardwareSource => ({
  fields,
  ...base,
  ...(note ? { note } : {}),
});

// ---------------------------------------------------------------------------------------------
// Documented defaults
// ---------------------------------------------------------------------------------------------
/** CCF's AWS GPU min/max watts (T4 8/71, V100 35/306, A100 46/407): idle is ~11% of max. */
const CCF_GPU_IDLE: Record<string, [number, number]> = { T4: [8, 71], V100: [35, 306], A100: [46, 407] };
const GPU_IDLE_RATIO =
  Math.round((Object.values(CCF_GPU_IDLE).reduce((s, [lo, hi]) => s + lo / hi, 0) / Object.keys(CCF_GPU_IDLE).length) * 100) /
  100; // 0.11
/** Per-device idle watts that CCF gives directly (applied to the variant its AWS instances use). */
const CCF_IDLE_BY_ID: Record<string, [number, string]> = {
  'nvidia-a100-sxm4-40gb': [46, 'A100 46/407 W (AWS p4d, A100 SXM4 40 GB)'],
  'nvidia-a100-sxm4-80gb': [46, 'A100 46/407 W (measured on the SXM4 40 GB part; same 400 W board)'],
  'nvidia-v100-sxm2-16gb': [35, 'V100 35/306 W (AWS p3, V100 SXM2 16 GB)'],
  'nvidia-v100-sxm2-32gb': [35, 'V100 35/306 W (AWS p3dn, V100 SXM2 32 GB)'],
  'nvidia-t4': [8, 'T4 8/71 W (AWS g4dn)'],
  'nvidia-k80': [35, 'K80 35/306 W'],
  'nvidia-m60': [35, 'M60 35/306 W'],
  'nvidia-p100-pcie-16gb': [36, 'P100 36/306 W'],
  'nvidia-p4': [9, 'P4 9/76.5 W'],
  'nvidia-a10g': [18, 'A10G 18/153 W (AWS g5)'],
};
/** Embodied defaults (kgCO2e per device), from CCF's embodied coefficients (additional_gpus / additional_cpus). */
const EMBODIED: Record<HardwareKind, number> = { gpu: 150, tpu: 150, accelerator: 150, cpu: 100 };

// CPU idle ratio: median of CCF's per-microarchitecture min/max watts per vCPU (AWS, SPECpower based).
const ccfUse = readCsv(path.join(refDir, 'cloud-carbon-footprint/output/coefficients-aws-use.csv'));
const cpuRatios = [
  ...new Set(ccfUse.map((r) => Number(r['Min Watts']) / Number(r['Max Watts'])).filter((x) => x > 0 && x < 1)),
].sort((a, b) => a - b);
const CPU_IDLE_RATIO = Math.round(cpuRatios[Math.floor(cpuRatios.length / 2)] * 100) / 100;

const defaultSource = (kind: HardwareKind, fields: string[]): HardwareSource => {
  const notes: string[] = [];
  if (fields.includes('idleW')) {
    notes.push(
      kind === 'cpu'
        ? `idleW = ${CPU_IDLE_RATIO} x TDP (median CCF CPU min/max watts ratio)`
        : `idleW = ${GPU_IDLE_RATIO} x TDP: Cloud Carbon Footprint's per-GPU idle/max ratio (T4 8/71, V100 35/306, A100 46/407 W)` +
            (kind === 'gpu' ? '' : '; no idle figure is published for this device, the GPU ratio is used as a proxy'),
    );
  }
  if (fields.includes('embodiedKgCo2e')) {
    notes.push(
      kind === 'cpu'
        ? `embodiedKgCo2e = ${EMBODIED.cpu} (CCF: 100 kgCO2e per CPU)`
        : kind === 'gpu'
          ? `embodiedKgCo2e = ${EMBODIED.gpu}: Cloud Carbon Footprint's 150 kgCO2e per GPU (e.g. p4d.24xlarge additional_gpus 1200 = 8 x 150)`
          : `embodiedKgCo2e = ${EMBODIED[kind]}: no published figure; Cloud Carbon Footprint's 150 kgCO2e per GPU used as a proxy for an accelerator package`,
    );
  }
  return { fields, ...SRC.defaults, note: notes.join('; ') };
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
const num = (v: unknown): number | null => {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  if (!s || /^(nan|unk|n\/a)$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};
const tflops = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.round(n / 1e9) / 1000;
};
const emptyPeak = (): Peak => ({ fp64: null, fp32: null, tf32: null, fp16: null, bf16: null, fp8: null, int8: null });
const yearOf = (date: string | undefined): number | null => {
  const m = /^(\d{4})/.exec(String(date ?? '').trim());
  return m ? Number(m[1]) : null;
};
const memFromName = (name: string): number | null => {
  const m = /(\d+)\s*GB\b/i.exec(name);
  return m ? Number(m[1]) : null;
};

// ---------------------------------------------------------------------------------------------
// 1. Epoch AI ML hardware (primary accelerator catalog)
// ---------------------------------------------------------------------------------------------
const epochRows = readCsv(path.join(refDir, 'epoch/ml-hardware/ml_hardware.csv'), { relax_quotes: true });
const E = {
  name: 'Hardware name',
  vendor: 'Manufacturer',
  type: 'Type',
  notes: 'Notes',
  date: 'Release date',
  tensor: 'Tensor-FP16/BF16 performance (FLOP/s)',
  fp8: 'FP8 performance (FLOP/s)',
  mem: 'Memory (bytes)',
  bw: 'Memory bandwidth (byte/s)',
  tdp: 'TDP (W)',
  fp64: 'FP64 (double precision) performance (FLOP/s)',
  fp32: 'FP32 (single precision) performance (FLOP/s)',
  tf32: 'TF32 (TensorFloat-32) performance (FLOP/s)',
  fp16: 'FP16 (half precision) performance (FLOP/s)',
  int8: 'INT8 performance (OP/s)',
};
for (const col of Object.values(E)) if (!(col in epochRows[0])) fail(`Epoch: missing column ${col}`);

/**
 * Per-Epoch-row curation: id/family/display name, merges of near-duplicate rows into one product,
 * and rows where a bare family spelling must NOT become an alias (it resolves through the family).
 *   merge: id of the row this one is folded into (its name becomes an alias unless familySpelling)
 */
interface EpochSpec {
  id?: string;
  name?: string;
  vendor?: string;
  family?: string;
  /** id of the row this one is folded into (its name becomes an alias unless familySpelling/noAlias) */
  merge?: string;
  familySpelling?: boolean;
  noAlias?: boolean;
  epochNameIsFamily?: boolean;
  why?: string;
}
const EPOCH: Record<string, EpochSpec> = {
  // Hopper / Blackwell
  'NVIDIA H100 SXM5 80GB': { id: 'nvidia-h100-sxm5-80gb', family: 'H100' },
  'NVIDIA GH100': { merge: 'nvidia-h100-sxm5-80gb', why: 'GH100 is the H100 die; Epoch row repeats the SXM5 figures (700 W)' },
  'NVIDIA H100 PCIe': { id: 'nvidia-h100-pcie-80gb', name: 'NVIDIA H100 PCIe 80GB', family: 'H100' },
  'NVIDIA H100 NVL': { id: 'nvidia-h100-nvl-94gb', name: 'NVIDIA H100 NVL 94GB', family: 'H100' },
  'NVIDIA H200 SXM': { id: 'nvidia-h200-sxm-141gb', name: 'NVIDIA H200 SXM 141GB', family: 'H200' },
  'NVIDIA H800 SXM5': { id: 'nvidia-h800-sxm5-80gb', name: 'NVIDIA H800 SXM5 80GB', family: 'H800' },
  'NVIDIA HGX H20': { id: 'nvidia-h20-96gb', name: 'NVIDIA H20 96GB (HGX)', family: 'H20' },
  'NVIDIA GH200': { id: 'nvidia-gh200', family: 'GH200' },
  'NVIDIA B100': { id: 'nvidia-b100', family: 'B100' },
  'NVIDIA B200': { id: 'nvidia-b200', family: 'B200' },
  'NVIDIA GB200': { id: 'nvidia-gb200', name: 'NVIDIA GB200 (per Blackwell GPU)', family: 'GB200' },
  'NVIDIA B300 (Blackwell Ultra)': { id: 'nvidia-b300', family: 'B300' },
  'NVIDIA GB300 (Blackwell Ultra)': { id: 'nvidia-gb300', name: 'NVIDIA GB300 (Blackwell Ultra, per GPU)', family: 'GB300' },
  // Ampere
  'NVIDIA A100 SXM4 80 GB': { id: 'nvidia-a100-sxm4-80gb', family: 'A100' },
  'NVIDIA A100 SXM4 40 GB': { id: 'nvidia-a100-sxm4-40gb', family: 'A100' },
  'NVIDIA A100': {
    merge: 'nvidia-a100-sxm4-40gb',
    familySpelling: true,
    why: "Epoch's generic 'NVIDIA A100' row (400 W, 40 GB) is the SXM4 40 GB part; the bare name resolves through the A100 family",
  },
  'NVIDIA A100 PCIe': { id: 'nvidia-a100-pcie-40gb', name: 'NVIDIA A100 PCIe 40GB', family: 'A100' },
  'NVIDIA A800 SXM': { id: 'nvidia-a800-sxm4', name: 'NVIDIA A800 SXM4', family: 'A800' },
  'NVIDIA A800 PCIe 40 GB': { id: 'nvidia-a800-pcie-40gb', family: 'A800' },
  'NVIDIA A800 PCIe 80 GB': { id: 'nvidia-a800-pcie-80gb', family: 'A800' },
  'NVIDIA A10 PCIe': { id: 'nvidia-a10', name: 'NVIDIA A10', family: 'A10' },
  'NVIDIA A10G': { id: 'nvidia-a10g', family: 'A10G' },
  'NVIDIA A40 PCIe': { id: 'nvidia-a40', name: 'NVIDIA A40', family: 'A40' },
  // Ada
  'NVIDIA L4': { id: 'nvidia-l4', family: 'L4' },
  'NVIDIA L40': { id: 'nvidia-l40', family: 'L40' },
  'NVIDIA L20 PCle': { id: 'nvidia-l20', name: 'NVIDIA L20 PCIe', family: 'L20' },
  // Volta
  'NVIDIA Tesla V100 SXM2 16 GB': { id: 'nvidia-v100-sxm2-16gb', family: 'V100' },
  'NVIDIA Tesla V100 SXM2': { merge: 'nvidia-v100-sxm2-16gb', why: 'same product (16 GB SXM2)' },
  'NVIDIA V100': {
    merge: 'nvidia-v100-sxm2-16gb',
    familySpelling: true,
    why: "Epoch's generic 'NVIDIA V100' row carries the SXM2 figures (300 W); the bare name resolves through the V100 family",
  },
  'NVIDIA Tesla V100 SXM2 32 GB': { id: 'nvidia-v100-sxm2-32gb', family: 'V100' },
  'NVIDIA Tesla V100 PCIe 16 GB': { id: 'nvidia-v100-pcie-16gb', family: 'V100' },
  'NVIDIA Tesla V100 PCIe 32 GB': { id: 'nvidia-v100-pcie-32gb', family: 'V100' },
  'NVIDIA Tesla V100 DGXS 16 GB': { id: 'nvidia-v100-dgxs-16gb', family: 'V100' },
  'NVIDIA Tesla V100 DGXS 32 GB': { id: 'nvidia-v100-dgxs-32gb', family: 'V100' },
  'NVIDIA Tesla V100 SXM3 32 GB': { id: 'nvidia-v100-sxm3-32gb', family: 'V100' },
  'NVIDIA Tesla V100S PCIe 32 GB': { id: 'nvidia-v100s-pcie-32gb', family: 'V100S' },
  'NVIDIA Titan V': { id: 'nvidia-titan-v' },
  // Pascal
  'NVIDIA Tesla P100 PCIe 16GB': { id: 'nvidia-p100-pcie-16gb', family: 'P100' },
  'NVIDIA P100 PCIe 16GB': { merge: 'nvidia-p100-pcie-16gb', why: 'same product' },
  'NVIDIA P100': {
    merge: 'nvidia-p100-pcie-16gb',
    familySpelling: true,
    why: "Epoch's generic 'NVIDIA P100' row (250 W, 16 GB) is the PCIe 16 GB card; the bare name resolves through the P100 family",
  },
  'NVIDIA Tesla P100 PCIe 12GB': { id: 'nvidia-p100-pcie-12gb', family: 'P100' },
  'NVIDIA Tesla P100 SXM2': { id: 'nvidia-p100-sxm2-16gb', name: 'NVIDIA Tesla P100 SXM2 16GB', family: 'P100' },
  'NVIDIA Tesla P100 DGXS': { id: 'nvidia-p100-dgxs', family: 'P100' },
  'NVIDIA P40': { id: 'nvidia-p40', name: 'NVIDIA Tesla P40', family: 'P40' },
  'NVIDIA Tesla P4': { id: 'nvidia-p4', family: 'P4' },
  // Turing / Maxwell / Kepler / Fermi data-centre parts
  'NVIDIA Tesla T4': { id: 'nvidia-t4', family: 'T4' },
  'NVIDIA M40': { id: 'nvidia-m40-12gb', name: 'NVIDIA Tesla M40 12GB', family: 'M40', epochNameIsFamily: true },
  'NVIDIA TESLA M60': { id: 'nvidia-m60', name: 'NVIDIA Tesla M60', family: 'M60' },
  'NVIDIA Tesla K80': { id: 'nvidia-k80', family: 'K80' },
  'NVIDIA Tesla K40s': { id: 'nvidia-k40s', family: 'K40' },
  'NVIDIA Tesla K40t': { id: 'nvidia-k40t', family: 'K40' },
  'NVIDIA Tesla K20c': { id: 'nvidia-k20c', family: 'K20' },
  'NVIDIA Tesla K20X': { id: 'nvidia-k20x', family: 'K20X' },
  'NVIDIA Tesla C2050': { id: 'nvidia-c2050', family: 'C2050' },
  // Google TPUs
  'Google TPU v1': { id: 'google-tpu-v1', family: 'TPU v1' },
  'Google TPU v2': { id: 'google-tpu-v2', family: 'TPU v2' },
  'Google TPU v3': { id: 'google-tpu-v3', family: 'TPU v3' },
  'Google TPU v4': { id: 'google-tpu-v4', family: 'TPU v4' },
  'Google TPU v4i': { id: 'google-tpu-v4i', family: 'TPU v4i' },
  'Google TPU v5e': { id: 'google-tpu-v5e', family: 'TPU v5e' },
  'Google TPU v5p': { id: 'google-tpu-v5p', family: 'TPU v5p' },
  'Google TPU v6e Trillium': { id: 'google-tpu-v6e', family: 'TPU v6e' },
  'Google TPU v7 Ironwood': { id: 'google-tpu-v7', family: 'TPU v7' },
  // AMD
  'AMD Instinct MI300X': { id: 'amd-instinct-mi300x', family: 'MI300X' },
  'AMD Instinct MI300A': { id: 'amd-instinct-mi300a', family: 'MI300A' },
  'AMD Radeon Instinct MI300': {
    merge: 'amd-instinct-mi300a',
    why:
      "Epoch's pre-launch 'AMD Radeon Instinct MI300' row (CES 2023-01-04, 128 GB, 600 W, MI250X-like FLOP/s) is the MI300 " +
      'APU announced that day, i.e. the MI300A; its placeholder figures are not used',
  },
  'AMD Radeon Instinct MI308X': { id: 'amd-instinct-mi308x', name: 'AMD Instinct MI308X', family: 'MI308X' },
  'AMD Instinct MI325X': { id: 'amd-instinct-mi325x', family: 'MI325X' },
  'AMD Instinct MI350X': { id: 'amd-instinct-mi350x', family: 'MI350X' },
  'AMD Instinct MI355X': { id: 'amd-instinct-mi355x', family: 'MI355X' },
  'AMD Radeon Instinct MI250X': { id: 'amd-instinct-mi250x', name: 'AMD Instinct MI250X', family: 'MI250X' },
  // Intel / AWS / others
  'Intel Habana Gaudi3': { id: 'intel-gaudi3', name: 'Intel Gaudi 3', family: 'Gaudi 3' },
  'Intel Habana Gaudi2': { id: 'intel-gaudi2', name: 'Intel Gaudi 2', family: 'Gaudi 2' },
  'Intel Habana GAUDI HL-205': { id: 'intel-gaudi', name: 'Intel Gaudi (HL-205)', family: 'Gaudi' },
  'Amazon Trainium2': { id: 'aws-trainium2', name: 'AWS Trainium2', family: 'Trainium2' },
  'Amazon Trainium3': { id: 'aws-trainium3', name: 'AWS Trainium3', family: 'Trainium3' },
  'Huawei Ascend 910A': { id: 'huawei-ascend-910a' },
  'Huawei Ascend 910': {
    merge: 'huawei-ascend-910a',
    why: 'the original Ascend 910 (2019-08-23, 310 W, 256 TFLOP/s FP16) is the 910A; its INT8 figure fills the gap',
  },
  'Cambricon MLU370-S4/S8': {
    merge: 'cambricon-mlu370-s4',
    noAlias: true,
    why: 'combined listing of the S4 and S8 cards, which have their own rows',
  },
  'GroqChip LPU v1': { vendor: 'Groq' },
};

/** Vendors whose products are GPUs/GPGPUs; anything else that is not a TPU is an 'accelerator'. */
const GPU_VENDORS = new Set(['NVIDIA', 'AMD', 'Moore Threads (Tencent)', 'Biren', 'MetaX', 'Iluvatar CoreX', 'Hygon']);
const kindOf = (vendor: string, type: string, name: string): HardwareKind => {
  if (/^Google TPU/.test(name)) return 'tpu';
  if (vendor === 'Intel') return /GPU Max/.test(name) ? 'gpu' : 'accelerator';
  if (GPU_VENDORS.has(vendor) && /GPU|GPGPU|DCU/i.test(type || 'GPU')) return 'gpu';
  return 'accelerator';
};

/** Figures fixed after checking Epoch against the manufacturers' datasheets and the other sources. */
const NVIDIA_DATASHEET = {
  name: 'NVIDIA product datasheet',
  license: 'manufacturer specification (facts; no licence claimed)',
};
const OVERRIDES: Record<
  string,
  { set: Partial<Omit<Draft, 'peakTflops'>> & { peakTflops?: Partial<Peak> }; source: HardwareSource }
> = {
  'nvidia-a100-pcie-40gb': {
    set: { tdpW: 250, memoryGb: 40 },
    source: src(
      SRC.greenAlgorithms,
      ['tdpW', 'memoryGb'],
      "Green Algorithms 'NVIDIA A100 40GB PCIe' 250 W (NVIDIA datasheet). Epoch's single 'NVIDIA A100 PCIe' row gives 300 W with 40 GB and cites both the 40 GB and 80 GB cards: 300 W is the 80 GB PCIe card's TDP, so the row is split into 40 GB (250 W) and 80 GB (300 W)",
    ),
  },
  'nvidia-h100-sxm5-80gb': {
    set: { peakTflops: { fp8: 1978.9 } },
    source: {
      fields: ['peakTflops.fp8'],
      ...NVIDIA_DATASHEET,
      url: 'https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet',
      year: 2022,
      note: 'Epoch has no FP8 figure; datasheet 3,958 TFLOP/s is with sparsity, dense = 1,978.9',
    },
  },
  'nvidia-h100-nvl-94gb': {
    set: { peakTflops: { bf16: 835.5, fp16: 835.5 } },
    source: src(
      SRC.epoch,
      ['peakTflops.bf16'],
      "Epoch records the dense tensor figure (835.5 TFLOP/s) in its FP16 column; datasheet BF16/FP16 1,671 TFLOP/s is with sparsity (ML CO2 Impact's 835/1671 confirm), so bf16 = fp16 = 835.5 dense",
    ),
  },
  'nvidia-h200-sxm-141gb': {
    set: { memoryGb: 141 },
    source: {
      fields: ['memoryGb'],
      ...NVIDIA_DATASHEET,
      url: 'https://www.nvidia.com/en-us/data-center/h200/',
      year: 2024,
      note: 'Epoch leaves memory empty; H200 has 141 GB HBM3e',
    },
  },
  'nvidia-geforce-rtx-4070': {
    set: { tdpW: 200 },
    source: {
      fields: ['tdpW'],
      name: 'NVIDIA GeForce RTX 4070 family specifications',
      url: 'https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4070-family/',
      license: 'manufacturer specification (facts; no licence claimed)',
      year: 2023,
      note: "Epoch lists 285 W, which is the RTX 4070 Ti's total graphics power; the RTX 4070 (29.15 TFLOP/s FP32, as in Epoch) is 200 W",
    },
  },
  'google-tpu-v6e': {
    set: { peakTflops: { fp8: null } },
    source: src(
      SRC.epoch,
      ['peakTflops.fp8'],
      "Epoch's FP8 column repeats the BF16 peak (918) because its efficiency method uses 'FP8 or bf16 when FP8 is not supported'; Trillium's published peaks are BF16 918 TFLOP/s and INT8 1,836 TOP/s, so fp8 is left null",
    ),
  },
  'google-tpu-v5e': {
    set: { tdpW: 300 },
    source: src(
      SRC.epoch,
      ['tdpW'],
      "Google publishes no TDP; Epoch's Notes cite SemiAnalysis' estimate of 300 W (an estimate, not a datasheet figure)",
    ),
  },
  'nvidia-l40s': {
    set: { memoryBandwidthGBps: 864 },
    source: {
      fields: ['memoryBandwidthGBps'],
      name: 'NVIDIA L40S datasheet',
      url: 'https://www.nvidia.com/en-us/data-center/l40s/',
      license: 'manufacturer specification (facts; no licence claimed)',
      year: 2023,
      note: 'Epoch has no L40S row: 864 GB/s GDDR6 (48 GB), the figure NVIDIA publishes (value from memory of the datasheet; check it)',
    },
  },
  'nvidia-rtx-6000-ada-generation': {
    set: { tdpW: 300, memoryGb: 48 },
    source: {
      fields: ['tdpW', 'memoryGb'],
      name: 'NVIDIA RTX 6000 Ada Generation datasheet',
      url: 'https://www.nvidia.com/en-us/design-visualization/rtx-6000/',
      license: 'manufacturer specification (facts; no licence claimed)',
      year: 2022,
      note: 'Epoch has the FLOP/s but no TDP or memory: 300 W, 48 GB GDDR6',
    },
  },
};
/** Epoch rows without a TDP that are still taken, because an override supplies one. */
const TAKE_WITHOUT_TDP = new Set(['Google TPU v5e', 'NVIDIA RTX 6000 Ada Generation']);

const TPU_NOTE =
  'TPU power disagrees ~2x between sources: Green Algorithms lists TPU v2 280 W, v3 220 W, v4 170 W; ML CO2 Impact lists ' +
  'v2 221 W and v3 283 W, which are measured average consumption (Patterson et al. 2021), not TDP; Google documents a ' +
  "'measured max power' of 192 W for v4 and 262 W for v3. Epoch's TDPs are kept (v3 450 W is Google's disclosed TDP; " +
  "v4/v5p/v6e/v7 are Epoch's derivations from Google's perf-per-watt claims). Use hardware.powerW for measured figures.";

const rows = new Map<string, Draft>(); // id -> record under construction
const epochMergedInto: [string, string, EpochSpec, Row][] = []; // [epochName, targetId, spec]

for (const r of epochRows) {
  const ename = r[E.name].trim();
  const spec: EpochSpec = EPOCH[ename] ?? {};
  const hasTdp = (num(r[E.tdp]) ?? 0) > 0;
  if (!hasTdp && !TAKE_WITHOUT_TDP.has(ename) && !spec.merge) continue;
  if (spec.merge) {
    epochMergedInto.push([ename, spec.merge, spec, r]);
    continue;
  }
  const vendor = spec.vendor ?? (r[E.vendor].trim() || 'unknown');
  const name = spec.name ?? ename;
  const id = spec.id ?? slug(name);
  const kind = kindOf(vendor, r[E.type].trim(), ename);
  const releaseYear = yearOf(r[E.date]);
  const tensor = tflops(r[E.tensor]);
  const fp16col = tflops(r[E.fp16]);
  // Epoch's "Tensor-FP16/BF16" column: BF16 only exists on NVIDIA Ampere (2020) and later; TPUs have no FP16.
  const bf16Capable = !(vendor === 'NVIDIA' && (releaseYear ?? 0) < 2020);
  const peak = {
    fp64: tflops(r[E.fp64]),
    fp32: tflops(r[E.fp32]),
    tf32: tflops(r[E.tf32]),
    fp16: kind === 'tpu' ? null : (tensor ?? fp16col),
    bf16: bf16Capable ? tensor : null,
    fp8: tflops(r[E.fp8]),
    int8: tflops(r[E.int8]),
  };
  const memBytes = num(r[E.mem]);
  const memoryGb = memBytes !== null ? Math.round((memBytes / 1e9) * 10) / 10 : memFromName(name);
  const bwBytes = num(r[E.bw]);
  const memoryBandwidthGBps = bwBytes !== null ? Math.round((bwBytes / 1e9) * 10) / 10 : null;
  const epochFields = [
    'name',
    'tdpW',
    'releaseYear',
    'peakTflops',
    ...(memoryGb !== null ? ['memoryGb'] : []),
    ...(memoryBandwidthGBps !== null ? ['memoryBandwidthGBps'] : []),
  ];
  const notes = [
    'FLOP/s are dense (Epoch: "without sparsity"); fp16 is the tensor-core figure where Epoch has one, else its FP16 (vector) figure',
  ];
  if (!bf16Capable && tensor !== null)
    notes.push('bf16 left null: this architecture has no BF16 support (Epoch\'s column is "FP16/BF16")');
  if (kind === 'tpu') notes.push(TPU_NOTE);
  if (memBytes === null && memoryGb !== null) notes.push(`memoryGb ${memoryGb} taken from the product name`);
  if (ename !== name) notes.push(`Epoch name: '${ename}'`);
  if (rows.has(id)) fail(`duplicate id ${id} from Epoch row ${ename}`);
  rows.set(id, {
    id,
    name,
    vendor,
    kind,
    family: spec.family ?? null,
    aliases: ename !== name && !spec.epochNameIsFamily ? [ename] : [],
    tdpW: num(r[E.tdp]),
    idleW: null,
    memoryGb,
    memoryBandwidthGBps,
    releaseYear,
    peakTflops: peak,
    embodiedKgCo2e: null,
    sources: [src(SRC.epoch, epochFields, notes.join('. '))],
    seed: true,
  });
}

// Fold near-duplicates into their product: their names become aliases (unless the name is a bare family
// spelling), their non-null figures fill gaps only.
for (const [ename, targetId, spec, r] of epochMergedInto) {
  const target = rows.get(targetId);
  if (!target) {
    fail(`Epoch merge target ${targetId} (for ${ename}) missing`);
    continue;
  }
  if (!spec.familySpelling && !spec.noAlias) target.aliases.push(ename);
  const filled: string[] = [];
  if (target.memoryGb === null && num(r[E.mem]) !== null) {
    target.memoryGb = Math.round(((num(r[E.mem]) ?? 0) / 1e9) * 10) / 10;
    target.sources[0].fields.push('memoryGb');
    filled.push('memoryGb');
  }
  if ((target.memoryBandwidthGBps ?? null) === null && num(r[E.bw]) !== null) {
    target.memoryBandwidthGBps = Math.round(((num(r[E.bw]) ?? 0) / 1e9) * 10) / 10;
    target.sources[0].fields.push('memoryBandwidthGBps');
    filled.push('memoryBandwidthGBps');
  }
  if (target.peakTflops.int8 === null && tflops(r[E.int8]) !== null) {
    target.peakTflops.int8 = tflops(r[E.int8]);
    filled.push('peakTflops.int8');
  }
  target.sources[0].note +=
    `. Merged Epoch row '${ename}': ${spec.why}` + (filled.length ? ` (filled ${filled.join(', ')} from it)` : '');
}

// ---------------------------------------------------------------------------------------------
// 2. Green Algorithms and ML CO2 Impact: older / consumer GPUs Epoch lacks (errors fixed)
// ---------------------------------------------------------------------------------------------
const gaGpu = readCsv(path.join(refDir, 'green-algorithms/data/latest/TDP_gpu.csv'), { from_line: 2, trim: true });
const gaByName = new Map(gaGpu.map((r) => [r.model, r]));
const mlco2 = readCsv(path.join(refDir, 'mlco2-impact/data/gpus.csv'), {
  columns: (h: string[]) => h.map((c) => c.trim()),
  trim: true,
  relax_column_count: true, // the A10G row has one column too few (only used as an alias here)
});
const mlByName = new Map(mlco2.map((r) => [r.name, r]));
const need = (map: Map<string, Row>, key: string, label: string): Row => {
  const r = map.get(key);
  if (!r) fail(`${label}: row '${key}' not found`);
  return r ?? {};
};

// Each addition: rows from these two sources only where Epoch has no such product.
interface Addition {
  id: string;
  name: string;
  vendor: string;
  family?: string;
  ga?: string;
  ml?: string;
  memoryGb?: number;
  releaseYear?: number;
  peakFrom?: string;
  peak?: (m: Row) => Partial<Peak>;
  noMemory?: boolean;
  note?: string;
}
const ADDITIONS: Addition[] = [
  {
    id: 'nvidia-a100-pcie-80gb',
    name: 'NVIDIA A100 PCIe 80GB',
    vendor: 'NVIDIA',
    family: 'A100',
    ga: 'NVIDIA A100 80GB PCIe',
    memoryGb: 80,
    peakFrom: 'nvidia-a100-pcie-40gb',
    note: 'TDP 300 W and memory from Green Algorithms (NVIDIA A100 80GB PCIe datasheet); release year not in these sources',
  },
  {
    id: 'nvidia-l40s',
    name: 'NVIDIA L40S',
    vendor: 'NVIDIA',
    family: 'L40S',
    ml: 'L40S',
    peak: (m) => ({ tf32: num(m.TFLOPS32), fp16: num(m.TFLOPS16), bf16: num(m.TFLOPS16) }),
    note: "ML CO2 Impact's 'TFLOPS32' value 183 is the L40S TF32 tensor figure (dense; 366 with sparsity), not FP32 (91.6), so it is stored as tf32 and fp32 is left null; 'TFLOPS16' 362.05 is the dense FP16/BF16 tensor figure (733 with sparsity)",
  },
  { id: 'nvidia-geforce-rtx-2080', name: 'NVIDIA GeForce RTX 2080', vendor: 'NVIDIA', ml: 'RTX 2080', ga: 'NVIDIA RTX 2080' },
  { id: 'nvidia-geforce-rtx-3080-ti', name: 'NVIDIA GeForce RTX 3080 Ti', vendor: 'NVIDIA', ml: 'RTX 3080 TI' },
  { id: 'nvidia-titan-rtx', name: 'NVIDIA TITAN RTX', vendor: 'NVIDIA', ml: 'Titan RTX' },
  {
    id: 'nvidia-titan-x-pascal',
    name: 'NVIDIA TITAN X (Pascal)',
    vendor: 'NVIDIA',
    ml: 'TITAN X Pascal',
    ga: 'NVIDIA TITAN X Pascal',
  },
  {
    id: 'nvidia-m40-24gb',
    name: 'NVIDIA Tesla M40 24GB',
    vendor: 'NVIDIA',
    family: 'M40',
    ml: 'Tesla M40 24GB',
    memoryGb: 24,
    note: 'ML CO2 Impact lists memory 12 GB for the 24 GB card; corrected to 24',
  },
  {
    id: 'gigabyte-geforce-gtx-1660-oc',
    name: 'GIGABYTE GeForce GTX 1660 OC 6G',
    vendor: 'NVIDIA',
    ml: 'GIGABYTE GTX 1660 OC',
    note: 'a board-partner card (NVIDIA TU116 GPU); TDP is the factory-overclocked board figure',
  },
  { id: 'amd-radeon-rx-480', name: 'AMD Radeon RX 480', vendor: 'AMD', ml: 'AMD RX480', ga: 'AMD RX480' },
  {
    id: 'nvidia-jetson-agx-xavier',
    name: 'NVIDIA Jetson AGX Xavier',
    vendor: 'NVIDIA',
    ml: 'AGX Xavier',
    ga: 'NVIDIA Jetson AGX Xavier',
    peak: () => ({}),
    noMemory: true,
    note: "ML CO2 Impact's 16/32 TFLOPS are not the GPU's FP32/FP16 peaks (the module is rated 32 TOPS INT8 across GPU and DLAs); left null",
  },
];

for (const a of ADDITIONS) {
  const ml = a.ml ? need(mlByName, a.ml, 'ML CO2 Impact') : null;
  const ga = a.ga ? need(gaByName, a.ga, 'Green Algorithms') : null;
  const tdpW = num(ga?.TDP) ?? num(ml?.tdp_watts);
  const peak = emptyPeak();
  const sources: HardwareSource[] = [];
  if (a.peakFrom) {
    Object.assign(peak, rows.get(a.peakFrom)?.peakTflops ?? {});
    sources.push(
      src(SRC.epoch, ['peakTflops'], "FLOP/s copied from Epoch's 'NVIDIA A100 PCIe' row (same GA100 configuration and clocks)"),
    );
  } else if (ml) {
    const p = a.peak ? a.peak(ml) : { fp32: num(ml.TFLOPS32), fp16: num(ml.TFLOPS16) };
    Object.assign(peak, p);
  }
  const memoryGb = a.noMemory ? null : (a.memoryGb ?? num(ml?.memory) ?? null);
  if (ga) sources.push(src(SRC.greenAlgorithms, ['tdpW', 'name'], `Green Algorithms model '${a.ga}'`));
  if (ml) {
    const f = [
      ...(ga ? [] : ['tdpW', 'name']),
      ...(a.peakFrom ? [] : ['peakTflops']),
      ...(a.memoryGb || a.noMemory ? [] : ['memoryGb']),
    ];
    sources.push(src(SRC.mlco2, f, `ML CO2 Impact name '${a.ml}' (its source: ${ml.source})`));
  }
  if (a.memoryGb) sources[sources.length - 1].fields.push('memoryGb'); // stated in the product name (see note)
  if (a.note) sources[0].note = `${sources[0].note ?? ''}. ${a.note}`.replace(/^\. /, '');
  if (!tdpW) fail(`${a.id}: no TDP`);
  if (rows.has(a.id)) fail(`addition ${a.id} duplicates an Epoch row`);
  const aliases = [a.ml, a.ga].filter((x): x is string => !!x && x !== a.name);
  rows.set(a.id, {
    id: a.id,
    name: a.name,
    vendor: a.vendor,
    kind: 'gpu',
    family: a.family ?? null,
    aliases,
    tdpW,
    idleW: null,
    memoryGb,
    releaseYear: a.releaseYear ?? null,
    peakTflops: peak,
    embodiedKgCo2e: null,
    sources,
    seed: true,
  });
}

/**
 * Not taken from ML CO2 Impact / Green Algorithms (documented in NOTICE-hardware.md):
 *  - ML CO2 'GTX 750' (250 W, 1111 TFLOPS, 24 GB): every figure is wrong for that card; no other source here -> dropped.
 *  - ML CO2 'H100 SXM' 989/1979: NVIDIA's with-sparsity BF16/FP8 figures in the FP32/FP16 columns -> Epoch used.
 *  - ML CO2 'Tesla V100-PCIE-16GB' 300 W / 'Tesla V100-SXM2-16GB' 250 W: swapped -> Epoch (250 / 300) used; names kept as aliases.
 *  - ML CO2 'A100 PCIe 40/80GB' 250 W: one row for two cards -> Green Algorithms' split used.
 *  - ML CO2 TPU rows: measured averages, not TDP -> noted only.
 */
const MLCO2_ALIASES: Record<string, string | null> = {
  'H100 SXM': 'nvidia-h100-sxm5-80gb',
  'H100 NVL': 'nvidia-h100-nvl-94gb',
  'A100 SXM4 80 GB': 'nvidia-a100-sxm4-80gb',
  A10G: 'nvidia-a10g',
  'GTX 1080 Ti': 'nvidia-geforce-gtx-1080-ti',
  'GTX 1080': 'nvidia-geforce-gtx-1080',
  'GTX TITAN X': 'nvidia-geforce-gtx-titan-x',
  'Quadro K6000': 'nvidia-quadro-k6000',
  'Quadro P6000': 'nvidia-quadro-p6000',
  'RTX 2080 Ti': 'nvidia-geforce-rtx-2080-ti-11gb',
  'RTX 8000': 'nvidia-quadro-rtx-8000',
  T4: 'nvidia-t4',
  'Tesla K40c': null, // Epoch has K40s/K40t; the K40c is a distinct board -> not aliased
  'Tesla K80': 'nvidia-k80',
  'Tesla P40': 'nvidia-p40',
  'Tesla V100-PCIE-16GB': 'nvidia-v100-pcie-16gb',
  'Tesla V100-SXM2-16GB': 'nvidia-v100-sxm2-16gb',
  'Tesla V100-SXM2-32GB': 'nvidia-v100-sxm2-32gb',
  'Titan V': 'nvidia-titan-v',
  'Titan Xp': 'nvidia-titan-xp',
  'RTX 3080': 'nvidia-geforce-rtx-3080',
  'RTX 3090': 'nvidia-geforce-rtx-3090',
  'RTX 4090': 'nvidia-geforce-rtx-4090',
  'RTX A5000': 'nvidia-rtx-a5000',
  'RTX A6000': 'nvidia-rtx-a6000',
  L4: 'nvidia-l4',
  'TPUv2 Chip': 'google-tpu-v2',
  'TPUv3 Chip': 'google-tpu-v3',
};
const GA_ALIASES: Record<string, string> = {
  'NVIDIA A100 40GB PCIe': 'nvidia-a100-pcie-40gb',
  'NVIDIA GTX 1080': 'nvidia-geforce-gtx-1080',
  'NVIDIA GTX 1080 Ti': 'nvidia-geforce-gtx-1080-ti',
  'NVIDIA GTX TITAN X': 'nvidia-geforce-gtx-titan-x',
  'NVIDIA RTX 2080 Ti': 'nvidia-geforce-rtx-2080-ti-11gb',
  'NVIDIA Tesla K80': 'nvidia-k80',
  'NVIDIA Tesla P100 PCIe': 'nvidia-p100-pcie-16gb',
  'NVIDIA Tesla P4': 'nvidia-p4',
  'NVIDIA Tesla T4': 'nvidia-t4',
  'NVIDIA Tesla V100S': 'nvidia-v100s-pcie-32gb',
  'NVIDIA Titan V': 'nvidia-titan-v',
  'TPU v2': 'google-tpu-v2',
  'TPU v3': 'google-tpu-v3',
  'TPU v4': 'google-tpu-v4',
  // 'NVIDIA Tesla P100', 'NVIDIA Tesla V100' are bare family spellings -> resolved through the family.
};

// ---------------------------------------------------------------------------------------------
// 3. A few products the datasets lack, from the manufacturers' specifications (TDP, memory, year).
//    FLOP/s left null unless the datasheet's dense figure is unambiguous.
// ---------------------------------------------------------------------------------------------
const spec = (name: string, url: string) => ({ name, url, license: 'manufacturer specification (facts; no licence claimed)' });
interface VendorRow {
  id: string;
  name: string;
  vendor: string;
  family?: string;
  tdpW: number;
  memoryGb: number;
  releaseYear: number;
  peak?: Partial<Peak>;
  source: Omit<HardwareSource, 'fields'>;
  note?: string;
}
const VENDOR_ROWS: VendorRow[] = [
  {
    id: 'nvidia-a30',
    name: 'NVIDIA A30',
    vendor: 'NVIDIA',
    family: 'A30',
    tdpW: 165,
    memoryGb: 24,
    releaseYear: 2021,
    peak: { fp64: 5.2, fp32: 10.3, tf32: 82, fp16: 165, bf16: 165, int8: 330 },
    source: spec('NVIDIA A30 datasheet', 'https://www.nvidia.com/en-us/data-center/products/a30-gpu/'),
    note: 'tensor figures are dense (datasheet lists TF32 82/165*, BF16 165/330*, INT8 330/661*; * = with sparsity)',
  },
  {
    id: 'nvidia-a2',
    name: 'NVIDIA A2',
    vendor: 'NVIDIA',
    family: 'A2',
    tdpW: 60,
    memoryGb: 16,
    releaseYear: 2021,
    peak: { fp32: 4.5, tf32: 9, fp16: 18, bf16: 18, int8: 36 },
    source: spec('NVIDIA A2 datasheet', 'https://www.nvidia.com/en-us/data-center/products/a2/'),
    note: 'configurable 40-60 W, the maximum is stored; tensor figures are dense (TF32 9/18*, BF16 18/36*, INT8 36/72*)',
  },
  {
    id: 'nvidia-a16',
    name: 'NVIDIA A16',
    vendor: 'NVIDIA',
    family: 'A16',
    tdpW: 250,
    memoryGb: 64,
    releaseYear: 2021,
    source: spec('NVIDIA A16 datasheet', 'https://www.nvidia.com/en-us/data-center/products/a16-gpu/'),
    note: 'one board with four GPUs (4 x 16 GB); TDP is per board',
  },
  {
    id: 'nvidia-h800-pcie-80gb',
    name: 'NVIDIA H800 PCIe 80GB',
    vendor: 'NVIDIA',
    family: 'H800',
    tdpW: 350,
    memoryGb: 80,
    releaseYear: 2023,
    source: spec(
      'NVIDIA H800 PCIe (China-market H100 PCIe variant) product brief',
      'https://www.nvidia.com/en-us/data-center/h100/',
    ),
    note: 'same board power as the H100 PCIe (350 W); FLOP/s not published separately, left null',
  },
  {
    id: 'nvidia-rtx-4000-ada-generation',
    name: 'NVIDIA RTX 4000 Ada Generation',
    vendor: 'NVIDIA',
    tdpW: 130,
    memoryGb: 20,
    releaseYear: 2023,
    source: spec('NVIDIA RTX 4000 Ada Generation datasheet', 'https://www.nvidia.com/en-us/design-visualization/rtx-4000/'),
  },
  {
    id: 'nvidia-rtx-a4500',
    name: 'NVIDIA RTX A4500',
    vendor: 'NVIDIA',
    tdpW: 200,
    memoryGb: 20,
    releaseYear: 2021,
    source: spec('NVIDIA RTX A4500 datasheet', 'https://www.nvidia.com/en-us/design-visualization/rtx-a4500/'),
  },
  {
    id: 'nvidia-geforce-rtx-5090',
    name: 'NVIDIA GeForce RTX 5090',
    vendor: 'NVIDIA',
    tdpW: 575,
    memoryGb: 32,
    releaseYear: 2025,
    source: spec(
      'NVIDIA GeForce RTX 5090 specifications',
      'https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5090/',
    ),
  },
  {
    id: 'nvidia-geforce-rtx-5080',
    name: 'NVIDIA GeForce RTX 5080',
    vendor: 'NVIDIA',
    tdpW: 360,
    memoryGb: 16,
    releaseYear: 2025,
    source: spec(
      'NVIDIA GeForce RTX 5080 specifications',
      'https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5080/',
    ),
  },
  {
    id: 'nvidia-geforce-rtx-4070-ti',
    name: 'NVIDIA GeForce RTX 4070 Ti',
    vendor: 'NVIDIA',
    tdpW: 285,
    memoryGb: 12,
    releaseYear: 2023,
    source: spec(
      'NVIDIA GeForce RTX 4070 family specifications',
      'https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4070-family/',
    ),
  },
  {
    id: 'nvidia-geforce-rtx-3070',
    name: 'NVIDIA GeForce RTX 3070',
    vendor: 'NVIDIA',
    tdpW: 220,
    memoryGb: 8,
    releaseYear: 2020,
    source: spec(
      'NVIDIA GeForce RTX 3070 family specifications',
      'https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3070-3070ti/',
    ),
  },
  {
    id: 'nvidia-geforce-rtx-3060-ti',
    name: 'NVIDIA GeForce RTX 3060 Ti',
    vendor: 'NVIDIA',
    tdpW: 200,
    memoryGb: 8,
    releaseYear: 2020,
    source: spec(
      'NVIDIA GeForce RTX 3060 family specifications',
      'https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3060-3060ti/',
    ),
  },
  {
    id: 'nvidia-geforce-rtx-3060',
    name: 'NVIDIA GeForce RTX 3060',
    vendor: 'NVIDIA',
    tdpW: 170,
    memoryGb: 12,
    releaseYear: 2021,
    source: spec(
      'NVIDIA GeForce RTX 3060 family specifications',
      'https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3060-3060ti/',
    ),
  },
  {
    id: 'nvidia-geforce-rtx-2060',
    name: 'NVIDIA GeForce RTX 2060',
    vendor: 'NVIDIA',
    tdpW: 160,
    memoryGb: 6,
    releaseYear: 2019,
    source: spec('NVIDIA GeForce RTX 2060 specifications', 'https://www.nvidia.com/en-us/geforce/graphics-cards/rtx-2060/'),
  },
  {
    id: 'nvidia-geforce-gtx-1070',
    name: 'NVIDIA GeForce GTX 1070',
    vendor: 'NVIDIA',
    tdpW: 150,
    memoryGb: 8,
    releaseYear: 2016,
    source: spec(
      'NVIDIA GeForce GTX 1070 specifications',
      'https://www.nvidia.com/en-gb/geforce/graphics-cards/geforce-gtx-1070/specifications/',
    ),
  },
  {
    id: 'nvidia-geforce-gtx-1060-6gb',
    name: 'NVIDIA GeForce GTX 1060 6GB',
    vendor: 'NVIDIA',
    tdpW: 120,
    memoryGb: 6,
    releaseYear: 2016,
    source: spec(
      'NVIDIA GeForce GTX 1060 specifications',
      'https://www.nvidia.com/en-gb/geforce/graphics-cards/geforce-gtx-1060/specifications/',
    ),
  },
  {
    id: 'amd-instinct-mi100',
    name: 'AMD Instinct MI100',
    vendor: 'AMD',
    family: 'MI100',
    tdpW: 300,
    memoryGb: 32,
    releaseYear: 2020,
    source: spec('AMD Instinct MI100 specifications', 'https://www.amd.com/en/products/accelerators/instinct/mi100.html'),
  },
  {
    id: 'amd-instinct-mi210',
    name: 'AMD Instinct MI210',
    vendor: 'AMD',
    family: 'MI210',
    tdpW: 300,
    memoryGb: 64,
    releaseYear: 2022,
    source: spec('AMD Instinct MI210 specifications', 'https://www.amd.com/en/products/accelerators/instinct/mi200/mi210.html'),
  },
  {
    id: 'amd-instinct-mi250',
    name: 'AMD Instinct MI250',
    vendor: 'AMD',
    family: 'MI250',
    tdpW: 500,
    memoryGb: 128,
    releaseYear: 2021,
    source: spec('AMD Instinct MI250 specifications', 'https://www.amd.com/en/products/accelerators/instinct/mi200/mi250.html'),
    note: 'typical board power 500 W (560 W peak), as Epoch records for the MI250X',
  },
];
for (const v of VENDOR_ROWS) {
  if (rows.has(v.id)) fail(`vendor row ${v.id} duplicates a dataset row`);
  const fields = ['name', 'tdpW', 'memoryGb', 'releaseYear', ...(v.peak ? ['peakTflops'] : [])];
  rows.set(v.id, {
    id: v.id,
    name: v.name,
    vendor: v.vendor,
    kind: 'gpu',
    family: v.family ?? null,
    aliases: [],
    tdpW: v.tdpW,
    idleW: null,
    memoryGb: v.memoryGb,
    releaseYear: v.releaseYear,
    peakTflops: { ...emptyPeak(), ...(v.peak ?? {}) },
    embodiedKgCo2e: null,
    sources: [
      { fields, ...v.source, year: v.releaseYear, note: ['not in the reference datasets', v.note].filter(Boolean).join('; ') },
    ],
    seed: true,
  });
}

// Apply overrides (after additions, so every target exists).
for (const [id, o] of Object.entries(OVERRIDES)) {
  const row = rows.get(id);
  if (!row) {
    fail(`override target ${id} missing`);
    continue;
  }
  const { peakTflops, ...rest } = o.set;
  Object.assign(row, rest);
  // The overridden fields no longer come from the earlier sources.
  for (const s of row.sources) s.fields = s.fields.filter((f) => !(f in rest));
  if (peakTflops) Object.assign(row.peakTflops, peakTflops);
  row.sources.push(o.source);
}

// ---------------------------------------------------------------------------------------------
// 4. Aliases: what nvidia-smi prints, model cards, papers, cloud docs
// ---------------------------------------------------------------------------------------------
const ALIASES: Record<string, string[]> = {
  'nvidia-h100-sxm5-80gb': [
    'NVIDIA H100 80GB HBM3',
    'H100 SXM',
    'H100 SXM5',
    'H100-SXM5-80GB',
    'NVIDIA H100-SXM5-80GB',
    'H100-80GB',
    'H100 80GB',
    'NVIDIA H100 SXM',
  ],
  'nvidia-h100-pcie-80gb': ['NVIDIA H100 PCIe', 'H100-PCIE-80GB', 'NVIDIA H100-PCIE-80GB'],
  'nvidia-h100-nvl-94gb': ['NVIDIA H100 NVL'],
  'nvidia-h200-sxm-141gb': ['NVIDIA H200', 'H200 SXM', 'H200-141GB', 'NVIDIA H200 141GB HBM3e'],
  // nvidia-smi prints "NVIDIA H800" for the SXM5 module, but "H800" is also the family (SXM5 + PCIe): it resolves to
  // the SXM5 default with a warning rather than silently.
  'nvidia-h800-sxm5-80gb': ['H800 SXM5', 'NVIDIA H800 80GB HBM3'],
  'nvidia-h800-pcie-80gb': ['NVIDIA H800 PCIe', 'H800 PCIe'],
  'nvidia-h20-96gb': ['NVIDIA H20', 'H20'],
  'nvidia-gh200': ['NVIDIA GH200 480GB', 'GH200 Grace Hopper'],
  'nvidia-b200': ['NVIDIA B200', 'B200'],
  'nvidia-a100-sxm4-80gb': [
    'NVIDIA A100-SXM4-80GB',
    'A100-SXM4-80GB',
    'NVIDIA A100-SXM-80GB',
    'A100 SXM4 80GB',
    'A100-80GB',
    'A100 80GB',
    'NVIDIA A100 80GB',
    'NVIDIA A100-80GB',
  ],
  'nvidia-a100-sxm4-40gb': [
    'NVIDIA A100-SXM4-40GB',
    'A100-SXM4-40GB',
    'NVIDIA A100-SXM-40GB',
    'A100 SXM4 40GB',
    'A100-40GB',
    'A100 40GB',
    'NVIDIA A100 40GB',
  ],
  'nvidia-a100-pcie-40gb': ['NVIDIA A100-PCIE-40GB', 'A100-PCIE-40GB', 'A100 PCIe 40GB', 'NVIDIA A100 PCIe', 'A100 PCIe'],
  'nvidia-a100-pcie-80gb': ['NVIDIA A100 80GB PCIe', 'A100-PCIE-80GB', 'NVIDIA A100-PCIE-80GB'],
  'nvidia-a800-sxm4': ['NVIDIA A800-SXM4-80GB', 'A800 SXM4 80GB', 'NVIDIA A800 SXM'],
  'nvidia-a800-pcie-40gb': ['NVIDIA A800-PCIE-40GB', 'NVIDIA A800 40GB PCIe'],
  'nvidia-a800-pcie-80gb': ['NVIDIA A800 80GB PCIe', 'NVIDIA A800-PCIE-80GB'],
  'nvidia-a10': ['NVIDIA A10 PCIe', 'A10'],
  'nvidia-a10g': ['A10G'],
  'nvidia-a40': ['NVIDIA A40 PCIe', 'A40'],
  'nvidia-l4': ['L4'],
  'nvidia-l40': ['L40'],
  'nvidia-l40s': ['NVIDIA L40S', 'L40S'],
  'nvidia-a30': ['A30', 'NVIDIA A30 24GB'],
  'nvidia-a2': ['A2'],
  'nvidia-a16': ['A16'],
  'nvidia-v100-sxm2-16gb': [
    'Tesla V100-SXM2-16GB',
    'V100-SXM2-16GB',
    'V100 SXM2 16GB',
    'NVIDIA Tesla V100-SXM2-16GB',
    'Tesla V100 SXM2',
    'V100 SXM2',
  ],
  'nvidia-v100-sxm2-32gb': ['Tesla V100-SXM2-32GB', 'V100-SXM2-32GB', 'V100 SXM2 32GB'],
  'nvidia-v100-pcie-16gb': ['Tesla V100-PCIE-16GB', 'V100-PCIE-16GB', 'V100 PCIe 16GB', 'V100 PCIe'],
  'nvidia-v100-pcie-32gb': ['Tesla V100-PCIE-32GB', 'V100-PCIE-32GB', 'V100 PCIe 32GB'],
  'nvidia-v100-dgxs-16gb': ['Tesla V100-DGXS-16GB'],
  'nvidia-v100-dgxs-32gb': ['Tesla V100-DGXS-32GB'],
  'nvidia-v100-sxm3-32gb': ['Tesla V100-SXM3-32GB', 'Tesla V100-SXM3-32GB-H'],
  'nvidia-v100s-pcie-32gb': ['Tesla V100S-PCIE-32GB', 'V100S', 'Tesla V100S'],
  'nvidia-p100-pcie-16gb': ['Tesla P100-PCIE-16GB', 'P100-PCIE-16GB', 'P100 PCIe 16GB', 'P100 PCIe', 'Tesla P100 PCIe'],
  'nvidia-p100-pcie-12gb': ['Tesla P100-PCIE-12GB', 'P100-PCIE-12GB', 'P100 PCIe 12GB'],
  'nvidia-p100-sxm2-16gb': ['Tesla P100-SXM2-16GB', 'P100-SXM2-16GB', 'P100 SXM2', 'NVIDIA Tesla P100 SXM2'],
  'nvidia-p40': ['Tesla P40', 'P40', 'NVIDIA P40'],
  'nvidia-p4': ['Tesla P4', 'P4'],
  'nvidia-t4': ['Tesla T4', 'NVIDIA T4', 'T4'],
  'nvidia-k80': ['Tesla K80', 'K80'],
  'nvidia-m60': ['Tesla M60', 'M60', 'NVIDIA TESLA M60'],
  'nvidia-m40-12gb': ['NVIDIA M40 12GB'],
  'nvidia-m40-24gb': ['Tesla M40 24GB'],
  'nvidia-k40s': ['Tesla K40s'],
  'nvidia-k40t': ['Tesla K40t'],
  'nvidia-k20c': ['Tesla K20c'],
  'nvidia-k20x': ['Tesla K20X', 'Tesla K20Xm'],
  'nvidia-titan-v': ['TITAN V'],
  'nvidia-titan-xp': ['TITAN Xp'],
  'nvidia-titan-rtx': ['TITAN RTX'],
  'nvidia-titan-x-pascal': ['TITAN X (Pascal)'],
  'nvidia-geforce-gtx-titan-x': ['GeForce GTX TITAN X', 'GTX TITAN X'],
  'nvidia-geforce-gtx-titan-black': ['NVIDIA GTX Titan Black', 'GTX TITAN Black'],
  'nvidia-geforce-gtx-titan': ['GeForce GTX TITAN', 'GTX TITAN'],
  'nvidia-geforce-rtx-2080-ti-11gb': ['NVIDIA GeForce RTX 2080 Ti', 'GeForce RTX 2080 Ti', 'RTX 2080 Ti'],
  'nvidia-rtx-6000-ada-generation': ['RTX 6000 Ada', 'NVIDIA RTX 6000 Ada'],
  'nvidia-rtx-4000-ada-generation': ['RTX 4000 Ada'],
  'nvidia-quadro-rtx-8000': ['Quadro RTX 8000'],
  'nvidia-quadro-rtx-6000': ['Quadro RTX 6000'],
  'nvidia-quadro-rtx-5000': ['Quadro RTX 5000'],
  'nvidia-quadro-rtx-4000': ['Quadro RTX 4000'],
  'nvidia-jetson-agx-xavier': ['Jetson AGX Xavier'],
  // TPUs: papers, cloud docs, API accelerator types
  'google-tpu-v1': ['TPU v1', 'TPUv1'],
  'google-tpu-v2': ['TPU v2', 'TPUv2', 'Cloud TPU v2'],
  'google-tpu-v3': ['TPU v3', 'TPUv3', 'Cloud TPU v3'],
  'google-tpu-v4': ['TPU v4', 'TPUv4', 'Cloud TPU v4'],
  'google-tpu-v4i': ['TPU v4i', 'TPUv4i'],
  'google-tpu-v5e': ['TPU v5e', 'TPUv5e', 'Cloud TPU v5e', 'TPU v5 lite', 'TPU v5litepod', 'v5litepod'],
  'google-tpu-v5p': ['TPU v5p', 'TPUv5p', 'Cloud TPU v5p'],
  'google-tpu-v6e': ['TPU v6e', 'TPUv6e', 'Trillium', 'TPU Trillium', 'Cloud TPU v6e', 'TPU v6e Trillium'],
  'google-tpu-v7': ['TPU v7', 'TPUv7', 'Ironwood', 'TPU Ironwood', 'TPU7x', 'TPU v7x'],
  // AMD / Intel / AWS short names
  'amd-instinct-mi300x': ['MI300X', 'AMD MI300X', 'Instinct MI300X', 'AMD Instinct MI300X OAM'],
  'amd-instinct-mi300a': ['MI300A', 'AMD MI300A'],
  'amd-instinct-mi308x': ['MI308X', 'AMD Radeon Instinct MI308X'],
  'amd-instinct-mi325x': ['MI325X', 'AMD MI325X'],
  'amd-instinct-mi350x': ['MI350X'],
  'amd-instinct-mi355x': ['MI355X'],
  'amd-instinct-mi250x': ['MI250X', 'AMD MI250X', 'Instinct MI250X', 'AMD Instinct MI250X OAM'],
  'amd-radeon-rx-7900-xtx': ['Radeon RX 7900 XTX', 'RX 7900 XTX'],
  'amd-radeon-rx-480': ['Radeon RX 480', 'RX 480'],
  'amd-instinct-mi250': ['MI250'],
  'amd-instinct-mi210': ['MI210'],
  'amd-instinct-mi100': ['MI100'],
  'intel-gaudi3': ['Gaudi3', 'Gaudi 3', 'Intel Gaudi3', 'Habana Gaudi3', 'Intel Habana Gaudi 3'],
  'intel-gaudi2': ['Gaudi2', 'Gaudi 2', 'Intel Gaudi2', 'HL-225'],
  'intel-gaudi': ['Gaudi', 'HL-205', 'Gaudi 1'],
  'aws-trainium2': ['Trainium2', 'Trainium 2', 'Amazon Trainium2'],
  'aws-trainium3': ['Trainium3', 'Amazon Trainium3'],
};
for (const [name, id] of Object.entries(MLCO2_ALIASES)) if (id) (ALIASES[id] ??= []).push(name);
for (const [name, id] of Object.entries(GA_ALIASES)) (ALIASES[id] ??= []).push(name);

for (const [id, list] of Object.entries(ALIASES)) {
  const row = rows.get(id);
  if (!row) {
    fail(`aliases for unknown id ${id}`);
    continue;
  }
  row.aliases.push(...list);
}
// Auto aliases: GeForce cards without "GeForce" ("RTX 4090"), Intel Max without "Data Center GPU".
for (const row of rows.values()) {
  const m = /^NVIDIA GeForce (.+)$/.exec(row.name);
  if (m) row.aliases.push(`GeForce ${m[1]}`, m[1]);
  const im = /^Intel (Data Center GPU (Max \d+))$/.exec(row.name);
  if (im) row.aliases.push(im[1], im[2], `GPU ${im[2]}`, `Intel ${im[2]}`);
}

// ---------------------------------------------------------------------------------------------
// 5. Families: defaults for the bare names that name several variants
// ---------------------------------------------------------------------------------------------
const FAMILIES: HardwareFamilies = {
  H100: {
    default: 'nvidia-h100-sxm5-80gb',
    why:
      'the SXM5 80 GB part is what training clusters and model cards mean by "H100" (DGX/HGX H100, Epoch\'s GH100 row); ' +
      'PCIe (350 W) and NVL (400 W) draw half as much or less, so pass the variant when known',
  },
  A100: {
    default: 'nvidia-a100-sxm4-80gb',
    why:
      'SXM4 40 GB and 80 GB share TDP (400 W) and peak FLOP/s, so power figures do not depend on the choice; 80 GB is the ' +
      'variant of most current training clusters and model cards (LLaMA, BLOOM). PCIe cards draw 250 W (40 GB) or 300 W (80 GB)',
  },
  V100: {
    default: 'nvidia-v100-sxm2-16gb',
    why:
      'Epoch\'s generic "NVIDIA V100" row carries the SXM2 figures (300 W); SXM2 is the DGX-1 / AWS p3 / Azure NDv2 part; ' +
      '16 GB and 32 GB SXM2 share TDP and FLOP/s. PCIe cards draw 250 W',
  },
  P100: {
    default: 'nvidia-p100-pcie-16gb',
    why:
      'Epoch\'s generic "NVIDIA P100" row (250 W, 16 GB) and Green Algorithms\' "NVIDIA Tesla P100" (PCIe datasheet) are the ' +
      'PCIe 16 GB card, also the one offered by cloud providers; the SXM2 part draws 300 W',
  },
  A800: {
    default: 'nvidia-a800-sxm4',
    why: 'the SXM4 module (400 W) is the training part (China-market A100 equivalent); PCIe cards are listed at 250 W',
  },
  H800: {
    default: 'nvidia-h800-sxm5-80gb',
    why: 'the SXM5 module (700 W) is the training part (China-market H100 equivalent); the PCIe card draws 350 W',
  },
  M40: {
    default: 'nvidia-m40-12gb',
    why: 'nvidia-smi prints "Tesla M40" for the original 12 GB card (the 24 GB card prints "Tesla M40 24GB"); both are 250 W',
  },
  K40: {
    default: 'nvidia-k40s',
    why: 'K40s and K40t have identical figures in Epoch (245 W); the choice does not change an estimate',
  },
};

// Single-variant families: the family name is an alias of its only row.
const familyMembers = new Map<string, Draft[]>();
for (const row of rows.values()) {
  if (!row.family) continue;
  familyMembers.set(row.family, [...(familyMembers.get(row.family) ?? []), row]);
}
for (const [family, members] of familyMembers) {
  if (members.length === 1 && !FAMILIES[family]) members[0].aliases.push(family);
  if (members.length > 1 && !FAMILIES[family]) fail(`family ${family} has ${members.length} variants but no default`);
}
for (const [family, def] of Object.entries(FAMILIES)) {
  const members = familyMembers.get(family) ?? [];
  if (!members.some((m) => m.id === def.default)) fail(`family ${family}: default ${def.default} not a member`);
}

// ---------------------------------------------------------------------------------------------
// 6. Finish accelerator rows: idle, embodied, default sources, alias hygiene
// ---------------------------------------------------------------------------------------------
const round1 = (x: number): number => Math.round(x * 10) / 10;
for (const row of rows.values()) {
  const defaulted: string[] = [];
  const tdpW = row.tdpW ?? 0;
  const ccf = CCF_IDLE_BY_ID[row.id];
  if (ccf && ccf[0] < tdpW) {
    row.idleW = ccf[0];
    row.sources.push(src(SRC.ccfGpuWatts, ['idleW'], `min watts ${ccf[1]}`));
  } else {
    row.idleW = round1(tdpW * GPU_IDLE_RATIO);
    defaulted.push('idleW');
  }
  row.embodiedKgCo2e = EMBODIED[row.kind];
  defaulted.push('embodiedKgCo2e');
  row.sources.push(defaultSource(row.kind, defaulted));
}

// ---------------------------------------------------------------------------------------------
// 7. CPUs from CodeCarbon's CPU TDP table
// ---------------------------------------------------------------------------------------------
const ccDir = path.join(refDir, 'codecarbon/codecarbon/data/hardware');
const ccCpus = readCsv(path.join(ccDir, 'cpu_power.csv'), { bom: true });
const AMD_NAME =
  /^(?:\d+(?:st|nd|rd|th) Gen\b|A\d+\b|A\d+[- ]|E\d-|E1\b|E2\b|FX\b|Athlon|Phenom|Opteron|Sempron|Turion|Ryzen|EPYC|Duron|Geode|Embedded|R-?\d{3,4}|GX-|GZ-|RX-|\d{3,4}\s*[A-Za-z]{0,2}$|[BNP]\d{2,3}$|TL-\d+$|X\d{3,4}$)/i;
const cpuVendor = (name: string): string | null => {
  if (/^intel\b/i.test(name)) return 'Intel';
  if (/^amd\b/i.test(name)) return 'AMD';
  if (/^apple\b/i.test(name)) return 'Apple';
  if (/^(Core|Xeon|Pentium|Celeron|Atom|Itanium)\b/i.test(name)) return 'Intel';
  if (AMD_NAME.test(name)) return 'AMD';
  return null;
};
const cleanName = (s: string): string =>
  s
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\s*®\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** Drop the marketing words that vary between CodeCarbon's scrapes of one CPU. */
const stripCpuNoise = (name: string): string =>
  name
    .replace(/\b\d+(?:st|nd|rd|th) Gen\b/gi, ' ')
    .replace(/\bAPU\b/gi, ' ')
    .replace(/\(OEM Only\)/gi, ' ')
    .replace(/\bProcessor\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The product name without vendor prefix and marketing noise ("7th Gen AMD PRO A10-9700 APU" -> "PRO A10-9700"). */
const cpuBare = (name: string): string => stripCpuNoise(name).replace(/^(?:(?:Intel|AMD|Apple)\s+)+/i, '');
/** Key used to merge spellings of one CPU: vendor + matcher key of the bare name. */
const cpuKey = (name: string): string => `${cpuVendor(name) ?? 'unknown'}:${normalizeHardwareName(cpuBare(name))}`;

// Launch years from CodeCarbon's dataset builder (Intel ARK, AMD scrapes).
const launchYear = new Map<string, number>();
const addYear = (name: string, year: number | null): void => {
  if (!year) return;
  const k = cpuKey(cleanName(name));
  if (k && !launchYear.has(k)) launchYear.set(k, year);
};
for (const r of readCsv(path.join(ccDir, 'cpu_dataset_builder/intel_cpu_ark_dataset.csv'), { bom: true })) {
  const m = /Q\d'(\d{2})/.exec(r.launch_date ?? '');
  addYear(r.cpu_name, m ? 2000 + Number(m[1]) : null);
}
for (const f of ['amd_cpu_server_dataset.csv', 'amd_cpu_desktop_dataset.csv']) {
  for (const r of readCsv(path.join(ccDir, 'cpu_dataset_builder', f), { bom: true, relax_column_count: true })) {
    const m = /(\d{4})\s*$/.exec(r['Launch Date'] ?? '');
    addYear(r.Name, m ? Number(m[1]) : null);
  }
}

const excludedCpus: string[] = [];
const cpuGroups = new Map<string, { name: string; tdp: number }[]>(); // key -> [{name, tdp}]
for (const r of ccCpus) {
  const name = cleanName(r.Name ?? '');
  const tdpRaw = String(r.TDP ?? '').trim();
  if (!name) continue;
  if (!/^\d+(\.\d+)?$/.test(tdpRaw)) {
    excludedCpus.push(`${name}: TDP "${tdpRaw}" is not a number`);
    continue;
  }
  const tdp = Number(tdpRaw);
  if (!(tdp > 0)) {
    excludedCpus.push(`${name}: TDP ${tdp}`);
    continue;
  }
  if (/^ARMv\d+ Processor rev/i.test(name)) {
    excludedCpus.push(`${name}: a generic /proc/cpuinfo string, not a product`);
    continue;
  }
  const key = cpuKey(name);
  cpuGroups.set(key, [...(cpuGroups.get(key) ?? []), { name, tdp }]);
}
const cpuRows: Draft[] = [];
const cpuConflicts: string[] = [];
// Keys the accelerators and families already own: a CPU alias never takes one (e.g. CodeCarbon's "Intel A100").
const takenKeys = new Set(Object.keys(FAMILIES).map(normalizeHardwareName));
for (const row of rows.values()) for (const sp of [row.id, row.name, ...row.aliases]) takenKeys.add(normalizeHardwareName(sp));
const BRAND = /^(Xeon|Core|Pentium|Celeron|Atom|Itanium|EPYC|Ryzen|Opteron|Athlon|Phenom|Threadripper|Sempron|Turion)\b/;
for (const [key, group] of cpuGroups) {
  // Prefer the spelling with a vendor prefix and without "APU"/"nth Gen"; ties -> first listed.
  const rank = (g: { name: string }): number =>
    (/^(intel|amd|apple)\b/i.test(g.name) ? 0 : 2) + (/\bAPU\b|\bGen\b|\(OEM/i.test(g.name) ? 1 : 0);
  const primary = [...group].sort((a, b) => rank(a) - rank(b))[0];
  const tdps = [...new Set(group.map((g) => g.tdp))];
  let note: string | undefined;
  if (tdps.length > 1) {
    cpuConflicts.push(`${primary.name}: ${group.map((g) => `'${g.name}' ${g.tdp} W`).join(' vs ')}`);
    note = `CodeCarbon lists this CPU more than once with different TDPs (${group.map((g) => `${g.tdp} W`).join(', ')}); the value of the preferred spelling '${primary.name}' is kept`;
  }
  const vendor = cpuVendor(primary.name) ?? 'unknown';
  const bare = cpuBare(primary.name);
  const name = vendor === 'unknown' ? primary.name : `${vendor} ${bare}`;
  const id = slug(`${vendor === 'unknown' ? 'cpu' : vendor} ${bare}`);
  const releaseYear = launchYear.get(key) ?? null;
  if (name !== primary.name && !/^(intel|amd|apple)\b/i.test(primary.name)) {
    note = [note, `vendor ${vendor} inferred from the product line; CodeCarbon name '${primary.name}'`]
      .filter(Boolean)
      .join('; ');
  }
  const sources = [src(SRC.codecarbon, ['name', 'tdpW'], note)];
  if (releaseYear !== null) sources.push(src(SRC.codecarbonBuilder, ['releaseYear']));
  sources.push(defaultSource('cpu', ['idleW', 'embodiedKgCo2e']));
  const aliases = group.map((g) => g.name).filter((n) => !/^\d/.test(n));
  if (BRAND.test(bare)) aliases.push(bare); // "Xeon Gold 6148", "EPYC 7763", "Core i7-8700"
  cpuRows.push({
    id,
    name,
    vendor,
    kind: 'cpu',
    family: null,
    aliases: [...new Set(aliases)].filter((a) => a !== name && !takenKeys.has(normalizeHardwareName(a))),
    tdpW: primary.tdp,
    idleW: round1(primary.tdp * CPU_IDLE_RATIO),
    memoryGb: null,
    releaseYear,
    peakTflops: emptyPeak(),
    embodiedKgCo2e: EMBODIED.cpu,
    sources,
    seed: true,
  });
}

// ---------------------------------------------------------------------------------------------
// 8. Checks and output
// ---------------------------------------------------------------------------------------------
const accel = [...rows.values()];
const all = [...accel, ...cpuRows];
const ids = new Set<string>();
const keyOwner = new Map<string, string>();
for (const row of all) {
  if (ids.has(row.id)) fail(`duplicate id ${row.id}`);
  ids.add(row.id);
  row.aliases = [...new Set(row.aliases.filter((a) => a && a !== row.name))];
  for (const s of [row.id, row.name, ...row.aliases]) {
    const k = normalizeHardwareName(s);
    const o = keyOwner.get(k);
    if (o && o !== row.id) fail(`normalized key "${k}" (from "${s}") shared by ${o} and ${row.id}`);
    keyOwner.set(k, row.id);
  }
  // Drop aliases that add nothing after normalization (same key as the name or the id).
  const seen = new Set([normalizeHardwareName(row.name)]);
  row.aliases = row.aliases.filter((a) => {
    const k = normalizeHardwareName(a);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (!((row.tdpW ?? 0) > 0)) fail(`${row.id}: tdpW ${row.tdpW}`);
  if (!((row.idleW ?? Infinity) < (row.tdpW ?? 0))) fail(`${row.id}: idleW ${row.idleW} >= tdpW ${row.tdpW}`);
}
for (const fam of Object.keys(FAMILIES)) {
  const k = normalizeHardwareName(fam);
  if (keyOwner.has(k)) fail(`family ${fam} is also an alias of ${keyOwner.get(k)}`);
}

const count = (k: HardwareKind): number => all.filter((r) => r.kind === k).length;
const tpuGenerations = new Set(all.filter((r) => r.kind === 'tpu').map((r) => r.family));
if (count('gpu') < 120) fail(`only ${count('gpu')} GPUs`);
if (tpuGenerations.size < 6) fail(`only ${tpuGenerations.size} TPU generations`);
if (count('cpu') < 500) fail(`only ${count('cpu')} CPUs`);

exitOnProblems();

const KIND_ORDER: HardwareKind[] = ['gpu', 'tpu', 'accelerator', 'cpu'];
const order = (a: Draft, b: Draft): number => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id);
const shape = (r: Draft) => ({
  id: r.id,
  name: r.name,
  vendor: r.vendor,
  kind: r.kind,
  family: r.family,
  aliases: r.aliases,
  tdpW: r.tdpW,
  idleW: r.idleW,
  memoryGb: r.memoryGb,
  memoryBandwidthGBps: r.memoryBandwidthGBps ?? null,
  releaseYear: r.releaseYear,
  peakTflops: r.peakTflops,
  embodiedKgCo2e: r.embodiedKgCo2e,
  sources: r.sources,
  seed: true,
});
const outputs = {
  'hardware.json': JSON.stringify(accel.sort(order).map(shape), null, 2) + '\n',
  'cpus.json':
    '[\n' +
    cpuRows
      .sort(order)
      .map((r) => JSON.stringify(shape(r)))
      .join(',\n') +
    '\n]\n',
  'hardware-families.json': JSON.stringify(FAMILIES, null, 2) + '\n',
};

writeOutputs(Object.fromEntries(Object.entries(outputs).map(([file, text]) => [`seed/${file}`, text])));
const summary: Record<string, unknown> = {
  gpu: count('gpu'),
  tpu: count('tpu'),
  tpuGenerations: [...tpuGenerations].sort(),
  accelerator: count('accelerator'),
  cpu: count('cpu'),
  cpuIdleRatio: CPU_IDLE_RATIO,
  gpuIdleRatio: GPU_IDLE_RATIO,
  cpusExcluded: excludedCpus,
  cpuTdpConflicts: cpuConflicts.length,
  sizes: Object.fromEntries(Object.entries(outputs).map(([f, t]) => [f, t.length])),
};
if (process.argv.includes('--verbose')) summary.cpuTdpConflictList = cpuConflicts;
console.log(JSON.stringify(summary, null, 2));
