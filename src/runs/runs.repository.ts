import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Estimate } from '../estimation';
import type { ReportDimension } from './dto/report.args';
import { RunTexts } from './run-texts';
import { type NewRun, type RunHistoryRecord, type RunRecord, RunWriter } from './runs.types';
import { type RunCursor, storedHeadline } from './runs.util';

const COLUMNS = `id, tenant, name, project, team, model, tags, started_at, ended_at, request, estimate_packed, reported, data_version,
  job_id, external_id, request_hash, created_at, updated_at`;

type Row = Record<string, unknown>;

/** TypeORM's postgres driver answers UPDATE and DELETE with [rows, affectedCount]; SELECT and INSERT with rows. */
function modified(result: unknown): Row[] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
    ? (result[0] as Row[])
    : (result as Row[]);
}

/** A stored row as a record, its estimate given unpacked (see RunsRepository.records). */
function toRecord(r: Row, estimate: Estimate): RunRecord {
  return {
    id: r.id as string,
    tenant: r.tenant as string,
    name: (r.name as string | null) ?? null,
    project: (r.project as string | null) ?? null,
    team: (r.team as string | null) ?? null,
    model: (r.model as string | null) ?? null,
    tags: (r.tags as string[] | null) ?? [],
    startedAt: (r.started_at as Date | null) ?? null,
    endedAt: (r.ended_at as Date | null) ?? null,
    request: r.request as Record<string, unknown>,
    estimate,
    reported: (r.reported as RunRecord['reported']) ?? null,
    dataVersion: r.data_version as string,
    jobId: (r.job_id as string | null) ?? null,
    externalId: (r.external_id as string | null) ?? null,
    requestHash: r.request_hash as string,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export interface RunFilters {
  project?: string | null;
  team?: string | null;
  model?: string | null;
  tag?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface ReportQuery {
  groupBy: ReportDimension[];
  /** Every tenant's runs (the platform's org-wide report); the caller has checked the scope. */
  allTenants?: boolean;
  from: Date | null;
  to: Date | null;
  project?: string | null;
  team?: string | null;
  model?: string | null;
}

export interface ReportRow {
  key: Record<string, string | null>;
  runs: number;
  acceleratorHours: number;
  energyKwh: number;
  co2eKg: number;
  operationalCo2eKg: number;
  embodiedCo2eKg: number;
  waterL: number;
}

/** Dimension -> column of both `runs` (aliased) and `run_rollups`. */
const DIMENSION_COLUMN: Record<ReportDimension, string> = {
  project: 'project',
  team: 'team',
  model: 'model',
  zone: 'zone',
  hardware: 'hardware_id',
  month: 'month',
  tenant: 'tenant',
  tag: 'tag',
};

const SUM_COLUMNS = 'accelerator_hours, energy_kwh, co2e_kg, operational_co2e_kg, embodied_co2e_kg, water_l';
/** The same sums from `runs` rows (one run each) as from `run_rollups` rows. */
const RUN_SUMS = `1::bigint AS runs, coalesce(accelerator_hours, 0)::numeric AS accelerator_hours, energy_kwh::numeric AS energy_kwh,
  co2e_kg::numeric AS co2e_kg, operational_co2e_kg::numeric AS operational_co2e_kg, embodied_co2e_kg::numeric AS embodied_co2e_kg,
  coalesce(water_l, 0)::numeric AS water_l`;

function monthFloor(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

function monthCeil(d: Date): Date {
  const floor = monthFloor(d);
  return floor.getTime() === d.getTime() ? floor : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** The runs queries that are more than CRUD: idempotent insert, keyset pages, locked recalculation, reports. */
@Injectable()
export class RunsRepository implements RunWriter {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly texts: RunTexts,
  ) {}

  /** Rows as records, their estimates unpacked (one read of run_texts for the texts not cached). */
  private async records(rows: Row[]): Promise<RunRecord[]> {
    const estimates = await this.texts.unpack<Estimate>(rows.map((r) => r.estimate_packed));
    return rows.map((r, i) => toRecord(r, estimates[i]));
  }

  private async record(row: Row | undefined): Promise<RunRecord | null> {
    return row ? (await this.records([row]))[0] : null;
  }

  async findByIdempotencyKey(tenant: string, key: string): Promise<RunRecord | null> {
    const rows: Row[] = await this.ds.query(`SELECT ${COLUMNS} FROM runs WHERE tenant = $1 AND idempotency_key = $2`, [
      tenant,
      key,
    ]);
    return this.record(rows[0]);
  }

  /**
   * One INSERT of the run with its estimate, data version and headline numbers. With an idempotency
   * key, concurrent retries race on UNIQUE (tenant, idempotency_key): the losers' ON CONFLICT DO
   * NOTHING waits for the winner's commit, and they then read the winner.
   */
  async insertIdempotent(run: NewRun): Promise<{ run: RunRecord; created: boolean }> {
    const [packed] = await this.texts.pack([run.estimate]);
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows: Row[] = await this.ds.query(
        `INSERT INTO runs (tenant, name, project, team, model, tags, started_at, ended_at, request, estimate_packed, data_version,
           idempotency_key, request_hash, job_id, source_row,
           method, zone, hardware_id, accelerator_hours, energy_kwh, co2e_kg, operational_co2e_kg, embodied_co2e_kg, water_l, reported)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
         ON CONFLICT (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          run.tenant,
          run.name,
          run.project,
          run.team,
          run.model,
          run.tags,
          run.startedAt,
          run.endedAt,
          JSON.stringify(run.request),
          JSON.stringify(packed),
          run.estimate.dataVersion,
          run.idempotencyKey,
          run.requestHash,
          run.jobId ?? null,
          run.sourceRow ?? null,
          ...storedHeadline(run.estimate),
          run.reported ? JSON.stringify(run.reported) : null,
        ],
      );
      if (rows[0]) return { run: (await this.record(rows[0])) as RunRecord, created: true };
      // Conflict: the key is taken. Read the winner (it may have been deleted in between: then try again).
      const existing = await this.findByIdempotencyKey(run.tenant, run.idempotencyKey as string);
      if (existing) return { run: existing, created: false };
    }
    throw new Error('idempotent insert did not settle after 3 attempts');
  }

  async findById(tenant: string, id: string): Promise<RunRecord | null> {
    const rows: Row[] = await this.ds.query(`SELECT ${COLUMNS} FROM runs WHERE id = $1 AND tenant = $2`, [id, tenant]);
    return this.record(rows[0]);
  }

  async delete(tenant: string, id: string): Promise<RunRecord | null> {
    const rows = modified(
      await this.ds.query(`DELETE FROM runs WHERE id = $1 AND tenant = $2 RETURNING ${COLUMNS}`, [id, tenant]),
    );
    return this.record(rows[0]);
  }

  /**
   * Newest first by (created_at, id), keyset-paginated: each page is an index range scan of
   * `limit + 1` entries after the cursor, so pages neither skip nor repeat runs while others are added
   * (new runs sort before the first page) and cost the same on page 1 and page 10,000.
   */
  async list(
    tenant: string,
    f: RunFilters,
    limit: number,
    after: RunCursor | null,
  ): Promise<{ items: RunRecord[]; more: boolean }> {
    const params: unknown[] = [tenant];
    const where = ['tenant = $1'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.project) add((p) => `project = ${p}`, f.project);
    if (f.team) add((p) => `team = ${p}`, f.team);
    if (f.model) add((p) => `model = ${p}`, f.model);
    if (f.tag) add((p) => `tags @> ARRAY[${p}]::text[]`, f.tag);
    if (f.from) add((p) => `reported_at >= ${p}`, f.from);
    if (f.to) add((p) => `reported_at < ${p}`, f.to);
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM runs WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return { items: await this.records(rows.slice(0, limit)), more: rows.length > limit };
  }

  /**
   * Replaces a run's estimate with `current` under a row lock (SELECT ... FOR UPDATE): the replaced
   * estimate goes to run_history and the run's estimate and headline columns are updated, all in one
   * transaction. New texts are stored and rows unpacked outside it (on the embedded engine a second
   * connection waits for an open transaction).
   */
  async recalculate(tenant: string, id: string, current: Estimate): Promise<{ run: RunRecord; previous: Estimate } | null> {
    const [packed] = await this.texts.pack([current]);
    const rows = await this.ds.transaction(async (m: EntityManager) => {
      const locked: Row[] = await m.query(`SELECT ${COLUMNS} FROM runs WHERE id = $1 AND tenant = $2 FOR UPDATE`, [id, tenant]);
      if (!locked[0]) return null;
      // The replaced estimate moves to the history as stored (packed).
      await m.query(
        `INSERT INTO run_history (run_id, version, estimate_packed, data_version)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3 FROM run_history WHERE run_id = $1`,
        [id, JSON.stringify(locked[0].estimate_packed), locked[0].data_version],
      );
      const updated = modified(
        await m.query(
          `UPDATE runs SET estimate_packed = $2, data_version = $3, method = $4, zone = $5, hardware_id = $6, accelerator_hours = $7,
           energy_kwh = $8, co2e_kg = $9, operational_co2e_kg = $10, embodied_co2e_kg = $11, water_l = $12, updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, JSON.stringify(packed), current.dataVersion, ...storedHeadline(current)],
        ),
      );
      return [locked[0], updated[0]];
    });
    if (!rows) return null;
    const [before, after] = await this.records(rows);
    return { run: after, previous: before.estimate };
  }

  /** The run's replaced estimates, oldest first; null when the run is not the tenant's. */
  async history(tenant: string, id: string): Promise<RunHistoryRecord[] | null> {
    const exists: Row[] = await this.ds.query(`SELECT 1 FROM runs WHERE id = $1 AND tenant = $2`, [id, tenant]);
    if (!exists[0]) return null;
    const rows: Row[] = await this.ds.query(
      `SELECT version, estimate_packed, data_version, created_at FROM run_history WHERE run_id = $1 ORDER BY version`,
      [id],
    );
    const estimates = await this.texts.unpack<Estimate>(rows.map((r) => r.estimate_packed));
    return rows.map((r, i) => ({
      version: Number(r.version),
      estimate: estimates[i],
      dataVersion: r.data_version as string,
      replacedAt: r.created_at as Date,
    }));
  }

  /**
   * Sums in SQL. Whole UTC months inside [from, to) come from run_rollups (maintained by triggers,
   * exact numeric sums; cost follows the number of groups, not of runs); the partial months at either
   * edge are summed from `runs` by index-only scans of the covering (tenant, reported_at) index
   * (their cost grows with the runs in those partial months). One GROUPING SETS query
   * returns the groups and the totals.
   */
  async report(tenant: string, q: ReportQuery): Promise<{ groups: ReportRow[]; totals: ReportRow }> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = q.allTenants ? [] : [`tenant = ${p(tenant)}`];
    if (q.project) where.push(`project = ${p(q.project)}`);
    if (q.team) where.push(`team = ${p(q.team)}`);
    if (q.model) where.push(`model = ${p(q.model)}`);
    const and = (extra: string[]) => {
      const all = [...where, ...extra];
      return all.length ? ` WHERE ${all.join(' AND ')}` : '';
    };

    // Tags live on the runs only (a run has several): grouping by tag reads the runs, unnested, and the
    // totals are summed without the unnest so a run with two tags counts once.
    const byTag = q.groupBy.includes('tag');
    const wholeFrom = q.from ? monthCeil(q.from) : null;
    const wholeTo = q.to ? monthFloor(q.to) : null;
    const hasWholeMonths = !byTag && !(wholeFrom && wholeTo && wholeFrom.getTime() >= wholeTo.getTime());
    const parts: string[] = [];
    const rawRanges: string[][] = [];
    if (hasWholeMonths) {
      const monthWhere = [
        wholeFrom ? `month >= ${p(wholeFrom.toISOString().slice(0, 10))}::date` : null,
        wholeTo ? `month < ${p(wholeTo.toISOString().slice(0, 10))}::date` : null,
      ].filter((x): x is string => x !== null);
      parts.push(
        `SELECT tenant, NULL::text AS tag, project, team, model, zone, hardware_id, month, runs, ${SUM_COLUMNS}
         FROM run_rollups${and(monthWhere)}`,
      );
      if (q.from && wholeFrom && q.from.getTime() < wholeFrom.getTime())
        rawRanges.push([`reported_at >= ${p(q.from)}`, `reported_at < ${p(wholeFrom)}`]);
      if (q.to && wholeTo && wholeTo.getTime() < q.to.getTime())
        rawRanges.push([`reported_at >= ${p(wholeTo)}`, `reported_at < ${p(q.to)}`]);
    } else {
      rawRanges.push(
        [q.from ? `reported_at >= ${p(q.from)}` : null, q.to ? `reported_at < ${p(q.to)}` : null].filter(
          (x): x is string => x !== null,
        ),
      );
    }
    // One branch per range (not OR): each is an index-only range scan of the covering (tenant, reported_at) index.
    const rawParts = (tag: string) =>
      rawRanges.map(
        (range) =>
          `SELECT tenant, ${tag} AS tag, project, team, model, zone, hardware_id, report_month AS month, ${RUN_SUMS}
           FROM runs${and(range)}`,
      );
    const tagExpr = `unnest(CASE WHEN cardinality(tags) = 0 THEN ARRAY[NULL]::text[] ELSE tags END)`;
    parts.push(...rawParts(byTag ? tagExpr : 'NULL::text'));

    const sums = `sum(runs)::float8 AS runs, sum(accelerator_hours)::float8 AS accelerator_hours,
      sum(energy_kwh)::float8 AS energy_kwh, sum(co2e_kg)::float8 AS co2e_kg, sum(operational_co2e_kg)::float8 AS operational_co2e_kg,
      sum(embodied_co2e_kg)::float8 AS embodied_co2e_kg, sum(water_l)::float8 AS water_l`;
    const from = `(${parts.join(' UNION ALL ')}) AS parts`;
    const toRow = (r: Row): ReportRow => ({
      key: Object.fromEntries(q.groupBy.map((d, i) => [d, (r[`d${i}`] as string | null) ?? null])),
      runs: Number(r.runs ?? 0),
      acceleratorHours: Number(r.accelerator_hours ?? 0),
      energyKwh: Number(r.energy_kwh ?? 0),
      co2eKg: Number(r.co2e_kg ?? 0),
      operationalCo2eKg: Number(r.operational_co2e_kg ?? 0),
      embodiedCo2eKg: Number(r.embodied_co2e_kg ?? 0),
      waterL: Number(r.water_l ?? 0),
    });
    if (q.groupBy.length === 0) {
      const rows: Row[] = await this.ds.query(`SELECT ${sums} FROM ${from}`, params);
      return { groups: [], totals: { ...toRow(rows[0] ?? {}), key: {} } };
    }
    const dims = q.groupBy.map((d) => DIMENSION_COLUMN[d]);
    const select = q.groupBy
      .map((d, i) => (d === 'month' ? `to_char(month, 'YYYY-MM') AS d${i}` : `${dims[i]} AS d${i}`))
      .join(', ');
    const grouped = `SELECT ${select}, GROUPING(${dims[0]}) AS is_total, ${sums}
         FROM ${from}
         GROUP BY GROUPING SETS ((${dims.join(', ')}), ())
         HAVING sum(runs) > 0 OR GROUPING(${dims[0]}) = 1
         ORDER BY is_total, ${dims.map((c) => `${c} NULLS LAST`).join(', ')}`;
    const rows: Row[] = await this.ds.query(grouped, params);
    let totalRow = rows.find((r) => Number(r.is_total) === 1);
    if (byTag) {
      const plain = `(${rawParts('NULL::text').join(' UNION ALL ')}) AS parts`;
      totalRow = ((await this.ds.query(`SELECT ${sums} FROM ${plain}`, params)) as Row[])[0];
    }
    return {
      groups: rows.filter((r) => Number(r.is_total) !== 1).map(toRow),
      totals: { ...toRow(totalRow ?? {}), key: {} },
    };
  }
}
