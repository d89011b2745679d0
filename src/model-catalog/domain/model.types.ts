/** A model catalog row (seed/models.json's shape, plus the stored `seed` flag and data version). */
export interface ModelSource {
  name: string;
  url: string;
  license: string;
  /** How the value was read: mirror | paper | dataset | memory | request (see scripts/seed-data/models.curated.ts). */
  verified: string;
  via?: string;
  note?: string;
}

export type ModelAccess = 'open-weights' | 'closed';
export type ModelArchitecture = 'dense' | 'moe' | 'hybrid';

export interface ModelRecord {
  id: string;
  name: string;
  family: string;
  vendor: string;
  huggingFaceId: string | null;
  aliases: string[];
  access: ModelAccess;
  parameterStatus: 'published' | 'estimate';
  totalParameters: number;
  activeParameters: number;
  parameterRange: [number, number] | null;
  architecture: ModelArchitecture;
  layers: number | null;
  hiddenSize: number | null;
  attentionHeads: number | null;
  kvHeads: number | null;
  headDim: number | null;
  contextLength: number | null;
  vocabSize: number | null;
  experts: number | null;
  expertsPerToken: number | null;
  attentionLayers: number | null;
  kvValuesPerTokenPerLayer: number | null;
  kvBytesPerTokenBf16: number | null;
  releaseYear: number | null;
  license: string;
  sources: ModelSource[];
}

export interface StoredModel extends ModelRecord {
  seed: boolean;
  dataVersion: string;
}
