import { Injectable, Logger } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { toApiError } from '../common/errors/api-error';
import { nextTurn } from '../common/runtime/turns';
import { DataVersionsService } from '../data-versions/data-versions.service';
import {
  compare,
  type Comparison,
  type ComparisonInput,
  estimate,
  type Estimate,
  type EstimateRequest,
  type EstimationContext,
  type IntensityLookup,
  type WorkPeriod,
  workPeriod,
} from '../estimation';
import type { ResolvedIntensity } from '../grid/domain/intensity-resolver';
import { GridService, type SeriesLookup, type SeriesWindow } from '../grid/grid.service';
import { ModelCatalogService } from '../model-catalog/model-catalog.service';

export type BatchResult =
  { ok: true; estimate: Estimate } | { ok: false; error: { code: string; message: string; details: unknown[] } };

/** Copies a validated input (class instance) to plain JSON: no prototypes, no undefined keys. */
export function toPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(toPlain) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlain(v);
    return out as T;
  }
  return value;
}

function toLookup(r: ResolvedIntensity): IntensityLookup {
  return {
    zone: r.zone,
    year: r.year,
    gPerKwh: r.gPerKwh,
    signal: r.signal,
    source: r.source,
    license: r.license,
    range: r.range,
    warnings: r.warnings,
    resolvedFrom: r.resolvedFrom,
  };
}

/**
 * Stateless estimates, batches and comparisons: the pure engine (src/estimation) fed with the
 * catalog's and the grid's in-memory reference data, so no request touches the database.
 */
/** Batch items estimated between two yields to the event loop (a few ms of CPU; it was 50). */
const BATCH_SLICE = 25;

@Injectable()
export class EstimatesService {
  private readonly logger = new Logger(EstimatesService.name);

  constructor(
    private readonly catalog: CatalogService,
    private readonly grid: GridService,
    private readonly dataVersions: DataVersionsService,
    private readonly models: ModelCatalogService,
  ) {}

  /**
   * The engine's view of the reference data in force right now; with `series` (from prepare()), the
   * hourly points loaded for the periods about to be estimated.
   */
  context(series?: SeriesLookup): EstimationContext {
    const resolver = this.grid.resolver();
    return {
      ...(series ? { intensitySeries: (loc, from, to) => series(loc, from, to) } : {}),
      dataVersion: this.dataVersions.current(),
      resolveHardware: (ref) => {
        const r = this.catalog.resolve(ref);
        return { hardware: r.hardware, warnings: r.warnings, resolvedFrom: r.resolvedFrom ?? undefined };
      },
      // serving.model: the model catalog (MODEL_NOT_FOUND with close matches when unknown)
      resolveModel: (ref) => ({ model: this.models.resolve(ref), warnings: [] }),
      resolveIntensity: (loc) => {
        const opts = { year: loc.year, signal: loc.signal };
        if (loc.gPerKwh !== undefined && loc.gPerKwh !== null) return toLookup(resolver.fromRequest(loc.gPerKwh, opts));
        if (loc.zone) return toLookup(resolver.byZone(loc.zone, opts));
        return toLookup(resolver.byCloudRegion(loc.provider ?? '', loc.region ?? '', opts));
      },
      resolvePue: (provider) => {
        const p = resolver.pueFor(provider);
        return { value: p.value, low: p.low, high: p.high, source: p.source };
      },
    };
  }

  estimate(request: unknown): Estimate {
    return estimate(toPlain(request) as never, this.context());
  }

  /**
   * A context with the series points loaded for work that ran over the given periods (runs, jobs,
   * estimates with startedAt/endedAt): one range read per zone, so the estimates stay synchronous.
   */
  async prepare(items: { request: unknown; period?: WorkPeriod | null }[]): Promise<EstimationContext> {
    const windows: SeriesWindow[] = [];
    for (const it of items) {
      if (!it.period || !it.request || typeof it.request !== 'object') continue;
      const req = it.request as EstimateRequest;
      if (!req.location || typeof req.location !== 'object') continue;
      const p = workPeriod(req, it.period);
      if (p) windows.push({ location: req.location, from: p.start, to: p.end });
    }
    return this.prepareWindows(windows);
  }

  /** A context with the series points of the given places and time windows loaded (schedules scan whole windows). */
  async prepareWindows(windows: SeriesWindow[]): Promise<EstimationContext> {
    return this.context(windows.length ? await this.grid.loadSeries(windows) : undefined);
  }

  /** An estimate of work that ran over `period` (a run's startedAt/endedAt): priced with that time's intensity. */
  async estimateAt(request: unknown, period: WorkPeriod | null): Promise<Estimate> {
    const plain = toPlain(request);
    if (!period || (!period.startedAt && !period.endedAt)) return estimate(plain as never, this.context());
    const ctx = await this.prepare([{ request: plain, period }]);
    return estimate(plain as never, { ...ctx, period });
  }

  /**
   * Every item is estimated on its own: a failing item answers in its slot and never fails the others.
   * The items are estimated BATCH_SLICE at a time, yielding to the event loop in between, so that a
   * 1,000-item batch (tens to hundreds of ms of CPU) does not hold every other request (and
   * /health/live) behind it: the GraphQL abuse test measures /health/live p99 under such batches.
   * nextTurn (not setImmediate): concurrent batches resume one slice per event-loop turn, not all in one.
   */
  async batch(items: unknown[]): Promise<BatchResult[]> {
    const ctx = this.context();
    const out: BatchResult[] = [];
    for (let i = 0; i < items.length; i++) {
      if (i > 0 && i % BATCH_SLICE === 0) await nextTurn();
      out.push(this.batchItem(items[i], i, ctx));
    }
    return out;
  }

  private batchItem(item: unknown, i: number, ctx: EstimationContext): BatchResult {
    try {
      return { ok: true as const, estimate: estimate(toPlain(item) as never, ctx) };
    } catch (err) {
      const e = toApiError(err);
      if (e.status >= 500) this.logger.error({ msg: 'batch item failed unexpectedly', err, item: i });
      return { ok: false as const, error: { code: e.code, message: e.message, details: e.details } };
    }
  }

  compare(input: unknown): Comparison {
    return compare(toPlain(input) as ComparisonInput, this.context());
  }
}
