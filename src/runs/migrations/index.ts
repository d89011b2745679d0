import { Runs1764150006000 } from './1764150006000-Runs';

export const runsMigrations = [Runs1764150006000];
