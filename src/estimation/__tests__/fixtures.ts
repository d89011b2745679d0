/** Test factories: a fake EstimationContext with overridable hardware, intensity and PUE lookups. */
import type { EstimateRequest, EstimationContext, HardwareSpec, IntensityLookup, PueLookup } from '../estimation.types';

export function hardwareFactory(overrides: Partial<HardwareSpec> = {}): HardwareSpec {
  return {
    id: 'generic-accelerator',
    name: 'Generic accelerator',
    tdpW: 400,
    idleW: null,
    embodiedKgCo2e: null,
    peakTflops: { bf16: 312, fp16: 312, tf32: 156, fp32: 19.5 },
    kind: 'gpu',
    releaseYear: 2020,
    sources: [{ fields: ['tdpW', 'peakTflops'], name: 'test catalog', url: 'https://example.test', license: 'CC0' }],
    ...overrides,
  };
}

export const H100 = hardwareFactory({
  id: 'nvidia-h100-sxm5-80gb',
  name: 'NVIDIA H100 SXM5 80GB',
  tdpW: 700,
  idleW: null,
  embodiedKgCo2e: 150,
  peakTflops: { fp64: 67, fp32: 67, tf32: 494.7, fp16: 989.4, bf16: 989.4, fp8: 1978.9, int8: 1978.9 },
  releaseYear: 2022,
});
export const A100 = hardwareFactory({
  id: 'nvidia-a100-sxm4-80gb',
  name: 'NVIDIA A100 SXM4 80GB',
  tdpW: 400,
  idleW: 46,
  embodiedKgCo2e: 150,
  peakTflops: { fp64: 19.5, fp32: 19.5, tf32: 156, fp16: 312, bf16: 312, fp8: null, int8: 624 },
  releaseYear: 2020,
});
export const V100 = hardwareFactory({
  id: 'nvidia-v100-sxm2-32gb',
  name: 'NVIDIA V100 SXM2 32GB',
  tdpW: 300,
  idleW: 35,
  embodiedKgCo2e: null,
  peakTflops: { fp64: 7.8, fp32: 15.7, fp16: 125, bf16: null },
  releaseYear: 2017,
});
export const NO_PEAK = hardwareFactory({ id: 'mystery-chip', name: 'Mystery chip', peakTflops: {} });

export const ZONES: Record<string, { gPerKwh: number; range: [number, number]; year: number }> = {
  FR: { gPerKwh: 56, range: [30, 80], year: 2024 },
  PL: { gPerKwh: 660, range: [600, 750], year: 2024 },
  'CA-QC': { gPerKwh: 35, range: [2, 40], year: 2024 },
  'US-CAL-CISO': { gPerKwh: 230, range: [200, 260], year: 2024 },
};

export interface FakeContextOptions {
  hardware?: Record<string, HardwareSpec>;
  /** When true, any unknown ref resolves to a generic spec (as the published validation cases need). */
  genericHardware?: boolean;
  pue?: Record<string, PueLookup>;
}

export class FakeNotFound extends Error {
  readonly code = 'HARDWARE_NOT_FOUND';
  readonly details = [{ path: 'hardware.ref', message: 'unknown hardware' }];
}

export function makeContext(opts: FakeContextOptions = {}): EstimationContext {
  const catalog: Record<string, HardwareSpec> = {
    [H100.id]: H100,
    [A100.id]: A100,
    [V100.id]: V100,
    [NO_PEAK.id]: NO_PEAK,
    ...(opts.hardware ?? {}),
  };
  const pue: Record<string, PueLookup> = {
    gcp: { value: 1.1, low: 1.07, high: 1.13, source: 'test: gcp default' },
    unknown: { value: 1.56, low: 1.2, high: 1.8, source: 'test: unknown data centre' },
    ...(opts.pue ?? {}),
  };
  return {
    dataVersion: 'test-2025.1',
    resolveHardware(ref: string) {
      const hit = catalog[ref];
      if (hit) return { hardware: hit, warnings: [] };
      if (opts.genericHardware) return { hardware: hardwareFactory({ id: ref, name: ref }), warnings: [] };
      throw new FakeNotFound(`hardware ${ref} not found`);
    },
    resolveIntensity(loc): IntensityLookup {
      if (loc.gPerKwh !== undefined) {
        return {
          zone: null,
          year: loc.year ?? null,
          gPerKwh: loc.gPerKwh,
          signal: 'average',
          source: 'request',
          range: [loc.gPerKwh, loc.gPerKwh],
          warnings: [],
          resolvedFrom: 'request',
        };
      }
      const code = loc.zone ?? (loc.provider === 'gcp' && loc.region === 'europe-west1' ? 'FR' : 'US-CAL-CISO');
      const z = ZONES[code];
      if (!z) throw Object.assign(new Error(`zone ${code} not found`), { code: 'ZONE_NOT_FOUND', details: [] });
      return {
        zone: code,
        year: z.year,
        gPerKwh: z.gPerKwh,
        signal: 'average',
        source: 'test grid data',
        range: z.range,
        warnings: [],
        resolvedFrom: loc.zone ? `zone ${code}` : `${loc.provider}/${loc.region}`,
      };
    },
    resolvePue(provider: string | null): PueLookup {
      return (provider && pue[provider]) || pue.unknown;
    },
  };
}

export function requestFactory(overrides: Partial<EstimateRequest> = {}): EstimateRequest {
  return {
    workload: 'training',
    hardware: { ref: A100.id, count: 8 },
    acceleratorHours: 1000,
    location: { gPerKwh: 400 },
    pue: 1.2,
    ...overrides,
  };
}
