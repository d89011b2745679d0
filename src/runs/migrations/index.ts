import { Runs1764150006000 } from './1764150006000-Runs';
import { ReportBreakdown1764150013000 } from './1764150013000-ReportBreakdown';

export const runsMigrations = [Runs1764150006000, ReportBreakdown1764150013000];
