/**
 * Pure model-name resolution and listing: a catalog id, a Hugging Face id ("meta-llama/Llama-3.1-8B-Instruct")
 * or an alias, case- and punctuation-insensitive; unknown names get close matches from the fuzzy ranking the
 * hardware catalog uses (common/fuzzy). No framework imports.
 */
import { rankSuggestions, suggestEntry, type SuggestEntry, type Suggestion } from '../../common/fuzzy/suggest';
import type { ModelRecord } from './model.types';

/** Case- and punctuation-insensitive key: "meta-llama/Llama-3.1-8B-Instruct" -> "metallama/llama3.1_8binstruct"-like tokens joined. */
export function normalizeModelName(s: string): string {
  const tokens = s
    .normalize('NFKD')
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter((t) => t.length > 0);
  let out = '';
  for (const tok of tokens) {
    if (out.length > 0 && /[\d.]$/.test(out) && /^[\d.]/.test(tok)) out += '_';
    out += tok;
  }
  return out;
}

/** The Hugging Face repository name without its organisation ("Llama-3.1-8B-Instruct"). */
const repoName = (hfId: string): string => hfId.slice(hfId.indexOf('/') + 1);

export class ModelIndexError extends Error {
  constructor(readonly problems: string[]) {
    super(`model catalog is inconsistent:\n- ${problems.join('\n- ')}`);
    this.name = 'ModelIndexError';
  }
}

export interface ModelListFilters {
  q?: string | null;
  family?: string | null;
  limit: number;
  after?: string | null;
}

export class ModelIndex<T extends ModelRecord = ModelRecord> {
  private readonly byKey = new Map<string, T>();
  private readonly sorted: T[];
  private readonly search = new Map<string, string>();
  private suggestEntries: SuggestEntry[] | null = null;

  constructor(rows: T[]) {
    const problems: string[] = [];
    for (const row of rows) {
      const spellings = [row.id, row.name, ...row.aliases];
      if (row.huggingFaceId) spellings.push(row.huggingFaceId, repoName(row.huggingFaceId));
      for (const spelling of spellings) {
        const key = normalizeModelName(spelling);
        if (!key) continue;
        const other = this.byKey.get(key);
        if (other && other !== row) {
          // a repository name shared by two organisations' models is not a conflict of ids: the first keeps it
          if (row.huggingFaceId && spelling === repoName(row.huggingFaceId) && spelling !== row.huggingFaceId) continue;
          problems.push(`"${spelling}" names both ${other.id} and ${row.id}`);
          continue;
        }
        this.byKey.set(key, row);
      }
      this.search.set(row.id, spellings.concat(row.family, row.vendor).map(normalizeModelName).join(' '));
    }
    if (problems.length > 0) throw new ModelIndexError(problems);
    this.sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get size(): number {
    return this.sorted.length;
  }

  resolve(ref: string): T | null {
    return this.byKey.get(normalizeModelName(ref)) ?? null;
  }

  suggest(ref: string, limit = 5): Suggestion[] {
    if (!this.suggestEntries) {
      this.suggestEntries = [...this.byKey].map(([key, row]) => suggestEntry(key, row.id, row.name));
    }
    return rankSuggestions(normalizeModelName(ref), this.suggestEntries, limit);
  }

  /** Rows ordered by id after `after`, filtered by family (exact, case-insensitive) and words of q (all must occur). */
  list(f: ModelListFilters): { items: T[]; lastId: string | null } {
    const words = (f.q ?? '')
      .split(/\s+/)
      .map(normalizeModelName)
      .filter((w) => w.length > 0);
    const family = f.family ? f.family.toLowerCase() : null;
    const items: T[] = [];
    let more = false;
    for (const row of this.sorted) {
      if (f.after && row.id <= f.after) continue;
      if (family && row.family.toLowerCase() !== family) continue;
      if (words.length > 0) {
        const text = this.search.get(row.id)!;
        if (!words.every((w) => text.includes(w))) continue;
      }
      if (items.length === f.limit) {
        more = true;
        break;
      }
      items.push(row);
    }
    return { items, lastId: more ? items[items.length - 1].id : null };
  }
}
