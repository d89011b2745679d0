/**
 * Documented defaults for figures a custom (admin-created) catalog entry may omit. The same rules the
 * curated seed applies (seed/NOTICE-hardware.md#defaults), so custom rows and seed rows agree.
 */
import type { HardwareKind, HardwareSource } from './hardware.types';

/** Idle power as a share of TDP: CPUs 0.25 (CCF SPECpower median), everything else 0.11 (CCF per-GPU idle/max). */
export function defaultIdleW(kind: HardwareKind, tdpW: number): number {
  const ratio = kind === 'cpu' ? 0.25 : 0.11;
  return Math.round(tdpW * ratio * 10) / 10;
}

/** Embodied emissions per device, kgCO2e: CPUs 100, GPUs/TPUs/other accelerators 150 (CCF). */
export function defaultEmbodiedKgCo2e(kind: HardwareKind): number {
  return kind === 'cpu' ? 100 : 150;
}

/** The source entry recorded for fields filled by the defaults above. */
export function defaultsSource(kind: HardwareKind, fields: string[]): HardwareSource {
  return {
    fields,
    name: 'ai-emissions-api default',
    url: 'seed/NOTICE-hardware.md#defaults',
    license: 'Apache-2.0',
    note:
      kind === 'cpu'
        ? 'idleW = 0.25 x TDP (median CCF CPU min/max watts ratio); embodiedKgCo2e = 100 (CCF: 100 kgCO2e per CPU)'
        : 'idleW = 0.11 x TDP (CCF per-GPU idle/max ratio); embodiedKgCo2e = 150 (CCF: 150 kgCO2e per GPU)',
  };
}
