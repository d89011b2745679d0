import { decodeErrorCursor, encodeErrorCursor } from '../../src/jobs/jobs.service';
import { decodeCursor } from '../../src/runs/runs.util';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

describe('cursors are validated before they reach the database', () => {
  it('job error cursors: round trip, and no integer beyond int4 (was a 500)', () => {
    expect(decodeErrorCursor(encodeErrorCursor(42))).toBe(42);
    expect(decodeErrorCursor(b64('row:2147483647'))).toBe(2147483647);
    for (const bad of [b64('row:2147483648'), b64('row:9999999999'), b64('row:-1'), b64('row:1e3'), 'garbage', '']) {
      expect(() => decodeErrorCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('run cursors: year 0000 and malformed ids refused', () => {
    expect(() => decodeCursor(b64('0000-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => decodeCursor(b64('2024-01-01T00:00:00.000Z|not-a-uuid-at-all-not-a-uuid-at-all1'))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
