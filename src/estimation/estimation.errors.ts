/** Domain errors of the estimation engine: a code enum and the status each code answers, never an HTTP type. */
import { CodedError } from '../common/errors/coded-error';

export enum EstimationErrorCode {
  /** The request is malformed or semantically invalid; `details` lists field paths (400). */
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  /** The sizing method needs a catalog device (compute-sized, or device-hours without powerW) (400). */
  HARDWARE_REQUIRED = 'HARDWARE_REQUIRED',
  /** Compute-sized work on a device with no peak FLOP/s for the precision or its fallbacks (422). */
  PEAK_FLOPS_UNKNOWN = 'PEAK_FLOPS_UNKNOWN',
  /** The device has no usable TDP and the request gives no powerW (422). */
  POWER_UNKNOWN = 'POWER_UNKNOWN',
  /** A comparison would produce more than 500 variants (400). */
  TOO_MANY_VARIANTS = 'TOO_MANY_VARIANTS',
  /** Serving: the weights and the batch's KV cache do not fit the given devices; `details` names the devices needed (400). */
  MODEL_DOES_NOT_FIT = 'MODEL_DOES_NOT_FIT',
}

export interface ErrorDetail {
  path: string;
  message: string;
}

export class EstimationError extends CodedError<EstimationErrorCode> {
  declare readonly details: ErrorDetail[];

  constructor(code: EstimationErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, message, details);
  }

  get status(): number {
    return estimationErrorStatus(this.code);
  }
}

export function isEstimationError(err: unknown): err is EstimationError {
  return err instanceof EstimationError;
}

/** The HTTP status per code (EstimationError.status); the table lives with the codes. */
export function estimationErrorStatus(code: EstimationErrorCode): number {
  switch (code) {
    case EstimationErrorCode.VALIDATION_FAILED:
    case EstimationErrorCode.HARDWARE_REQUIRED:
    case EstimationErrorCode.TOO_MANY_VARIANTS:
    case EstimationErrorCode.MODEL_DOES_NOT_FIT:
      return 400;
    case EstimationErrorCode.PEAK_FLOPS_UNKNOWN:
    case EstimationErrorCode.POWER_UNKNOWN:
      return 422;
    default: {
      const unreachable: never = code;
      throw new Error(`unhandled estimation error code ${String(unreachable)}`);
    }
  }
}
