import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';
import { RunInput } from '../../runs/dto/run.input';
import { MAX_EXTERNAL_ID_LENGTH } from '../intake/staged-row';

/** Most rows a GraphQL createJob takes in one request (larger imports: stream NDJSON or CSV to POST /v1/jobs). */
export const MAX_GRAPHQL_JOB_ROWS = 10000;

/** One job row: a RunCreate (as for createRun) and, optionally, the caller's own id for the row. */
@InputType('JobRowInput')
export class JobRowInput extends RunInput {
  @Field(() => String, {
    nullable: true,
    description: `The caller's id for the row (1 to ${MAX_EXTERNAL_ID_LENGTH} characters), unique within the job: stored with the run and returned in row errors. A later row with the same id is a DUPLICATE_EXTERNAL_ID row error.`,
  })
  @ApiPropertyOptional({
    maxLength: MAX_EXTERNAL_ID_LENGTH,
    example: 'line-42',
    description: `The caller's id for the row (1 to ${MAX_EXTERNAL_ID_LENGTH} characters), unique within the job: stored with the run and returned in row errors. A later row with the same id is a DUPLICATE_EXTERNAL_ID row error.`,
  })
  externalId?: string;
}

/**
 * `POST /v1/jobs` JSON body and GraphQL `createJob(input:)`. Rows are validated one by one by the
 * worker (a bad row becomes an error of the job with its row number, the others still run), so this
 * class checks the envelope only.
 */
@InputType('JobInput')
export class JobInput {
  @Field(() => [JobRowInput], {
    description: `RunCreate rows (as for createRun, each with an optional externalId), 1 to ${MAX_GRAPHQL_JOB_ROWS} in GraphQL; larger imports go to POST /v1/jobs as NDJSON or CSV.`,
  })
  @ApiProperty({
    type: [JobRowInput],
    description: 'RunCreate rows, as for POST /v1/runs, each with an optional externalId (up to JOBS_MAX_ROWS).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_GRAPHQL_JOB_ROWS)
  @IsObject({ each: true })
  runs!: JobRowInput[];
}
