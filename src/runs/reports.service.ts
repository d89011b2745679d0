import { Injectable } from '@nestjs/common';
import type { ReportArgs } from './dto/report.args';
import type { ReportModel } from './models/report.model';
import { RunsRepository } from './runs.repository';
import { timeRange } from './runs.util';

/** Emissions reports over the caller's runs, summed in the database. */
@Injectable()
export class ReportsService {
  constructor(private readonly repo: RunsRepository) {}

  async emissions(tenant: string, args: ReportArgs): Promise<ReportModel> {
    const { from, to } = timeRange(args.from, args.to);
    const groupBy = [...new Set(args.groupBy ?? [])];
    const { groups, totals } = await this.repo.report(tenant, {
      groupBy,
      from,
      to,
      project: args.project,
      team: args.team,
      model: args.model,
    });
    const { key: _key, ...totalSums } = totals;
    return { groupBy, groups, totals: totalSums };
  }
}
