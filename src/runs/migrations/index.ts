import { Runs1764150006000 } from './1764150006000-Runs';
import { ReportBreakdown1764150013000 } from './1764150013000-ReportBreakdown';
import { RunReported1764150015000 } from './1764150015000-RunReported';

export const runsMigrations = [Runs1764150006000, ReportBreakdown1764150013000, RunReported1764150015000];
