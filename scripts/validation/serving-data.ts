/**
 * Loads the serving validation inputs from the repository (seed/models.json, seed/hardware.json,
 * validation/serving-cases.json and the ML.ENERGY CSV under reference-data/) and builds the cases
 * with the engine's own conversions. Shared by `npm run validate`, `npm run calibrate:serving` and the tests.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildServingCases, type BuiltCases, type CatalogHardwareLike, type CatalogModelLike, type ServingCaseFile } from '../../src/estimation/serving-cases';

export const repoRoot = resolve(__dirname, '..', '..');
const readJson = <T>(rel: string): T => JSON.parse(readFileSync(resolve(repoRoot, rel), 'utf8')) as T;

export interface ServingData extends BuiltCases {
  file: ServingCaseFile;
}

export function loadServingData(): ServingData {
  const file = readJson<ServingCaseFile>('validation/serving-cases.json');
  const models = readJson<(CatalogModelLike & { huggingFaceId: string | null; aliases: string[] })[]>('seed/models.json');
  const hardware = readJson<CatalogHardwareLike[]>('seed/hardware.json');
  const byName = new Map<string, CatalogModelLike>();
  for (const m of models) for (const k of [m.id, m.huggingFaceId, ...m.aliases]) if (k) byName.set(k.toLowerCase(), m);
  const hwById = new Map(hardware.map((h) => [h.id, h]));
  const csv = readFileSync(resolve(repoRoot, file.mlEnergy.source.file), 'utf8');
  const built = buildServingCases(
    file,
    csv,
    (ref) => byName.get(ref.toLowerCase()) ?? null,
    (id) => hwById.get(id) ?? null,
  );
  return { file, ...built };
}
