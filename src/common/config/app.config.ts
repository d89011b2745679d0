import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/** Environment variables, validated once at boot. Each property is documented in README.md's config table. */
export class EnvVars {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  HOST: string = '0.0.0.0';

  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR: string = './data';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** `auto`: readable lines when stdout is a terminal, JSON lines otherwise; `json` or `pretty` force one. */
  @IsOptional()
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  @IsOptional()
  @IsString()
  // 32 characters: 128 bits when random hex (`openssl rand -hex 16`), above the 112-bit floor of NIST SP 800-131A Rev. 2
  @MinLength(32, { message: 'BOOTSTRAP_ADMIN_KEY must be at least 32 characters' })
  BOOTSTRAP_ADMIN_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 4 * 1024 * 1024;

  /** Comma-separated origins, or `*`. Empty: CORS off. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS: string = '';

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN: boolean = true;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_ON_START: boolean = true;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE: number = 10;

  @IsOptional()
  @IsIn(['api', 'worker', 'all'])
  ROLE: 'api' | 'worker' | 'all' = 'api';

  /** How often each replica checks for a newer reference-data version (0: only at start and on own writes). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600000)
  REFERENCE_REFRESH_MS: number = 2000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  /** Requests per minute per client IP without an API key (0: no limit). Per process. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000000)
  RATE_LIMIT_PER_MINUTE: number = 600;

  /**
   * Requests per minute per API key without a limit of its own (0: no limit), per process. 6000 (100/s):
   * ten times the anonymous per-IP budget, so an identified client driving batches is not throttled in
   * normal use, while one key can no longer take a replica's whole capacity (issue 17: one read key at
   * concurrency 32 pushed an anonymous estimate from 2 ms to 8.8 s). A key created with its own
   * `rateLimit` (requests or GraphQL cost units) uses that instead.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100000000)
  KEY_RATE_LIMIT_PER_MINUTE: number = 6000;

  /** When true, reference data and stateless estimates need an API key too (default: open). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  REQUIRE_API_KEY: boolean = false;

  /** Run the jobs queue worker inside the API process too (required on the embedded engine, which other processes cannot open). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  JOBS_INPROCESS_WORKER: boolean = true;

  /**
   * With JOBS_INPROCESS_WORKER: run that worker in a worker thread of the API process (its own event
   * loop and heap), so a job's chunks never delay the API's requests (bench/responsiveness.bench.mjs).
   * `auto`: on the embedded engine only, where no other process can take the work; the thread costs
   * about 90 MB of RSS (a second application context), so with DATABASE_URL the API stays lean and
   * `--role=worker` processes are the way to keep chunk work off the API.
   */
  @IsOptional()
  @IsIn(['auto', 'true', 'false'])
  JOBS_WORKER_THREAD: 'auto' | 'true' | 'false' = 'auto';

  /** Most rows one job may hold (POST /v1/jobs answers 413 JOB_TOO_MANY_ROWS beyond). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000000)
  JOBS_MAX_ROWS: number = 1000000;

  /** Body limit of POST /v1/jobs only (streamed, never held in memory); other routes keep BODY_LIMIT_BYTES. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024 * 1024)
  JOBS_MAX_BODY_BYTES: number = 1024 * 1024 * 1024;

  /** Most rows per queue message (one transaction each in the worker); a job's chunks are 1% of its rows within [50, this]. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20000)
  JOBS_CHUNK_SIZE: number = 2000;

  /** Chunks a worker process handles at once. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  JOBS_WORKER_CONCURRENCY: number = 2;

  /** A chunk still active after this long is presumed lost (worker killed) and redelivered. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  JOBS_CHUNK_TIMEOUT_SECONDS: number = 300;

  /** How often the queue checks for expired chunks (pg-boss maintenance). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  JOBS_MAINTENANCE_INTERVAL_SECONDS: number = 60;

  /** Deliveries of a chunk after the first (failures and expiries), a second apart with backoff. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  JOBS_CHUNK_RETRY_LIMIT: number = 10;

  /** Connections of the queue's own pool (pg-boss), per process. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(50)
  JOBS_QUEUE_POOL_SIZE: number = 4;

  /** Deepest field nesting of a GraphQL operation (introspection fields not counted); 400 GRAPHQL_DEPTH_LIMIT beyond. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_DEPTH: number = 12;

  /** Most aliases in one GraphQL document; 400 GRAPHQL_ALIAS_LIMIT beyond. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100000)
  GRAPHQL_MAX_ALIASES: number = 30;

  /** Most tokens in one GraphQL document; 400 GRAPHQL_DOCUMENT_TOO_LARGE beyond, before it is parsed further. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(10000000)
  GRAPHQL_MAX_TOKENS: number = 5000;

  /** Longest GraphQL document, in characters; 400 GRAPHQL_DOCUMENT_TOO_LARGE beyond, before it is parsed. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100000000)
  GRAPHQL_MAX_DOCUMENT_BYTES: number = 32768;

  /** Highest cost of one GraphQL operation (fields + list items + page sizes, see docs/security.md); 400 GRAPHQL_COST_LIMIT beyond. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000000)
  GRAPHQL_MAX_COST: number = 25000;

  /** Wall time one GraphQL request may use before its remaining fields fail with GRAPHQL_BUDGET_EXCEEDED. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(600000)
  GRAPHQL_REQUEST_BUDGET_MS: number = 1000;

  /** GraphQL introspection (the explorer needs it). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  GRAPHQL_INTROSPECTION: boolean = true;

  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` (16+ characters); unset, /metrics is open. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /**
   * Electricity Maps API token (sent as the `auth-token` header, https://static.electricitymap.org/api/docs/).
   * Set: live average-signal intensities (latest, history, past range, forecast) for recent periods and schedules.
   */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ELECTRICITY_MAPS_API_TOKEN must be at least 8 characters' })
  ELECTRICITY_MAPS_API_TOKEN?: string;

  /** Base URL of the Electricity Maps API (the documented host; tests point it at a local stub). */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\//, { message: 'ELECTRICITY_MAPS_BASE_URL must be an http(s) URL' })
  ELECTRICITY_MAPS_BASE_URL: string = 'https://api.electricitymap.org';

  /** WattTime account (v3: basic auth at /login for a 30-minute bearer token, https://docs.watttime.org). Both set: live marginal signals. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  WATTTIME_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  WATTTIME_PASSWORD?: string;

  /** Base URL of the WattTime API (the documented host; tests point it at a local stub). */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\//, { message: 'WATTTIME_BASE_URL must be an http(s) URL' })
  WATTTIME_BASE_URL: string = 'https://api.watttime.org';

  /** Zone-to-WattTime-region map, `ZONE=REGION` pairs separated by commas (e.g. `US-CAL-CISO=CAISO_NORTH`); unmapped zones use their own code. */
  @IsOptional()
  @IsString()
  @Matches(/^\s*([A-Za-z0-9_-]+\s*=\s*[A-Za-z0-9_-]+\s*(,\s*|$))*$/, {
    message: 'WATTTIME_REGIONS must be ZONE=REGION pairs separated by commas',
  })
  WATTTIME_REGIONS: string = '';

  /** Time limit of one request to a live signal provider. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  SIGNALS_TIMEOUT_MS: number = 3000;

  /** Retries of a failed provider request (timeouts, 429, 5xx), with exponential backoff from SIGNALS_BACKOFF_MS. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  SIGNALS_RETRIES: number = 2;

  /** First backoff delay; doubled per retry (with jitter), capped at 8 x this value and by a 429's Retry-After up to that cap. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  SIGNALS_BACKOFF_MS: number = 250;

  /** How long a provider answer is served from the PostgreSQL cache. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  SIGNALS_CACHE_TTL_SECONDS: number = 300;

  /** Consecutive failed calls that open a provider's circuit (no calls until SIGNALS_BREAKER_COOLDOWN_MS has passed). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  SIGNALS_BREAKER_THRESHOLD: number = 5;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600000)
  SIGNALS_BREAKER_COOLDOWN_MS: number = 60000;

  /** How far back a run's period still counts as recent (live history is fetched for it when no series is stored). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  SIGNALS_HISTORY_HOURS: number = 240;

  /** How the intake stages rows: COPY (PostgreSQL server), multi-row INSERTs (any engine), or auto-detect (INSERT on the embedded engine). */
  @IsOptional()
  @IsIn(['auto', 'copy', 'insert'])
  JOBS_BULK_LOAD: 'auto' | 'copy' | 'insert' = 'auto';
}

export type AppConfig = Readonly<EnvVars>;

/** Variables without a default (absent from `new EnvVars()`'s keys). */
const OPTIONAL_KEYS = [
  'DATABASE_URL',
  'BOOTSTRAP_ADMIN_KEY',
  'METRICS_TOKEN',
  'ELECTRICITY_MAPS_API_TOKEN',
  'WATTTIME_USERNAME',
  'WATTTIME_PASSWORD',
];
/** Never echoed in a configuration error. */
const SECRET_KEYS = ['BOOTSTRAP_ADMIN_KEY', 'METRICS_TOKEN', 'ELECTRICITY_MAPS_API_TOKEN', 'WATTTIME_PASSWORD'];

export class ConfigError extends Error {}

/** Validates `env` and returns typed config; throws one error listing every bad variable. */
export function validateEnv(env: Record<string, string | undefined>): AppConfig {
  const known = Object.keys(new EnvVars());
  const relevant: Record<string, string> = {};
  for (const key of [...known, ...OPTIONAL_KEYS]) {
    const v = env[key];
    if (v !== undefined && v !== '') relevant[key] = v;
  }
  const config = plainToInstance(EnvVars, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const value = SECRET_KEYS.includes(e.property) ? '<hidden>' : JSON.stringify(relevant[e.property]);
      return `  ${e.property}=${value}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(config);
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function corsOrigins(config: AppConfig): string[] | true | false {
  const raw = config.CORS_ORIGINS.trim();
  if (raw === '') return false;
  if (raw === '*') return true;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
