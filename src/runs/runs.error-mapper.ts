import { codedErrorMapper } from '../common/errors/coded-error';
import { RunsError, runsErrorStatus } from './runs.errors';

/** Maps RunsError once for both transports (registered in common/errors/domain-error-mappers.ts). */
export const runsErrorMapper = codedErrorMapper(RunsError, runsErrorStatus);
