import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, validationFailed } from '../errors/validation-errors';

/**
 * The one global pipe: unknown fields are rejected, values are converted to their declared types,
 * and every failure is a 400 VALIDATION_FAILED listing `{ path, message }` per field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
