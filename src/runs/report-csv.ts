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

/** One row per group (the totals alone when there is no groupBy), with a header row. */
export function reportToCsv(report: ReportModel): string {
  const header = [...report.groupBy, 'runs', 'acceleratorHours', 'energyKwh', 'co2eKg'];
  const rows = report.groupBy.length === 0 ? [{ ...report.totals, key: {} as Record<string, string | null> }] : report.groups;
  const lines = [header.map(csvCell).join(',')];
  for (const g of rows) {
    lines.push(
      [...report.groupBy.map((d) => csvCell(g.key[d] ?? null)), g.runs, g.acceleratorHours, g.energyKwh, g.co2eKg]
        .map((v) => (typeof v === 'number' ? csvCell(v) : v))
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
