import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { JOB_STATUSES } from '../jobs.types';
import { KeysetPage } from '../../common/pagination/keyset-page.args';

const iso = { strict: true, strictSeparator: true } as const;

/** `GET /v1/jobs` query string and GraphQL `jobs(...)` arguments. Newest first (createdAt, then id), the tenant's jobs only. */
@ArgsType()
export class JobsListArgs extends KeysetPage(class {}, 'Jobs') {
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
}
