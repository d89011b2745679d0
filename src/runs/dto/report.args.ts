import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { RunFilterArgs } from './run-filter.args';

export const REPORT_DIMENSIONS = ['project', 'team', 'model', 'month', 'zone', 'hardware'] as const;
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
}
