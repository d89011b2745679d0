import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth.types';
import { validationFailed } from '../common/errors/validation-errors';
import { decodeCursor, encodeCursor } from '../catalog/domain/hardware-list';
import { DataVersionsService } from '../data-versions/data-versions.service';
import { ModelIndex, ModelIndexError } from './domain/model-index';
import type { ModelRecord, StoredModel } from './domain/model.types';
import { ModelCatalogError, ModelCatalogErrorCode } from './model-catalog.errors';
import { modelRowParams, modelUpsertSql } from './model-catalog.seed';

/** Serialises model catalog writes across replicas. */
const MODEL_WRITE_LOCK = 727_121;
const MAX_REF_LENGTH = 300;

export interface ModelListQuery {
  q?: string | null;
  family?: string | null;
  limit?: number | null;
  cursor?: string | null;
}

interface DbRow {
  id: string;
  name: string;
  family: string;
  vendor: string;
  hugging_face_id: string | null;
  aliases: string[] | null;
  access: StoredModel['access'];
  parameter_status: StoredModel['parameterStatus'];
  total_parameters: number;
  active_parameters: number;
  parameter_range: [number, number] | null;
  architecture: StoredModel['architecture'];
  layers: number | null;
  hidden_size: number | null;
  attention_heads: number | null;
  kv_heads: number | null;
  head_dim: number | null;
  context_length: number | null;
  vocab_size: number | null;
  experts: number | null;
  experts_per_token: number | null;
  attention_layers: number | null;
  kv_values_per_token_per_layer: number | null;
  release_year: number | null;
  license: string;
  sources: StoredModel['sources'];
  seed: boolean;
  data_version: string;
}

/** KV bytes per token at 16 bits, as the seed builder derives it. */
export function kvBytesPerTokenBf16(
  r: Pick<ModelRecord, 'layers' | 'attentionLayers' | 'kvHeads' | 'headDim' | 'kvValuesPerTokenPerLayer'>,
): number | null {
  const layers = r.attentionLayers ?? r.layers;
  const perLayer = r.kvValuesPerTokenPerLayer ?? (r.kvHeads !== null && r.headDim !== null ? 2 * r.kvHeads * r.headDim : null);
  return layers !== null && perLayer !== null ? layers * perLayer * 2 : null;
}

function fromDb(r: DbRow): StoredModel {
  const rec: StoredModel = {
    id: r.id,
    name: r.name,
    family: r.family,
    vendor: r.vendor,
    huggingFaceId: r.hugging_face_id,
    aliases: r.aliases ?? [],
    access: r.access,
    parameterStatus: r.parameter_status,
    totalParameters: Number(r.total_parameters),
    activeParameters: Number(r.active_parameters),
    parameterRange: r.parameter_range,
    architecture: r.architecture,
    layers: r.layers,
    hiddenSize: r.hidden_size,
    attentionHeads: r.attention_heads,
    kvHeads: r.kv_heads,
    headDim: r.head_dim,
    contextLength: r.context_length,
    vocabSize: r.vocab_size,
    experts: r.experts,
    expertsPerToken: r.experts_per_token,
    attentionLayers: r.attention_layers,
    kvValuesPerTokenPerLayer: r.kv_values_per_token_per_layer,
    kvBytesPerTokenBf16: null,
    releaseYear: r.release_year,
    license: r.license,
    sources: r.sources ?? [],
    seed: r.seed,
    dataVersion: r.data_version,
  };
  rec.kvBytesPerTokenBf16 = kvBytesPerTokenBf16(rec);
  return rec;
}

/**
 * The model catalog. Rows live in PostgreSQL (`models`); reads are served from an in-memory ModelIndex
 * rebuilt whenever the newest data version changes (as the hardware catalog does). Admin writes add
 * custom entries (seed rows are read-only), each recorded as a new data version.
 */
@Injectable()
export class ModelCatalogService implements OnModuleInit {
  private readonly logger = new Logger(ModelCatalogService.name);
  private version = 'none';
  private index = new ModelIndex<StoredModel>([]);
  private loadsStarted = 0;
  private loadApplied = 0;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly dataVersions: DataVersionsService,
  ) {}

  onModuleInit() {
    this.dataVersions.subscribe((version) => this.reload(version));
  }

  /** The model a reference names (catalog id, Hugging Face id or alias), or null. */
  find(ref: string): StoredModel | null {
    if (typeof ref !== 'string' || ref.length > MAX_REF_LENGTH) return null;
    return this.index.resolve(ref);
  }

  /** Like find(); unknown: MODEL_NOT_FOUND with close matches in `details`. */
  resolve(ref: string): StoredModel {
    const found = this.find(ref);
    if (found) return found;
    throw this.notFound(ref);
  }

  list(query: ModelListQuery): { items: StoredModel[]; nextCursor: string | null } {
    let after: string | null = null;
    if (query.cursor) {
      after = decodeCursor(query.cursor);
      if (!after) throw validationFailed([{ path: 'cursor', message: 'cursor must be a nextCursor returned by this list' }]);
    }
    const page = this.index.list({ q: query.q ?? null, family: query.family ?? null, limit: query.limit ?? 50, after });
    return { items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null };
  }

  // ---- admin writes (custom entries) ---------------------------------------------------------------

  /** Creates a custom entry, or replaces the custom entry with the same id. Seed rows are read-only. */
  async upsert(input: ModelRecord, auth: AuthContext | null): Promise<StoredModel> {
    const next: ModelRecord = { ...input, kvBytesPerTokenBf16: kvBytesPerTokenBf16(input) };
    return this.write(auth, next.id, (current) => {
      const existing = current.get(next.id);
      if (existing?.seed) throw this.readOnly(next.id);
      return { action: existing ? 'update' : 'create', next, previous: existing ?? null };
    });
  }

  /** Deletes a custom entry (kept with deleted_at). Seed rows are read-only. */
  async remove(id: string, auth: AuthContext | null): Promise<StoredModel> {
    return this.write(auth, id, (current) => {
      const existing = current.get(id);
      if (!existing) throw this.notFound(id);
      if (existing.seed) throw this.readOnly(id);
      return { action: 'delete', next: null, previous: existing };
    });
  }

  private async write(
    auth: AuthContext | null,
    id: string,
    decide: (current: Map<string, StoredModel>) => {
      action: 'create' | 'update' | 'delete';
      next: ModelRecord | null;
      previous: StoredModel | null;
    },
  ): Promise<StoredModel> {
    const { plan, version } = await this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [MODEL_WRITE_LOCK]);
      const current = new Map((await this.readRows(m)).map((r) => [r.id, r]));
      const plan = decide(current);
      const rows: ModelRecord[] = [...current.values()].filter((r) => r.id !== id);
      if (plan.next) rows.push(plan.next);
      try {
        new ModelIndex(rows);
      } catch (err) {
        if (!(err instanceof ModelIndexError)) throw err;
        throw new ModelCatalogError(
          ModelCatalogErrorCode.MODEL_ALIAS_TAKEN,
          `Model ${id} clashes with other catalog entries: its id, Hugging Face id or an alias is already another entry's spelling.`,
          err.problems.filter((p) => p.includes(id)).map((message) => ({ message })),
        );
      }
      const verb = plan.action === 'create' ? 'created' : plan.action === 'update' ? 'updated' : 'deleted';
      const version = await this.dataVersions.recordAdminWrite(m, `Model ${id} ${verb}`, {
        models: { action: plan.action, id, keyId: auth?.keyId ?? null },
      });
      await m.query('UPDATE data_versions SET created_at = clock_timestamp() WHERE id = $1', [version]);
      if (plan.next) await m.query(modelUpsertSql(1), modelRowParams(plan.next, false, version));
      else
        await m.query('UPDATE models SET deleted_at = now(), updated_at = now(), data_version = $2 WHERE id = $1', [id, version]);
      return { plan, version };
    });
    this.logger.log({ msg: 'model catalog write', action: plan.action, id, version, keyId: auth?.keyId });
    await this.dataVersions.refresh();
    if (this.version !== version) await this.reload(version);
    const written = plan.next ?? plan.previous!;
    return { ...written, seed: false, dataVersion: version, kvBytesPerTokenBf16: kvBytesPerTokenBf16(written) };
  }

  private async readRows(m: EntityManager | DataSource): Promise<StoredModel[]> {
    const rows: DbRow[] = await m.query('SELECT * FROM models WHERE deleted_at IS NULL');
    return rows.map(fromDb);
  }

  /** Reloads every live row. Overlapping reloads: the one that started last wins. */
  async reload(version: string): Promise<void> {
    const seq = ++this.loadsStarted;
    const rows = await this.readRows(this.ds);
    let index: ModelIndex<StoredModel>;
    try {
      index = new ModelIndex(rows);
    } catch (err) {
      if (!(err instanceof ModelIndexError)) throw err;
      this.logger.error({
        msg: 'custom model entries clash with the catalog; serving the seed rows only',
        problems: err.problems,
      });
      index = new ModelIndex(rows.filter((r) => r.seed));
    }
    if (seq < this.loadApplied) return;
    this.loadApplied = seq;
    this.index = index;
    this.version = version;
    this.logger.debug({ msg: 'model catalog loaded', version, rows: index.size });
  }

  private notFound(ref: string): ModelCatalogError {
    const suggestions = typeof ref === 'string' && ref.length <= MAX_REF_LENGTH ? this.index.suggest(ref) : [];
    const hint = suggestions.length > 0 ? ` Closest: ${suggestions.map((s) => `${s.id} (${s.name})`).join(', ')}.` : '';
    const shown = typeof ref === 'string' && ref.length > 80 ? `${ref.slice(0, 80)}...` : ref;
    return new ModelCatalogError(ModelCatalogErrorCode.MODEL_NOT_FOUND, `No model matches "${shown}".${hint}`, suggestions);
  }

  private readOnly(id: string): ModelCatalogError {
    return new ModelCatalogError(
      ModelCatalogErrorCode.SEED_MODEL_READ_ONLY,
      `Model ${id} is shipped reference data and cannot be changed or deleted through the API; add a custom entry instead.`,
      [{ id }],
    );
  }
}
