/** The deepest nesting of arrays and objects a JSON body (or a job row) may have. */
export const MAX_JSON_DEPTH = 64;

export type JsonTextProblem = { kind: 'too-deep'; message: string } | { kind: 'bad-string'; message: string };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function hexDigit(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** The four hex digits of a `\\uXXXX` escape at `i`, or -1. */
function hex4(bytes: Uint8Array, i: number): number {
  let n = 0;
  for (let k = i; k < i + 4; k++) {
    const d = k < bytes.length ? hexDigit(bytes[k]) : -1;
    if (d < 0) return -1;
    n = n * 16 + d;
  }
  return n;
}

/**
 * One linear pass over JSON text, before anything walks the parsed value recursively (a 2,000-level
 * array overflowed the stack in a recursive copy): the nesting depth, and the strings' `\u0000` and
 * lone UTF-16 surrogate escapes, which PostgreSQL cannot store (text and jsonb refuse NUL; jsonb refuses
 * unpaired surrogates). Raw NUL and control characters are refused by JSON.parse itself; raw lone
 * surrogates cannot arrive in UTF-8. Returns the first problem, or null. Invalid JSON is left to JSON.parse.
 *
 * The pass reads the UTF-8 bytes (every character it looks for is ASCII), not the string: over a
 * request body of a few hundred KB decoded from the socket's buffers, a `charCodeAt` loop was seen to
 * take minutes under concurrent requests (the GraphQL abuse test), holding the event loop.
 */
export function scanJsonText(text: string | Uint8Array, maxDepth = MAX_JSON_DEPTH): JsonTextProblem | null {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let inString = false;
  let highPending = false; // the previous escape in this string was a high surrogate
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === QUOTE) {
        if (highPending) return loneSurrogate();
        inString = false;
      } else if (c === BACKSLASH) {
        if (i + 1 < n && bytes[i + 1] === 0x75 /* u */) {
          const unit = hex4(bytes, i + 2);
          if (unit === 0)
            return { kind: 'bad-string', message: 'A string contains a NUL character (\\u0000), which cannot be stored.' };
          const isHigh = unit >= 0xd800 && unit <= 0xdbff;
          const isLow = unit >= 0xdc00 && unit <= 0xdfff;
          if (isLow && !highPending) return loneSurrogate();
          if (highPending && !isLow) return loneSurrogate();
          highPending = isHigh;
          i += 5;
          continue;
        }
        if (highPending) return loneSurrogate();
        i += 1; // skip the escaped character
      } else if (highPending) {
        return loneSurrogate();
      }
    } else if (c === QUOTE) {
      inString = true;
      highPending = false;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return { kind: 'too-deep', message: `The JSON is nested deeper than ${maxDepth} levels.` };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return null;
}

function loneSurrogate(): JsonTextProblem {
  return {
    kind: 'bad-string',
    message: 'A string contains an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is not valid Unicode.',
  };
}

/** Whether a decoded string holds a NUL or an unpaired surrogate (query strings, path parameters, GraphQL literals). */
export function hasUnstorableCharacters(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Keys that are never a field of any request shape and that reach prototypes when copied naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FORBIDDEN_KEY_TEXT = /"(__proto__|constructor|prototype)"/;

/**
 * The path of the first `__proto__`, `constructor` or `prototype` key in JSON text (`a.b.0.constructor`),
 * or null. Only text that mentions one of them is parsed and walked (iteratively: call it after
 * scanJsonText has bounded the depth).
 */
export function forbiddenKeyPath(text: string): string | null {
  if (!FORBIDDEN_KEY_TEXT.test(text)) return null;
  let root: unknown;
  try {
    root = JSON.parse(text); // own properties, never the prototype, even for "__proto__"
  } catch {
    return null; // invalid JSON: the parser's own error
  }
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key) && !Array.isArray(value)) return child;
      stack.push({ value: (value as Record<string, unknown>)[key], path: child });
    }
  }
  return null;
}
