import { chunkRows, MIN_CHUNK_ROWS } from './jobs-queue';

describe('chunkRows: progress moves at least every 1% (or in sub-second steps for small jobs)', () => {
  it.each([
    [1_000_000, 2000, 2000], // 0.2% steps: JOBS_CHUNK_SIZE caps it
    [200_000, 2000, 2000], // exactly 1%
    [100_000, 2000, 1000], // 1% instead of 2% (the 2,000-row steps issue 15 reported)
    [12_345, 2000, 124], // ceil(1%)
    [1000, 2000, MIN_CHUNK_ROWS], // 5% steps of ~25 ms each
    [7, 2000, MIN_CHUNK_ROWS],
    [100_000, 4, 4], // a smaller JOBS_CHUNK_SIZE always wins
    [1, 1, 1],
  ])('%d rows, JOBS_CHUNK_SIZE %d: %d rows per chunk', (total, max, expected) => {
    expect(chunkRows(total, max)).toBe(expected);
  });

  it('never makes a chunk over 1% of a job large enough to have MIN_CHUNK_ROWS-row percents', () => {
    for (const total of [5000, 10_001, 99_999, 150_000, 200_001, 999_999]) {
      expect(chunkRows(total, 2000)).toBeLessThanOrEqual(Math.ceil(total / 100));
    }
  });
});
