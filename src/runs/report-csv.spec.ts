import { csvCell, reportToCsv, roundedCell } from './report-csv';
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

  const sums = { operationalCo2eKg: 0.2, embodiedCo2eKg: 0.05, waterL: 1.23456 };
  it('writes a header with units and one line per group, CRLF-terminated, numbers rounded', () => {
    const csv = reportToCsv({
      groupBy: ['team', 'month'],
      groups: [
        {
          key: { team: 'a,b', month: '2026-01' },
          names: {},
          runs: 2,
          acceleratorHours: 1.5,
          energyKwh: 3,
          co2eKg: 0.25,
          ...sums,
        },
      ],
      totals: { runs: 2, acceleratorHours: 1.5, energyKwh: 3, co2eKg: 0.25, ...sums },
    });
    expect(csv).toBe(
      'team,month,runs,accelerator_hours,energy_kwh,co2e_kg,operational_co2e_kg,embodied_co2e_kg,water_l\r\n' +
        '"a,b",2026-01,2,1.5,3,0.25,0.2,0.05,1.235\r\n',
    );
  });

  it('puts names next to hardware and zone ids, and a totals row on request', () => {
    const g = {
      runs: 1,
      acceleratorHours: 10,
      energyKwh: 1 / 3,
      co2eKg: 2 / 3,
      operationalCo2eKg: 0.5,
      embodiedCo2eKg: 1 / 6,
      waterL: 0,
    };
    const csv = reportToCsv(
      {
        groupBy: ['hardware', 'zone'],
        groups: [
          {
            key: { hardware: 'nvidia-h100-sxm5-80gb', zone: 'FR' },
            names: { hardware: 'NVIDIA H100 SXM5 80GB', zone: 'France' },
            ...g,
          },
        ],
        totals: g,
      },
      { decimals: 2, totals: true },
    );
    expect(csv.split('\r\n')).toEqual([
      'hardware_id,hardware_name,zone,zone_name,runs,accelerator_hours,energy_kwh,co2e_kg,operational_co2e_kg,embodied_co2e_kg,water_l',
      'nvidia-h100-sxm5-80gb,NVIDIA H100 SXM5 80GB,FR,France,1,10,0.33,0.67,0.5,0.17,0',
      'TOTAL,,,,1,10,0.33,0.67,0.5,0.17,0',
      '',
    ]);
  });

  it('writes the totals alone without groupBy', () => {
    const t = {
      runs: 3,
      acceleratorHours: 0,
      energyKwh: 1234.56789,
      co2eKg: 1e-9,
      operationalCo2eKg: -0,
      embodiedCo2eKg: 0,
      waterL: 0,
    };
    expect(reportToCsv({ groupBy: [], groups: [], totals: t }).split('\r\n')[1]).toBe('3,0,1234.568,0,0,0,0');
  });

  it.each([
    [1.23456, 3, '1.235'],
    [2, 3, '2'],
    [1e21, 0, '1e+21'],
    [-0.0001, 2, '0'],
    [123.4, 0, '123'],
  ])('rounds %p to %p places as %p', (v, d, out) => {
    expect(roundedCell(v, d)).toBe(out);
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
