import { CommonError } from '../../common/errors/common.errors';
import { MAX_SERIES_POINTS, parseSeriesCsv, parseSeriesJson } from './series-import';

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
});
