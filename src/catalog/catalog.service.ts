import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import type { AuthContext } from '../auth/auth.types';
import { validationFailed } from '../common/errors/validation-errors';
import { DataVersionsService } from '../data-versions/data-versions.service';
import { defaultEmbodiedKgCo2e, defaultIdleW, defaultsSource } from './domain/hardware-defaults';
import {
  decodeCursor,
  encodeCursor,
  listHardware,
  makeSearchable,
  slugifyHardwareId,
  type SearchableRows,
} from './domain/hardware-list';
import { HardwareIndex, HardwareIndexError, type HardwareResolution, type HardwareSuggestion } from './domain/hardware-matcher';
import {
  PRECISIONS,
  type HardwareFamilies,
  type HardwareKind,
  type HardwareRecord,
  type HardwareSource,
  type Precision,
} from './domain/hardware.types';
import { CatalogError, CatalogErrorCode } from './catalog.errors';
import { hardwareRowParams, hardwareUpsertSql } from './catalog.seed';
import { loadHardwareFamilies } from './catalog.seed-files';
import { HARDWARE_ID_PATTERN, type HardwareInput, type HardwarePatchInput } from './dto/hardware.input';
import { HardwareEntity } from './entities/hardware.entity';
import type { StoredHardware } from './models/hardware.model';

/** Serialises catalog writes across replicas (pg_advisory_xact_lock), so the consistency check sees every committed row. */
const CATALOG_WRITE_LOCK = 727_101;
/** Longest reference we try to match or suggest for (suggestions cost an edit distance per catalog key). */
const MAX_REF_LENGTH = 200;

export interface HardwareListQuery {
  kind?: HardwareKind | null;
  vendor?: string | null;
  q?: string | null;
  limit?: number | null;
  cursor?: string | null;
}

export interface HardwarePage {
  items: StoredHardware[];
  nextCursor: string | null;
}

interface Snapshot {
  version: string;
  index: HardwareIndex;
  byId: Map<string, StoredHardware>;
  list: SearchableRows<StoredHardware>;
}

type WritePlan = {
  action: 'create' | 'update' | 'delete';
  id: string;
  next: StoredHardware | null;
  previous: StoredHardware | null;
};

export function fromHardwareEntity(e: HardwareEntity): StoredHardware {
  return {
    id: e.id,
    name: e.name,
    vendor: e.vendor,
    kind: e.kind,
    family: e.family,
    aliases: e.aliases ?? [],
    tdpW: e.tdpW,
    idleW: e.idleW,
    memoryGb: e.memoryGb,
    memoryBandwidthGBps: e.memoryBandwidthGBps ?? null,
    releaseYear: e.releaseYear,
    peakTflops: normalizePeak(e.peakTflops),
    embodiedKgCo2e: e.embodiedKgCo2e,
    sources: e.sources ?? [],
    seed: e.seed,
    dataVersion: e.dataVersion,
  };
}

function normalizePeak(p: Partial<Record<Precision, number | null>> | null | undefined): Record<Precision, number | null> {
  const out = {} as Record<Precision, number | null>;
  for (const k of PRECISIONS) out[k] = p?.[k] ?? null;
  return out;
}

/** Copies validated input objects (class instances) to plain JSON for storage. */
function plainSources(sources: readonly (Omit<HardwareSource, 'note'> & { note?: string | null })[]): HardwareSource[] {
  return sources.map((s) => ({
    fields: [...s.fields],
    name: s.name,
    url: s.url,
    license: s.license,
    ...(s.year !== undefined && s.year !== null ? { year: s.year } : {}),
    ...(s.note !== undefined && s.note !== null ? { note: s.note } : {}),
  }));
}

function cleanAliases(aliases: readonly string[] | null | undefined): string[] {
  return [...new Set((aliases ?? []).map((a) => a.trim()).filter((a) => a.length > 0))];
}

/**
 * The hardware catalog. Every row lives in PostgreSQL (`hardware`); reads are served from an in-memory
 * HardwareIndex rebuilt whenever the newest data version changes (DataVersionsService calls our listener
 * at start, after this replica's writes, and within REFERENCE_REFRESH_MS of another replica's), so
 * `resolve()` is a few Map lookups with no database round trip. Writes (custom entries only; seed rows are
 * read-only) run in one transaction with a new data version, under an advisory lock.
 */
@Injectable()
export class CatalogService implements OnModuleInit {
  private readonly logger = new Logger(CatalogService.name);
  private readonly families: HardwareFamilies = loadHardwareFamilies();
  private snapshot: Snapshot;
  private loadsStarted = 0;
  private loadApplied = 0;

  constructor(
    @InjectRepository(HardwareEntity) private readonly repo: Repository<HardwareEntity>,
    private readonly dataVersions: DataVersionsService,
  ) {
    this.snapshot = this.buildSnapshot('none', []);
  }

  onModuleInit() {
    this.dataVersions.subscribe((version) => this.reload(version));
  }

  // ---- reads (in memory) -------------------------------------------------------------------------

  /** The data version the in-memory catalog reflects. */
  version(): string {
    return this.snapshot.version;
  }

  /** Resolves an id, alias or bare family name (case- and punctuation-insensitive), or null. */
  find(ref: string): HardwareResolution | null {
    if (typeof ref !== 'string' || ref.length > MAX_REF_LENGTH) return null;
    return this.snapshot.index.resolve(ref);
  }

  /** Like find(), but an unknown reference throws HARDWARE_NOT_FOUND with the closest matches in `details`. */
  resolve(ref: string): HardwareResolution {
    const found = this.find(ref);
    if (found) return found;
    throw this.notFound(ref);
  }

  /** resolve(), with the stored row (its data version) for the API's answer. */
  resolveEntry(ref: string): { row: StoredHardware; resolution: HardwareResolution } {
    const resolution = this.resolve(ref);
    return { row: resolution.hardware as StoredHardware, resolution };
  }

  /** The row with exactly this id (as PATCH and DELETE address it); HARDWARE_NOT_FOUND otherwise. */
  get(id: string): StoredHardware {
    const row = typeof id === 'string' ? this.snapshot.byId.get(id) : undefined;
    if (row) return row;
    throw this.notFound(id);
  }

  /** Closest catalog entries to a name, best first. */
  suggest(ref: string, limit = 5): HardwareSuggestion[] {
    if (typeof ref !== 'string' || ref.length > MAX_REF_LENGTH) return [];
    return this.snapshot.index.suggest(ref, limit);
  }

  list(query: HardwareListQuery): HardwarePage {
    let after: string | null = null;
    if (query.cursor) {
      after = decodeCursor(query.cursor);
      if (!after) throw validationFailed([{ path: 'cursor', message: 'cursor must be a nextCursor returned by this list' }]);
    }
    const page = listHardware(this.snapshot.list, {
      kind: query.kind ?? null,
      vendor: query.vendor ?? null,
      q: query.q ?? null,
      limit: query.limit ?? 50,
      after,
    });
    return { items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null };
  }

  // ---- writes (admin; custom entries only) -------------------------------------------------------

  /** Adds a custom entry; HARDWARE_ID_TAKEN if the id exists, HARDWARE_ALIAS_TAKEN if a name clashes. */
  async create(input: HardwareInput, auth: AuthContext | null): Promise<StoredHardware> {
    const next = this.recordFromInput(input, auth);
    return this.write(auth, (current) => {
      const existing = current.get(next.id);
      if (existing) {
        throw new CatalogError(
          CatalogErrorCode.HARDWARE_ID_TAKEN,
          `Hardware ${next.id} already exists${existing.seed ? ' (shipped reference data)' : ''}.`,
          [{ path: 'id', message: `id ${next.id} is taken`, id: next.id }],
        );
      }
      return { action: 'create', id: next.id, next, previous: null };
    });
  }

  /** Creates the entry, or replaces the custom entry with the same id. Seed rows are read-only. */
  async upsert(input: HardwareInput, auth: AuthContext | null): Promise<StoredHardware> {
    const next = this.recordFromInput(input, auth);
    return this.write(auth, (current) => {
      const existing = current.get(next.id) ?? null;
      if (existing?.seed) throw this.readOnly(existing.id);
      return { action: existing ? 'update' : 'create', id: next.id, next, previous: existing };
    });
  }

  /** Changes the given fields of a custom entry (nested peakTflops merges; other values replace). */
  async update(id: string, patch: HardwarePatchInput, auth: AuthContext | null): Promise<StoredHardware> {
    return this.write(auth, (current) => {
      const existing = current.get(id);
      if (!existing) throw this.notFound(id);
      if (existing.seed) throw this.readOnly(id);
      const next: StoredHardware = { ...existing, peakTflops: { ...existing.peakTflops }, sources: existing.sources };
      if (patch.name !== undefined) next.name = patch.name.trim();
      if (patch.vendor !== undefined) next.vendor = patch.vendor.trim();
      if (patch.kind !== undefined) next.kind = patch.kind;
      if (patch.family !== undefined) next.family = patch.family === null ? null : patch.family.trim();
      if (patch.aliases !== undefined) next.aliases = cleanAliases(patch.aliases);
      if (patch.tdpW !== undefined) next.tdpW = patch.tdpW;
      if (patch.idleW !== undefined) next.idleW = patch.idleW;
      if (patch.memoryGb !== undefined) next.memoryGb = patch.memoryGb;
      if (patch.memoryBandwidthGBps !== undefined) next.memoryBandwidthGBps = patch.memoryBandwidthGBps;
      if (patch.releaseYear !== undefined) next.releaseYear = patch.releaseYear;
      if (patch.embodiedKgCo2e !== undefined) next.embodiedKgCo2e = patch.embodiedKgCo2e;
      if (patch.sources !== undefined) next.sources = plainSources(patch.sources);
      if (patch.peakTflops !== undefined) {
        for (const k of PRECISIONS) if (patch.peakTflops[k] !== undefined) next.peakTflops[k] = patch.peakTflops[k] ?? null;
      }
      this.checkIdle(next);
      return { action: 'update', id, next, previous: existing };
    });
  }

  /** Deletes a custom entry (kept in the table with deleted_at for history). Seed rows are read-only. */
  async remove(id: string, auth: AuthContext | null): Promise<StoredHardware> {
    return this.write(auth, (current) => {
      const existing = current.get(id);
      if (!existing) throw this.notFound(id);
      if (existing.seed) throw this.readOnly(id);
      return { action: 'delete', id, next: null, previous: existing };
    });
  }

  private async write(
    auth: AuthContext | null,
    decide: (current: Map<string, StoredHardware>) => WritePlan,
  ): Promise<StoredHardware> {
    const { plan, version } = await this.repo.manager.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_WRITE_LOCK]);
      const current = await this.committedRows(m);
      const plan = decide(current);
      const rows = [...current.values()].filter((r) => r.id !== plan.id);
      if (plan.next) rows.push(plan.next);
      this.checkConsistency(rows, plan.id);
      const verb = plan.action === 'create' ? 'created' : plan.action === 'update' ? 'updated' : 'deleted';
      const version = await this.dataVersions.recordAdminWrite(m, `Hardware ${plan.id} ${verb}`, {
        catalog: { action: plan.action, id: plan.id, keyId: auth?.keyId ?? null },
      });
      // Stamp the version when it is written (under the lock), not when the transaction began, so the newest
      // version by created_at is always the last committed catalog write and every replica's poll sees it.
      await m.query('UPDATE data_versions SET created_at = clock_timestamp() WHERE id = $1', [version]);
      if (plan.next) {
        await m.query(hardwareUpsertSql(1), hardwareRowParams({ ...plan.next, seed: false }, version));
      } else {
        await m.query('UPDATE hardware SET deleted_at = now(), updated_at = now(), data_version = $2 WHERE id = $1', [
          plan.id,
          version,
        ]);
      }
      return { plan, version };
    });
    this.logger.log({ msg: 'catalog write', action: plan.action, id: plan.id, version, keyId: auth?.keyId });
    await this.dataVersions.refresh();
    if (this.snapshot.version !== version) await this.reload(version);
    const written = plan.next ?? plan.previous!;
    return { ...written, dataVersion: version };
  }

  /** Every live row as committed: the in-memory snapshot when it is at the newest version, else a fresh read. */
  private async committedRows(m: EntityManager): Promise<Map<string, StoredHardware>> {
    const newest: { id: string }[] = await m.query('SELECT id FROM data_versions ORDER BY created_at DESC, id DESC LIMIT 1');
    if (newest[0]?.id === this.snapshot.version) return new Map(this.snapshot.byId);
    const entities = await m.getRepository(HardwareEntity).find({ where: { deletedAt: IsNull() } });
    return new Map(entities.map((e) => [e.id, fromHardwareEntity(e)]));
  }

  private checkIdle(r: HardwareRecord) {
    if (r.idleW > r.tdpW)
      throw validationFailed([{ path: 'idleW', message: `idleW (${r.idleW}) must not exceed tdpW (${r.tdpW})` }]);
  }

  /** The whole catalog with the change must still index: no spelling shared by two rows, families resolvable. */
  private checkConsistency(rows: StoredHardware[], id: string) {
    try {
      new HardwareIndex(rows, this.familiesFor(rows));
    } catch (err) {
      if (!(err instanceof HardwareIndexError)) throw err;
      const mine = err.problems.filter((p) => p.includes(id));
      const problems = (mine.length > 0 ? mine : err.problems).slice(0, 20);
      throw new CatalogError(
        CatalogErrorCode.HARDWARE_ALIAS_TAKEN,
        `Hardware ${id} clashes with other catalog entries: a name, alias or family is already another entry's spelling.`,
        problems.map((message) => ({ message })),
      );
    }
  }

  private recordFromInput(input: HardwareInput, auth: AuthContext | null): StoredHardware {
    const name = input.name.trim();
    const vendor = input.vendor.trim();
    const id = input.id ?? slugifyHardwareId(vendor, name);
    if (!id || !HARDWARE_ID_PATTERN.test(id)) {
      throw validationFailed([{ path: 'id', message: 'no id can be made from vendor and name: pass an id (lowercase slug)' }]);
    }
    const defaulted: string[] = [];
    const idleW = input.idleW ?? (defaulted.push('idleW'), defaultIdleW(input.kind, input.tdpW));
    const embodiedKgCo2e = input.embodiedKgCo2e ?? (defaulted.push('embodiedKgCo2e'), defaultEmbodiedKgCo2e(input.kind));
    const peakTflops = normalizePeak(input.peakTflops ?? null);
    let sources: HardwareSource[];
    if (input.sources && input.sources.length > 0) {
      sources = plainSources(input.sources);
    } else {
      const given = [
        'name',
        'vendor',
        'kind',
        'tdpW',
        ...(input.idleW != null ? ['idleW'] : []),
        ...(input.memoryGb != null ? ['memoryGb'] : []),
        ...(input.memoryBandwidthGBps != null ? ['memoryBandwidthGBps'] : []),
        ...(input.releaseYear != null ? ['releaseYear'] : []),
        ...(input.embodiedKgCo2e != null ? ['embodiedKgCo2e'] : []),
        ...(PRECISIONS.some((p) => peakTflops[p] !== null) ? ['peakTflops'] : []),
      ];
      sources = [
        {
          fields: given,
          name: 'custom entry (admin API)',
          url: 'urn:ai-emissions-api:admin',
          license: 'supplied by the operator',
          note: `added without a cited source${auth ? ` by API key ${auth.keyId}` : ''}`,
        },
      ];
    }
    if (defaulted.length > 0) sources.push(defaultsSource(input.kind, defaulted));
    const record: StoredHardware = {
      id,
      name,
      vendor,
      kind: input.kind,
      family: input.family?.trim() || null,
      aliases: cleanAliases(input.aliases),
      tdpW: input.tdpW,
      idleW,
      memoryGb: input.memoryGb ?? null,
      memoryBandwidthGBps: input.memoryBandwidthGBps ?? null,
      releaseYear: input.releaseYear ?? null,
      peakTflops,
      embodiedKgCo2e,
      sources,
      seed: false,
      dataVersion: '',
    };
    this.checkIdle(record);
    return record;
  }

  private notFound(ref: string): CatalogError {
    const suggestions = typeof ref === 'string' ? this.suggest(ref) : [];
    const hint = suggestions.length > 0 ? ` Closest: ${suggestions.map((s) => `${s.id} (${s.name})`).join(', ')}.` : '';
    const shown = typeof ref === 'string' && ref.length > 80 ? `${ref.slice(0, 80)}...` : ref;
    return new CatalogError(CatalogErrorCode.HARDWARE_NOT_FOUND, `No hardware matches "${shown}".${hint}`, suggestions);
  }

  private readOnly(id: string): CatalogError {
    return new CatalogError(
      CatalogErrorCode.SEED_HARDWARE_READ_ONLY,
      `Hardware ${id} is shipped reference data and cannot be changed or deleted through the API; add a custom entry instead ` +
        '(or correct seed/ and release new reference data).',
      [{ id }],
    );
  }

  // ---- the in-memory snapshot --------------------------------------------------------------------

  /** Reloads every live row from the database. Overlapping reloads: the one that started last wins. */
  async reload(version: string): Promise<void> {
    const seq = ++this.loadsStarted;
    const entities = await this.repo.find({ where: { deletedAt: IsNull() } });
    const snapshot = this.buildSnapshot(version, entities.map(fromHardwareEntity));
    if (seq < this.loadApplied) return;
    this.loadApplied = seq;
    this.snapshot = snapshot;
    this.logger.debug({ msg: 'hardware catalog loaded', version, rows: snapshot.byId.size });
  }

  /** Family defaults whose default row is present (an empty or partial catalog still indexes). */
  private familiesFor(rows: HardwareRecord[]): HardwareFamilies {
    const ids = new Set(rows.map((r) => r.id));
    return Object.fromEntries(Object.entries(this.families).filter(([, f]) => ids.has(f.default)));
  }

  /**
   * Indexes the rows. Should custom entries clash with a newer seed release, the seed wins: the clashing
   * custom entries are left out of the index (and logged) rather than failing the whole catalog.
   */
  private buildSnapshot(version: string, rows: StoredHardware[]): Snapshot {
    let index: HardwareIndex;
    let kept = rows;
    try {
      index = new HardwareIndex(rows, this.familiesFor(rows));
    } catch (err) {
      if (!(err instanceof HardwareIndexError)) throw err;
      kept = rows.filter((r) => r.seed);
      index = new HardwareIndex(kept, this.familiesFor(kept));
      for (const custom of rows.filter((r) => !r.seed)) {
        try {
          index = new HardwareIndex([...kept, custom], this.familiesFor([...kept, custom]));
          kept = [...kept, custom];
        } catch (e) {
          this.logger.error({
            msg: 'custom hardware entry clashes with the catalog; left out',
            id: custom.id,
            problems: (e as HardwareIndexError).problems,
          });
        }
      }
    }
    return { version, index, byId: new Map(kept.map((r) => [r.id, r])), list: makeSearchable(kept) };
  }
}
