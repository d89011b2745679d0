/**
 * Pure listing over the in-memory catalog: filters (kind, vendor, free-text q over names and aliases),
 * stable ordering by id and an opaque keyset cursor. No framework imports.
 */
import { normalizeHardwareName } from './hardware-matcher';
import type { HardwareKind, HardwareRecord } from './hardware.types';

export interface HardwareListFilters {
  kind?: HardwareKind | null;
  vendor?: string | null;
  q?: string | null;
  limit: number;
  /** The last id of the previous page (decoded cursor). */
  after?: string | null;
}

export interface HardwareListPage<T> {
  items: T[];
  /** The id of the last item when more rows follow, else null. */
  lastId: string | null;
}

/** Rows sorted by id (code-unit order, the order the cursor relies on) with their search text. */
export interface SearchableRows<T extends HardwareRecord> {
  rows: T[];
  text: string[];
}

function fold(s: string): string {
  return s.normalize('NFKD').toLowerCase();
}

/** Lowercase words of a free-text query ("A100 80GB" -> ["a100", "80gb"]). */
export function queryTokens(q: string): string[] {
  return fold(q)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/**
 * What `q` is matched against: id, name, vendor, family and aliases as written (lowercased) and as the
 * matcher's normalized keys, so "sxm4", "80gb" and "a100sxm4" all find "NVIDIA A100-SXM4-80GB".
 */
export function searchTextOf(row: HardwareRecord): string {
  const spellings = [row.id, row.name, row.vendor, row.family ?? '', ...row.aliases].filter((s) => s.length > 0);
  return [...spellings.map(fold), ...spellings.map(normalizeHardwareName)].join(' ');
}

export function makeSearchable<T extends HardwareRecord>(rows: T[]): SearchableRows<T> {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rows: sorted, text: sorted.map(searchTextOf) };
}

/** Index of the first row whose id sorts after `after`. */
function firstAfter<T extends HardwareRecord>(rows: T[], after: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].id <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One page of rows matching every filter (all q tokens must occur), ordered by id. */
export function listHardware<T extends HardwareRecord>(data: SearchableRows<T>, f: HardwareListFilters): HardwareListPage<T> {
  const vendor = f.vendor ? fold(f.vendor.trim()) : null;
  const tokens = f.q ? queryTokens(f.q) : [];
  const items: T[] = [];
  let more = false;
  for (let i = f.after ? firstAfter(data.rows, f.after) : 0; i < data.rows.length; i++) {
    const row = data.rows[i];
    if (f.kind && row.kind !== f.kind) continue;
    if (vendor && fold(row.vendor) !== vendor) continue;
    if (tokens.length > 0) {
      const text = data.text[i];
      if (!tokens.every((t) => text.includes(t))) continue;
    }
    if (items.length === f.limit) {
      more = true;
      break;
    }
    items.push(row);
  }
  return { items, lastId: more && items.length > 0 ? items[items.length - 1].id : null };
}

const CURSOR_PREFIX = 'hw1:';

/** Opaque cursor: base64url of the last sort key (the id). */
export function encodeCursor(lastId: string): string {
  return Buffer.from(CURSOR_PREFIX + lastId, 'utf8').toString('base64url');
}

/** The id inside a cursor, or null when the string is not a cursor this list produced. */
export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const id = text.slice(CURSOR_PREFIX.length);
  return id.length > 0 && id.length <= 200 && /^[\x21-\x7e]+$/.test(id) ? id : null;
}

/** A stable slug for an id: "NVIDIA" + "H200 NVL" -> "nvidia-h200-nvl". */
export function slugifyHardwareId(vendor: string, name: string): string {
  const v = fold(vendor).trim();
  const n = fold(name).trim();
  const base = n.startsWith(v) ? n : `${v} ${n}`;
  return base
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}
