/**
 * The API as the page calls it: same origin, the key from the page only. The key lives in memory and in
 * this tab's sessionStorage (gone when the tab closes); the server stores nothing about the page.
 */
const STORAGE_KEY = 'ai-emissions-api.key';
let apiKey: string | null = sessionStorage.getItem(STORAGE_KEY);

export function getKey(): string | null {
  return apiKey;
}

export function setKey(key: string | null): void {
  apiKey = key && key.trim() !== '' ? key.trim() : null;
  if (apiKey) sessionStorage.setItem(STORAGE_KEY, apiKey);
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** The API's error body: `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (apiKey) headers.set('authorization', `Bearer ${apiKey}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(path, { ...init, headers, body });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = (parsed as { error?: { code?: string; message?: string; details?: unknown[] } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, e?.details ?? []);
  }
  return parsed as T;
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Every page of a cursor list (`{ items, nextCursor }`), up to `max` items. */
export async function allPages<T>(path: string, params: Record<string, string | number | null | undefined>, max: number) {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await api(path + query({ ...params, cursor }));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items.slice(0, max);
}
