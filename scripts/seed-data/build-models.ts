/**
 * Builds seed/models.json, the model catalog's seed, from the curated rows in models.curated.ts:
 * parameters in counts, the architecture kind, the KV-cache size per token at 16 bits, and checks
 * (unique ids and aliases, heads divisible by KV heads, active <= total, sources on every row).
 * Usage: npx tsx scripts/seed-data/build-models.ts [--check]
 */
import { CURATED_MODELS, type CuratedModel } from './models.curated';
import { exitOnProblems, fail, writeOutputs } from './lib';
import type { ModelRecord } from '../../src/model-catalog/domain/model.types';

/** A seed row is the catalog's own record type (one definition, in the module), with a known release year. */
export type ModelSeedRow = ModelRecord & { releaseYear: number };

const B = 1e9;
const round = (x: number): number => Math.round(x);

function toRow(m: CuratedModel): ModelSeedRow {
  const moe = m.activeB < m.totalB || (m.experts ?? 0) > 0;
  const kvPerLayer = m.kvValuesPerTokenPerLayer ?? (m.kvHeads !== null && m.headDim !== null ? 2 * m.kvHeads * m.headDim : null);
  const attnLayers = m.attentionLayers ?? m.layers;
  return {
    id: m.id,
    name: m.name,
    family: m.family,
    vendor: m.vendor,
    huggingFaceId: m.huggingFaceId,
    aliases: [...m.aliases].sort((a, b) => a.localeCompare(b)),
    access: m.access,
    parameterStatus: m.parameterStatus,
    totalParameters: round(m.totalB * B),
    activeParameters: round(m.activeB * B),
    parameterRange: m.rangeB ? [round(m.rangeB[0] * B), round(m.rangeB[1] * B)] : null,
    architecture: m.attentionLayers !== undefined ? 'hybrid' : moe ? 'moe' : 'dense',
    layers: m.layers,
    hiddenSize: m.hiddenSize,
    attentionHeads: m.attentionHeads,
    kvHeads: m.kvHeads,
    headDim: m.headDim,
    contextLength: m.contextLength,
    vocabSize: m.vocabSize,
    experts: m.experts ?? null,
    expertsPerToken: m.expertsPerToken ?? null,
    attentionLayers: m.attentionLayers ?? null,
    kvValuesPerTokenPerLayer: m.kvValuesPerTokenPerLayer ?? null,
    kvBytesPerTokenBf16: kvPerLayer !== null && attnLayers !== null ? attnLayers * kvPerLayer * 2 : null,
    releaseYear: m.releaseYear,
    license: m.modelLicense,
    sources: m.sources,
  };
}

const seen = new Map<string, string>();
const claim = (key: string, owner: string): void => {
  const k = key.toLowerCase();
  const prev = seen.get(k);
  if (prev !== undefined && prev !== owner) fail(`"${key}" names both ${prev} and ${owner}`);
  seen.set(k, owner);
};

const rows: ModelSeedRow[] = [];
for (const m of CURATED_MODELS) {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(m.id)) fail(`${m.id}: id must be lower-case letters, digits, '.' and '-'`);
  claim(m.id, m.id);
  if (m.huggingFaceId) claim(m.huggingFaceId, m.id);
  for (const a of m.aliases) claim(a, m.id);
  if (m.sources.length === 0) fail(`${m.id}: no source`);
  if (!(m.activeB > 0 && m.activeB <= m.totalB)) fail(`${m.id}: activeB must be in (0, totalB]`);
  if (m.parameterStatus === 'estimate' && !m.rangeB) fail(`${m.id}: an estimate needs rangeB`);
  if (m.access === 'open-weights' && m.parameterStatus !== 'published')
    fail(`${m.id}: open-weights models carry published figures`);
  if (m.layers !== null) {
    for (const k of ['hiddenSize', 'attentionHeads', 'kvHeads', 'headDim', 'contextLength', 'vocabSize'] as const) {
      if (!(typeof m[k] === 'number' && (m[k] as number) > 0)) fail(`${m.id}: ${k} missing`);
    }
    if (m.attentionHeads && m.kvHeads && m.attentionHeads % m.kvHeads !== 0)
      fail(`${m.id}: attentionHeads ${m.attentionHeads} not a multiple of kvHeads ${m.kvHeads}`);
  }
  if ((m.experts === undefined) !== (m.expertsPerToken === undefined)) fail(`${m.id}: experts and expertsPerToken go together`);
  if (m.experts !== undefined && m.activeB >= m.totalB) fail(`${m.id}: a mixture of experts has activeB < totalB`);
  rows.push(toRow(m));
}
rows.sort((a, b) => a.id.localeCompare(b.id));
exitOnProblems();

const changed = writeOutputs({ 'seed/models.json': JSON.stringify(rows, null, 2) + '\n' });
console.log(
  `models: ${rows.length} rows (${rows.filter((r) => r.access === 'closed').length} closed); ${changed} file(s) ${process.argv.includes('--check') ? 'out of date' : 'written'}`,
);
