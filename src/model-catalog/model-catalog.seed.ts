import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { projectRoot } from '../catalog/catalog.seed-files';
import type { ReferenceSeed } from '../database/seeds/reference-seed';
import { ModelIndex } from './domain/model-index';
import type { ModelRecord } from './domain/model.types';

/** Columns written by the seed and by admin writes, in order (see modelRowParams). */
export const MODEL_COLUMNS = [
  'id',
  'name',
  'family',
  'vendor',
  'hugging_face_id',
  'aliases',
  'access',
  'parameter_status',
  'total_parameters',
  'active_parameters',
  'parameter_range',
  'architecture',
  'layers',
  'hidden_size',
  'attention_heads',
  'kv_heads',
  'head_dim',
  'context_length',
  'vocab_size',
  'experts',
  'experts_per_token',
  'attention_layers',
  'kv_values_per_token_per_layer',
  'release_year',
  'license',
  'sources',
  'seed',
  'data_version',
] as const;
const CASTS: Partial<Record<(typeof MODEL_COLUMNS)[number], string>> = {
  aliases: '::text[]',
  parameter_range: '::jsonb',
  sources: '::jsonb',
  total_parameters: '::float8',
  active_parameters: '::float8',
  layers: '::int',
  hidden_size: '::int',
  attention_heads: '::int',
  kv_heads: '::int',
  head_dim: '::int',
  context_length: '::int',
  vocab_size: '::int',
  experts: '::int',
  experts_per_token: '::int',
  attention_layers: '::int',
  kv_values_per_token_per_layer: '::int',
  release_year: '::int',
  seed: '::boolean',
};

export function modelRowParams(r: ModelRecord, seed: boolean, dataVersion: string): unknown[] {
  return [
    r.id,
    r.name,
    r.family,
    r.vendor,
    r.huggingFaceId,
    r.aliases,
    r.access,
    r.parameterStatus,
    r.totalParameters,
    r.activeParameters,
    r.parameterRange ? JSON.stringify(r.parameterRange) : null,
    r.architecture,
    r.layers,
    r.hiddenSize,
    r.attentionHeads,
    r.kvHeads,
    r.headDim,
    r.contextLength,
    r.vocabSize,
    r.experts,
    r.expertsPerToken,
    r.attentionLayers,
    r.kvValuesPerTokenPerLayer,
    r.releaseYear,
    r.license,
    JSON.stringify(r.sources),
    seed,
    dataVersion,
  ];
}

/** `INSERT ... ON CONFLICT (id) DO UPDATE` for `count` rows (revives soft-deleted ones). */
export function modelUpsertSql(count: number): string {
  const n = MODEL_COLUMNS.length;
  const tuples = Array.from(
    { length: count },
    (_, row) => `(${MODEL_COLUMNS.map((c, i) => `$${row * n + i + 1}${CASTS[c] ?? ''}`).join(', ')})`,
  );
  const updates = MODEL_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`);
  return `INSERT INTO models (${MODEL_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}, updated_at = now(), deleted_at = NULL`;
}

/** seed/models.json, built by scripts/seed-data/build-models.ts. */
export function loadSeedModels(): ModelRecord[] {
  return JSON.parse(readFileSync(join(projectRoot(), 'seed', 'models.json'), 'utf8')) as ModelRecord[];
}

/**
 * The model catalog's part of the reference-data release: upserts every row of seed/models.json
 * (seed = true), then retires seed rows the release no longer ships. The rows are indexed first, so a
 * release with two models sharing a spelling fails the seed instead of the first lookup.
 */
export const modelCatalogSeed: ReferenceSeed = {
  name: 'models',
  async run(manager: EntityManager, release: string): Promise<Record<string, number>> {
    const rows = loadSeedModels();
    new ModelIndex(rows); // throws ModelIndexError listing every problem
    const CHUNK = 200;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await manager.query(
        modelUpsertSql(chunk.length),
        chunk.flatMap((r) => modelRowParams(r, true, release)),
      );
    }
    const retired: unknown[] = await manager.query(
      `UPDATE models SET deleted_at = now(), updated_at = now() WHERE seed AND data_version <> $1 AND deleted_at IS NULL RETURNING id`,
      [release],
    );
    return { models: rows.length, retired: Array.isArray(retired[0]) ? (retired[0] as unknown[]).length : retired.length };
  },
};
