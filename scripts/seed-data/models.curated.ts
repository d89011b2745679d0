/**
 * The model catalog's curated rows: architecture facts of widely used language models, each citing the
 * published configuration (Hugging Face config.json) or paper it comes from, and how the value was read:
 * - `mirror`: read here from a public copy that quotes the cited config.json (the copy is named in `via`);
 * - `paper`: from the cited paper's table;
 * - `dataset`: from a dataset in reference-data/ (named in `via`);
 * - `memory`: the cited config.json could not be read while curating; the value was entered from the
 *   curator's memory of it and must be checked against the cited URL before it is relied on.
 * Closed models appear only with published parameter *estimates* (`parameterStatus: 'estimate'`, with a
 * range and its source) and no invented architecture. scripts/seed-data/build-models.ts turns these rows
 * into seed/models.json (derived fields, checks); run it with --check to prove the seed is current.
 */

export type Verification = 'mirror' | 'paper' | 'dataset' | 'memory';

export interface CuratedSource {
  name: string;
  url: string;
  /** Licence of the cited document (config files are facts; the model's own licence is `modelLicense`). */
  license: string;
  verified: Verification;
  via?: string;
  note?: string;
}

export interface CuratedModel {
  id: string;
  name: string;
  family: string;
  vendor: string;
  huggingFaceId: string | null;
  aliases: string[];
  access: 'open-weights' | 'closed';
  parameterStatus: 'published' | 'estimate';
  /** Parameters, in billions (converted to counts by the builder). */
  totalB: number;
  activeB: number;
  /** Estimates only: [low, high] in billions. */
  rangeB?: [number, number];
  layers: number | null;
  hiddenSize: number | null;
  attentionHeads: number | null;
  kvHeads: number | null;
  headDim: number | null;
  contextLength: number | null;
  vocabSize: number | null;
  experts?: number;
  expertsPerToken?: number;
  attentionLayers?: number;
  kvValuesPerTokenPerLayer?: number;
  releaseYear: number;
  modelLicense: string;
  sources: CuratedSource[];
}

const HF = (id: string): string => `https://huggingface.co/${id}/blob/main/config.json`;
const GENZ = 'abhibambhaniya/GenZ-LLM-Analyzer GenZ/Models/Model_sets (MIT; quotes each config.json URL), commit 091bdd0';
const SLIME = 'THUDM/slime scripts/models (Apache-2.0; Megatron arguments transcribed from the config.json)';
const MLE = 'reference-data/ml-energy/llm-inference-lm-arena-chat.csv (ML.ENERGY Leaderboard v3: total/activated parameters)';

/** A config.json source. */
function cfg(hfId: string, verified: Verification, via?: string, note?: string): CuratedSource {
  return { name: `${hfId} config.json (Hugging Face)`, url: HF(hfId), license: 'model card terms (facts cited)', verified, ...(via ? { via } : {}), ...(note ? { note } : {}) };
}
function mle(note?: string): CuratedSource {
  return {
    name: 'ML.ENERGY Leaderboard v3 (Chung et al. 2025)',
    url: 'https://ml.energy/leaderboard',
    license: 'measurements, cited (see reference-data/ml-energy/SOURCE.md)',
    verified: 'dataset',
    via: MLE,
    ...(note ? { note } : {}),
  };
}

type Arch = Pick<CuratedModel, 'layers' | 'hiddenSize' | 'attentionHeads' | 'kvHeads' | 'headDim' | 'contextLength' | 'vocabSize'>;
const arch = (layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, headDim: number, contextLength: number, vocabSize: number): Arch => ({
  layers,
  hiddenSize,
  attentionHeads,
  kvHeads,
  headDim,
  contextLength,
  vocabSize,
});

function open(
  id: string,
  name: string,
  family: string,
  vendor: string,
  hfId: string | null,
  totalB: number,
  activeB: number,
  a: Arch,
  releaseYear: number,
  modelLicense: string,
  sources: CuratedSource[],
  extra: Partial<CuratedModel> = {},
): CuratedModel {
  return { id, name, family, vendor, huggingFaceId: hfId, aliases: [], access: 'open-weights', parameterStatus: 'published', totalB, activeB, ...a, releaseYear, modelLicense, sources, ...extra };
}

const LLAMA2 = 'Llama 2 Community License';
const LLAMA3 = 'Meta Llama 3 Community License';
const LLAMA31 = 'Llama 3.1 Community License';
const LLAMA32 = 'Llama 3.2 Community License';
const LLAMA33 = 'Llama 3.3 Community License';
const LLAMA4 = 'Llama 4 Community License';
const APACHE = 'Apache-2.0';
const GEMMA = 'Gemma Terms of Use';
const MIT = 'MIT';
const QWEN_LIC = 'Qwen License (Tongyi Qianwen)';
const DS_LIC = 'DeepSeek Model License';
const NV_OPEN = 'NVIDIA Open Model License';
const RAIL = 'BigScience RAIL 1.0';

export const CURATED_MODELS: CuratedModel[] = [
  // ---- LLaMA 1 (Samsi et al. 2023 measured it) ---------------------------------------------------------
  open('llama-7b', 'LLaMA 7B', 'llama-1', 'Meta', 'huggyllama/llama-7b', 6.7, 6.7, arch(32, 4096, 32, 32, 128, 2048, 32000), 2023, 'LLaMA non-commercial research licence', [
    { name: 'Touvron et al. 2023, LLaMA: Open and Efficient Foundation Language Models, Table 2', url: 'https://arxiv.org/abs/2302.13971', license: 'arXiv (facts cited)', verified: 'memory' },
  ]),
  open('llama-13b', 'LLaMA 13B', 'llama-1', 'Meta', 'huggyllama/llama-13b', 13.0, 13.0, arch(40, 5120, 40, 40, 128, 2048, 32000), 2023, 'LLaMA non-commercial research licence', [
    { name: 'Touvron et al. 2023, LLaMA, Table 2', url: 'https://arxiv.org/abs/2302.13971', license: 'arXiv (facts cited)', verified: 'memory' },
  ]),
  open('llama-65b', 'LLaMA 65B', 'llama-1', 'Meta', 'huggyllama/llama-65b', 65.2, 65.2, arch(80, 8192, 64, 64, 128, 2048, 32000), 2023, 'LLaMA non-commercial research licence', [
    { name: 'Touvron et al. 2023, LLaMA, Table 2', url: 'https://arxiv.org/abs/2302.13971', license: 'arXiv (facts cited)', verified: 'memory' },
  ]),
  // ---- Llama 2 -----------------------------------------------------------------------------------------
  open('llama-2-7b', 'Llama 2 7B', 'llama-2', 'Meta', 'meta-llama/Llama-2-7b-hf', 6.74, 6.74, arch(32, 4096, 32, 32, 128, 4096, 32000), 2023, LLAMA2, [cfg('meta-llama/Llama-2-7b-hf', 'mirror', GENZ)], {
    aliases: ['Llama-2-7b-chat-hf', 'llama2-7b'],
  }),
  open('llama-2-13b', 'Llama 2 13B', 'llama-2', 'Meta', 'meta-llama/Llama-2-13b-hf', 13.0, 13.0, arch(40, 5120, 40, 40, 128, 4096, 32000), 2023, LLAMA2, [cfg('meta-llama/Llama-2-13b-hf', 'mirror', GENZ)], {
    aliases: ['Llama-2-13b-chat-hf', 'llama2-13b'],
  }),
  open('llama-2-70b', 'Llama 2 70B', 'llama-2', 'Meta', 'meta-llama/Llama-2-70b-hf', 69.0, 69.0, arch(80, 8192, 64, 8, 128, 4096, 32000), 2023, LLAMA2, [cfg('meta-llama/Llama-2-70b-hf', 'mirror', GENZ)], {
    aliases: ['Llama-2-70b-chat-hf', 'llama2-70b'],
  }),
  // ---- Llama 3 / 3.1 / 3.2 / 3.3 / 4 ---------------------------------------------------------------------
  open('llama-3-8b-instruct', 'Llama 3 8B Instruct', 'llama-3', 'Meta', 'meta-llama/Meta-Llama-3-8B-Instruct', 8.03, 8.03, arch(32, 4096, 32, 8, 128, 8192, 128256), 2024, LLAMA3, [
    cfg('meta-llama/Meta-Llama-3-8B-Instruct', 'memory', undefined, 'same shape as Llama 3.1 8B (GenZ) with an 8K context'),
  ], { aliases: ['llama3-8b', 'Meta-Llama-3-8B'] }),
  open('llama-3-70b-instruct', 'Llama 3 70B Instruct', 'llama-3', 'Meta', 'meta-llama/Meta-Llama-3-70B-Instruct', 70.6, 70.6, arch(80, 8192, 64, 8, 128, 8192, 128256), 2024, LLAMA3, [
    cfg('meta-llama/Meta-Llama-3-70B-Instruct', 'memory', undefined, 'same shape as Llama 3.1 70B (GenZ) with an 8K context'),
  ], { aliases: ['llama3-70b', 'Meta-Llama-3-70B'] }),
  open('llama-3.1-8b-instruct', 'Llama 3.1 8B Instruct', 'llama-3.1', 'Meta', 'meta-llama/Llama-3.1-8B-Instruct', 8, 8, arch(32, 4096, 32, 8, 128, 131072, 128256), 2024, LLAMA31, [
    cfg('meta-llama/Llama-3.1-8B-Instruct', 'mirror', GENZ),
    mle(),
  ], { aliases: ['Llama-3.1-8B', 'Meta-Llama-3.1-8B-Instruct', 'llama3.1-8b', 'llama-3.1-8b'] }),
  open('llama-3.1-70b-instruct', 'Llama 3.1 70B Instruct', 'llama-3.1', 'Meta', 'meta-llama/Llama-3.1-70B-Instruct', 70, 70, arch(80, 8192, 64, 8, 128, 131072, 128256), 2024, LLAMA31, [
    cfg('meta-llama/Llama-3.1-70B-Instruct', 'mirror', GENZ),
    mle(),
  ], { aliases: ['Llama-3.1-70B', 'Meta-Llama-3.1-70B-Instruct', 'llama3.1-70b', 'llama-3.1-70b'] }),
  open('llama-3.1-405b-instruct', 'Llama 3.1 405B Instruct', 'llama-3.1', 'Meta', 'meta-llama/Llama-3.1-405B-Instruct', 405, 405, arch(126, 16384, 128, 8, 128, 131072, 128256), 2024, LLAMA31, [
    cfg('meta-llama/Llama-3.1-405B-Instruct', 'mirror', GENZ),
    mle(),
  ], { aliases: ['Llama-3.1-405B', 'Meta-Llama-3.1-405B-Instruct', 'llama-3.1-405b', 'meta-llama/Llama-3.1-405B-Instruct-FP8'] }),
  open('llama-3.2-1b-instruct', 'Llama 3.2 1B Instruct', 'llama-3.2', 'Meta', 'meta-llama/Llama-3.2-1B-Instruct', 1.24, 1.24, arch(16, 2048, 32, 8, 64, 131072, 128256), 2024, LLAMA32, [
    cfg('meta-llama/Llama-3.2-1B', 'mirror', GENZ, 'head_dim = hidden_size / heads'),
  ], { aliases: ['Llama-3.2-1B', 'llama-3.2-1b'] }),
  open('llama-3.2-3b-instruct', 'Llama 3.2 3B Instruct', 'llama-3.2', 'Meta', 'meta-llama/Llama-3.2-3B-Instruct', 3.21, 3.21, arch(28, 3072, 24, 8, 128, 131072, 128256), 2024, LLAMA32, [
    cfg('meta-llama/Llama-3.2-3B', 'mirror', GENZ),
  ], { aliases: ['Llama-3.2-3B', 'llama-3.2-3b'] }),
  open('llama-3.3-70b-instruct', 'Llama 3.3 70B Instruct', 'llama-3.3', 'Meta', 'meta-llama/Llama-3.3-70B-Instruct', 70, 70, arch(80, 8192, 64, 8, 128, 131072, 128256), 2024, LLAMA33, [
    cfg('meta-llama/Llama-3.3-70B-Instruct', 'memory', undefined, 'the Llama 3.1 70B architecture'),
    mle(),
  ], { aliases: ['Llama-3.3-70B', 'llama-3.3-70b', 'llama3.3-70b'] }),
  open('llama-4-scout-17b-16e-instruct', 'Llama 4 Scout 17B-16E Instruct', 'llama-4', 'Meta', 'meta-llama/Llama-4-Scout-17B-16E-Instruct', 109, 17, arch(48, 5120, 40, 8, 128, 10485760, 202048), 2025, LLAMA4, [
    cfg('meta-llama/Llama-4-Scout-17B-16E-Instruct', 'mirror', GENZ),
    mle(),
  ], { experts: 16, expertsPerToken: 1, aliases: ['Llama-4-Scout', 'llama-4-scout'] }),
  open('llama-4-maverick-17b-128e-instruct', 'Llama 4 Maverick 17B-128E Instruct', 'llama-4', 'Meta', 'meta-llama/Llama-4-Maverick-17B-128E-Instruct', 400, 17, arch(48, 5120, 40, 8, 128, 1048576, 202048), 2025, LLAMA4, [
    cfg('meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'mirror', GENZ, 'MoE on every other layer (moe_layer_freq 2)'),
    mle(),
  ], { experts: 128, expertsPerToken: 1, aliases: ['Llama-4-Maverick', 'llama-4-maverick', 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8'] }),
  // ---- Mistral / Mixtral -----------------------------------------------------------------------------------
  open('mistral-7b-instruct-v0.3', 'Mistral 7B Instruct v0.3', 'mistral', 'Mistral AI', 'mistralai/Mistral-7B-Instruct-v0.3', 7.25, 7.25, arch(32, 4096, 32, 8, 128, 32768, 32768), 2024, APACHE, [
    cfg('mistralai/Mistral-7B-Instruct-v0.3', 'mirror', GENZ, 'GenZ lists v0.1 (vocab 32000); v0.3 extends the vocabulary to 32768 (memory)'),
  ], { aliases: ['Mistral-7B', 'mistral-7b'] }),
  open('mistral-nemo-instruct-2407', 'Mistral NeMo 12B Instruct', 'mistral', 'Mistral AI', 'mistralai/Mistral-Nemo-Instruct-2407', 12.2, 12.2, arch(40, 5120, 32, 8, 128, 131072, 131072), 2024, APACHE, [
    cfg('mistralai/Mistral-Nemo-Instruct-2407', 'mirror', GENZ, 'head_dim 128 explicit in config (5120/32 would be 160)'),
  ], { aliases: ['Mistral-NeMo-12B', 'mistral-nemo'] }),
  open('mistral-small-24b-instruct-2501', 'Mistral Small 3 24B Instruct', 'mistral', 'Mistral AI', 'mistralai/Mistral-Small-24B-Instruct-2501', 23.6, 23.6, arch(40, 5120, 32, 8, 128, 32768, 131072), 2025, APACHE, [
    cfg('mistralai/Mistral-Small-24B-Instruct-2501', 'memory'),
  ], { aliases: ['Mistral-Small-24B', 'mistral-small-3'] }),
  open('mistral-large-instruct-2407', 'Mistral Large 2 (123B)', 'mistral', 'Mistral AI', 'mistralai/Mistral-Large-Instruct-2407', 123, 123, arch(88, 12288, 96, 8, 128, 131072, 32768), 2024, 'Mistral Research License', [
    cfg('mistralai/Mistral-Large-Instruct-2407', 'mirror', GENZ),
  ], { aliases: ['Mistral-Large-2', 'mistral-large'] }),
  open('mixtral-8x7b-instruct-v0.1', 'Mixtral 8x7B Instruct', 'mixtral', 'Mistral AI', 'mistralai/Mixtral-8x7B-Instruct-v0.1', 46.7, 12.9, arch(32, 4096, 32, 8, 128, 32768, 32000), 2023, APACHE, [
    cfg('mistralai/Mixtral-8x7B-Instruct-v0.1', 'mirror', GENZ),
    { name: 'Jiang et al. 2024, Mixtral of Experts', url: 'https://arxiv.org/abs/2401.04088', license: 'arXiv (facts cited)', verified: 'memory', note: '46.7B total, 12.9B active' },
  ], { experts: 8, expertsPerToken: 2, aliases: ['Mixtral-8x7B', 'mixtral-8x7b'] }),
  open('mixtral-8x22b-instruct-v0.1', 'Mixtral 8x22B Instruct', 'mixtral', 'Mistral AI', 'mistralai/Mixtral-8x22B-Instruct-v0.1', 141, 39, arch(56, 6144, 48, 8, 128, 65536, 32768), 2024, APACHE, [
    cfg('mistralai/Mixtral-8x22B-Instruct-v0.1', 'mirror', GENZ, '141B total / 39B active from the Mistral announcement (memory)'),
  ], { experts: 8, expertsPerToken: 2, aliases: ['Mixtral-8x22B', 'mixtral-8x22b'] }),
  // ---- Qwen 2 / 2.5 / 3 --------------------------------------------------------------------------------------
  open('qwen2-7b-instruct', 'Qwen2 7B Instruct', 'qwen-2', 'Alibaba', 'Qwen/Qwen2-7B-Instruct', 7.62, 7.62, arch(28, 3584, 28, 4, 128, 32768, 152064), 2024, APACHE, [
    cfg('Qwen/Qwen2-7B-Instruct', 'memory', undefined, 'the Qwen2.5 7B shape (GenZ)'),
  ], { aliases: ['Qwen2-7B'] }),
  open('qwen2-72b-instruct', 'Qwen2 72B Instruct', 'qwen-2', 'Alibaba', 'Qwen/Qwen2-72B-Instruct', 72.7, 72.7, arch(80, 8192, 64, 8, 128, 32768, 152064), 2024, QWEN_LIC, [
    cfg('Qwen/Qwen2-72B-Instruct', 'memory', undefined, 'the Qwen2.5 72B shape (GenZ)'),
  ], { aliases: ['Qwen2-72B'] }),
  open('qwen2.5-7b-instruct', 'Qwen2.5 7B Instruct', 'qwen-2.5', 'Alibaba', 'Qwen/Qwen2.5-7B-Instruct', 7.62, 7.62, arch(28, 3584, 28, 4, 128, 32768, 152064), 2024, APACHE, [
    cfg('Qwen/Qwen2.5-7B-Instruct', 'mirror', GENZ),
  ], { aliases: ['Qwen2.5-7B', 'qwen2.5-7b'] }),
  open('qwen2.5-14b-instruct', 'Qwen2.5 14B Instruct', 'qwen-2.5', 'Alibaba', 'Qwen/Qwen2.5-14B-Instruct', 14.7, 14.7, arch(48, 5120, 40, 8, 128, 32768, 152064), 2024, APACHE, [
    cfg('Qwen/Qwen2.5-14B-Instruct', 'mirror', GENZ),
  ], { aliases: ['Qwen2.5-14B', 'qwen2.5-14b'] }),
  open('qwen2.5-32b-instruct', 'Qwen2.5 32B Instruct', 'qwen-2.5', 'Alibaba', 'Qwen/Qwen2.5-32B-Instruct', 32.5, 32.5, arch(64, 5120, 40, 8, 128, 32768, 152064), 2024, APACHE, [
    cfg('Qwen/Qwen2.5-32B-Instruct', 'mirror', GENZ),
  ], { aliases: ['Qwen2.5-32B', 'qwen2.5-32b'] }),
  open('qwen2.5-72b-instruct', 'Qwen2.5 72B Instruct', 'qwen-2.5', 'Alibaba', 'Qwen/Qwen2.5-72B-Instruct', 72.7, 72.7, arch(80, 8192, 64, 8, 128, 32768, 152064), 2024, QWEN_LIC, [
    cfg('Qwen/Qwen2.5-72B-Instruct', 'mirror', GENZ),
  ], { aliases: ['Qwen2.5-72B', 'qwen2.5-72b'] }),
  open('qwen2.5-coder-7b-instruct', 'Qwen2.5 Coder 7B Instruct', 'qwen-2.5', 'Alibaba', 'Qwen/Qwen2.5-Coder-7B-Instruct', 7.62, 7.62, arch(28, 3584, 28, 4, 128, 32768, 152064), 2024, APACHE, [
    cfg('Qwen/Qwen2.5-Coder-7B-Instruct', 'memory', undefined, 'the Qwen2.5 7B architecture'),
  ], { aliases: ['Qwen2.5-Coder-7B'] }),
  open('qwen2.5-coder-32b-instruct', 'Qwen2.5 Coder 32B Instruct', 'qwen-2.5', 'Alibaba', 'Qwen/Qwen2.5-Coder-32B-Instruct', 32.5, 32.5, arch(64, 5120, 40, 8, 128, 32768, 152064), 2024, APACHE, [
    cfg('Qwen/Qwen2.5-Coder-32B-Instruct', 'memory', undefined, 'the Qwen2.5 32B architecture'),
  ], { aliases: ['Qwen2.5-Coder-32B'] }),
  open('qwen3-4b', 'Qwen3 4B', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-4B', 4.0, 4.0, arch(36, 2560, 32, 8, 128, 40960, 151936), 2025, APACHE, [cfg('Qwen/Qwen3-4B', 'mirror', GENZ)], {
    aliases: ['qwen3-4b'],
  }),
  open('qwen3-8b', 'Qwen3 8B', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-8B', 8, 8, arch(36, 4096, 32, 8, 128, 40960, 151936), 2025, APACHE, [cfg('Qwen/Qwen3-8B', 'mirror', GENZ), mle()]),
  open('qwen3-14b', 'Qwen3 14B', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-14B', 14, 14, arch(40, 5120, 40, 8, 128, 40960, 151936), 2025, APACHE, [cfg('Qwen/Qwen3-14B', 'mirror', GENZ), mle()]),
  open('qwen3-32b', 'Qwen3 32B', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-32B', 32, 32, arch(64, 5120, 64, 8, 128, 40960, 151936), 2025, APACHE, [cfg('Qwen/Qwen3-32B', 'mirror', GENZ), mle()]),
  open('qwen3-30b-a3b-instruct-2507', 'Qwen3 30B-A3B Instruct 2507', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-30B-A3B-Instruct-2507', 30, 3, arch(48, 2048, 32, 4, 128, 262144, 151936), 2025, APACHE, [
    cfg('Qwen/Qwen3-30B-A3B-Instruct-2507', 'mirror', SLIME, '128 experts, 8 per token'),
    mle(),
  ], { experts: 128, expertsPerToken: 8, aliases: ['Qwen3-30B-A3B', 'qwen3-30b-a3b'] }),
  open('qwen3-30b-a3b-thinking-2507', 'Qwen3 30B-A3B Thinking 2507', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-30B-A3B-Thinking-2507', 30, 3, arch(48, 2048, 32, 4, 128, 262144, 151936), 2025, APACHE, [
    cfg('Qwen/Qwen3-30B-A3B-Thinking-2507', 'mirror', SLIME, 'the Qwen3-30B-A3B architecture'),
  ], { experts: 128, expertsPerToken: 8 }),
  open('qwen3-coder-30b-a3b-instruct', 'Qwen3 Coder 30B-A3B Instruct', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-Coder-30B-A3B-Instruct', 30.5, 3.3, arch(48, 2048, 32, 4, 128, 262144, 151936), 2025, APACHE, [
    cfg('Qwen/Qwen3-Coder-30B-A3B-Instruct', 'memory', undefined, 'the Qwen3-30B-A3B architecture'),
  ], { experts: 128, expertsPerToken: 8, aliases: ['Qwen3-Coder-30B'] }),
  open('qwen3-235b-a22b-instruct-2507', 'Qwen3 235B-A22B Instruct 2507', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-235B-A22B-Instruct-2507', 235, 22, arch(94, 4096, 64, 4, 128, 262144, 151936), 2025, APACHE, [
    cfg('Qwen/Qwen3-235B-A22B-Instruct-2507', 'mirror', SLIME, '128 experts, 8 per token'),
    mle(),
  ], { experts: 128, expertsPerToken: 8, aliases: ['Qwen3-235B-A22B', 'qwen3-235b', 'Qwen/Qwen3-235B-A22B-Instruct-2507-FP8'] }),
  open('qwen3-235b-a22b-thinking-2507', 'Qwen3 235B-A22B Thinking 2507', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-235B-A22B-Thinking-2507', 235, 22, arch(94, 4096, 64, 4, 128, 262144, 151936), 2025, APACHE, [
    cfg('Qwen/Qwen3-235B-A22B-Thinking-2507', 'mirror', SLIME, 'the Qwen3-235B-A22B architecture'),
  ], { experts: 128, expertsPerToken: 8 }),
  open('qwen3-coder-480b-a35b-instruct', 'Qwen3 Coder 480B-A35B Instruct', 'qwen-3', 'Alibaba', 'Qwen/Qwen3-Coder-480B-A35B-Instruct', 480, 35, arch(62, 6144, 96, 8, 128, 262144, 151936), 2025, APACHE, [
    cfg('Qwen/Qwen3-Coder-480B-A35B-Instruct', 'memory', undefined, '160 experts, 8 per token'),
  ], { experts: 160, expertsPerToken: 8, aliases: ['Qwen3-Coder-480B'] }),
  // ---- DeepSeek (MLA: the KV cache holds a 512-value latent + 64 RoPE values per token per layer) -------------
  open('deepseek-v2-lite-chat', 'DeepSeek-V2-Lite Chat', 'deepseek-v2', 'DeepSeek', 'deepseek-ai/DeepSeek-V2-Lite-Chat', 15.7, 2.4, arch(27, 2048, 16, 16, 128, 32768, 102400), 2024, DS_LIC, [
    cfg('deepseek-ai/DeepSeek-V2-Lite-Chat', 'memory', undefined, 'MLA kv_lora_rank 512 + qk_rope_head_dim 64; 64 routed experts, 6 per token'),
  ], { experts: 64, expertsPerToken: 6, kvValuesPerTokenPerLayer: 576 }),
  open('deepseek-v2-chat', 'DeepSeek-V2 Chat', 'deepseek-v2', 'DeepSeek', 'deepseek-ai/DeepSeek-V2-Chat', 236, 21, arch(60, 5120, 128, 128, 128, 131072, 102400), 2024, DS_LIC, [
    cfg('deepseek-ai/DeepSeek-V2-Chat', 'memory', undefined, 'MLA 512 + 64; 160 routed experts, 6 per token'),
    { name: 'DeepSeek-AI 2024, DeepSeek-V2 technical report', url: 'https://arxiv.org/abs/2405.04434', license: 'arXiv (facts cited)', verified: 'memory', note: '236B total, 21B active' },
  ], { experts: 160, expertsPerToken: 6, kvValuesPerTokenPerLayer: 576, aliases: ['DeepSeek-V2'] }),
  open('deepseek-v3', 'DeepSeek-V3', 'deepseek-v3', 'DeepSeek', 'deepseek-ai/DeepSeek-V3', 671, 37, arch(61, 7168, 128, 128, 128, 131072, 129280), 2024, DS_LIC, [
    cfg('deepseek-ai/DeepSeek-V3-Base', 'mirror', GENZ, 'layers, hidden, heads, experts from GenZ; MLA 512 + 64 (kv_lora_rank, qk_rope_head_dim) and v_head_dim 128 from memory'),
    { name: 'DeepSeek-AI 2024, DeepSeek-V3 technical report', url: 'https://arxiv.org/abs/2412.19437', license: 'arXiv (facts cited)', verified: 'memory', note: '671B total, 37B active' },
  ], { experts: 256, expertsPerToken: 8, kvValuesPerTokenPerLayer: 576, aliases: ['DeepSeek-V3-0324', 'deepseek-v3'] }),
  open('deepseek-v3.1', 'DeepSeek-V3.1', 'deepseek-v3', 'DeepSeek', 'deepseek-ai/DeepSeek-V3.1', 671, 37, arch(61, 7168, 128, 128, 128, 131072, 129280), 2025, MIT, [
    cfg('deepseek-ai/DeepSeek-V3.1', 'memory', undefined, 'the DeepSeek-V3 architecture'),
    mle(),
  ], { experts: 256, expertsPerToken: 8, kvValuesPerTokenPerLayer: 576 }),
  open('deepseek-r1', 'DeepSeek-R1', 'deepseek-r1', 'DeepSeek', 'deepseek-ai/DeepSeek-R1', 671, 37, arch(61, 7168, 128, 128, 128, 131072, 129280), 2025, MIT, [
    cfg('deepseek-ai/DeepSeek-R1', 'memory', undefined, 'the DeepSeek-V3 architecture'),
  ], { experts: 256, expertsPerToken: 8, kvValuesPerTokenPerLayer: 576, aliases: ['DeepSeek-R1-0528', 'deepseek-r1'] }),
  open('deepseek-r1-distill-llama-70b', 'DeepSeek-R1-Distill-Llama-70B', 'deepseek-r1', 'DeepSeek', 'deepseek-ai/DeepSeek-R1-Distill-Llama-70B', 70.6, 70.6, arch(80, 8192, 64, 8, 128, 131072, 128256), 2025, MIT, [
    cfg('deepseek-ai/DeepSeek-R1-Distill-Llama-70B', 'memory', undefined, 'the Llama 3.3 70B architecture'),
  ]),
  open('deepseek-r1-distill-qwen-32b', 'DeepSeek-R1-Distill-Qwen-32B', 'deepseek-r1', 'DeepSeek', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 32.8, 32.8, arch(64, 5120, 40, 8, 128, 131072, 152064), 2025, MIT, [
    cfg('deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'memory', undefined, 'the Qwen2.5 32B architecture'),
  ]),
  // ---- gpt-oss (alternating dense and 128-token sliding-window attention) ---------------------------------------
  open('gpt-oss-120b', 'gpt-oss-120b', 'gpt-oss', 'OpenAI', 'openai/gpt-oss-120b', 116.8, 5.1, arch(36, 2880, 64, 8, 64, 131072, 201088), 2025, APACHE, [
    cfg('openai/gpt-oss-120b', 'memory', undefined, '128 experts, 4 per token; weights in mxfp4 (counted as fp4)'),
    { name: 'OpenAI 2025, gpt-oss-120b & gpt-oss-20b model card', url: 'https://openai.com/index/gpt-oss-model-card/', license: 'model card (facts cited)', verified: 'memory', note: '116.8B total, 5.1B active' },
  ], { experts: 128, expertsPerToken: 4, aliases: ['gpt-oss:120b'] }),
  open('gpt-oss-20b', 'gpt-oss-20b', 'gpt-oss', 'OpenAI', 'openai/gpt-oss-20b', 20.9, 3.6, arch(24, 2880, 64, 8, 64, 131072, 201088), 2025, APACHE, [
    cfg('openai/gpt-oss-20b', 'memory', undefined, '32 experts, 4 per token'),
    { name: 'OpenAI 2025, gpt-oss model card', url: 'https://openai.com/index/gpt-oss-model-card/', license: 'model card (facts cited)', verified: 'memory', note: '20.9B total, 3.6B active' },
  ], { experts: 32, expertsPerToken: 4, aliases: ['gpt-oss:20b'] }),
  // ---- NVIDIA Nemotron ------------------------------------------------------------------------------------------
  open('nemotron-4-340b-instruct', 'Nemotron-4 340B Instruct', 'nemotron', 'NVIDIA', 'nvidia/Nemotron-4-340B-Instruct', 341, 341, arch(96, 18432, 96, 8, 192, 4096, 256000), 2024, NV_OPEN, [
    { name: 'nvidia/Nemotron-4-340B-Instruct model_config.yaml', url: 'https://huggingface.co/nvidia/Nemotron-4-340B-Instruct/blob/main/model_config.yaml', license: 'model card terms (facts cited)', verified: 'mirror', via: GENZ },
  ]),
  open('llama-3.1-nemotron-70b-instruct', 'Llama 3.1 Nemotron 70B Instruct', 'nemotron', 'NVIDIA', 'nvidia/Llama-3.1-Nemotron-70B-Instruct-HF', 70.6, 70.6, arch(80, 8192, 64, 8, 128, 131072, 128256), 2024, LLAMA31, [
    cfg('nvidia/Llama-3.1-Nemotron-70B-Instruct-HF', 'memory', undefined, 'the Llama 3.1 70B architecture'),
  ]),
  open('nvidia-nemotron-nano-9b-v2', 'NVIDIA Nemotron Nano 9B v2', 'nemotron', 'NVIDIA', 'nvidia/NVIDIA-Nemotron-Nano-9B-v2', 9, 9, arch(56, 4480, 40, 8, 128, 131072, 131072), 2025, NV_OPEN, [
    cfg('nvidia/NVIDIA-Nemotron-Nano-9B-v2', 'memory', undefined, 'hybrid Mamba-2/attention: 4 of 56 layers have attention (hybrid_override_pattern)'),
    mle(),
  ], { attentionLayers: 4 }),
  open('nvidia-nemotron-nano-12b-v2', 'NVIDIA Nemotron Nano 12B v2', 'nemotron', 'NVIDIA', 'nvidia/NVIDIA-Nemotron-Nano-12B-v2', 12, 12, arch(62, 5120, 40, 8, 128, 131072, 131072), 2025, NV_OPEN, [
    cfg('nvidia/NVIDIA-Nemotron-Nano-12B-v2', 'memory', undefined, 'hybrid Mamba-2/attention: 6 of 62 layers have attention'),
    mle(),
  ], { attentionLayers: 6 }),
  // ---- Gemma 1 / 2 / 3 ----------------------------------------------------------------------------------------------
  open('gemma-2b', 'Gemma 2B', 'gemma', 'Google', 'google/gemma-2b', 2.51, 2.51, arch(18, 2048, 8, 1, 256, 8192, 256000), 2024, GEMMA, [cfg('google/gemma-2b', 'mirror', GENZ)]),
  open('gemma-7b', 'Gemma 7B', 'gemma', 'Google', 'google/gemma-7b', 8.54, 8.54, arch(28, 3072, 16, 16, 256, 8192, 256000), 2024, GEMMA, [cfg('google/gemma-7b', 'mirror', GENZ)]),
  open('gemma-2-2b-it', 'Gemma 2 2B', 'gemma-2', 'Google', 'google/gemma-2-2b-it', 2.61, 2.61, arch(26, 2304, 8, 4, 256, 8192, 256000), 2024, GEMMA, [cfg('google/gemma-2-2b', 'mirror', GENZ)]),
  open('gemma-2-9b-it', 'Gemma 2 9B', 'gemma-2', 'Google', 'google/gemma-2-9b-it', 9.24, 9.24, arch(42, 3584, 16, 8, 256, 8192, 256000), 2024, GEMMA, [cfg('google/gemma-2-9b', 'mirror', GENZ)]),
  open('gemma-2-27b-it', 'Gemma 2 27B', 'gemma-2', 'Google', 'google/gemma-2-27b-it', 27.2, 27.2, arch(46, 4608, 32, 16, 128, 8192, 256000), 2024, GEMMA, [cfg('google/gemma-2-27b', 'mirror', GENZ)]),
  open('gemma-3-1b-it', 'Gemma 3 1B', 'gemma-3', 'Google', 'google/gemma-3-1b-it', 1.0, 1.0, arch(26, 1152, 4, 1, 256, 32768, 262144), 2025, GEMMA, [cfg('google/gemma-3-1b-it', 'mirror', GENZ)]),
  open('gemma-3-4b-it', 'Gemma 3 4B', 'gemma-3', 'Google', 'google/gemma-3-4b-it', 4.3, 4.3, arch(34, 2560, 8, 4, 256, 131072, 262144), 2025, GEMMA, [
    cfg('google/gemma-3-4b-it', 'mirror', 'a public Rust test fixture quoting the text_config (8 heads, 4 KV heads, head_dim 256); GenZ lists 16 heads, which the fixture contradicts'),
  ]),
  open('gemma-3-12b-it', 'Gemma 3 12B', 'gemma-3', 'Google', 'google/gemma-3-12b-it', 12, 12, arch(48, 3840, 16, 8, 256, 131072, 262144), 2025, GEMMA, [
    cfg('google/gemma-3-12b-it', 'mirror', 'a public Python module embedding the google/gemma-3-12b-it config.json text_config (GenZ lists 2B values, wrong); head_dim 256 from memory'),
    mle(),
  ]),
  open('gemma-3-27b-it', 'Gemma 3 27B', 'gemma-3', 'Google', 'google/gemma-3-27b-it', 27, 27, arch(62, 5376, 32, 16, 128, 131072, 262144), 2025, GEMMA, [cfg('google/gemma-3-27b-it', 'mirror', GENZ), mle()]),
  // ---- Phi ------------------------------------------------------------------------------------------------------------
  open('phi-3-mini-4k-instruct', 'Phi-3 mini 4K Instruct', 'phi-3', 'Microsoft', 'microsoft/Phi-3-mini-4k-instruct', 3.82, 3.82, arch(32, 3072, 32, 32, 96, 4096, 32064), 2024, MIT, [
    cfg('microsoft/Phi-3-mini-4k-instruct', 'mirror', GENZ, 'GenZ cites the 128k variant (same shape)'),
  ], { aliases: ['Phi-3-mini'] }),
  open('phi-3-small-8k-instruct', 'Phi-3 small 8K Instruct', 'phi-3', 'Microsoft', 'microsoft/Phi-3-small-8k-instruct', 7.39, 7.39, arch(32, 4096, 32, 8, 128, 8192, 100352), 2024, MIT, [
    cfg('microsoft/Phi-3-small-8k-instruct', 'mirror', GENZ),
  ], { aliases: ['Phi-3-small'] }),
  open('phi-3-medium-4k-instruct', 'Phi-3 medium 4K Instruct', 'phi-3', 'Microsoft', 'microsoft/Phi-3-medium-4k-instruct', 14.0, 14.0, arch(40, 5120, 40, 10, 128, 4096, 32064), 2024, MIT, [
    cfg('microsoft/Phi-3-medium-4k-instruct', 'mirror', GENZ),
  ], { aliases: ['Phi-3-medium'] }),
  open('phi-3.5-moe-instruct', 'Phi-3.5 MoE Instruct', 'phi-3', 'Microsoft', 'microsoft/Phi-3.5-MoE-instruct', 41.9, 6.6, arch(32, 4096, 32, 8, 128, 131072, 32064), 2024, MIT, [
    cfg('microsoft/Phi-3.5-MoE-instruct', 'mirror', GENZ, '16 experts, 2 per token; 41.9B total / 6.6B active from the model card (memory)'),
  ], { experts: 16, expertsPerToken: 2, aliases: ['Phi-3.5-MoE'] }),
  open('phi-4', 'Phi-4 (14B)', 'phi-4', 'Microsoft', 'microsoft/phi-4', 14.7, 14.7, arch(40, 5120, 40, 10, 128, 16384, 100352), 2024, MIT, [cfg('microsoft/phi-4', 'memory')]),
  open('phi-4-mini-instruct', 'Phi-4 mini Instruct', 'phi-4', 'Microsoft', 'microsoft/Phi-4-mini-instruct', 3.84, 3.84, arch(32, 3072, 24, 8, 128, 131072, 200064), 2025, MIT, [
    cfg('microsoft/Phi-4-mini-instruct', 'memory'),
  ]),
  // ---- OLMo / OLMo 2 --------------------------------------------------------------------------------------------------
  open('olmo-7b', 'OLMo 7B', 'olmo', 'Allen Institute for AI', 'allenai/OLMo-7B', 6.89, 6.89, arch(32, 4096, 32, 32, 128, 2048, 50304), 2024, APACHE, [
    { name: 'Groeneveld et al. 2024, OLMo: Accelerating the Science of Language Models, Table 1', url: 'https://arxiv.org/abs/2402.00838', license: 'arXiv (facts cited)', verified: 'memory' },
  ]),
  open('olmo-2-1124-7b-instruct', 'OLMo 2 7B Instruct', 'olmo-2', 'Allen Institute for AI', 'allenai/OLMo-2-1124-7B-Instruct', 7.3, 7.3, arch(32, 4096, 32, 32, 128, 4096, 100352), 2024, APACHE, [
    cfg('allenai/OLMo-2-1124-7B-Instruct', 'memory'),
  ], { aliases: ['OLMo-2-7B'] }),
  open('olmo-2-1124-13b-instruct', 'OLMo 2 13B Instruct', 'olmo-2', 'Allen Institute for AI', 'allenai/OLMo-2-1124-13B-Instruct', 13.7, 13.7, arch(40, 5120, 40, 40, 128, 4096, 100352), 2024, APACHE, [
    cfg('allenai/OLMo-2-1124-13B-Instruct', 'memory'),
  ], { aliases: ['OLMo-2-13B'] }),
  open('olmo-2-0325-32b-instruct', 'OLMo 2 32B Instruct', 'olmo-2', 'Allen Institute for AI', 'allenai/OLMo-2-0325-32B-Instruct', 32.2, 32.2, arch(64, 5120, 40, 8, 128, 4096, 100352), 2025, APACHE, [
    cfg('allenai/OLMo-2-0325-32B-Instruct', 'memory'),
  ], { aliases: ['OLMo-2-32B'] }),
  // ---- Falcon -------------------------------------------------------------------------------------------------------------
  open('falcon-7b-instruct', 'Falcon 7B Instruct', 'falcon', 'TII', 'tiiuae/falcon-7b-instruct', 7.22, 7.22, arch(32, 4544, 71, 1, 64, 2048, 65024), 2023, APACHE, [
    cfg('tiiuae/falcon-7b-instruct', 'mirror', GENZ, 'multi-query attention (multi_query: true) gives 1 KV head; GenZ lists 71, contradicting the config flag (memory)'),
  ], { aliases: ['falcon-7b'] }),
  open('falcon-40b-instruct', 'Falcon 40B Instruct', 'falcon', 'TII', 'tiiuae/falcon-40b-instruct', 41.8, 41.8, arch(60, 8192, 128, 8, 64, 2048, 65024), 2023, APACHE, [
    cfg('tiiuae/falcon-40b-instruct', 'memory'),
  ], { aliases: ['falcon-40b'] }),
  open('falcon-180b-chat', 'Falcon 180B Chat', 'falcon', 'TII', 'tiiuae/falcon-180B-chat', 179.5, 179.5, arch(80, 14848, 232, 8, 64, 2048, 65024), 2023, 'Falcon-180B TII License', [
    cfg('tiiuae/falcon-180B-chat', 'memory'),
  ], { aliases: ['falcon-180b'] }),
  // ---- BLOOM ---------------------------------------------------------------------------------------------------------------
  open('bloom', 'BLOOM 176B', 'bloom', 'BigScience', 'bigscience/bloom', 176.2, 176.2, arch(70, 14336, 112, 112, 128, 2048, 250880), 2022, RAIL, [
    { name: 'BigScience Workshop 2022, BLOOM: A 176B-Parameter Open-Access Multilingual Language Model, Table 3', url: 'https://arxiv.org/abs/2211.05100', license: 'arXiv (facts cited)', verified: 'memory' },
  ], { aliases: ['BLOOM-176B', 'bloom-176b'] }),
  open('bloomz-7b1', 'BLOOMZ 7B1', 'bloom', 'BigScience', 'bigscience/bloomz-7b1', 7.07, 7.07, arch(30, 4096, 32, 32, 128, 2048, 250880), 2022, RAIL, [
    cfg('bigscience/bloomz-7b1', 'memory'),
  ], { aliases: ['bloom-7b1'] }),
  // ---- GPT-2 / GPT-J / GPT-NeoX -----------------------------------------------------------------------------------------------
  open('gpt2', 'GPT-2 (124M)', 'gpt-2', 'OpenAI', 'openai-community/gpt2', 0.124, 0.124, arch(12, 768, 12, 12, 64, 1024, 50257), 2019, MIT, [cfg('openai-community/gpt2', 'mirror', GENZ)], {
    aliases: ['gpt-2', 'gpt2-small'],
  }),
  open('gpt2-xl', 'GPT-2 XL (1.5B)', 'gpt-2', 'OpenAI', 'openai-community/gpt2-xl', 1.56, 1.56, arch(48, 1600, 25, 25, 64, 1024, 50257), 2019, MIT, [cfg('openai-community/gpt2-xl', 'memory')]),
  open('gpt-j-6b', 'GPT-J 6B', 'gpt-j', 'EleutherAI', 'EleutherAI/gpt-j-6b', 6.05, 6.05, arch(28, 4096, 16, 16, 256, 2048, 50400), 2021, APACHE, [cfg('EleutherAI/gpt-j-6b', 'memory')], {
    aliases: ['gpt-j'],
  }),
  open('gpt-neox-20b', 'GPT-NeoX 20B', 'gpt-neox', 'EleutherAI', 'EleutherAI/gpt-neox-20b', 20.6, 20.6, arch(44, 6144, 64, 64, 96, 2048, 50432), 2022, APACHE, [
    { name: 'Black et al. 2022, GPT-NeoX-20B, Table 1', url: 'https://arxiv.org/abs/2204.06745', license: 'arXiv (facts cited)', verified: 'memory' },
  ], { aliases: ['gpt-neox'] }),
  // ---- Closed models: published figures or estimates only -------------------------------------------------------------------
  {
    id: 'gpt-3-175b',
    name: 'GPT-3 175B (davinci)',
    family: 'gpt-3',
    vendor: 'OpenAI',
    huggingFaceId: null,
    aliases: ['GPT-3', 'davinci'],
    access: 'closed',
    parameterStatus: 'published',
    totalB: 175,
    activeB: 175,
    ...arch(96, 12288, 96, 96, 128, 2048, 50257),
    releaseYear: 2020,
    modelLicense: 'proprietary (weights not released)',
    sources: [
      { name: 'Brown et al. 2020, Language Models are Few-Shot Learners, Table 2.1', url: 'https://arxiv.org/abs/2005.14165', license: 'arXiv (facts cited)', verified: 'memory' },
      { name: 'Epoch AI, Notable AI Models (GPT-3 175B (davinci): 175B, Confident)', url: 'https://epoch.ai/data/notable-ai-models', license: 'CC-BY-4.0', verified: 'dataset', via: 'reference-data/epoch/notable-ai-models' },
    ],
  },
  {
    id: 'palm-2',
    name: 'PaLM 2 (parameter estimate)',
    family: 'palm',
    vendor: 'Google',
    huggingFaceId: null,
    aliases: ['PaLM-2'],
    access: 'closed',
    parameterStatus: 'estimate',
    totalB: 340,
    activeB: 340,
    rangeB: [340, 340],
    layers: null,
    hiddenSize: null,
    attentionHeads: null,
    kvHeads: null,
    headDim: null,
    contextLength: null,
    vocabSize: null,
    releaseYear: 2023,
    modelLicense: 'proprietary',
    sources: [
      {
        name: 'Epoch AI, Notable AI Models (PaLM 2: 340B, confidence "Likely", from a press report; Google withholds the size)',
        url: 'https://epoch.ai/data/notable-ai-models',
        license: 'CC-BY-4.0',
        verified: 'dataset',
        via: 'reference-data/epoch/notable-ai-models',
        note: 'a single published estimate: the range is that value; architecture unpublished',
      },
    ],
  },
  {
    id: 'gpt-3.5-turbo',
    name: 'GPT-3.5 Turbo (parameter estimate)',
    family: 'gpt-3.5',
    vendor: 'OpenAI',
    huggingFaceId: null,
    aliases: ['gpt-3.5'],
    access: 'closed',
    parameterStatus: 'estimate',
    totalB: 20,
    activeB: 20,
    rangeB: [20, 175],
    layers: null,
    hiddenSize: null,
    attentionHeads: null,
    kvHeads: null,
    headDim: null,
    contextLength: null,
    vocabSize: null,
    releaseYear: 2022,
    modelLicense: 'proprietary',
    sources: [
      {
        name: 'Epoch AI, Notable AI Models (GPT-3.5 Turbo: 20B, "Speculative", from a retracted Microsoft paper; GPT-3.5 possibly 175B)',
        url: 'https://epoch.ai/data/notable-ai-models',
        license: 'CC-BY-4.0',
        verified: 'dataset',
        via: 'reference-data/epoch/notable-ai-models',
        note: 'range 20B (CodeFusion, retracted) to 175B (GPT-3.5 series per OpenAI statements)',
      },
    ],
  },
  {
    id: 'gpt-4',
    name: 'GPT-4 (parameter estimate)',
    family: 'gpt-4',
    vendor: 'OpenAI',
    huggingFaceId: null,
    aliases: ['GPT-4'],
    access: 'closed',
    parameterStatus: 'estimate',
    totalB: 1800,
    activeB: 280,
    rangeB: [1000, 1800],
    layers: null,
    hiddenSize: null,
    attentionHeads: null,
    kvHeads: null,
    headDim: null,
    contextLength: null,
    vocabSize: null,
    releaseYear: 2023,
    modelLicense: 'proprietary',
    sources: [
      {
        name: 'SemiAnalysis (Patel & Wong 2023), "GPT-4 Architecture, Infrastructure, Training Dataset, Costs, Vision, MoE"',
        url: 'https://semianalysis.com/2023/07/10/gpt-4-architecture-infrastructure/',
        license: 'press report (figures cited)',
        verified: 'memory',
        note: 'unconfirmed estimate: ~1.8T total parameters, MoE with ~280B active per token; OpenAI publishes no size (Epoch: "Speculative", no figure)',
      },
    ],
  },
];
