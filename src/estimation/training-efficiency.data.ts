/* eslint-disable */
// Mirrors seed/training-efficiency.json (a unit test checks both are identical; regenerate the JSON with
// `npx tsx scripts/seed-data/build-training-efficiency.ts` after editing this table). Sources: docs/methodology.md §7.
import type { TrainingEfficiencyTable } from './estimation.types';

export const DEFAULT_TRAINING_EFFICIENCY: TrainingEfficiencyTable = {
  id: 'training-efficiency',
  version: '2025-10-01',
  description:
    'Measured end-to-end training speed of a number format relative to 16-bit mixed precision (bf16/fp16) on the same accelerator generation, and the model-FLOPs-utilisation penalty of mixture-of-experts training relative to dense training on the same generation. Energy follows time: device power is taken as unchanged between formats (a training job keeps the device busy; Patterson et al. 2021, Table 4: measured average system power per chip stays close to constant across models on one device; docs/methodology.md §7.2).',
  precision: {
    reference: 'bf16',
    statistic:
      'relativeSpeed = throughput in `precision` / throughput in 16-bit mixed precision (>1 faster); low/high = the spread of the published figures, used as the p5-p95 band',
    rows: [
      {
        id: 'volta-fp32',
        generation: 'NVIDIA Volta (V100)',
        match: '\\bv100\\b',
        precision: 'fp32',
        relativeSpeed: 0.2857,
        low: 0.2433,
        high: 0.5882,
        basis: 'measured',
        source:
          'NVIDIA DeepLearningExamples, training-performance tables "Throughput speedup (FP32 - mixed precision)" on DGX-1/DGX-2 V100: BERT-Large pre-training (PyTorch) 3.74-3.76x (DGX-1) and 4.03-4.11x (DGX-2), Transformer NMT (PyTorch) 3.48x; non-transformer models 1.7-2.6x. Central 3.5x (transformers), band 1.7-4.11x',
        url: 'https://github.com/NVIDIA/DeepLearningExamples',
        year: 2020,
        license: 'Apache-2.0',
      },
      {
        id: 'ampere-tf32',
        generation: 'NVIDIA Ampere (A100, A800, A10, A30, A40)',
        match: '\\b(a100|a800|a10|a30|a40)\\b',
        precision: 'tf32',
        relativeSpeed: 0.5556,
        low: 0.5,
        high: 0.7519,
        basis: 'measured',
        source:
          'NVIDIA DeepLearningExamples, "Throughput speedup (TF32 - mixed precision)" on DGX A100: BERT-Large pre-training (PyTorch, A100 40GB) 1.77-1.90x, BERT (TensorFlow, A100 80GB) 1.72x, BART 1.33x, nnU-Net 1.39-2.55x. Central 1.8x, band 1.33-2.0x',
        url: 'https://github.com/NVIDIA/DeepLearningExamples',
        year: 2021,
        license: 'Apache-2.0',
      },
      {
        id: 'hopper-tf32',
        generation: 'NVIDIA Hopper (H100, H800, H200, GH200, H20)',
        match: '\\b(h100|h800|h200|gh200|h20)\\b',
        precision: 'tf32',
        relativeSpeed: 0.5556,
        low: 0.5,
        high: 0.7519,
        basis: 'transferred',
        source:
          'transferred from the Ampere TF32 measurements (NVIDIA DeepLearningExamples, DGX A100: 1.33-2.0x, central 1.8x): Hopper has the same 1:2 TF32:BF16 dense peak ratio (NVIDIA H100 datasheet: 494.7 vs 989.4 TFLOP/s)',
        url: 'https://github.com/NVIDIA/DeepLearningExamples',
        year: 2021,
        license: 'Apache-2.0',
      },
      {
        id: 'ampere-fp32',
        generation: 'NVIDIA Ampere (A100, A800, A10, A30, A40)',
        match: '\\b(a100|a800|a10|a30|a40)\\b',
        precision: 'fp32',
        relativeSpeed: 0.1429,
        low: 0.1219,
        high: 0.5556,
        basis: 'transferred',
        source:
          'strict IEEE FP32 (no TF32) runs on CUDA cores: A100 19.5 vs 312 TFLOP/s dense BF16 (16x peak ratio). No direct end-to-end measurement was found; transferred from V100, where measured FP32 -> mixed-precision speed-ups (3.5x central, up to 4.11x; NVIDIA DeepLearningExamples) are 44-51% of the 8x peak ratio: 0.44 x 16 = 7x central, 8.2x high; low = the TF32 figure 1.8x, since frameworks may run FP32 matrix products as TF32 (TensorFlow >= 2.4, PyTorch < 1.12 and cuDNN convolutions)',
        url: 'https://github.com/NVIDIA/DeepLearningExamples',
        year: 2020,
        license: 'Apache-2.0',
      },
      {
        id: 'hopper-fp32',
        generation: 'NVIDIA Hopper (H100, H800, H200, GH200, H20)',
        match: '\\b(h100|h800|h200|gh200|h20)\\b',
        precision: 'fp32',
        relativeSpeed: 0.1538,
        low: 0.1316,
        high: 0.5556,
        basis: 'transferred',
        source:
          'strict IEEE FP32 on CUDA cores: H100 SXM 66.9 vs 989.4 TFLOP/s dense BF16 (14.8x peak ratio). Transferred from V100 (measured 44-51% of the peak ratio, NVIDIA DeepLearningExamples): 0.44 x 14.8 = 6.5x central, 7.6x high; low = the TF32 figure 1.8x (frameworks may run FP32 matrix products as TF32)',
        url: 'https://github.com/NVIDIA/DeepLearningExamples',
        year: 2020,
        license: 'Apache-2.0',
      },
      {
        id: 'hopper-fp8',
        generation: 'NVIDIA Hopper (H100, H800, H200, GH200, H20)',
        match: '\\b(h100|h800|h200|gh200|h20)\\b',
        precision: 'fp8',
        relativeSpeed: 1.3,
        low: 1.05,
        high: 1.5,
        basis: 'measured',
        source:
          'FP8 (Transformer Engine / torchao float8) vs BF16 end-to-end training throughput on H100: torchao float8 reports 1.25x for Llama 3 8B (PyTorch, "Supercharging training using float8 and FSDP2", 2024); NVIDIA NeMo "Faster Training Throughput in FP8 Precision" (2025) shows the gain growing with GEMM and model size, under the 2x peak ratio; small models gain little (Karpathy 2025, GPT-2 scale: 1.05-1.07x). Published large-model figures lie at 1.2-1.5x. Central 1.3x, band 1.05-1.5x',
        url: 'https://developer.nvidia.com/blog/faster-training-throughput-in-fp8-precision-with-nvidia-nemo',
        year: 2025,
        license: 'cited figures (NVIDIA and PyTorch blogs); no data copied',
      },
      {
        id: 'blackwell-fp8',
        generation: 'NVIDIA Blackwell (B100, B200, GB200, B300, GB300)',
        match: '\\b(b100|b200|gb200|b300|gb300)\\b',
        precision: 'fp8',
        relativeSpeed: 1.25,
        low: 1.15,
        high: 1.35,
        basis: 'measured',
        source:
          'MXFP8 vs BF16 end-to-end pre-training on B200/GB200: PyTorch blog "Accelerating 2K scale pre-training up to 1.28x with TorchAO MXFP8 and TorchTitan on Crusoe B200 cluster" (2025): 1.22-1.28x on Llama 3 70B at 1,856 GPUs; PyTorch blog on MXFP8 MoE training (2025): 1.30x for Llama 4 Scout on GB200. Central 1.25x, band 1.15-1.35x',
        url: 'https://pytorch.org/blog/accelerating-2k-scale-pre-training-up-to-1-28x-with-torchao-mxfp8-and-torchtitan-on-crusoe-b200-cluster',
        year: 2025,
        license: 'cited figures (PyTorch blog); no data copied',
      },
      {
        id: 'any-fp16',
        generation: 'any accelerator',
        match: '.',
        precision: 'fp16',
        relativeSpeed: 1,
        low: 1,
        high: 1,
        basis: 'measured',
        source:
          'fp16 and bf16 are both 16-bit mixed precision with the same dense Tensor Core rate (NVIDIA A100/H100 datasheets); where a device lacks one, the catalog falls back to the other',
        url: 'https://www.nvidia.com/en-us/data-center/h100/',
        year: 2022,
        license: 'cited figures; no data copied',
      },
    ],
  },
  moe: {
    statistic:
      "penalty = median over public runs of (MFU of the mixture-of-experts run) / (MFU of dense runs on the same accelerator generation: for Epoch's runs, the engine's dense default for that generation, so that penalty x default = the run's MFU); low/high = min/max, used as the p5-p95 band. MFU counts the FLOPs of the active parameters (6 x N_active x D).",
    runs: [
      {
        model: 'Switch-Base',
        hardware: 'Google TPU v3',
        ratio: 0.625,
        detail:
          'Switch-Base (capacity factor 1.0) 1,000 vs FLOP-matched dense T5-Base 1,600 examples/s on the same 32 TPU v3 cores',
        source: 'Fedus, Zoph & Shazeer, "Switch Transformers", JMLR 23 (2022), Table 1',
        url: 'https://arxiv.org/abs/2101.03961',
        year: 2022,
        license: 'CC-BY-4.0 (JMLR); figure cited',
      },
      {
        model: 'GLaM',
        hardware: 'Google TPU v4',
        ratio: 0.7107,
        detail:
          "GLaM (1.2T parameters, 96.6B active) utilisation 0.287 vs 0.4038, the engine's dense default for TPU v4 and later (partial pooling of the dense runs: PaLM 540B, UL2, Flan-PaLM, ViT-22B, AFM-on-device, AFM-server, with the other generations)",
        source: "Epoch AI, Notable AI Models, column 'Hardware utilization' (Du et al. 2022, GLaM)",
        url: 'https://epoch.ai/data/notable-ai-models',
        year: 2022,
        license: 'CC-BY-4.0',
      },
      {
        model: 'Switch',
        hardware: 'Google TPU v3',
        ratio: 0.7769,
        detail:
          "Switch-C 1.6T utilisation 0.2797 vs 0.36, the engine's dense default for TPU v2/v3 (partial pooling of the dense runs: BERT-Large, T5-11B, Meena, ViT-Huge/14, Gopher, LaMDA, with the other generations)",
        source: "Epoch AI, Notable AI Models, column 'Hardware utilization' (Patterson et al. 2021, Table 4)",
        url: 'https://epoch.ai/data/notable-ai-models',
        year: 2021,
        license: 'CC-BY-4.0',
      },
      {
        model: 'DeepSeek-V3',
        hardware: 'NVIDIA H800 SXM5',
        ratio: 0.7329,
        detail:
          "Epoch's utilisation 0.2244 is against an FP8 peak of 1,513 TFLOP/s: 0.343 of the BF16 dense peak (989), 0.264 after removing the Hopper FP8 speed-up (1.3x, this table), vs 0.3603, the engine's dense default for Hopper (partial pooling of the dense runs: Nemotron-4 340B, Llama 3.1-405B, EXAONE Deep 32B, with the other generations)",
        source: "Epoch AI, Notable AI Models, column 'Hardware utilization' (DeepSeek-AI 2024, DeepSeek-V3 technical report, §3)",
        url: 'https://epoch.ai/data/notable-ai-models',
        year: 2024,
        license: 'CC-BY-4.0',
      },
    ],
  },
};
