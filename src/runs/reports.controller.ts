import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { ReportArgs } from './dto/report.args';
import { ReportModel } from './models/report.model';
import { reportToCsv } from './report-csv';
import { ReportsService } from './reports.service';

/** `Accept: text/csv` (preferred over JSON, or alone) selects CSV. */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept
    .toLowerCase()
    .split(',')
    .map((part) => {
      const [type, ...params] = part
        .trim()
        .split(';')
        .map((s) => s.trim());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) || 0 : 1 };
    });
  const csv = types.find((t) => t.type === 'text/csv');
  if (!csv || csv.q <= 0) return false;
  const json = types.find((t) => t.type === 'application/json');
  return !json || csv.q >= json.q;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('emissions')
  @ApiOperation({ summary: "Emissions report of the tenant's runs (JSON or CSV)" })
  @RequireScope('read')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReportModel, description: 'With `Accept: text/csv`: the groups as CSV with a header row.' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: unknown groupBy value, bad time range.' })
  async emissions(
    @CurrentAuth() auth: AuthContext,
    @Query() args: ReportArgs,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportModel | string> {
    const report = await this.reports.emissions(auth.tenant, args);
    void reply.header('vary', 'accept');
    if (!wantsCsv(accept)) return report;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', 'attachment; filename="emissions-report.csv"');
    return reportToCsv(report);
  }
}
