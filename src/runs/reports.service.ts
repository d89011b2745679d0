import { Injectable } from '@nestjs/common';
import { AuthError, AuthErrorCode } from '../auth/auth.errors';
import { hasScope, type AuthContext } from '../auth/auth.types';
import { CatalogService } from '../catalog/catalog.service';
import { GridService } from '../grid/grid.service';
import type { ReportArgs } from './dto/report.args';
import type { ReportModel } from './models/report.model';
import { RunsRepository } from './runs.repository';
import { timeRange } from './runs.util';

/** Emissions reports over the caller's runs (or, for platform keys, every tenant's), summed in the database. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: RunsRepository,
    private readonly catalog: CatalogService,
    private readonly grid: GridService,
  ) {}

  async emissions(auth: AuthContext, args: ReportArgs): Promise<ReportModel> {
    if (args.allTenants && !hasScope(auth.scopes, 'platform')) {
      throw new AuthError(AuthErrorCode.FORBIDDEN, 'An org-wide report (allTenants) needs a platform key.', [
        { path: 'allTenants', message: "needs the 'platform' scope" },
      ]);
    }
    const { from, to } = timeRange(args.from, args.to);
    const groupBy = [...new Set(args.groupBy ?? [])];
    const { groups, totals } = await this.repo.report(auth.tenant, {
      groupBy,
      from,
      to,
      project: args.project,
      team: args.team,
      model: args.model,
      allTenants: args.allTenants === true,
    });
    const { key: _key, ...totalSums } = totals;
    return { groupBy, groups: groups.map((g) => ({ ...g, names: this.namesOf(g.key) })), totals: totalSums };
  }

  /** Names next to ids: the catalog's hardware name and the grid's zone name (ids no longer known keep none). */
  private namesOf(key: Record<string, string | null>): Record<string, string> {
    const names: Record<string, string> = {};
    if (key.hardware) {
      const hw = this.catalog.find(key.hardware);
      if (hw) names.hardware = hw.hardware.name;
    }
    if (key.zone) {
      const zone = this.grid.resolver().zone(key.zone);
      if (zone) names.zone = zone.name;
    }
    return names;
  }
}
