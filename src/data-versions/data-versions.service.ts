import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { type EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config/app.config';
import { DataVersionEntity } from '../database/entities/data-version.entity';
import { DataVersionModel, toDataVersionModel } from './models/data-version.model';

export type DataVersionListener = (version: string) => Promise<void> | void;

/**
 * The reference-data release in force. Modules that cache reference data in memory (catalog, grid)
 * load at start and reload when the newest data version changes: at once on the replica that wrote
 * it, and within REFERENCE_REFRESH_MS on the others (one tiny indexed query per interval, never one
 * per request).
 */
@Injectable()
export class DataVersionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DataVersionsService.name);
  private readonly listeners: DataVersionListener[] = [];
  private currentVersion = 'none';
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;

  constructor(
    @InjectRepository(DataVersionEntity) private readonly repo: Repository<DataVersionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    await this.refresh(true);
    if (this.config.REFERENCE_REFRESH_MS > 0) {
      this.timer = setInterval(
        () => void this.refresh().catch((err) => this.logger.warn({ msg: 'data version poll failed', err })),
        this.config.REFERENCE_REFRESH_MS,
      );
      this.timer.unref();
    }
  }

  /** A poll already running finishes before the pool closes (else its query fails "Connection terminated" at shutdown). */
  async onModuleDestroy() {
    if (this.timer) clearInterval(this.timer);
    await this.refreshing?.catch(() => undefined);
  }

  /** The newest data version id (what results report as `dataVersion`). */
  current(): string {
    return this.currentVersion;
  }

  /** Called with the new version id after every change (and once at start). */
  subscribe(listener: DataVersionListener) {
    this.listeners.push(listener);
  }

  /** Records an admin write as a new data version, inside the writer's transaction. */
  async recordAdminWrite(manager: EntityManager, description: string, details: Record<string, unknown>): Promise<string> {
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const id = `admin-${stamp}-${randomBytes(3).toString('hex')}`;
    await manager.query(`INSERT INTO data_versions (id, kind, description, details) VALUES ($1, 'admin', $2, $3)`, [
      id,
      description,
      JSON.stringify(details),
    ]);
    return id;
  }

  /** Reloads listeners if the newest version changed (or always, when forced). Concurrent calls share one refresh. */
  async refresh(force = false): Promise<void> {
    if (this.refreshing) return this.refreshing;
    this.refreshing = (async () => {
      const rows: { id: string }[] = await this.repo.query(
        `SELECT id FROM data_versions ORDER BY created_at DESC, id DESC LIMIT 1`,
      );
      const newest = rows[0]?.id ?? 'none';
      if (!force && newest === this.currentVersion) return;
      for (const listener of this.listeners) await listener(newest);
      this.currentVersion = newest;
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  async list(): Promise<DataVersionModel[]> {
    const rows = await this.repo.find({ order: { createdAt: 'DESC', id: 'DESC' } });
    return rows.map(toDataVersionModel);
  }
}
