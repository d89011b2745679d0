import { Injectable } from '@nestjs/common';
import type { RunsListArgs } from './dto/runs-list.args';
import {
  type ReportedComparisonModel,
  type RunHistoryEntryModel,
  type RecalculationModel,
  type RunListModel,
  type RunModel,
} from './models/run.model';
import { RunsRepository } from './runs.repository';
import { runNotFound } from './runs.errors';
import { RunEstimator, type RunRecord } from './runs.types';
import { assertRunId, decodeCursor, encodeCursor, timeRange } from './runs.util';
import type { EstimateModel } from '../estimates/models/estimate.model';

export function toRunModel(r: RunRecord): RunModel {
  return {
    id: r.id,
    name: r.name,
    project: r.project,
    team: r.team,
    model: r.model,
    tags: r.tags,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    request: r.request,
    estimate: r.estimate as unknown as EstimateModel,
    dataVersion: r.dataVersion,
    jobId: r.jobId,
    externalId: r.externalId,
    reported: reportedComparison(r),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The tool's figures beside the run's current estimate (so a recalculation moves the difference with it). */
function reportedComparison(r: RunRecord): ReportedComparisonModel | null {
  if (!r.reported) return null;
  const co2 = r.reported.co2eKg ?? null;
  const energy = r.reported.energyKwh ?? null;
  return {
    source: r.reported.source,
    co2eKg: co2,
    energyKwh: energy,
    deltaCo2eKg: co2 === null ? null : r.estimate.co2eKg - co2,
    co2eRatio: co2 === null || co2 === 0 ? null : r.estimate.co2eKg / co2,
    deltaEnergyKwh: energy === null ? null : r.estimate.energyKwh - energy,
  };
}

/** Reading, listing, deleting and recalculating runs; always within the caller's tenant. */
@Injectable()
export class RunsService {
  constructor(
    private readonly repo: RunsRepository,
    private readonly estimator: RunEstimator,
  ) {}

  async get(tenant: string, id: string): Promise<RunModel> {
    const run = await this.repo.findById(tenant, assertRunId(id));
    if (!run) throw runNotFound(id);
    return toRunModel(run);
  }

  async list(tenant: string, args: RunsListArgs): Promise<RunListModel> {
    const { from, to } = timeRange(args.from, args.to);
    const after = args.cursor ? decodeCursor(args.cursor) : null;
    const limit = args.limit ?? 50;
    const page = await this.repo.list(
      tenant,
      { project: args.project, team: args.team, model: args.model, tag: args.tag, from, to },
      limit,
      after,
    );
    const last = page.items[page.items.length - 1];
    return { items: page.items.map(toRunModel), nextCursor: page.more && last ? encodeCursor(last) : null };
  }

  async delete(tenant: string, id: string): Promise<RunModel> {
    const run = await this.repo.delete(tenant, assertRunId(id));
    if (!run) throw runNotFound(id);
    return toRunModel(run);
  }

  /** Recomputes with the newest reference data, priced at the run's own time as at creation (series read before the row lock). */
  async recalculate(tenant: string, id: string): Promise<RecalculationModel> {
    const runId = assertRunId(id);
    const stored = await this.repo.findById(tenant, runId);
    if (!stored) throw runNotFound(id);
    const period = stored.startedAt || stored.endedAt ? { startedAt: stored.startedAt, endedAt: stored.endedAt } : null;
    const estimate = await this.estimator.estimateAt(stored.request, period);
    const result = await this.repo.recalculate(tenant, runId, estimate);
    if (!result) throw runNotFound(id);
    const current = result.run.estimate;
    return {
      run: toRunModel(result.run),
      previous: result.previous as unknown as EstimateModel,
      current: current as unknown as EstimateModel,
      deltaCo2eKg: current.co2eKg - result.previous.co2eKg,
    };
  }

  async history(tenant: string, id: string): Promise<RunHistoryEntryModel[]> {
    const items = await this.repo.history(tenant, assertRunId(id));
    if (!items) throw runNotFound(id);
    return items.map((h) => ({
      version: h.version,
      estimate: h.estimate as unknown as EstimateModel,
      dataVersion: h.dataVersion,
      replacedAt: h.replacedAt,
    }));
  }
}
