/**
 * Fuzzy "did you mean" ranking shared by the catalogs (hardware, models): close matches for an unknown
 * name among normalized spellings, best first. Pure; callers normalize keys their own way.
 * Score in 0..1: 0.4 x trigram Dice + 0.4 x edit-distance similarity + 0.2 x shared-prefix share (of the
 * shorter key), so "RTX 4090 Ti" ranks "RTX 4090" above "RTX 3090 Ti".
 */

export interface Suggestion {
  id: string;
  name: string;
  score: number;
}

/** One spelling of one row, with its trigrams computed once. */
export interface SuggestEntry {
  key: string;
  grams: Set<string>;
  id: string;
  name: string;
}

export function suggestEntry(key: string, id: string, name: string): SuggestEntry {
  return { key, grams: trigrams(key), id, name };
}

/** The best `limit` rows (one entry per id) for a normalized key. */
export function rankSuggestions(key: string, entries: readonly SuggestEntry[], limit = 5): Suggestion[] {
  if (!key || limit <= 0) return [];
  const grams = trigrams(key);
  // Cheap terms first; the edit distance is bounded by the length difference, so entries are visited in
  // order of that upper bound and the scan stops once no remaining entry can enter the top `limit` rows.
  const candidates = entries.map((entry) => {
    const cheap = 0.4 * dice(grams, entry.grams) + 0.2 * (commonPrefix(key, entry.key) / Math.min(key.length, entry.key.length));
    const levUpper = 1 - Math.abs(entry.key.length - key.length) / Math.max(key.length, entry.key.length);
    return { entry, cheap, upper: cheap + 0.4 * levUpper };
  });
  candidates.sort((x, y) => y.upper - x.upper);
  // The running top `limit` (one entry per row id, best score first); kept small so each step is cheap.
  const top: Suggestion[] = [];
  const byScoreThenId = (a: Suggestion, b: Suggestion) => b.score - a.score || a.id.localeCompare(b.id);
  let floor = 0;
  for (const { entry, cheap, upper } of candidates) {
    if (upper <= floor) break;
    const lev = 1 - levenshtein(key, entry.key) / Math.max(key.length, entry.key.length);
    const score = Math.round((cheap + 0.4 * lev) * 1000) / 1000;
    if (score <= 0 || (top.length >= limit && score < floor)) continue;
    const i = top.findIndex((t) => t.id === entry.id);
    if (i >= 0) {
      if (top[i].score >= score) continue;
      top.splice(i, 1);
    }
    top.push({ id: entry.id, name: entry.name, score });
    top.sort(byScoreThenId);
    if (top.length > limit) top.length = limit;
    if (top.length >= limit) floor = top[limit - 1].score;
  }
  return top;
}

function trigrams(s: string): Set<string> {
  const padded = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// Two reusable rows: suggest() runs one edit distance per catalog key, so no allocation per call.
let levPrev = new Int32Array(64);
let levCur = new Int32Array(64);

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (levPrev.length <= b.length) {
    levPrev = new Int32Array(b.length + 1);
    levCur = new Int32Array(b.length + 1);
  }
  let prev = levPrev;
  let cur = levCur;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}
