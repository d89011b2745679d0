/**
 * Turns catalog rows and the serving validation file (validation/serving-cases.json, plus the
 * ML.ENERGY CSV it names) into ServingCases. Pure: callers read the files. The same conversions
 * (catalog model row -> ServingModel, hardware row -> ServingDevice) serve the API.
 */
import { normalizeServingPrecision, type ServingDevice, type ServingModel, type ServingPrecision } from './inference';
import type { ServingCase } from './serving-calibration';

/** The fields of a model catalog row the serving model reads. */
export interface CatalogModelLike {
  id: string;
  name: string;
  huggingFaceId?: string | null;
  aliases?: string[];
  totalParameters: number;
  activeParameters: number;
  layers: number | null;
  hiddenSize: number | null;
  attentionHeads: number | null;
  kvHeads: number | null;
  headDim: number | null;
  contextLength: number | null;
  experts?: number | null;
  expertsPerToken?: number | null;
  attentionLayers?: number | null;
  kvValuesPerTokenPerLayer?: number | null;
}

/** The fields of a hardware catalog row the serving model reads. */
export interface CatalogHardwareLike {
  id: string;
  name: string;
  tdpW: number;
  idleW: number | null;
  memoryGb?: number | null;
  memoryBandwidthGBps?: number | null;
  peakTflops: Partial<Record<string, number | null>>;
}

/** A catalog model as the serving model needs it; null when its architecture is unpublished. */
export function toServingModel(m: CatalogModelLike): ServingModel | null {
  if (m.layers === null || m.attentionHeads === null || m.kvHeads === null || m.headDim === null) return null;
  return {
    id: m.id,
    name: m.name,
    totalParameters: m.totalParameters,
    activeParameters: m.activeParameters,
    layers: m.layers,
    hiddenSize: m.hiddenSize,
    attentionHeads: m.attentionHeads,
    kvHeads: m.kvHeads,
    headDim: m.headDim,
    contextLength: m.contextLength,
    experts: m.experts ?? null,
    expertsPerToken: m.expertsPerToken ?? null,
    attentionLayers: m.attentionLayers ?? null,
    kvValuesPerTokenPerLayer: m.kvValuesPerTokenPerLayer ?? null,
  };
}

export function toServingDevice(h: CatalogHardwareLike, bandwidthFallbackGBps?: number | null): ServingDevice {
  return {
    id: h.id,
    name: h.name,
    tdpW: h.tdpW,
    idleW: h.idleW,
    memoryGb: h.memoryGb ?? null,
    memoryBandwidthGBps: h.memoryBandwidthGBps ?? bandwidthFallbackGBps ?? null,
    peakTflops: h.peakTflops,
  };
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes); returns rows as header-keyed records. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

export interface ServingCaseFile {
  mlEnergy: {
    source: { name: string; url: string; year: number; license: string; file: string };
    assumptions: { inputTokens: number; kvPrecision: string };
    hardware: Record<string, string>;
    precision: Record<string, string>;
    groups: { merge: Record<string, string> };
  };
  published: PublishedServingCase[];
  bandwidthFallback: { GBps: Record<string, number> };
}

export interface PublishedServingCase {
  id: string;
  set: string;
  source: { name: string; url: string; year: number; license: string };
  model: string;
  hardware: string;
  devices: number;
  batchSize: number;
  inputTokens: number;
  outputTokens: number;
  weightPrecision: string;
  kvPrecision: string;
  measuredJPerOutputToken?: number;
  measuredRange?: [number, number];
  deployment?: { hours: number; requests: number };
  measuredKwh?: number;
  measuredBoundary?: string;
  note?: string;
}

export interface BuiltCases {
  /** Per-output-token cases (ML.ENERGY, fitted; Samsi, validation only). */
  cases: ServingCase[];
  /** Deployment cases (energy of a whole deployment). */
  deployments: { spec: PublishedServingCase; model: ServingModel; device: ServingDevice }[];
}

function precisionOf(name: string, where: string): ServingPrecision {
  const p = normalizeServingPrecision(name);
  if (!p) throw new Error(`${where}: unknown precision ${name}`);
  return p;
}

/**
 * Builds the cases. `resolveModel` maps a name (catalog id, Hugging Face id or alias) to a catalog row,
 * as the API's model resolution does; `hardware` maps catalog ids to rows.
 */
export function buildServingCases(
  file: ServingCaseFile,
  mlEnergyCsv: string,
  resolveModel: (ref: string) => CatalogModelLike | null,
  hardware: (id: string) => CatalogHardwareLike | null,
): BuiltCases {
  const device = (id: string): ServingDevice => {
    const h = hardware(id);
    if (!h) throw new Error(`hardware ${id} not in the catalog`);
    return toServingDevice(h, file.bandwidthFallback.GBps[id]);
  };
  const model = (ref: string): { row: CatalogModelLike; model: ServingModel } => {
    const row = resolveModel(ref);
    if (!row) throw new Error(`model ${ref} not in the catalog`);
    const m = toServingModel(row);
    if (!m) throw new Error(`model ${ref} has no architecture in the catalog`);
    return { row, model: m };
  };

  const cases: ServingCase[] = [];
  const ml = file.mlEnergy;
  parseCsv(mlEnergyCsv).forEach((r, i) => {
    const { row, model: m } = model(r.model_id);
    const hwId = ml.hardware[r.gpu_model];
    if (!hwId) throw new Error(`ML.ENERGY row ${i + 2}: unmapped GPU ${r.gpu_model}`);
    const weight = ml.precision[r.weight_precision] ?? r.weight_precision;
    cases.push({
      id: `ml-energy:${r.model_id}:${r.gpu_model}x${r.num_gpus}:b${r.max_num_seqs}`,
      set: 'ml-energy-v3',
      group: ml.groups.merge[row.id] ?? row.id,
      model: m,
      device: device(hwId),
      devices: Number(r.num_gpus),
      batchSize: Number(r.avg_batch_size),
      inputTokens: ml.assumptions.inputTokens,
      outputTokens: Number(r.avg_output_len),
      weightPrecision: precisionOf(weight, `ML.ENERGY row ${i + 2}`),
      kvPrecision: precisionOf(ml.assumptions.kvPrecision, 'mlEnergy.assumptions'),
      measuredJPerOutputToken: Number(r.energy_per_token_joules),
      measuredOutputTokensPerSecond: Number(r.output_throughput_tokens_per_sec),
      fit: true,
    });
  });

  const deployments: BuiltCases['deployments'] = [];
  for (const p of file.published) {
    const { model: m } = model(p.model);
    const d = device(p.hardware);
    if (p.deployment) {
      deployments.push({ spec: p, model: m, device: d });
      continue;
    }
    cases.push({
      id: p.id,
      set: p.set,
      group: p.id,
      model: m,
      device: d,
      devices: p.devices,
      batchSize: p.batchSize,
      inputTokens: p.inputTokens,
      outputTokens: p.outputTokens,
      weightPrecision: precisionOf(p.weightPrecision, p.id),
      kvPrecision: precisionOf(p.kvPrecision, p.id),
      measuredJPerOutputToken: p.measuredJPerOutputToken!,
      fit: false,
      note: p.note,
    });
  }
  return { cases, deployments };
}
