/**
 * Mitigations are documented transformations of a request, applied in the order given (docs/methodology.md):
 * - early-stopping {fraction}: the work kept: hours, acceleratorHours, energyKwh, compute.flops or compute.tokens x fraction.
 * - precision {precision}: compute-sized work runs in that precision; the engine scales its time by the measured end-to-end
 *   speed-up of the pair on the hardware's generation (training-efficiency.ts), not by the peak ratio; no effect on other
 *   sizing methods (warning).
 * - pruning {fraction, structured}: only structured pruning (whole channels, heads, layers: a smaller dense model) is
 *   credited: parameters (and activeParameters) x (1 - fraction), or compute.flops x (1 - fraction); compute-sized only.
 *   Unstructured pruning (the default) is not credited: dense GPU kernels do not run faster on scattered zeros (warning).
 * - sparsity {activeParameters}: sets compute.activeParameters (FLOPs use the active count); needs compute.parameters.
 *   A dense model made a mixture of experts also takes the mixture-of-experts MFU penalty (training-efficiency.ts).
 * - distillation {teacherParameters, studentParameters, tokens}: the work becomes
 *   FLOPs = 2 x Nt x D (teacher forward passes for soft targets) + 6 x Ns x D (student training), compute-sized;
 *   the teacher's own training is not counted (it is assumed to exist).
 * - renewable-match {fraction}: not a change of the work; reported as marketBasedCo2eKg, never subtracted from co2eKg.
 *   Several purchases add up (each is a share of the same consumption, GHG Protocol Scope 2 market-based method), capped at 100%.
 */
import { cloneData } from './clone';
import type { AppliedMitigation, ComputeRequest, EstimateRequest, Mitigation } from './estimation.types';

export interface MitigatedRequest {
  request: EstimateRequest;
  applied: AppliedMitigation[];
  /** Share of electricity matched by renewable purchases (their sum, capped at 1), or null when none was requested. */
  renewableFraction: number | null;
  /** The compute precision before the first precision mitigation (null: none applied; undefined precision = the default). */
  precisionFrom: { precision: ComputeRequest['precision'] } | null;
  /** True when a sparsity mitigation turned a dense compute request into a mixture of experts. */
  becameMoe: boolean;
  warnings: string[];
}

/** Why unstructured pruning is not credited (docs/methodology.md §7). */
export const UNSTRUCTURED_PRUNING_NOTE =
  'no effect: unstructured pruning is not credited: dense GPU kernels run scattered zeros at full cost (Hoefler et al. 2021, ' +
  '"Sparsity in Deep Learning", JMLR 22(241); Mishra et al. 2021, "Accelerating Sparse Deep Neural Networks", NVIDIA: fine-grained ' +
  'sparsity "does not outperform traditional dense models" on GPUs; their 2:4 workflow trains dense, then repeats training with the mask, ' +
  'so it speeds up inference, not training). Set structured: true for pruning that removes whole channels, heads or layers (a smaller dense model)';

const pct = (f: number): string => `${+(f * 100).toFixed(4)}%`;

function sizingOf(req: EstimateRequest): 'hours' | 'acceleratorHours' | 'compute' | 'energyKwh' | null {
  if (req.hours !== undefined) return 'hours';
  if (req.acceleratorHours !== undefined) return 'acceleratorHours';
  if (req.compute !== undefined) return 'compute';
  if (req.energyKwh !== undefined) return 'energyKwh';
  return null;
}

interface OneResult {
  applied: boolean;
  effect: string;
  renewable?: number;
  precisionFrom?: ComputeRequest['precision'];
  becameMoe?: boolean;
}

function applyOne(req: EstimateRequest, m: Mitigation): OneResult {
  const sizing = sizingOf(req);
  const compute: ComputeRequest | undefined = req.compute;
  switch (m.type) {
    case 'early-stopping': {
      const f = m.fraction;
      if (sizing === 'hours') req.hours = req.hours! * f;
      else if (sizing === 'acceleratorHours') req.acceleratorHours = req.acceleratorHours! * f;
      else if (sizing === 'energyKwh') req.energyKwh = req.energyKwh! * f;
      else if (compute && compute.flops !== undefined && compute.flops !== null) compute.flops *= f;
      else if (compute && compute.tokens !== undefined && compute.tokens !== null) compute.tokens *= f;
      else return { applied: false, effect: 'no sizing to scale' };
      return { applied: true, effect: `work scaled to ${pct(f)} (${sizing === 'compute' ? 'compute' : sizing})` };
    }
    case 'precision': {
      if (!compute) {
        return {
          applied: false,
          effect: `no effect: precision only changes compute-sized work (this request is sized by ${sizing})`,
        };
      }
      const from = compute.precision ?? undefined;
      compute.precision = m.precision;
      return {
        applied: true,
        effect: `runs in ${m.precision} instead of ${from ?? 'the default precision'}: time scaled by the measured end-to-end speed-up on this hardware generation (factors.compute.precisionSpeedup), not by the peak ratio`,
        precisionFrom: from,
      };
    }
    case 'pruning': {
      if (m.structured !== true) return { applied: false, effect: UNSTRUCTURED_PRUNING_NOTE };
      const keep = 1 - m.fraction;
      if (compute && compute.flops !== undefined && compute.flops !== null) {
        compute.flops *= keep;
        return { applied: true, effect: `FLOPs x ${keep} (${pct(m.fraction)} of parameters removed, structured)` };
      }
      if (compute && (compute.parameters ?? compute.activeParameters) !== undefined) {
        if (compute.parameters !== undefined && compute.parameters !== null) compute.parameters *= keep;
        if (compute.activeParameters !== undefined && compute.activeParameters !== null) compute.activeParameters *= keep;
        return { applied: true, effect: `parameters x ${keep} (${pct(m.fraction)} removed, structured)` };
      }
      return {
        applied: false,
        effect: `no effect: pruning only changes compute-sized work (this request is sized by ${sizing})`,
      };
    }
    case 'sparsity': {
      if (!compute || compute.parameters === undefined || compute.parameters === null) {
        return { applied: false, effect: 'no effect: sparsity needs compute.parameters and compute.tokens' };
      }
      if (m.activeParameters > compute.parameters) {
        return {
          applied: false,
          effect: `no effect: activeParameters ${m.activeParameters} exceeds parameters ${compute.parameters}`,
        };
      }
      const wasDense =
        compute.activeParameters === undefined ||
        compute.activeParameters === null ||
        compute.activeParameters >= compute.parameters;
      compute.activeParameters = m.activeParameters;
      const becameMoe = wasDense && m.activeParameters < compute.parameters;
      return {
        applied: true,
        effect: `FLOPs use ${m.activeParameters} active parameters of ${compute.parameters}${becameMoe ? '; the mixture-of-experts MFU penalty applies' : ''}`,
        becameMoe,
      };
    }
    case 'distillation': {
      const flops = 2 * m.teacherParameters * m.tokens + 6 * m.studentParameters * m.tokens;
      const next: ComputeRequest = { flops };
      if (compute?.mfu !== undefined && compute.mfu !== null) next.mfu = compute.mfu;
      if (compute?.precision !== undefined && compute.precision !== null) next.precision = compute.precision;
      delete req.hours;
      delete req.acceleratorHours;
      delete req.energyKwh;
      req.compute = next;
      if (req.workload === 'inference') req.workload = 'training';
      return {
        applied: true,
        effect: `work re-sized by compute: 2 x ${m.teacherParameters} x ${m.tokens} (teacher forward) + 6 x ${m.studentParameters} x ${m.tokens} (student training) = ${flops} FLOPs`,
      };
    }
    case 'renewable-match':
      return {
        applied: true,
        effect: `${pct(m.fraction)} of electricity matched: market-based figure reported separately`,
        renewable: m.fraction,
      };
    default: {
      const unreachable: never = m;
      throw new Error(`unknown mitigation ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Applies `req.mitigations` in order to a copy of the request (the returned request has no mitigations). */
export function applyMitigations(input: EstimateRequest): MitigatedRequest {
  // Most requests have none: no copy then (the validated request is the caller's own and has no key).
  const none = { applied: [], renewableFraction: null, precisionFrom: null, becameMoe: false, warnings: [] };
  if (input.mitigations === undefined) return { request: input, ...none };
  const { mitigations, ...rest } = input;
  const list = mitigations ?? [];
  if (list.length === 0) return { request: rest, ...none };
  const request: EstimateRequest = cloneData(rest);
  const applied: AppliedMitigation[] = [];
  const warnings: string[] = [];
  let matched: number | null = null;
  let precisionFrom: MitigatedRequest['precisionFrom'] = null;
  let becameMoe = false;
  for (const m of list) {
    const r = applyOne(request, m);
    applied.push({ type: m.type, applied: r.applied, effect: r.effect });
    if (!r.applied) warnings.push(`mitigation ${m.type}: ${r.effect}`);
    if (r.renewable !== undefined) matched = (matched ?? 0) + r.renewable;
    if (r.applied && m.type === 'precision' && precisionFrom === null) precisionFrom = { precision: r.precisionFrom };
    if (r.becameMoe) becameMoe = true;
    // a distillation re-sizes the work from scratch: earlier precision/sparsity changes no longer apply
    if (r.applied && m.type === 'distillation') {
      precisionFrom = null;
      becameMoe = false;
    }
  }
  if (matched !== null && matched > 1)
    warnings.push(`renewable-match: purchases add up to ${pct(matched)} of consumption; counted as 100%`);
  return {
    request,
    applied,
    renewableFraction: matched === null ? null : Math.min(1, matched),
    precisionFrom,
    becameMoe,
    warnings,
  };
}
