import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Lean run storage: the texts of a stored estimate (sources, licences, URLs, equivalents' units, the
 * warnings that explain a defaulted factor) are the same in every run of a data release, so they are
 * stored once, in `run_texts` (one row per distinct text, keyed by its SHA-256), and a stored estimate
 * holds a reference in their place: a string of TEXT_MARK followed by the text's id. Every other value
 * (figures, ids, zone, short strings, run-specific texts such as a FLOP formula) stays in the run.
 *
 * Lossless by construction: unpacking replaces exactly the strings that start with TEXT_MARK, and
 * packing always moves such a string to `run_texts` (whatever its key or length), so an estimate that
 * contained one still reads back as it was. Keys keep their (jsonb) order: only string values change.
 * The SQL functions run_texts_pack/run_texts_unpack (migration 1764150014500-LeanRuns) apply the same
 * format inside the database.
 */
export const TEXT_MARK = '\uE000';

/** Values under these keys (arrays pass their key to their elements) are release text. */
const TEXT_KEYS = new Set(['source', 'license', 'url', 'name', 'unit', 'warnings']);
/** Shorter texts stay in the run: a reference would not be much smaller. */
const MIN_TEXT_LENGTH = 16;

function isText(value: string, key: string | null): boolean {
  return value.startsWith(TEXT_MARK) || (key !== null && TEXT_KEYS.has(key) && value.length >= MIN_TEXT_LENGTH);
}

/** The texts of `value` that packing moves to run_texts. */
export function collectTexts(value: unknown, key: string | null = null, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (isText(value, key)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTexts(v, key, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectTexts(v, k, out);
  }
  return out;
}

/**
 * A copy of `value` with each text replaced by its reference. A text with no id in `ids` throws, or, given
 * `missing`, is collected there and left as it is (the caller stores it and packs again).
 */
export function packTexts(
  value: unknown,
  ids: ReadonlyMap<string, number>,
  key: string | null = null,
  missing?: Set<string>,
): unknown {
  if (typeof value === 'string') {
    if (!isText(value, key)) return value;
    const id = ids.get(value);
    if (id !== undefined) return TEXT_MARK + id;
    if (!missing) throw new Error('packTexts: a text has no id');
    missing.add(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => packTexts(v, ids, key, missing));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = packTexts((value as Record<string, unknown>)[k], ids, k, missing);
    return out;
  }
  return value;
}

/** The ids a packed value refers to. */
export function referencedTexts(value: unknown, out: Set<number> = new Set()): Set<number> {
  if (typeof value === 'string') {
    if (value.startsWith(TEXT_MARK)) out.add(Number(value.slice(1)));
  } else if (Array.isArray(value)) {
    for (const v of value) referencedTexts(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) referencedTexts(v, out);
  }
  return out;
}

/** A copy of a packed value with each reference replaced by its text. */
export function unpackTexts(value: unknown, texts: ReadonlyMap<number, string>): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(TEXT_MARK)) return value;
    const text = texts.get(Number(value.slice(1)));
    if (text === undefined) throw new Error(`run_texts: text ${value.slice(1)} is missing`);
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => unpackTexts(v, texts));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unpackTexts(v, texts);
    return out;
  }
  return value;
}

/** Cached texts above this many are dropped (and re-read on demand): a bound on the process's memory. */
const CACHE_LIMIT = 20_000;

type Row = Record<string, unknown>;

/**
 * The run_texts dictionary with an in-process cache both ways (texts never change once stored, so a
 * cached id or text is never stale). New texts are inserted on the pool, outside any caller
 * transaction, and committed at once: a text is referenced only after its row is durable, and a
 * rolled-back run leaves at most an unreferenced text behind.
 */
@Injectable()
export class RunTexts {
  private readonly idOf = new Map<string, number>();
  private readonly textOf = new Map<number, string>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Packs estimates for storage (the JSON to store per estimate, in order). One walk when every text is
   * cached (a job's chunks after its first); otherwise the new texts are stored and the estimates packed again.
   */
  async pack(values: unknown[]): Promise<unknown[]> {
    const missing = new Set<string>();
    const packed = values.map((v) => packTexts(v, this.idOf, null, missing));
    if (missing.size === 0) return packed;
    const ids = new Map<string, number>();
    for (const t of collectTexts(values)) {
      const id = this.idOf.get(t);
      if (id !== undefined) ids.set(t, id);
    }
    for (const r of await this.store([...missing])) ids.set(r.text as string, Number(r.id));
    return values.map((v) => packTexts(v, ids));
  }

  /** Packs one estimate with the cached texts only: undefined when one of its texts is not stored yet (pack() it). */
  packCached(value: unknown): unknown {
    const missing = new Set<string>();
    const packed = packTexts(value, this.idOf, null, missing);
    return missing.size === 0 ? packed : undefined;
  }

  /** Unpacks stored estimates (as read from the database). */
  async unpack<T>(values: unknown[]): Promise<T[]> {
    const ids = new Set<number>();
    for (const v of values) referencedTexts(v, ids);
    const texts = new Map<number, string>();
    const missing: number[] = [];
    for (const id of ids) {
      const t = this.textOf.get(id);
      if (t === undefined) missing.push(id);
      else texts.set(id, t);
    }
    if (missing.length) {
      const rows: Row[] = await this.ds.query(`SELECT id, text FROM run_texts WHERE id = ANY($1::bigint[])`, [missing]);
      this.remember(rows);
      for (const r of rows) texts.set(Number(r.id), r.text as string);
    }
    return values.map((v) => unpackTexts(v, texts) as T);
  }

  private async store(texts: string[]): Promise<Row[]> {
    const hashes = texts.map((t) => createHash('sha256').update(t, 'utf8').digest());
    // Sorted by hash so concurrent writers take the unique index's locks in one order (no deadlock).
    const order = texts.map((_, i) => i).sort((a, b) => Buffer.compare(hashes[a], hashes[b]));
    await this.ds.query(
      `INSERT INTO run_texts (sha256, text) SELECT * FROM unnest($1::bytea[], $2::text[]) ON CONFLICT (sha256) DO NOTHING`,
      [order.map((i) => hashes[i]), order.map((i) => texts[i])],
    );
    const rows: Row[] = await this.ds.query(`SELECT id, text FROM run_texts WHERE sha256 = ANY($1::bytea[])`, [hashes]);
    this.remember(rows);
    return rows;
  }

  private remember(rows: Row[]): void {
    if (this.idOf.size + rows.length > CACHE_LIMIT) {
      this.idOf.clear();
      this.textOf.clear();
    }
    for (const r of rows) {
      const id = Number(r.id);
      this.idOf.set(r.text as string, id);
      this.textOf.set(id, r.text as string);
    }
  }
}
