/** One point of a live signal, in the service's units (gCO2e/kWh at epoch ms `at`). */
export interface LivePoint {
  at: number;
  gPerKwh: number;
}

/** What the live providers answer for a zone and window (see LiveSignalsService.series). */
export interface LiveSeries {
  /** `electricitymaps` or `watttime` */
  provider: string;
  points: LivePoint[];
  /** when the oldest answer used was fetched from the provider (ISO 8601); null when nothing was fetched */
  fetchedAt: string | null;
  /** a label for the points' source, e.g. "Electricity Maps (live)" */
  source: string;
  /** failures and fallbacks, to be shown with the result */
  warnings: string[];
}
