import type { ReportModel } from './models/report.model';

/**
 * RFC 4180 CSV: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled.
 * Text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP "CSV
 * injection"): starting with =, +, -, @, tab, CR, LF, a space (spreadsheets skip it, then see the
 * formula), | (DDE in older Excel) or the full-width forms ＝ ＋ － ＠ (read as their ASCII forms by
 * some spreadsheets). Numbers are written as JavaScript prints them.
 */
const FORMULA_START = /^[=+\-@\t\r\n |\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Column names with their units, as a spreadsheet user reads them (snake_case, unit last). */
const DIMENSION_HEADER: Record<string, string> = { hardware: 'hardware_id', zone: 'zone' };
const NAME_HEADER: Record<string, string> = { hardware: 'hardware_name', zone: 'zone_name' };
export const REPORT_CSV_FIGURES = [
  ['runs', 'runs'],
  ['acceleratorHours', 'accelerator_hours'],
  ['energyKwh', 'energy_kwh'],
  ['co2eKg', 'co2e_kg'],
  ['operationalCo2eKg', 'operational_co2e_kg'],
  ['embodiedCo2eKg', 'embodied_co2e_kg'],
  ['waterL', 'water_l'],
] as const;

export interface ReportCsvOptions {
  /** Decimal places of every figure (the JSON keeps full precision). */
  decimals: number;
  /** A last row with the totals ('TOTAL' in the first column). */
  totals: boolean;
}

/** A figure rounded to `decimals` places, written without exponent or trailing zeros ("-0" becomes "0"). */
export function roundedCell(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * One row per group (the totals alone when there is no groupBy), with a header row whose names carry
 * their units; the hardware and zone columns get their display names beside the ids.
 */
export function reportToCsv(report: ReportModel, options: ReportCsvOptions = { decimals: 3, totals: false }): string {
  const dimensionColumns = report.groupBy.flatMap((d) => (NAME_HEADER[d] ? [d, `${d}:name`] : [d]));
  const header = [
    ...dimensionColumns.map((c) => (c.endsWith(':name') ? NAME_HEADER[c.slice(0, -5)] : (DIMENSION_HEADER[c] ?? c))),
    ...REPORT_CSV_FIGURES.map(([, h]) => h),
  ];
  const figures = (g: ReportModel['totals']) =>
    REPORT_CSV_FIGURES.map(([k]) => (k === 'runs' ? String(g.runs) : roundedCell(g[k], options.decimals)));
  const noGroups = report.groupBy.length === 0;
  const lines = [header.map(csvCell).join(',')];
  const rows = noGroups ? [] : report.groups;
  for (const g of rows) {
    const dims = dimensionColumns.map((c) => (c.endsWith(':name') ? (g.names?.[c.slice(0, -5)] ?? null) : (g.key[c] ?? null)));
    lines.push([...dims.map(csvCell), ...figures(g)].join(','));
  }
  if (noGroups || options.totals) {
    const label = noGroups ? [] : ['TOTAL', ...dimensionColumns.slice(1).map(() => '')];
    lines.push([...label, ...figures(report.totals)].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
