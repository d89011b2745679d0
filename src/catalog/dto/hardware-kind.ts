import { registerEnumType } from '@nestjs/graphql';
import type { HardwareKind } from '../domain/hardware.types';

export const HARDWARE_KINDS: readonly HardwareKind[] = ['gpu', 'tpu', 'cpu', 'accelerator'];

/** GraphQL enum `HardwareKind` (values as in REST: gpu, tpu, cpu, accelerator). */
export const HardwareKindEnum: { [K in HardwareKind]: K } = { gpu: 'gpu', tpu: 'tpu', cpu: 'cpu', accelerator: 'accelerator' };

registerEnumType(HardwareKindEnum, {
  name: 'HardwareKind',
  description: 'gpu, tpu, cpu or accelerator (NPUs, Gaudi, Trainium, ...).',
  valuesMap: {
    gpu: { description: 'A graphics processing unit (NVIDIA, AMD, Intel data-centre GPUs).' },
    tpu: { description: 'A Google Tensor Processing Unit.' },
    cpu: { description: 'A general-purpose processor (CPU-only workloads, or the host of a server).' },
    accelerator: { description: 'Any other AI accelerator: NPUs, Intel Gaudi, AWS Trainium and Inferentia, ...' },
  },
});
