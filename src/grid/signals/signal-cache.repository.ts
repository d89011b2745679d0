import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LivePoint } from './live-signal.types';

export interface CachedAnswer {
  points: LivePoint[];
  fetchedAt: Date;
  expiresAt: Date;
}

/** The signal_cache table: provider answers by (provider, key), with their fetch time and expiry. */
@Injectable()
export class SignalCacheRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The stored answer, fresh or expired (the caller decides), or null. */
  async get(provider: string, key: string): Promise<CachedAnswer | null> {
    const rows = (await this.ds.query(
      `SELECT points, fetched_at, expires_at FROM signal_cache WHERE provider = $1 AND key = $2`,
      [provider, key],
    )) as { points: [number, number][]; fetched_at: Date; expires_at: Date }[];
    const r = rows[0];
    if (!r) return null;
    return {
      points: r.points.map(([at, g]) => ({ at, gPerKwh: g })),
      fetchedAt: new Date(r.fetched_at),
      expiresAt: new Date(r.expires_at),
    };
  }

  async put(provider: string, key: string, points: LivePoint[], fetchedAt: Date, ttlSeconds: number): Promise<void> {
    await this.ds.query(
      `INSERT INTO signal_cache (provider, key, points, fetched_at, expires_at)
       VALUES ($1, $2, $3::jsonb, $4, $4::timestamptz + make_interval(secs => $5))
       ON CONFLICT (provider, key) DO UPDATE
         SET points = EXCLUDED.points, fetched_at = EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at`,
      [provider, key, JSON.stringify(points.map((p) => [p.at, p.gPerKwh])), fetchedAt.toISOString(), ttlSeconds],
    );
  }
}
