/**
 * Device power curve, additive host power and per-product embodied figures (docs/methodology.md, "Power",
 * "Host", "Embodied"). Pure lookups over defaults.ts; the estimate combines them.
 */
import {
  DEFAULT_HOST_COMPONENTS,
  DEFAULT_HOST_LOAD,
  DEVICE_POWER_CLASSES,
  EMBODIED_PRODUCT_MULTIPLIERS,
  HOST_PROFILES,
  sigmaFromBand,
  type DefaultValue,
} from './defaults';
import type { HardwareSpec } from './estimation.types';

const label = (hw: HardwareSpec): string => `${hw.id} ${hw.name}`;

/** The power class of a device: TPUs have their own calibration, every other accelerator uses the GPU one. */
export function powerClassOf(hw: HardwareSpec | null): { id: 'gpu' | 'tpu'; value: DefaultValue & { calibration: string } } {
  const id = hw && (hw.kind === 'tpu' || /\btpu\b/i.test(label(hw))) ? 'tpu' : 'gpu';
  return { id, value: DEVICE_POWER_CLASSES[id] };
}

/** P(u, a) = idle + u x (a x tdp - idle), never below idle. */
export const devicePower = (tdpW: number, idleW: number, u: number, activeFraction: number): number =>
  idleW + u * Math.max(0, activeFraction * tdpW - idleW);

export interface HostPower {
  /** Host watts per accelerator at the central load. */
  wattsPerDevice: number;
  /** Log-space sigma of the host watts. */
  sigma: number;
  low: number;
  high: number;
  profile: string;
  source: string;
}

/** Host power added on per accelerator, from a known system profile or the component model. */
export function hostPowerFor(hw: HardwareSpec | null): HostPower {
  const load = DEFAULT_HOST_LOAD;
  const sigma = sigmaFromBand(load.low, load.high);
  const profile = hw ? HOST_PROFILES.find((p) => new RegExp(p.match, 'i').test(label(hw))) : undefined;
  if (profile) {
    const nameplate = (profile.systemMaxW - profile.devicesPerNode * profile.deviceTdpW) / profile.devicesPerNode;
    return {
      wattsPerDevice: load.value * nameplate,
      sigma,
      low: load.low * nameplate,
      high: load.high * nameplate,
      profile: profile.id,
      source: `${load.value} x ${nameplate} W non-GPU nameplate per device (${profile.source}); load share: ${load.source}`,
    };
  }
  const c = DEFAULT_HOST_COMPONENTS;
  const node = c.cpus * c.cpuTdpW * c.cpuUtilization + c.memoryGb * c.memoryWPerGb + c.fixedW;
  const perDevice = node / c.devicesPerNode;
  return {
    wattsPerDevice: perDevice,
    sigma,
    low: perDevice * (load.low / load.value),
    high: perDevice * (load.high / load.value),
    profile: 'components',
    source: `${+perDevice.toFixed(1)} W per device = (${c.cpus} x ${c.cpuTdpW} W x ${c.cpuUtilization} + ${c.memoryGb} GB x ${c.memoryWPerGb} W/GB + ${c.fixedW} W) / ${c.devicesPerNode}: ${c.source}`,
  };
}

/** Per-product multiplier of the catalog's per-device embodied figure (1 when none is published). */
export function embodiedMultiplierFor(hw: HardwareSpec): { multiplier: number; source: string | null } {
  const hit = EMBODIED_PRODUCT_MULTIPLIERS.find((m) => new RegExp(m.match, 'i').test(label(hw)));
  return hit ? { multiplier: hit.multiplier, source: hit.source } : { multiplier: 1, source: null };
}
