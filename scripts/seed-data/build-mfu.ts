/**
 * Derives the default model-FLOPs-utilisation (MFU) table from Epoch AI's "Notable AI Models" data:
 * the training runs that report a hardware utilisation, grouped by accelerator generation and by scale
 * (fewer than / at least 1,024 devices), with n, median, quartiles and min/max per group.
 *
 * Usage: npx tsx scripts/seed-data/build-mfu.ts [--check] [path/to/notable_ai_models.csv]
 * Default input: reference-data/epoch/notable-ai-models/notable_ai_models.csv (or under
 * REFERENCE_DATA_DIR). --check fails if the committed files would change.
 * Per-run annotations come from seed/mfu-annotations.json (curated by hand, each fact with its source): the
 * number format the run trained in, and whether Epoch's figure is MFU (model FLOPs only) or HFU (hardware
 * FLOPs, activation recomputation included). A run whose own source states the recomputation and its size
 * is converted to MFU (`hfuToMfu`); its Epoch figure is kept as `epochUtilization`. Every run must have
 * exactly one annotation and every annotation a run, or nothing is written.
 * Writes:
 *   seed/mfu-calibration.json                  (the seed data release ships this)
 *   src/estimation/mfu-calibration.data.ts     (the same table as a TypeScript module, so the pure engine
 *                                               has a built-in default without reading files; a unit test
 *                                               checks that both are identical)
 * The output is deterministic: re-running on the same input gives byte-identical files. (`generatedBy`
 * below still names the .mjs this release was first built with: renaming it changes a seed file, which
 * needs a new reference-data release; do it with the next one.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { checkOnly, exitOnProblems, fail, referenceDataDir, repoRoot, writeOutputs } from './lib';
import { summariseUtilization } from '../../src/estimation/mfu';
import type { MfuCalibrationRun } from '../../src/estimation/estimation.types';

const inputArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const input = resolve(inputArg ?? resolve(referenceDataDir(), 'epoch', 'notable-ai-models', 'notable_ai_models.csv'));

/** Accelerator generations; `match` is a case-insensitive regular expression tested against a catalog
 *  entry's `id + ' ' + name` (and here against Epoch's `Training hardware`). Order matters: first match wins. */
const GENERATIONS = [
  { id: 'nvidia-hopper', label: 'NVIDIA Hopper (H100, H800, H200, GH200)', match: '\\b(h100|h800|h200|gh200|h20)\\b' },
  { id: 'nvidia-ampere', label: 'NVIDIA Ampere data-centre (A100, A800)', match: '\\b(a100|a800)\\b' },
  { id: 'nvidia-volta', label: 'NVIDIA Volta (V100, V100S)', match: '\\bv100s?\\b' },
  { id: 'google-tpu-v4-plus', label: 'Google TPU v4 and later (v4, v5e, v5p, v6e)', match: 'tpu[ _-]?v(4|5|6|7)' },
  { id: 'google-tpu-v2-v3', label: 'Google TPU v2 and v3', match: 'tpu[ _-]?v(2|3)\\b' },
];
const LARGE_SCALE_DEVICES = 1024;
type Scale = 'any' | 'small' | 'large';
type Measure = NonNullable<MfuCalibrationRun['measure']>;
type Basis = NonNullable<MfuCalibrationRun['basis']>;
interface Annotation {
  model: string;
  precision: string | null;
  precisionSource: string | null;
  measure: Measure;
  basis: Basis;
  measureSource: string | null;
  hfuToMfu: number | null;
  conversion: string | null;
}
/** A calibration run as the builder handles it: annotated throughout, with the generation it was sorted into. */
type Run = MfuCalibrationRun & { precision: string | null; measure: Measure; basis: Basis; generation: string | null };
const MIN_N = 3;

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

// The statistics are the engine's own (leave-one-out validation recomputes them the same way).
const summarise = (rows: Run[]) => summariseUtilization(rows.map((r) => r.utilization));

const annotationsPath = resolve(repoRoot, 'seed', 'mfu-annotations.json');
const annotationsFile = JSON.parse(readFileSync(annotationsPath, 'utf8')) as { sources: string[]; runs: Annotation[] };
const annotations = new Map<string, Annotation>();
const PRECISIONS = new Set(['fp8-mixed', 'bf16', 'bf16-mixed', 'fp16-mixed', 'tf32', 'fp32']);
for (const a of annotationsFile.runs) {
  if (annotations.has(a.model)) fail(`mfu-annotations: ${a.model} annotated twice`);
  annotations.set(a.model, a);
  if (!['mfu', 'hfu', 'unknown'].includes(a.measure)) fail(`mfu-annotations: ${a.model}: measure ${a.measure}`);
  if (!['reported', 'derived', 'assumed', 'unknown'].includes(a.basis)) fail(`mfu-annotations: ${a.model}: basis ${a.basis}`);
  if (a.precision !== null && !PRECISIONS.has(a.precision)) fail(`mfu-annotations: ${a.model}: precision ${a.precision}`);
  if ((a.precision === null) !== (a.precisionSource === null))
    fail(`mfu-annotations: ${a.model}: precision and precisionSource go together`);
  if ((a.measure === 'unknown') !== (a.measureSource === null))
    fail(`mfu-annotations: ${a.model}: a known measure needs its source`);
  if (a.hfuToMfu !== null && (a.measure !== 'hfu' || !a.conversion || !(a.hfuToMfu > 0 && a.hfuToMfu < 1)))
    fail(`mfu-annotations: ${a.model}: only an HFU figure is converted, by a factor in (0, 1), with its reason`);
}

const records = parse(readFileSync(input), {
  columns: true,
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
}) as Record<string, string>[];
const runs: Run[] = [];
for (const r of records) {
  const u = Number.parseFloat(r['Hardware utilization']);
  if (!Number.isFinite(u) || u <= 0 || u > 1) continue;
  const hardware = (r['Training hardware'] ?? '').trim() || null;
  const devicesRaw = Number.parseFloat(r['Hardware quantity']);
  const devices = Number.isFinite(devicesRaw) && devicesRaw > 0 ? devicesRaw : null;
  const gen = hardware ? GENERATIONS.find((g) => new RegExp(g.match, 'i').test(hardware)) : undefined;
  const model = r.Model.trim();
  const a = annotations.get(model);
  if (!a) {
    fail(`mfu-annotations: no annotation for Epoch's run ${model}`);
    continue;
  }
  runs.push({
    model,
    publicationDate: r['Publication date'].trim(),
    hardware,
    devices,
    utilization: a.hfuToMfu === null ? u : u * a.hfuToMfu,
    ...(a.hfuToMfu === null ? {} : { epochUtilization: u }),
    precision: a.precision,
    measure: a.measure,
    basis: a.basis,
    generation: gen ? gen.id : null,
  });
}
for (const m of annotations.keys())
  if (!runs.some((r) => r.model === m)) fail(`mfu-annotations: ${m} is not one of Epoch's runs with a utilisation`);
exitOnProblems();
runs.sort((a, b) =>
  a.publicationDate < b.publicationDate ? -1 : a.publicationDate > b.publicationDate ? 1 : a.model.localeCompare(b.model),
);

type Group = ReturnType<typeof summarise> & {
  id: string;
  label: string;
  match: string | null;
  scale: Scale;
  usable: boolean;
  runs: Omit<Run, 'generation'>[];
};
const groups: Group[] = [];
function addGroup(id: string, label: string, match: string | null, scale: Scale, members: Run[]): void {
  if (members.length === 0) return;
  groups.push({
    id,
    label,
    match,
    scale,
    ...summarise(members),
    usable: members.length >= MIN_N,
    runs: members.map((m) => ({
      model: m.model,
      publicationDate: m.publicationDate,
      hardware: m.hardware,
      devices: m.devices,
      utilization: round(m.utilization),
      ...(m.epochUtilization === undefined ? {} : { epochUtilization: round(m.epochUtilization) }),
      precision: m.precision,
      measure: m.measure,
      basis: m.basis,
    })),
  });
}
const scaleOf = (devices: number | null): Scale | null =>
  devices === null ? null : devices >= LARGE_SCALE_DEVICES ? 'large' : 'small';
for (const g of GENERATIONS) {
  const members = runs.filter((r) => r.generation === g.id);
  addGroup(g.id, g.label, g.match, 'any', members);
  for (const scale of ['small', 'large'] as const) {
    addGroup(
      `${g.id}/${scale}`,
      `${g.label}, ${scale === 'large' ? `>= ${LARGE_SCALE_DEVICES}` : `< ${LARGE_SCALE_DEVICES}`} devices`,
      g.match,
      scale,
      members.filter((r) => scaleOf(r.devices) === scale),
    );
  }
}
addGroup('all', 'All reported runs (any hardware)', null, 'any', runs);
for (const scale of ['small', 'large'] as const) {
  addGroup(
    `all/${scale}`,
    `All reported runs, ${scale === 'large' ? `>= ${LARGE_SCALE_DEVICES}` : `< ${LARGE_SCALE_DEVICES}`} devices`,
    null,
    scale,
    runs.filter((r) => scaleOf(r.devices) === scale),
  );
}

const table = {
  id: 'mfu-calibration',
  version: '2025-03-16',
  workload: 'training',
  description:
    'Default model FLOPs utilisation (MFU) for compute-sized training and fine-tuning estimates: the hardware utilisation that ' +
    "Epoch AI records for notable models' training runs, grouped by accelerator generation and scale. The engine pools the " +
    "generations partially: a generation's mean log MFU shrunk toward all generations' (one-way random effects), with the " +
    'Student-t predictive p5-p95 of a new run as its range (docs/methodology.md section 7.1). The scale groups and the ' +
    'quartiles describe the runs; a scale split did not predict better out of sample.',
  source: {
    name: "Epoch AI, 'Parameter, Compute and Data Trends in Machine Learning' (Notable AI Models), column 'Hardware utilization'",
    url: 'https://epoch.ai/data/notable-ai-models',
    license: 'CC-BY-4.0',
    attribution:
      "Epoch AI, 'Parameter, Compute and Data Trends in Machine Learning'. Published online at epoch.ai. Retrieved from 'https://epoch.ai/data/notable-ai-models'.",
    snapshot:
      'third-party copy github.com/VinodGeorge24/AI_Benchmark@18b18f4554f5a18ca77a9832e1441e797af3faa2 (newest publication date 2025-03-16)',
  },
  method: {
    statistic: 'median as the default; p25/p75 by linear interpolation between closest ranks; range = [min, max]',
    largeScaleDevices: LARGE_SCALE_DEVICES,
    minN: MIN_N,
    selection: [
      "the device's generation (its pattern matches id + name): its runs' mean log MFU shrunk toward all generations' by lambda n / (1 + lambda n), lambda = tau^2 / sigma^2 from the ANOVA estimators of a one-way random-effects model (runs of no listed generation are generations of their own)",
      'a device of no generation with runs: the mean of all generations',
      'range: Student-t (N - J degrees of freedom) p5-p95 of a new run, including the uncertainty of the estimated mean',
      'minN only marks the groups whose own quartiles are reported as usable; scale does not change the default',
    ],
    generatedBy: 'scripts/seed-data/build-mfu.mjs',
  },
  annotations: {
    file: 'seed/mfu-annotations.json',
    description:
      "Per run: precision = the number format it trained in (null: not stated in a source checked); measure = whether Epoch's figure counts model FLOPs only ('mfu') or the hardware's, recomputation included ('hfu'), or no source says ('unknown'); basis = how Epoch got it (reported, derived from a FLOP count and device-time, assumed, unknown). An HFU figure whose own source states the recomputation is converted to MFU (utilization; Epoch's figure in epochUtilization).",
    counts: {
      mfu: runs.filter((r) => r.measure === 'mfu').length,
      hfu: runs.filter((r) => r.measure === 'hfu').length,
      unknown: runs.filter((r) => r.measure === 'unknown').length,
      converted: runs.filter((r) => r.epochUtilization !== undefined).length,
    },
    sources: annotationsFile.sources,
    runs: runs.map((r) => {
      const a = annotations.get(r.model)!;
      return {
        model: r.model,
        precisionSource: a.precisionSource,
        measureSource: a.measureSource,
        hfuToMfu: a.hfuToMfu,
        conversion: a.conversion,
      };
    }),
  },
  groups,
};

const json = JSON.stringify(table, null, 2) + '\n';
const ts =
  '/* eslint-disable */\n' +
  '// GENERATED by scripts/seed-data/build-mfu.ts from Epoch AI Notable AI Models (CC-BY-4.0). Do not edit by hand;\n' +
  '// it mirrors seed/mfu-calibration.json (a unit test checks both are identical).\n' +
  "import type { MfuCalibrationTable } from './estimation.types';\n\n" +
  `export const DEFAULT_MFU_CALIBRATION: MfuCalibrationTable = ${JSON.stringify(table, null, 2)};\n`;
const changed = writeOutputs({ 'seed/mfu-calibration.json': json, 'src/estimation/mfu-calibration.data.ts': ts });
console.log(`${changed} file(s) ${checkOnly ? 'out of date' : 'written'}`);

console.log(`read ${records.length} models, ${runs.length} with hardware utilization; ${groups.length} groups`);
for (const g of groups)
  console.log(
    `${g.id.padEnd(28)} n=${String(g.n).padStart(2)} median=${g.median} p25=${g.p25} p75=${g.p75} min=${g.min} max=${g.max}${g.usable ? '' : ' (not usable: n < minN)'}`,
  );
