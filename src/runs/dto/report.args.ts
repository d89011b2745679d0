import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const REPORT_DIMENSIONS = ['project', 'team', 'model', 'month', 'zone', 'hardware'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

const iso = { strict: true, strictSeparator: true } as const;

/** `groupBy=project,team` and `groupBy=project&groupBy=team` both become ['project', 'team']. */
const toList = ({ value }: { value: unknown }) => {
  if (value === undefined || value === null) return value;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
};

/** `GET /v1/reports/emissions` query string and GraphQL `report(...)` arguments. */
@ArgsType()
export class ReportArgs {
  @Field(() => [String], { nullable: true, description: `Any of ${REPORT_DIMENSIONS.join(', ')}; none: totals only.` })
  @ApiPropertyOptional({ type: String, example: 'team,month', description: `Comma-separated, any of: ${REPORT_DIMENSIONS.join(', ')}. Months are UTC (YYYY-MM).` })
  @IsOptional() @Transform(toList) @IsArray() @ArrayMaxSize(6)
  @IsIn(REPORT_DIMENSIONS, { each: true, message: `groupBy values must be among: ${REPORT_DIMENSIONS.join(', ')}` })
  groupBy?: ReportDimension[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601; runs whose startedAt (else createdAt) is at or after it.' })
  @ApiPropertyOptional({ format: 'date-time', description: 'Runs whose startedAt (createdAt when absent) is at or after this instant.' })
  @IsOptional() @IsISO8601(iso)
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601, exclusive.' })
  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive upper bound, same instant as `from`.' })
  @IsOptional() @IsISO8601(iso)
  to?: string | null;

  @Field(() => String, { nullable: true }) @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  project?: string | null;

  @Field(() => String, { nullable: true }) @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  team?: string | null;

  @Field(() => String, { nullable: true, description: 'Addition: filter on the model label too.' }) @ApiPropertyOptional({ description: 'Addition: filter on the model label.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  model?: string | null;
}
