import { registerRestEnum } from '../../common/graphql/rest-enum';
import { BOUNDARIES, type EstimationMethod, MITIGATION_TYPES, PRECISIONS, WORKLOADS } from '../../estimation';

/**
 * The GraphQL enums of the estimate shapes. Their values are the engine's (and REST's) strings; a '-'
 * is written '_' in GraphQL (`fine_tuning`, `device_hours`, `early_stopping`, `renewable_match`).
 * Each value map is typed by the engine's union, so a value added there fails to compile here.
 */
export const ESTIMATION_METHODS: readonly EstimationMethod[] = ['device-hours', 'compute', 'energy', 'serving'];

export const EstimationMethodEnum = registerRestEnum('EstimationMethod', ESTIMATION_METHODS, 'How the work was sized.', {
  'device-hours': "From device-hours: `hours` x `hardware.count`, or `acceleratorHours`, at the devices' power.",
  compute:
    'From compute: `compute.flops`, or parameters x tokens (6ND training, 2ND inference), at a peak throughput and an MFU.',
  energy: 'From a measured IT energy (`energyKwh`); PUE is applied on top.',
  serving:
    'From `serving` (workload inference): prefill and memory-bound decode of a model on the devices, per request, batch and precision.',
});

export const WorkloadEnum = registerRestEnum('Workload', WORKLOADS, 'What the devices were doing.', {
  training: 'Pre-training a model (default); compute-sized work counts 6 FLOPs per parameter and token.',
  'fine-tuning': 'Further training of a trained model; compute-sized like training (6ND).',
  inference: 'Serving a model; compute-sized work counts 2 FLOPs per parameter and token.',
});

export const BoundaryEnum = registerRestEnum('Boundary', BOUNDARIES, 'Which equipment the energy covers.', {
  accelerators: 'The accelerators only (default).',
  server: 'The whole servers: the accelerators times a host factor (CPUs, memory, fans, network).',
});

export const PrecisionEnum = registerRestEnum(
  'Precision',
  PRECISIONS,
  "Numeric precision: compute-sized work runs at that precision's dense peak.",
  {
    fp64: 'IEEE double precision (64-bit).',
    fp32: 'IEEE single precision (32-bit).',
    tf32: 'NVIDIA TensorFloat-32 (19-bit tensor-core format).',
    fp16: 'IEEE half precision (16-bit).',
    bf16: 'bfloat16 (16-bit, fp32 exponent range); the default.',
    fp8: '8-bit floating point (E4M3/E5M2).',
    int8: '8-bit integer (peak in TOP/s).',
  },
);

export const MitigationTypeEnum = registerRestEnum(
  'MitigationType',
  MITIGATION_TYPES,
  'A what-if transformation (docs/methodology.md gives each formula).',
  {
    'early-stopping': 'Stop early: `fraction` of the work is kept.',
    precision: 'Run compute-sized work at another `precision` (its dense peak).',
    pruning: 'Remove a `fraction` of the parameters.',
    sparsity: 'Activate only `activeParameters` per token (mixture-of-experts).',
    distillation: 'Train a student of `studentParameters` on `tokens` from a teacher of `teacherParameters`.',
    'renewable-match':
      'Match a `fraction` of the energy with renewables: a separate market-based figure, never subtracted from the location-based one.',
  },
);
