/** Public surface of the estimation engine (pure TypeScript: no framework imports). */
export * from './estimation.types';
export {
  EstimationError,
  EstimationErrorCode,
  estimationErrorStatus,
  isEstimationError,
  type ErrorDetail,
} from './estimation.errors';
export { validateEstimateRequest, requestAccepted, SIZING_KEYS } from './validate';
export { estimate, sizingMethod } from './estimate';
export { schedule, SCHEDULE_LIMITS, type Schedule, type ScheduleInput, type ScheduleOption } from './schedule';
export { periodIntensity, workPeriod, type ResolvedPeriod } from './period-intensity';
export { compare, mergeRequest, pathToChanges, formatSweepValue } from './compare';
export { applyMitigations, type MitigatedRequest } from './mitigations';
export { computeEquivalents, EQUIVALENT_FACTORS } from './equivalents';
export { defaultMfu, resolvePeak, type PeakResolution } from './mfu';
export { DEFAULT_MFU_CALIBRATION } from './mfu-calibration.data';
export * as estimationDefaults from './defaults';
