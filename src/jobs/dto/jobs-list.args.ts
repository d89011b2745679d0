import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { JOB_STATUSES } from '../jobs.types';

const iso = { strict: true, strictSeparator: true } as const;

/** `GET /v1/jobs` query string and GraphQL `jobs(...)` arguments. Newest first (createdAt, then id), the tenant's jobs only. */
@ArgsType()
export class JobsListArgs {
  @Field(() => String, {
    nullable: true,
    description: `Jobs in this status, or any of several separated by commas (e.g. queued,running): ${JOB_STATUSES.join(', ')}.`,
  })
  @ApiPropertyOptional({
    type: String,
    description: `Jobs in this status, or any of several separated by commas (e.g. \`queued,running\`): ${JOB_STATUSES.join(', ')}.`,
    example: 'queued,running',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601; jobs created at or after this instant.' })
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Jobs created at or after this instant.' })
  @IsOptional()
  @IsISO8601(iso)
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601; jobs created before this instant (exclusive).' })
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Jobs created before this instant (exclusive).' })
  @IsOptional()
  @IsISO8601(iso)
  to?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'Jobs per page (1-500).' })
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @Field(() => String, { nullable: true, description: 'nextCursor of the previous page.' })
  @ApiPropertyOptional({ type: String, description: 'nextCursor of the previous page (opaque).' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor returned by this list' })
  cursor?: string | null;
}
