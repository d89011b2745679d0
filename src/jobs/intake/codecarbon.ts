import { codecarbonRun } from '../../runs/codecarbon';
import { JobRowErrorCode } from '../jobs.errors';
import { rowError, type StagedRow, stageValue } from './staged-row';

/** Each record of CodeCarbon's emissions.csv as a run (the mapping is the runs module's: src/runs/codecarbon.ts). */
export function codecarbonRowMapper(header: string[]): (cells: string[]) => StagedRow {
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  return (cells) => {
    if (cells.length !== header.length) {
      return rowError(JobRowErrorCode.MALFORMED_ROW, `the record has ${cells.length} fields; the header has ${header.length}`);
    }
    return stageValue(
      codecarbonRun((name) => {
        const i = index.get(name);
        return i === undefined ? '' : (cells[i] ?? '').trim();
      }),
    );
  };
}
