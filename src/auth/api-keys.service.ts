import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, IsNull, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config/app.config';
import { validationFailed } from '../common/errors/validation-errors';
import { AuthError, AuthErrorCode } from './auth.errors';
import { type AuthContext, hasScope, type KeyRateLimit, type Scope } from './auth.types';
import { ApiKeyEntity } from './entities/api-key.entity';

const KEY_PREFIX = 'aiem_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The public start of a key kept to recognise it in lists: 8 characters (`aiem_` and 3 random ones), never enough to matter. */
export const PREFIX_LENGTH = 8;
const CACHE_TTL_MS = 30_000;
/** Verified (and refused) keys cached per replica; beyond this the cache starts over (random bogus keys cannot grow it without bound). */
const CACHE_MAX_ENTRIES = 10_000;
const LAST_USED_RESOLUTION_MS = 60_000;
/** PostgreSQL NOTIFY channel: a revoked key's hash, so every replica drops it from its cache at once. */
export const REVOCATION_CHANNEL = 'aiem_api_key_revoked';
/** Compared against when no key has the presented hash, so a miss costs what a hit costs. */
const DUMMY_HASH = createHash('sha256').update('aiem-no-such-key').digest('hex');

export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  name: string;
  tenant: string;
  scopes: Scope[];
  rateLimit: KeyRateLimit | null;
  createdAt: Date;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** The public part shown in lists: the key's first 8 characters. Keys are found by their hash, never by it. */
export function prefixOf(key: string): string {
  return key.slice(0, PREFIX_LENGTH);
}

/**
 * Keys are 32 random bytes shown once; only a SHA-256 hash is stored (keys are high-entropy, so a
 * slow password hash adds nothing) and keys are looked up by that hash: one indexed read and one
 * constant-time comparison whether the key exists or not (a dummy hash when it does not). Results
 * are cached for 30 s per replica; a revocation is sent to every replica with PostgreSQL
 * LISTEN/NOTIFY, which drops the key from their caches at once (and a replica that lost its
 * listening connection clears its cache when it reconnects).
 *
 * Scopes: `admin` manages the keys of its own tenant only; `platform` (the bootstrap key, or keys a
 * platform admin creates with that scope) manages every tenant's keys and the shared reference data.
 */
@Injectable()
export class ApiKeysService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly cache = new Map<string, { auth: AuthContext | null; expires: number }>();
  private readonly lastUsedWritten = new Map<string, number>();
  /** lastUsedAt writes are not awaited by requests; shutdown waits for them before the pool closes. */
  private readonly pendingWrites = new Set<Promise<unknown>>();
  private listener?: Client;
  private closed = false;
  private listenFailures = 0;

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly repo: Repository<ApiKeyEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async onApplicationShutdown() {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await Promise.all([...this.pendingWrites]);
  }

  async onModuleInit() {
    if (this.config.BOOTSTRAP_ADMIN_KEY) await this.bootstrapAdmin(this.config.BOOTSTRAP_ADMIN_KEY);
    void this.listen();
  }

  /** Creates or updates the platform admin key given in BOOTSTRAP_ADMIN_KEY (tenant `default`). Logs no part of it. */
  async bootstrapAdmin(key: string) {
    await this.repo.query(
      `INSERT INTO api_keys (name, tenant, prefix, key_hash, scopes) VALUES ('bootstrap admin', 'default', $1, $2, ARRAY['platform','admin','write','read'])
       ON CONFLICT (key_hash) DO UPDATE SET scopes = EXCLUDED.scopes, revoked_at = NULL`,
      [prefixOf(key), sha256(key)],
    );
    this.logger.log('bootstrap admin key ready');
  }

  async create(
    input: { name: string; tenant: string; scopes: Scope[]; rateLimit?: KeyRateLimit | null },
    caller: AuthContext,
  ): Promise<CreatedApiKey> {
    if (!hasScope(caller.scopes, 'platform')) {
      if (input.tenant !== caller.tenant) {
        throw new AuthError(
          AuthErrorCode.FORBIDDEN,
          `A tenant admin creates keys for its own tenant ('${caller.tenant}') only.`,
          [{ path: 'tenant', message: 'another tenant' }],
        );
      }
      if (input.scopes.includes('platform')) {
        throw new AuthError(AuthErrorCode.FORBIDDEN, 'Only a platform admin grants the platform scope.', [
          { path: 'scopes', message: 'platform' },
        ]);
      }
    }
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const entity = await this.repo.save(
      this.repo.create({
        name: input.name,
        tenant: input.tenant,
        scopes: [...new Set(input.scopes)],
        prefix: prefixOf(key),
        keyHash: sha256(key),
        rateLimitPerMinute: input.rateLimit?.perMinute ?? null,
        rateLimitUnit: input.rateLimit?.unit ?? null,
      }),
    );
    return {
      id: entity.id,
      key,
      prefix: entity.prefix,
      name: entity.name,
      tenant: entity.tenant,
      scopes: entity.scopes as Scope[],
      rateLimit: input.rateLimit ? { perMinute: input.rateLimit.perMinute, unit: input.rateLimit.unit } : null,
      createdAt: entity.createdAt,
    };
  }

  /** The caller's tenant's keys; every tenant's for a platform admin. */
  list(caller: AuthContext): Promise<ApiKeyEntity[]> {
    const all = hasScope(caller.scopes, 'platform');
    return this.repo.find({ where: all ? {} : { tenant: caller.tenant }, order: { createdAt: 'DESC' } });
  }

  /** Revokes a key of the caller's tenant (any tenant's for a platform admin); another tenant's key is not found (404). */
  async revoke(id: string, caller: AuthContext): Promise<ApiKeyEntity> {
    // REST checks the path with ParseUUIDPipe; GraphQL's ID is any string, which PostgreSQL would refuse as a uuid (a 500)
    if (!UUID.test(id)) throw validationFailed([{ path: 'id', message: 'id must be a UUID' }]);
    const all = hasScope(caller.scopes, 'platform');
    const entity = await this.repo.findOne({ where: { id, revokedAt: IsNull(), ...(all ? {} : { tenant: caller.tenant }) } });
    if (!entity) throw new AuthError(AuthErrorCode.API_KEY_NOT_FOUND, `No active API key ${id}.`);
    entity.revokedAt = new Date();
    await this.repo.save(entity);
    this.cache.delete(entity.keyHash);
    await this.repo.query(`SELECT pg_notify($1, $2)`, [REVOCATION_CHANNEL, entity.keyHash]).catch((err) =>
      this.logger.warn({
        msg: 'could not notify the other replicas of a revocation (their caches expire within 30 s)',
        err: { message: (err as Error).message },
      }),
    );
    return entity;
  }

  /** Verifies a presented key; throws UNAUTHENTICATED for unknown, wrong or revoked keys. */
  async authenticate(key: string): Promise<AuthContext> {
    const hash = sha256(key);
    const now = Date.now();
    const cached = this.cache.get(hash);
    let auth: AuthContext | null;
    if (cached && cached.expires > now) {
      auth = cached.auth;
    } else {
      const entity = await this.repo.findOne({ where: { keyHash: hash } });
      const matches = safeEqual(entity?.keyHash ?? DUMMY_HASH, hash) && entity !== null;
      auth =
        matches && entity && !entity.revokedAt
          ? {
              keyId: entity.id,
              tenant: entity.tenant,
              scopes: entity.scopes as Scope[],
              rateLimit:
                entity.rateLimitPerMinute === null || !entity.rateLimitUnit
                  ? null
                  : { perMinute: entity.rateLimitPerMinute, unit: entity.rateLimitUnit },
            }
          : null;
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
      this.cache.set(hash, { auth, expires: now + CACHE_TTL_MS });
    }
    if (!auth) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'The API key is not valid.');
    this.touch(auth.keyId, now);
    return auth;
  }

  /** LISTENs for revocations on a connection of its own, reconnecting (with backoff) after a database restart. */
  private async listen(): Promise<void> {
    const url = (this.ds.options as { url?: string }).url;
    if (!url || this.closed) return;
    const client = new Client({ connectionString: url, application_name: 'ai-emissions-api:revocations' });
    let retried = false;
    const retry = (err?: unknown) => {
      if (retried || this.closed) return;
      retried = true;
      if (this.listener === client) this.listener = undefined;
      this.cache.clear(); // revocations sent while this replica was not listening
      this.listenFailures++;
      if (this.listenFailures === 1 && err)
        this.logger.warn({ msg: 'revocation listener lost; reconnecting', err: { message: (err as Error).message } });
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), Math.min(30_000, 500 * 2 ** Math.min(this.listenFailures, 6))).unref();
    };
    client.on('error', retry);
    client.on('end', () => retry());
    client.on('notification', (msg) => {
      if (msg.channel === REVOCATION_CHANNEL && msg.payload) this.cache.delete(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REVOCATION_CHANNEL}`);
      if (this.closed) return void client.end().catch(() => undefined);
      this.listener = client;
      this.listenFailures = 0;
      this.cache.clear();
    } catch (err) {
      retry(err);
    }
  }

  private touch(keyId: string, now: number) {
    const last = this.lastUsedWritten.get(keyId) ?? 0;
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(keyId, now);
    const write = this.repo
      .update({ id: keyId }, { lastUsedAt: new Date(now) })
      .catch((err) => this.logger.warn({ msg: 'could not record lastUsedAt', err: { message: (err as Error).message } }))
      .finally(() => this.pendingWrites.delete(write));
    this.pendingWrites.add(write);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
