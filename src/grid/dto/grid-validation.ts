/** Shared bounds of the grid inputs (REST query strings, bodies and GraphQL arguments). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;
/** gCO2e/kWh: the dirtiest grids are ~1,100 (lignite ~1,200 per plant); anything above 5,000 is a unit mistake. */
export const MAX_G_PER_KWH = 5000;
export const SIGNALS = ['average', 'marginal'] as const;
export const ZONE_KINDS = ['country', 'subnational', 'aggregate'] as const;
export const PROVIDER_PATTERN = /^[A-Za-z][A-Za-z0-9 _-]{0,39}$/;
/** ISO 8601 date-time with an explicit offset (`Z` or `+02:00`): a series timestamp is never local time. */
export const ISO_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
export const ISO_DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time with a time zone, e.g. 2024-06-01T12:00:00Z';

/** Parses an ISO date-time with offset; null when malformed, not a real date, or outside MIN_YEAR..MAX_YEAR. */
export function parseIsoDateTime(s: unknown): Date | null {
  if (typeof s !== 'string' || !ISO_DATE_TIME_PATTERN.test(s)) return null;
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) return null;
  // Date.parse rolls 2024-02-30 over to March: reject dates whose calendar day does not round-trip.
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  return new Date(ms);
}
