import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config/app.config';
import { AuthError, AuthErrorCode } from './auth.errors';
import { type AuthContext, type Scope } from './auth.types';
import { ApiKeyEntity } from './entities/api-key.entity';

const KEY_PREFIX = 'aiem_';
const PREFIX_LENGTH = KEY_PREFIX.length + 10;
const CACHE_TTL_MS = 30_000;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  name: string;
  tenant: string;
  scopes: Scope[];
  createdAt: Date;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** The public part used to find a key: `aiem_` and 10 characters for generated keys, the first 15 of any other. */
export function prefixOf(key: string): string {
  return key.slice(0, PREFIX_LENGTH);
}

/**
 * Keys are 32 random bytes shown once; only a SHA-256 hash is stored (keys are high-entropy, so a
 * slow password hash adds nothing). Verified keys are cached for 30 s so the guard costs no
 * database round trip per request; a revocation clears this replica's cache at once and the
 * others' within the TTL.
 */
@Injectable()
export class ApiKeysService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly cache = new Map<string, { auth: AuthContext | null; expires: number }>();
  private readonly lastUsedWritten = new Map<string, number>();
  /** lastUsedAt writes are not awaited by requests; shutdown waits for them before the pool closes. */
  private readonly pendingWrites = new Set<Promise<unknown>>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly repo: Repository<ApiKeyEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown() {
    await Promise.all([...this.pendingWrites]);
  }

  async onModuleInit() {
    if (this.config.BOOTSTRAP_ADMIN_KEY) await this.bootstrapAdmin(this.config.BOOTSTRAP_ADMIN_KEY);
  }

  /** Creates or updates the admin key given in BOOTSTRAP_ADMIN_KEY (tenant `default`). */
  async bootstrapAdmin(key: string) {
    const prefix = prefixOf(key);
    await this.repo.query(
      `INSERT INTO api_keys (name, tenant, prefix, key_hash, scopes) VALUES ('bootstrap admin', 'default', $1, $2, ARRAY['admin','write','read'])
       ON CONFLICT (prefix) DO UPDATE SET key_hash = EXCLUDED.key_hash, scopes = EXCLUDED.scopes, revoked_at = NULL`,
      [prefix, sha256(key)],
    );
    this.logger.log({ msg: 'bootstrap admin key ready', prefix });
  }

  async create(input: { name: string; tenant: string; scopes: Scope[] }): Promise<CreatedApiKey> {
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const entity = await this.repo.save(
      this.repo.create({ name: input.name, tenant: input.tenant, scopes: [...new Set(input.scopes)], prefix: prefixOf(key), keyHash: sha256(key) }),
    );
    return { id: entity.id, key, prefix: entity.prefix, name: entity.name, tenant: entity.tenant, scopes: entity.scopes as Scope[], createdAt: entity.createdAt };
  }

  list(tenant?: string): Promise<ApiKeyEntity[]> {
    return this.repo.find({ where: tenant ? { tenant } : {}, order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<ApiKeyEntity> {
    const entity = await this.repo.findOne({ where: { id, revokedAt: IsNull() } });
    if (!entity) throw new AuthError(AuthErrorCode.API_KEY_NOT_FOUND, `No active API key ${id}.`);
    entity.revokedAt = new Date();
    await this.repo.save(entity);
    this.cache.delete(entity.prefix);
    return entity;
  }

  /** Verifies a presented key; throws UNAUTHENTICATED for unknown, wrong or revoked keys. */
  async authenticate(key: string): Promise<AuthContext> {
    const prefix = prefixOf(key);
    const now = Date.now();
    const cached = this.cache.get(prefix);
    let auth: AuthContext | null;
    let hash: string | null = null;
    if (cached && cached.expires > now) {
      auth = cached.auth;
      hash = this.hashes.get(prefix) ?? null;
    } else {
      const entity = await this.repo.findOne({ where: { prefix } });
      auth = entity && !entity.revokedAt ? { keyId: entity.id, tenant: entity.tenant, scopes: entity.scopes as Scope[] } : null;
      hash = entity?.keyHash ?? null;
      this.cache.set(prefix, { auth, expires: now + CACHE_TTL_MS });
      if (hash) this.hashes.set(prefix, hash);
    }
    if (!auth || !hash || !safeEqual(hash, sha256(key))) {
      throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'The API key is not valid.');
    }
    this.touch(auth.keyId, now);
    return auth;
  }

  private readonly hashes = new Map<string, string>();

  private touch(keyId: string, now: number) {
    const last = this.lastUsedWritten.get(keyId) ?? 0;
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(keyId, now);
    const write = this.repo
      .update({ id: keyId }, { lastUsedAt: new Date(now) })
      .catch((err) => this.logger.warn({ msg: 'could not record lastUsedAt', err }))
      .finally(() => this.pendingWrites.delete(write));
    this.pendingWrites.add(write);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
