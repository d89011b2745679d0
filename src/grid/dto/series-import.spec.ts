import { CommonError } from '../../common/errors/common.errors';
import { Readable } from 'node:stream';
import { CommonErrorCode } from '../../common/errors/common.errors';
import { MAX_SERIES_POINTS, parseSeriesCsv, parseSeriesJson, readSeriesCsv } from './series-import';

function paths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CommonError);
    return ((e as CommonError).details as { path: string }[]).map((d) => d.path);
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe('series import parsing', () => {
  it.each([
    [
      'array',
      [
        { at: '2024-01-01T00:00:00Z', gPerKwh: 10 },
        { at: '2024-01-01T01:00:00+01:00', gPerKwh: 12 },
      ],
      2,
      1,
      12,
    ],
    ['object', { points: [{ at: '2024-01-01T00:00:00.000Z', gPerKwh: 0 }], signal: 'marginal' }, 1, 0, 0],
  ])('accepts the %s form, keeping the last of duplicate timestamps', (_, body, received, duplicates, first) => {
    const s = parseSeriesJson(body);
    expect(s.received).toBe(received);
    expect(s.duplicates).toBe(duplicates);
    expect(s.points[0].gPerKwh).toBe(first);
  });

  it.each([
    [[{ at: '2024-01-01', gPerKwh: 1 }], 'points.0.at'],
    [[{ at: '2024-01-01T00:00:00', gPerKwh: 1 }], 'points.0.at'],
    [[{ at: '1800-01-01T00:00:00Z', gPerKwh: 1 }], 'points.0.at'],
    [[{ at: '2024-02-30T00:00:00Z', gPerKwh: 1 }], 'points.0.at'],
    [[{ at: '2024-01-01T00:00:00Z', gPerKwh: 5001 }], 'points.0.gPerKwh'],
    [[{ at: '2024-01-01T00:00:00Z', gPerKwh: null }], 'points.0.gPerKwh'],
    [[{ at: '2024-01-01T00:00:00Z', gPerKwh: 1, x: 1 }], 'points.0.x'],
    [[null], 'points.0'],
    [[], 'points'],
    [{ points: [{ at: '2024-01-01T00:00:00Z', gPerKwh: 1 }], source: '' }, 'source'],
  ])('rejects %j at %s', (body, path) => {
    expect(paths(() => parseSeriesJson(body))).toContain(path);
  });

  it('reads CSV with a header in any column order and case', () => {
    const s = parseSeriesCsv('note,GPERKWH,At\nx,5.5,2024-01-01T00:00:00Z\ny,6,2024-01-01T01:00:00Z\n');
    expect(s.points.map((p) => p.gPerKwh)).toEqual([5.5, 6]);
  });

  it.each([
    ['at,gPerKwh\n"2024-01-01T00:00:00Z,5\n', 'body'],
    ['time,value\n2024-01-01T00:00:00Z,5\n', 'body'],
    ['at,gPerKwh\n2024-01-01T00:00:00Z,\n', 'points.0.gPerKwh'],
  ])('rejects CSV %j at %s', (csv, path) => {
    expect(paths(() => parseSeriesCsv(csv))).toContain(path);
  });

  it(`rejects more than ${MAX_SERIES_POINTS} points`, () => {
    const many = Array.from({ length: MAX_SERIES_POINTS + 1 }, () => ({ at: '2024-01-01T00:00:00Z', gPerKwh: 1 }));
    expect(paths(() => parseSeriesJson(many))).toEqual(['points']);
  });

  // Electricity Maps' hourly export, as its data portal publishes it (one zone, one year per file)
  const EM_HEADER =
    'Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),' +
    'Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method';
  const emRow = (at: string, direct: number, lca: number, zone = 'DE') =>
    `${at},Germany,Germany,${zone},${direct},${lca},55.1,49.2,entsoe.eu,false,`;

  it("reads Electricity Maps' hourly export: UTC times, the life-cycle column by default, direct on request", () => {
    const csv =
      [EM_HEADER, emRow('2024-01-01 00:00:00', 300.5, 350.25), emRow('2024-01-01 01:00:00', 280, 330)].join('\n') + '\n';
    const s = parseSeriesCsv(csv, { zone: 'DE' });
    expect(s.format).toBe('electricitymaps');
    expect(s.points).toEqual([
      { at: Date.UTC(2024, 0, 1, 0), gPerKwh: 350.25 },
      { at: Date.UTC(2024, 0, 1, 1), gPerKwh: 330 },
    ]);
    expect(s.defaultSource).toBe('Electricity Maps hourly export (life cycle)');
    const direct = parseSeriesCsv(csv, { zone: 'DE', emissionFactorType: 'direct' });
    expect(direct.points.map((p) => p.gPerKwh)).toEqual([300.5, 280]);
    expect(direct.defaultSource).toBe('Electricity Maps hourly export (direct)');
  });

  it('reads the earlier export header (Zone Id, LCA) and refuses a file of another zone with the line', () => {
    const old =
      'Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA)\n';
    expect(parseSeriesCsv(old + '2023-06-01 12:00:00,France,France,FR,20,40\n', { zone: 'FR' }).points[0].gPerKwh).toBe(40);
    try {
      parseSeriesCsv(old + '2023-06-01 12:00:00,France,France,FR,20,40\n2023-06-01 13:00:00,Spain,Spain,ES,20,40\n', {
        zone: 'FR',
      });
      throw new Error('expected an error');
    } catch (e) {
      expect((e as CommonError).details).toEqual([expect.objectContaining({ path: 'points.1.zone', line: 3 })]);
    }
  });

  it('reads a plain datetime,gPerKwh CSV (no time zone = UTC) and honours an explicit format', () => {
    const s = parseSeriesCsv('datetime,gPerKwh\n2024-03-01T00:00:00Z,100\n2024-03-01 01:00,90\n2024-03-01T03:00:00+02:00,80\n');
    expect(s.format).toBe('datetime');
    expect(s.points).toEqual([
      { at: Date.UTC(2024, 2, 1, 0), gPerKwh: 100 },
      { at: Date.UTC(2024, 2, 1, 1), gPerKwh: 80 }, // 03:00+02:00 is 01:00Z: the later row wins
    ]);
    expect(s.duplicates).toBe(1);
    expect(paths(() => parseSeriesCsv('at,gPerKwh\n2024-03-01T00:00:00Z,1\n', { format: 'datetime' }))).toEqual(['body']);
    expect(paths(() => parseSeriesCsv('datetime,gPerKwh\nyesterday,1\n2024-03-01T00:00:00Z,-1\n'))).toEqual([
      'points.0.at',
      'points.1.gPerKwh',
    ]);
  });

  it('reads a stream chunk by chunk with the same result, and stops at the body limit', async () => {
    const rows = Array.from({ length: 500 }, (_, h) => `${new Date(Date.UTC(2024, 0, 1, h)).toISOString()},${h % 7}`);
    const csv = 'at,gPerKwh\n' + rows.join('\n') + '\n';
    const chunks = csv.match(/[\s\S]{1,37}/g)!.map((c) => Buffer.from(c));
    const streamed = await readSeriesCsv(Readable.from(chunks), 1_000_000);
    expect(streamed).toEqual(parseSeriesCsv(csv));
    expect(streamed.points).toHaveLength(500);
    await expect(readSeriesCsv(Readable.from(chunks), 1000)).rejects.toMatchObject({ code: CommonErrorCode.PAYLOAD_TOO_LARGE });
    await expect(readSeriesCsv(Readable.from(['at,gPerKwh\n"2024-01-01T00:00:00Z,5\n']), 1000)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: 'body' })],
    });
  });
});
