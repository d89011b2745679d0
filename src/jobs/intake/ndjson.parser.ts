import { type StagedRow, MAX_ROW_BYTES, stageJsonText, tooLarge } from './staged-row';

/**
 * application/x-ndjson: one RunCreate per line (`\n` or `\r\n`). Blank lines are skipped and not
 * numbered; a line that is not a JSON object becomes an error for that row and the others go on.
 * Lines are cut from the byte stream (never the whole body in memory); a line over MAX_ROW_BYTES is
 * skipped to its end and reported as ROW_TOO_LARGE.
 */
export async function* parseNdjson(source: AsyncIterable<Buffer>): AsyncGenerator<StagedRow[], void, undefined> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversized = false;
  const lineOf = (parts: Buffer[]) => (parts.length === 1 ? parts[0] : Buffer.concat(parts)).toString('utf8');
  const emit = (text: string, out: StagedRow[]) => {
    if (text.trim() === '') return;
    out.push(stageJsonText(text));
  };
  for await (const chunk of source) {
    const out: StagedRow[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      const piece = chunk.subarray(start, nl);
      if (oversized || pendingBytes + piece.length > MAX_ROW_BYTES) {
        out.push(tooLarge());
      } else if (pending.length) {
        pending.push(piece);
        emit(lineOf(pending), out);
      } else {
        emit(piece.toString('utf8'), out);
      }
      pending = [];
      pendingBytes = 0;
      oversized = false;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (!oversized) {
        pendingBytes += rest.length;
        if (pendingBytes > MAX_ROW_BYTES) {
          oversized = true;
          pending = [];
        } else {
          pending.push(Buffer.from(rest)); // copy: the source may reuse its buffer
        }
      }
    }
    if (out.length) yield out;
  }
  if (oversized) yield [tooLarge()];
  else if (pending.length) {
    const out: StagedRow[] = [];
    emit(lineOf(pending), out);
    if (out.length) yield out;
  }
}
