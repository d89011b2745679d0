/**
 * Pure hardware-name matcher: resolves what people actually type or what tools print
 * ("Tesla V100-SXM2-16GB", "NVIDIA H100 80GB HBM3", "TPU v3", "Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz")
 * to a catalog row. No framework imports; the index is built once and every resolve() is a few Map
 * lookups. Only suggest() scans.
 *
 * scripts/seed-data/build-hardware.ts imports normalizeHardwareName() to de-duplicate rows at build time,
 * so the seed is checked with the same keys this index uses.
 */
import { rankSuggestions, suggestEntry, type SuggestEntry } from '../../common/fuzzy/suggest';
import type { HardwareFamilies, HardwareRecord } from './hardware.types';

/**
 * Leading tokens that name a vendor or brand line and never distinguish two products. "Intel" and "AMD"
 * are deliberately kept: CodeCarbon lists an "Intel A100" CPU, which must not meet the A100 GPU family.
 */
const LEADING_NOISE = new Set(['nvidia', 'tesla', 'google', 'cloud', 'habana', 'amazon', 'aws']);
/** Tokens that /proc/cpuinfo and marketing add anywhere in a CPU name. */
const FILLER = new Set(['cpu', 'processor']);

/**
 * Case- and punctuation-insensitive key. Lowercases, drops (R)/(TM)/®/™, a trailing "@ 2.30GHz" clock,
 * "64-Core", "with Radeon Graphics", the words "CPU"/"Processor", and leading vendor words
 * ("NVIDIA", "Tesla", "Google", "Cloud", "Habana", "Amazon", "AWS"), then joins the alphanumeric tokens.
 *
 * Two tokens that meet digit-to-digit keep a "_" between them, so distinct products whose names differ
 * only by a separator do not collide ("Opteron X2 170" vs "Opteron X2170", "Celeron 2.20" vs
 * "Celeron 220"), while "A100-SXM4-80GB" and "A100 SXM4 80 GB" still meet ("a100sxm4_80gb").
 */
export function normalizeHardwareName(s: string): string {
  let t = s.normalize('NFKD').toLowerCase();
  t = t.replace(/\((?:r|tm)\)|[®™]/g, ' ');
  t = t.replace(/@.*$/, ' ');
  t = t.replace(/\bwith radeon\b.*$/, ' ');
  t = t.replace(/\b\d+[- ]cores?\b/g, ' ');
  const tokens = t.split(/[^a-z0-9]+/).filter((x) => x.length > 0 && !FILLER.has(x));
  let start = 0;
  while (start < tokens.length - 1 && LEADING_NOISE.has(tokens[start])) start++;
  let out = '';
  for (const tok of tokens.slice(start)) {
    if (out.length > 0 && /\d$/.test(out) && /^\d/.test(tok)) out += '_';
    out += tok;
  }
  return out;
}

export interface HardwareResolution {
  hardware: HardwareRecord;
  matchedBy: 'id' | 'alias' | 'family';
  /** Non-null only for family resolution. */
  resolvedFrom: { input: string; family?: string; defaultVariant?: string; alternatives?: string[] } | null;
  warnings: string[];
}

export type { Suggestion as HardwareSuggestion } from '../../common/fuzzy/suggest';
import type { Suggestion as HardwareSuggestion } from '../../common/fuzzy/suggest';

/** Thrown by the HardwareIndex constructor when the catalog is inconsistent (all problems at once). */
export class HardwareIndexError extends Error {
  constructor(readonly problems: string[]) {
    super(`hardware catalog is inconsistent:\n- ${problems.join('\n- ')}`);
    this.name = 'HardwareIndexError';
  }
}

interface FamilyEntry {
  family: string;
  defaultRow: HardwareRecord;
  why: string | null;
  alternatives: HardwareRecord[];
}

export class HardwareIndex {
  private readonly rows: HardwareRecord[];
  private readonly byId = new Map<string, HardwareRecord>();
  private readonly byKey = new Map<string, HardwareRecord>();
  private readonly byFamilyKey = new Map<string, FamilyEntry>();
  private suggestEntries: SuggestEntry[] | null = null;

  constructor(rows: HardwareRecord[], families: HardwareFamilies | Record<string, { default: string; why?: string }>) {
    const problems: string[] = [];
    this.rows = [...rows];

    for (const row of rows) {
      const idKey = row.id.toLowerCase();
      if (this.byId.has(idKey)) problems.push(`duplicate id ${row.id}`);
      this.byId.set(idKey, row);
    }

    // Every spelling of a row (id, name, aliases) -> that row; two rows may never share a key.
    for (const row of rows) {
      for (const spelling of [row.id, row.name, ...row.aliases]) {
        const key = normalizeHardwareName(spelling);
        if (!key) {
          problems.push(`${row.id}: spelling "${spelling}" normalizes to an empty key`);
          continue;
        }
        const other = this.byKey.get(key);
        if (other && other !== row) {
          problems.push(`key "${key}" (from "${spelling}") is claimed by both ${other.id} and ${row.id}`);
          continue;
        }
        this.byKey.set(key, row);
      }
    }

    // Families: members grouped by normalized family name.
    const members = new Map<string, { family: string; rows: HardwareRecord[] }>();
    for (const row of rows) {
      if (!row.family) continue;
      const key = normalizeHardwareName(row.family);
      const group = members.get(key) ?? { family: row.family, rows: [] };
      group.rows.push(row);
      members.set(key, group);
    }
    const declared = new Map<string, { family: string; default: string; why?: string }>();
    for (const [family, def] of Object.entries(families)) {
      declared.set(normalizeHardwareName(family), { family, ...def });
    }
    for (const [key, decl] of declared) {
      const group = members.get(key);
      const defaultRow = this.byId.get(decl.default.toLowerCase());
      if (!group) {
        problems.push(`family "${decl.family}" has no member rows`);
        continue;
      }
      if (!defaultRow) {
        problems.push(`family "${decl.family}": default ${decl.default} is not a catalog id`);
        continue;
      }
      if (!group.rows.includes(defaultRow)) {
        problems.push(`family "${decl.family}": default ${decl.default} is not a member (its family is ${defaultRow.family})`);
        continue;
      }
      this.addFamily(key, decl.family, defaultRow, decl.why ?? null, group.rows, problems);
    }
    for (const [key, group] of members) {
      if (declared.has(key)) continue;
      if (group.rows.length > 1) {
        problems.push(
          `family "${group.family}" has ${group.rows.length} variants (${group.rows.map((r) => r.id).join(', ')}) but no declared default`,
        );
        continue;
      }
      this.addFamily(key, group.family, group.rows[0], null, group.rows, problems);
    }

    if (problems.length > 0) throw new HardwareIndexError(problems);
  }

  private addFamily(
    key: string,
    family: string,
    defaultRow: HardwareRecord,
    why: string | null,
    rows: HardwareRecord[],
    problems: string[],
  ): void {
    const aliasRow = this.byKey.get(key);
    if (aliasRow) {
      // A family name that is also a row's spelling is only acceptable when it cannot be ambiguous.
      if (rows.length > 1) {
        problems.push(`family "${family}" (${rows.length} variants) is also a spelling of ${aliasRow.id}`);
      }
      return;
    }
    const alternatives = rows.filter((r) => r !== defaultRow).sort((a, b) => a.id.localeCompare(b.id));
    this.byFamilyKey.set(key, { family, defaultRow, why, alternatives });
  }

  all(): HardwareRecord[] {
    return [...this.rows];
  }

  resolve(ref: string): HardwareResolution | null {
    const input = ref.trim();
    if (!input) return null;
    const exact = this.byId.get(input.toLowerCase());
    if (exact) return { hardware: exact, matchedBy: 'id', resolvedFrom: null, warnings: [] };
    const key = normalizeHardwareName(input);
    if (!key) return null;
    const row = this.byKey.get(key);
    if (row) return { hardware: row, matchedBy: 'alias', resolvedFrom: null, warnings: [] };
    const fam = this.byFamilyKey.get(key);
    if (!fam) return null;
    const def = fam.defaultRow;
    const others = fam.alternatives.map((a) => `${a.id} (${a.name}, ${a.tdpW} W)`);
    const warning =
      `"${input}" is a family; used the default variant ${def.id} (${def.name}, ${def.tdpW} W).` +
      (others.length > 0 ? ` Other variants: ${others.join('; ')}.` : '') +
      (fam.why ? ` Why this default: ${fam.why.replace(/\.?$/, '.')}` : '') +
      ' Pass a variant id or its exact name to avoid this.';
    return {
      hardware: def,
      matchedBy: 'family',
      resolvedFrom: {
        input,
        family: fam.family,
        defaultVariant: def.id,
        alternatives: fam.alternatives.map((a) => a.id),
      },
      warnings: [warning],
    };
  }

  /**
   * Close matches for an unknown name, best first. Score in 0..1 over normalized spellings:
   * 0.4 x trigram Dice + 0.4 x edit-distance similarity + 0.2 x shared-prefix share (of the shorter key),
   * so "RTX 4090 Ti" ranks "RTX 4090" above "RTX 3090 Ti".
   */
  suggest(ref: string, limit = 5): HardwareSuggestion[] {
    return rankSuggestions(normalizeHardwareName(ref), this.getSuggestEntries(), limit);
  }

  private getSuggestEntries(): SuggestEntry[] {
    if (this.suggestEntries) return this.suggestEntries;
    const entries: SuggestEntry[] = [];
    for (const [key, row] of this.byKey) entries.push(suggestEntry(key, row.id, row.name));
    for (const [key, fam] of this.byFamilyKey) entries.push(suggestEntry(key, fam.defaultRow.id, fam.defaultRow.name));
    this.suggestEntries = entries;
    return entries;
  }
}
