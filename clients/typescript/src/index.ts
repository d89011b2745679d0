import createClient, { type Client } from 'openapi-fetch';
import { randomUUID } from 'node:crypto';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
type Schemas = components['schemas'];
export type Estimate = Schemas['EstimateModel'];
export type EstimateRequest = Schemas['EstimateInput'];
export type ComparisonRequest = Schemas['ComparisonInput'];
export type Comparison = Schemas['ComparisonModel'];
export type Run = Schemas['RunModel'];
export type RunCreate = Schemas['RunInput'];
export type EmissionsReport = Schemas['ReportModel'];
export type Job = Schemas['JobModel'];
export type JobAccepted = Schemas['JobAcceptedModel'];
export type JobRowError = Schemas['JobRowErrorModel'];
export type Hardware = Schemas['HardwareModel'];
export type Zone = Schemas['ZoneModel'];
export type RunsQuery = NonNullable<operations['Runs_list']['parameters']['query']>;
export type ReportQuery = NonNullable<operations['Reports_emissions']['parameters']['query']>;

/** One entry of an error's `details`: the field path and what is wrong with it. */
export interface ErrorDetail {
  path?: string;
  message: string;
  [extra: string]: unknown;
}

/** Every non-2xx answer: the API's error body `{ error: { code, message, details } }`, with the HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId: string | null = null,
  ) {
    super(`${code}: ${message}`);
  }

  static async from(response: Response, body?: unknown): Promise<ApiError> {
    if (body === undefined) body = await response.json().catch(() => null);
    const e = (body as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
    return new ApiError(
      response.status,
      e?.code ?? `HTTP_${response.status}`,
      e?.message ?? response.statusText,
      e?.details ?? [],
      response.headers.get('x-request-id'),
    );
  }
}

export interface ClientOptions {
  /** e.g. http://localhost:3000 */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. Reference data and estimates work without one. */
  apiKey?: string;
  /** Attempts after the first for retryable failures (network errors, 429, 502, 503, 504). Default 3. */
  retries?: number;
  /** First backoff delay in ms, doubled per attempt (a 429/503 Retry-After wins when longer). Default 250. */
  retryDelayMs?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A fetch that retries what is safe to repeat: GET/HEAD, and POSTs that carry an Idempotency-Key (the
 * server answers a repeat with the first result). Anything else is sent once.
 */
function retryingFetch(inner: typeof fetch, retries: number, baseDelay: number): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const safe = request.method === 'GET' || request.method === 'HEAD' || request.headers.has('idempotency-key');
    if (!safe || retries <= 0) return inner(request);
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      try {
        response = await inner(request.clone());
        if (!RETRYABLE_STATUS.has(response.status) || attempt >= retries) return response;
      } catch (err) {
        if (attempt >= retries) throw err;
      }
      const backoff = baseDelay * 2 ** attempt;
      const retryAfter = Number(response?.headers.get('retry-after'));
      await response?.body?.cancel().catch(() => undefined);
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.max(backoff, retryAfter * 1000) : backoff);
    }
  };
}

/** A source for a job upload: a string, bytes, a Blob, a web ReadableStream or any (async) iterable of chunks (a Node stream). */
export type UploadBody = string | Uint8Array | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;
export type JobContentType = 'text/csv' | 'application/x-ndjson' | 'application/json';

function toStream(body: UploadBody): NonNullable<RequestInit['body']> {
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof Blob || body instanceof ReadableStream)
    return body as NonNullable<RequestInit['body']>;
  const it = body[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel(reason) {
      await it.return?.(reason);
    },
  });
}

export interface EmissionsClient {
  /** The underlying openapi-fetch client: every operation of docs/openapi.json, typed. */
  raw: Client<paths>;
  estimate(body: EstimateRequest): Promise<Estimate>;
  compare(body: ComparisonRequest): Promise<Comparison>;
  /**
   * POST /v1/runs with an Idempotency-Key (a new UUID unless given), retried on network errors and
   * 429/5xx with the same key, so a retry never records the run twice.
   */
  createRun(body: RunCreate, options?: { idempotencyKey?: string }): Promise<Run>;
  getRun(id: string): Promise<Run>;
  /** One page of GET /v1/runs: `{ items, nextCursor }`. */
  listRuns(query?: RunsQuery): Promise<{ items: Run[]; nextCursor?: string | null }>;
  /** Every run matching `query`, page after page (`limit` is the page size). */
  runs(query?: Omit<RunsQuery, 'cursor'>): AsyncIterable<Run>;
  report(query?: ReportQuery): Promise<EmissionsReport>;
  hardware(query?: { q?: string; kind?: 'gpu' | 'tpu' | 'cpu' | 'accelerator'; vendor?: string }): AsyncIterable<Hardware>;
  zones(query?: { q?: string; country?: string }): AsyncIterable<Zone>;
  /**
   * POST /v1/jobs, streaming `body` (never buffered whole). A stream cannot be replayed, so it is sent once;
   * pass an `idempotencyKey` to retry the upload yourself without creating a second job.
   */
  uploadJob(body: UploadBody, contentType: JobContentType, options?: { idempotencyKey?: string }): Promise<JobAccepted>;
  getJob(id: string): Promise<Job>;
  jobErrors(id: string, pageSize?: number): AsyncIterable<JobRowError>;
  /** Polls a job until it leaves queued/running; `onProgress` sees every poll. */
  waitForJob(id: string, options?: { intervalMs?: number; timeoutMs?: number; onProgress?: (job: Job) => void }): Promise<Job>;
}

/** Walks a cursor list (`{ items, nextCursor }`) page after page. */
export async function* paginate<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    yield* p.items;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

export function createEmissionsClient(options: ClientOptions): EmissionsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = retryingFetch(options.fetch ?? globalThis.fetch, options.retries ?? 3, options.retryDelayMs ?? 250);
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const raw = createClient<paths>({ baseUrl, headers, fetch: fetchImpl });

  /** The data of a 2xx answer, or the API's error as an ApiError. */
  async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    const { data, error, response } = await call;
    if (!response.ok || error !== undefined) throw await ApiError.from(response, error ?? null);
    return data as T;
  }

  const client: EmissionsClient = {
    raw,
    estimate: (body) => unwrap(raw.POST('/v1/estimates', { body })),
    compare: (body) => unwrap(raw.POST('/v1/comparisons', { body })),
    createRun: (body, { idempotencyKey = randomUUID() } = {}) =>
      unwrap(raw.POST('/v1/runs', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    getRun: (id) => unwrap(raw.GET('/v1/runs/{id}', { params: { path: { id } } })),
    listRuns: (query = {}) => unwrap(raw.GET('/v1/runs', { params: { query } })),
    runs: (query = {}) => paginate((cursor) => client.listRuns({ ...query, ...(cursor ? { cursor } : {}) })),
    // JSON (the operation also answers CSV to `Accept: text/csv`)
    report: (query = {}) =>
      unwrap(
        raw.GET('/v1/reports/emissions', { params: { query }, headers: { accept: 'application/json' } }),
      ) as Promise<EmissionsReport>,
    hardware: (query = {}) =>
      paginate((cursor) =>
        unwrap(raw.GET('/v1/hardware', { params: { query: { ...query, limit: 500, ...(cursor ? { cursor } : {}) } } })),
      ),
    zones: (query = {}) =>
      paginate((cursor) =>
        unwrap(raw.GET('/v1/grid/zones', { params: { query: { ...query, limit: 500, ...(cursor ? { cursor } : {}) } } })),
      ),
    async uploadJob(body, contentType, { idempotencyKey } = {}) {
      // openapi-fetch serializes bodies itself; a stream goes through fetch as it is (duplex: 'half').
      const response = await (options.fetch ?? globalThis.fetch)(`${baseUrl}/v1/jobs`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': contentType,
          accept: 'application/json',
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: toStream(body),
        duplex: 'half',
      } as RequestInit);
      const json: unknown = await response.json().catch(() => null);
      if (!response.ok) throw await ApiError.from(response, json);
      return json as JobAccepted;
    },
    getJob: (id) => unwrap(raw.GET('/v1/jobs/{id}', { params: { path: { id } } })),
    jobErrors: (id, pageSize = 500) =>
      paginate((cursor) =>
        unwrap(
          raw.GET('/v1/jobs/{id}/errors', {
            params: { path: { id }, query: { limit: pageSize, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
    async waitForJob(id, { intervalMs = 500, timeoutMs = 10 * 60_000, onProgress } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const job = await client.getJob(id);
        onProgress?.(job);
        if (job.status !== 'queued' && job.status !== 'running') return job;
        if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
        await sleep(intervalMs);
      }
    },
  };
  return client;
}
