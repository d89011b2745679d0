import { Jobs1764150007000 } from './1764150007000-Jobs';
import { JobsIdempotency1764150010700 } from './1764150010700-JobsIdempotency';
import { JobsCancel1764150010800 } from './1764150010800-JobsCancel';
import { JobsExternalIds1764150016900 } from './1764150016900-JobsExternalIds';

export const jobsMigrations = [
  Jobs1764150007000,
  JobsIdempotency1764150010700,
  JobsCancel1764150010800,
  JobsExternalIds1764150016900,
];
