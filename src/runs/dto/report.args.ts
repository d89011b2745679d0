import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RunFilterArgs } from './run-filter.args';

export const REPORT_DIMENSIONS = ['project', 'team', 'model', 'month', 'zone', 'hardware', 'tag', 'tenant'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** `groupBy=project,team` and `groupBy=project&groupBy=team` both become ['project', 'team']. */
const toList = ({ value }: { value: unknown }) => {
  if (value === undefined || value === null) return value;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
};

/** `GET /v1/reports/emissions` query string and GraphQL `report(...)` arguments. */
@ArgsType()
export class ReportArgs extends RunFilterArgs {
  @Field(() => [String], { nullable: true, description: `Any of ${REPORT_DIMENSIONS.join(', ')}; none: totals only.` })
  @ApiPropertyOptional({
    type: String,
    example: 'team,month',
    description: `Comma-separated, any of: ${REPORT_DIMENSIONS.join(', ')}. Months are UTC (YYYY-MM).`,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(REPORT_DIMENSIONS, { each: true, message: `groupBy values must be among: ${REPORT_DIMENSIONS.join(', ')}` })
  groupBy?: ReportDimension[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Every tenant's runs (an org-wide report): platform keys only (403 FORBIDDEN otherwise). Combine with groupBy=tenant.",
  })
  @ApiPropertyOptional({
    type: Boolean,
    description:
      "Every tenant's runs (an org-wide report): platform keys only (403 FORBIDDEN otherwise). Combine with groupBy=tenant.",
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  allTenants?: boolean | null;
}

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** REST-only options of the report: the format and the spreadsheet form of the CSV. */
export class ReportQueryArgs extends ReportArgs {
  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'json or csv; when given it wins over the Accept header (text/csv also selects CSV).',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 12,
    default: 3,
    description: 'CSV only: decimal places of every number (the JSON keeps full precision).',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(0)
  @Max(12)
  decimals?: number;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'CSV only: add a last row with the totals.' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  totals?: boolean;
}
