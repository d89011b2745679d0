import { Runs1764150006000 } from './1764150006000-Runs';
import { ReportBreakdown1764150013000 } from './1764150013000-ReportBreakdown';
import { LeanRuns1764150014500 } from './1764150014500-LeanRuns';
import { RunReported1764150015000 } from './1764150015000-RunReported';
import { RunExternalId1764150017000 } from './1764150017000-RunExternalId';
import { RunEstimateJson1764150018000 } from './1764150018000-RunEstimateJson';

export const runsMigrations = [
  Runs1764150006000,
  ReportBreakdown1764150013000,
  LeanRuns1764150014500,
  RunReported1764150015000,
  RunExternalId1764150017000,
  RunEstimateJson1764150018000,
];
