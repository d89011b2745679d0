import type { ValidationError } from 'class-validator';
import { CommonError, CommonErrorCode, type ErrorDetail } from './common.errors';

/** Flattens class-validator's tree into `{ path, message }` pairs with dotted paths (`hardware.count`, `items.3.hours`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({ path, message: humanize(message, path, e.property) });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

function humanize(message: string, path: string, property: string): string {
  if (message.startsWith(`property ${property} should not exist`)) return `unknown field '${path}'`;
  // class-validator prefixes messages with the bare property name; show the full path instead.
  return message.startsWith(`${property} `) ? `${path} ${message.slice(property.length + 1)}` : message;
}

export function validationFailed(details: ErrorDetail[], message = 'The request is invalid.'): CommonError {
  return new CommonError(CommonErrorCode.VALIDATION_FAILED, message, details);
}
