import { csvCell, reportToCsv } from './report-csv';
import { canonicalJson, decodeCursor, encodeCursor } from './runs.util';

describe('report CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1+1', "'-1+1"],
    [null, ''],
    [-2.5, '-2.5'],
    [1e-7, '1e-7'],
  ])('cell %j -> %j', (value, expected) => {
    expect(csvCell(value as string | number | null)).toBe(expected);
  });

  it('writes a header and one line per group, CRLF-terminated', () => {
    const csv = reportToCsv({
      groupBy: ['team', 'month'],
      groups: [{ key: { team: 'a,b', month: '2026-01' }, runs: 2, acceleratorHours: 1.5, energyKwh: 3, co2eKg: 0.25 }],
      totals: { runs: 2, acceleratorHours: 1.5, energyKwh: 3, co2eKg: 0.25 },
    });
    expect(csv).toBe('team,month,runs,acceleratorHours,energyKwh,co2eKg\r\n"a,b",2026-01,2,1.5,3,0.25\r\n');
  });
});

describe('runs utilities', () => {
  it('round-trips cursors and rejects forged ones', () => {
    const c = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: '0b0e4a5e-8d5f-4a43-9a1e-0f2d7c6b5a49' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(() => decodeCursor('bm9wZQ')).toThrow();
  });

  it('hashes bodies independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 2, f: 1 }] }, b: 1 }),
    );
  });
});

describe('csvCell formula escaping', () => {
  it.each([
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    '\n=1',
    ' =1+1',
    '|cmd',
    '\uFF1D1+1',
    '\uFF0B1',
    '\uFF0D1',
    '\uFF201',
  ])('prefixes %j with an apostrophe', (v) => {
    const cell = csvCell(v);
    expect(cell.replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('leaves ordinary text and numbers alone', () => {
    expect(csvCell('project-a')).toBe('project-a');
    expect(csvCell(-1.5)).toBe('-1.5');
  });
});
