import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { ReportQueryArgs } from './dto/report.args';
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
  @ApiOkResponse({
    type: ReportModel,
    description:
      'With `format=csv` or `Accept: text/csv`: one row per group, headers with units (energy_kwh, co2e_kg, water_l), ' +
      'names next to hardware and zone ids, numbers rounded to `decimals` places, and a TOTAL row with `totals=true`.',
  })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: unknown groupBy value, bad time range, format or decimals.' })
  async emissions(
    @CurrentAuth() auth: AuthContext,
    @Query() args: ReportQueryArgs,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportModel | string> {
    const { format, decimals, totals, ...reportArgs } = args;
    const report = await this.reports.emissions(auth, reportArgs);
    void reply.header('vary', 'accept');
    const csv = format ? format === 'csv' : wantsCsv(accept);
    if (!csv) return report;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', 'attachment; filename="emissions-report.csv"');
    return reportToCsv(report, { decimals: decimals ?? 3, totals: totals === true });
  }
}
