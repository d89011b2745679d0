import { createHash } from 'node:crypto';
import { validationFailed } from '../common/errors/validation-errors';
import type { Estimate } from '../estimation';

/** JSON with object keys sorted at every level, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A run id must be a UUID: anything else is a 400 naming `id`, never a database error. */
export function assertRunId(id: string): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw validationFailed([{ path: 'id', message: 'id must be a UUID' }]);
  return id.toLowerCase();
}

/** Idempotency-Key: shared with jobs (src/common/http/idempotency.ts). */
export { assertIdempotencyKey } from '../common/http/idempotency';

export interface RunCursor {
  createdAt: Date;
  id: string;
}

/** Opaque keyset cursor: the (createdAt, id) of the last run on the page, base64url-encoded. */
export function encodeCursor(c: RunCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): RunCursor {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/.exec(text);
  const createdAt = m ? new Date(m[1]) : null;
  // year 0000 parses in JavaScript but not in PostgreSQL (no year zero): refused like any foreign cursor
  if (!m || !createdAt || Number.isNaN(createdAt.getTime()) || createdAt.getUTCFullYear() < 1 || !UUID.test(m[2])) {
    throw validationFailed([{ path: 'cursor', message: 'cursor must be a nextCursor returned by this list' }]);
  }
  return { createdAt, id: m[2] };
}

/** A validated ISO 8601 string as a Date within years 1-9999 (what both JavaScript and PostgreSQL hold). */
export function instant(path: string, value?: string | null): Date | null {
  if (value === undefined || value === null) return null;
  const d = new Date(value);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 1 || year > 9999)
    throw validationFailed([{ path, message: `${path} must be an ISO 8601 instant between years 1 and 9999` }]);
  return d;
}

/** Parses validated ISO 8601 bounds and checks from < to. */
export function timeRange(from?: string | null, to?: string | null): { from: Date | null; to: Date | null } {
  const f = instant('from', from);
  const t = instant('to', to);
  if (f && t && f.getTime() >= t.getTime()) throw validationFailed([{ path: 'to', message: 'to must be after from' }]);
  return { from: f, to: t };
}

/** A finite number, or null (NaN, Infinity and absent figures are stored as NULL). */
export function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The estimate's headline numbers as the runs table stores them in columns (method, zone, hardware_id,
 * accelerator_hours, energy_kwh, co2e_kg, operational_co2e_kg, embodied_co2e_kg, water_l), so they can be summed,
 * grouped and filtered.
 */
export function storedHeadline(e: Estimate): (string | number | null)[] {
  return [
    e.method,
    e.factors?.intensity?.zone ?? null,
    e.factors?.hardware?.id ?? null,
    finiteOrNull(e.acceleratorHours),
    e.energyKwh,
    e.co2eKg,
    e.operationalCo2eKg,
    e.embodiedCo2eKg,
    finiteOrNull(e.waterL),
  ];
}
