import { Jobs1764150007000 } from './1764150007000-Jobs';

export const jobsMigrations = [Jobs1764150007000];
