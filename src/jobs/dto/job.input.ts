import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';
import { RunInput } from '../../runs/dto/run.input';

/** Most rows a GraphQL createJob takes in one request (larger imports: stream NDJSON or CSV to POST /v1/jobs). */
export const MAX_GRAPHQL_JOB_ROWS = 10000;

/**
 * `POST /v1/jobs` JSON body and GraphQL `createJob(input:)`. Rows are validated one by one by the
 * worker (a bad row becomes an error of the job with its row number, the others still run), so this
 * class checks the envelope only.
 */
@InputType('JobInput')
export class JobInput {
  @Field(() => [RunInput], {
    description: `RunCreate rows (as for createRun), 1 to ${MAX_GRAPHQL_JOB_ROWS} in GraphQL; larger imports go to POST /v1/jobs as NDJSON or CSV.`,
  })
  @ApiProperty({ type: [RunInput], description: 'RunCreate rows, as for POST /v1/runs (up to JOBS_MAX_ROWS).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_GRAPHQL_JOB_ROWS)
  @IsObject({ each: true })
  runs!: RunInput[];
}
