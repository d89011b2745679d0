/**
 * Derives the default model-FLOPs-utilisation (MFU) table from Epoch AI's "Notable AI Models" data:
 * the training runs that report a hardware utilisation, grouped by accelerator generation and by scale
 * (fewer than / at least 1,024 devices), with n, median, quartiles and min/max per group.
 *
 * Usage: npx tsx scripts/seed-data/build-mfu.ts [--check] [path/to/notable_ai_models.csv]
 * Default input: reference-data/epoch/notable-ai-models/notable_ai_models.csv (or under
 * REFERENCE_DATA_DIR). --check fails if the committed files would change.
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
import { checkOnly, referenceDataDir, writeOutputs } from './lib';
import { summariseUtilization } from '../../src/estimation/mfu';

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
interface Run {
  model: string;
  publicationDate: string;
  hardware: string | null;
  devices: number | null;
  utilization: number;
  generation: string | null;
}
const MIN_N = 3;

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

// The statistics are the engine's own (leave-one-out validation recomputes them the same way).
const summarise = (rows: Run[]) => summariseUtilization(rows.map((r) => r.utilization));

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
  runs.push({
    model: r.Model.trim(),
    publicationDate: r['Publication date'].trim(),
    hardware,
    devices,
    utilization: u,
    generation: gen ? gen.id : null,
  });
}
runs.sort((a, b) =>
  a.publicationDate < b.publicationDate ? -1 : a.publicationDate > b.publicationDate ? 1 : a.model.localeCompare(b.model),
);

type Group = ReturnType<typeof summarise> & {
  id: string;
  label: string;
  match: string | null;
  scale: Scale;
  usable: boolean;
  runs: Pick<Run, 'model' | 'publicationDate' | 'hardware' | 'devices' | 'utilization'>[];
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
