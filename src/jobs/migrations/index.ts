import { Jobs1764150007000 } from './1764150007000-Jobs';
import { JobsIdempotency1764150010700 } from './1764150010700-JobsIdempotency';
import { JobsCancel1764150010800 } from './1764150010800-JobsCancel';

export const jobsMigrations = [Jobs1764150007000, JobsIdempotency1764150010700, JobsCancel1764150010800];
