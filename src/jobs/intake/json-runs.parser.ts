import { CommonError, CommonErrorCode } from '../../common/errors/common.errors';
import { validationFailed } from '../../common/errors/validation-errors';
import { type StagedRow, MAX_ROW_BYTES, stageJsonText, tooLarge } from './staged-row';

const enum C {
  QUOTE = 0x22,
  BACKSLASH = 0x5c,
  LBRACE = 0x7b,
  RBRACE = 0x7d,
  LBRACKET = 0x5b,
  RBRACKET = 0x5d,
  COMMA = 0x2c,
  COLON = 0x3a,
}

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function malformed(message: string): CommonError {
  return new CommonError(CommonErrorCode.MALFORMED_JSON, `The request body is not valid JSON: ${message}`);
}

type State =
  | 'start' // before the top-level `{`
  | 'key-or-end' // inside the top-level object, before a key or `}`
  | 'key' // inside a key string
  | 'colon'
  | 'value' // before a top-level value
  | 'skip' // inside a top-level value other than runs (scanned, not kept)
  | 'after-value' // after a top-level value: `,` or `}`
  | 'array' // inside runs, before an element or `]`
  | 'element' // inside an element of runs
  | 'after-element' // after an element: `,` or `]`
  | 'done';

/**
 * application/json `{ "runs": [ RunCreate, ... ] }`, streamed: a byte-level scanner finds the
 * elements of `runs` (tracking strings, escapes and nesting depth; structural characters are ASCII,
 * so UTF-8 sequences split across chunks are safe) and JSON.parses each element on its own. An
 * element that is delimited but not valid JSON is an error for that row; a body whose structure
 * breaks (unbalanced, truncated, not an object) is 400 MALFORMED_JSON; an unknown top-level field or
 * a `runs` that is not an array is 400 VALIDATION_FAILED. Memory: one element at a time.
 */
export async function* parseJsonRuns(source: AsyncIterable<Buffer>): AsyncGenerator<StagedRow[], void, undefined> {
  let state: State = 'start';
  let key: number[] = [];
  let keyEscape = false;
  let sawRuns = false;
  let sawAnyKey = false;
  // element / skipped value scanning
  let depth = 0;
  let inString = false;
  let escape = false;
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let elementStarted = false;
  let afterComma = false;
  let first = true;

  for await (const chunk of source) {
    const out: StagedRow[] = [];
    let i = 0;
    let elemStart = -1; // start of the current element inside this chunk
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3; // BOM
    }
    const n = chunk.length;
    if (state === 'element') elemStart = 0;
    const finishElement = (end: number) => {
      if (!oversized) {
        const piece = chunk.subarray(elemStart, end);
        parts.push(piece);
        size += piece.length;
      }
      if (oversized || size > MAX_ROW_BYTES) out.push(tooLarge());
      else out.push(stageJsonText((parts.length === 1 ? parts[0] : Buffer.concat(parts)).toString('utf8')));
      parts = [];
      size = 0;
      oversized = false;
      elemStart = -1;
      elementStarted = false;
    };
    while (i < n) {
      const b = chunk[i];
      switch (state) {
        case 'start':
          if (isSpace(b)) break;
          if (b !== C.LBRACE) throw malformed('expected an object `{ "runs": [...] }`');
          state = 'key-or-end';
          break;
        case 'key-or-end':
          if (isSpace(b)) break;
          if (b === C.RBRACE && !sawAnyKey) state = 'done';
          else if (b === C.QUOTE) {
            state = 'key';
            key = [];
            keyEscape = false;
          } else throw malformed('expected a field name');
          break;
        case 'key':
          if (keyEscape) keyEscape = false;
          else if (b === C.BACKSLASH) keyEscape = true;
          else if (b === C.QUOTE) {
            state = 'colon';
            break;
          }
          if (key.length < 256) key.push(b);
          break;
        case 'colon':
          if (isSpace(b)) break;
          if (b !== C.COLON) throw malformed('expected `:` after a field name');
          state = 'value';
          break;
        case 'value': {
          if (isSpace(b)) break;
          sawAnyKey = true;
          const name = Buffer.from(key).toString('utf8');
          if (name !== 'runs')
            throw validationFailed([
              { path: name, message: `unknown field '${name}': the body is { "runs": [RunCreate, ...] }` },
            ]);
          if (sawRuns) throw validationFailed([{ path: 'runs', message: 'runs is given twice' }]);
          if (b !== C.LBRACKET) throw validationFailed([{ path: 'runs', message: 'runs must be an array of RunCreate objects' }]);
          sawRuns = true;
          state = 'array';
          afterComma = false;
          break;
        }
        case 'array':
          if (isSpace(b)) break;
          if (b === C.RBRACKET) {
            if (afterComma) throw malformed('a trailing comma in runs');
            state = 'after-value';
            break;
          }
          if (b === C.COMMA) throw malformed('an empty element in runs');
          state = 'element';
          elementStarted = true;
          elemStart = i;
          depth = 0;
          inString = false;
          escape = false;
          continue; // rescan this byte as part of the element
        case 'element':
          if (inString) {
            if (escape) escape = false;
            else if (b === C.BACKSLASH) escape = true;
            else if (b === C.QUOTE) inString = false;
          } else if (b === C.QUOTE) inString = true;
          else if (b === C.LBRACE || b === C.LBRACKET) depth++;
          else if (b === C.RBRACE || b === C.RBRACKET) {
            if (depth === 0) {
              if (b === C.RBRACE) throw malformed('unbalanced `}` in runs');
              finishElement(i);
              state = 'array';
              afterComma = false;
              continue; // the `]` closes runs
            }
            depth--;
          } else if (b === C.COMMA && depth === 0) {
            finishElement(i);
            state = 'array';
            afterComma = true;
            break;
          }
          break;
        case 'after-value':
          if (isSpace(b)) break;
          if (b === C.COMMA) state = 'key-or-end';
          else if (b === C.RBRACE) state = 'done';
          else throw malformed('expected `,` or `}` after runs');
          break;
        case 'done':
          if (!isSpace(b)) throw malformed('unexpected data after the top-level object');
          break;
        default:
          break;
      }
      i++;
    }
    if (state === 'element' && elementStarted && elemStart !== -1) {
      // the element continues in the next chunk: keep (a copy of) its bytes unless it is too large already
      const piece = chunk.subarray(elemStart);
      size += piece.length;
      if (size > MAX_ROW_BYTES) {
        oversized = true;
        parts = [];
      } else if (!oversized) parts.push(Buffer.from(piece));
    }
    if (out.length) yield out;
  }
  const end = state as State;
  if (end === 'start') return; // empty body: no rows (the intake answers JOB_EMPTY)
  if (end !== 'done') throw malformed('the body ends before the top-level object is complete');
  if (!sawRuns) throw validationFailed([{ path: 'runs', message: 'runs is required: { "runs": [RunCreate, ...] }' }]);
}
