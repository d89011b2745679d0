import type { AuthContext } from '../auth/auth.types';
import type { ModelRecord } from './domain/model.types';
import type { ModelInput } from './dto/model.input';

/** A custom entry's record from an admin's input (dense unless activeParameters says otherwise). */
export function toModelRecord(input: ModelInput, auth: AuthContext | null): ModelRecord {
  const total = input.totalParameters;
  const active = input.activeParameters ?? total;
  const sources =
    input.sources && input.sources.length > 0
      ? input.sources.map((s) => ({
          name: s.name,
          url: s.url,
          license: s.license,
          verified: 'request',
          ...(s.note ? { note: s.note } : {}),
        }))
      : [
          {
            name: 'custom entry (admin API)',
            url: 'urn:ai-emissions-api:admin',
            license: 'supplied by the operator',
            verified: 'request',
            note: `added without a cited source${auth ? ` by API key ${auth.keyId}` : ''}`,
          },
        ];
  return {
    id: input.id,
    name: input.name.trim(),
    family: input.family.trim(),
    vendor: input.vendor.trim(),
    huggingFaceId: input.huggingFaceId?.trim() || null,
    aliases: [...new Set((input.aliases ?? []).map((a) => a.trim()).filter((a) => a.length > 0))],
    access: input.access ?? 'open-weights',
    parameterStatus: 'published',
    totalParameters: total,
    activeParameters: Math.min(active, total),
    parameterRange: null,
    architecture: active < total || input.experts ? 'moe' : 'dense',
    layers: input.layers ?? null,
    hiddenSize: input.hiddenSize ?? null,
    attentionHeads: input.attentionHeads ?? null,
    kvHeads: input.kvHeads ?? input.attentionHeads ?? null,
    headDim:
      input.headDim ?? (input.hiddenSize && input.attentionHeads ? Math.round(input.hiddenSize / input.attentionHeads) : null),
    contextLength: input.contextLength ?? null,
    vocabSize: input.vocabSize ?? null,
    experts: input.experts ?? null,
    expertsPerToken: input.expertsPerToken ?? null,
    attentionLayers: null,
    kvValuesPerTokenPerLayer: null,
    kvBytesPerTokenBf16: null,
    releaseYear: input.releaseYear ?? null,
    license: input.license ?? 'unknown',
    sources,
  };
}
