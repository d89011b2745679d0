import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { JOB_STATUSES, type JobStatus } from '../jobs.types';

@ObjectType('JobRowError')
export class JobRowErrorModel {
  @Field(() => Int, {
    description: 'The input row: 1-based position among the rows (the CSV header and blank NDJSON lines are not rows).',
  })
  @ApiProperty({
    description: 'The input row: 1-based position among the rows (the CSV header and blank NDJSON lines are not rows).',
  })
  row!: number;
  @Field() @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @Field() @ApiProperty() message!: string;
  @Field(() => GraphQLJSON, { description: 'As in an error response, e.g. [{ path, message }] for VALIDATION_FAILED.' })
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  details!: unknown[];
  @Field(() => String, { nullable: true, description: "The row's externalId, when it has a valid one." })
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The row's externalId, when it has a valid one.",
    example: 'line-42',
  })
  externalId!: string | null;
}

/** A job without its errors: an item of the job list. */
@ObjectType('JobSummary')
export class JobSummaryModel {
  @Field(() => ID) @ApiProperty({ format: 'uuid' }) id!: string;
  @Field(() => String, { description: JOB_STATUSES.join(' | ') }) @ApiProperty({ enum: JOB_STATUSES }) status!: JobStatus;
  @Field(() => Int, { description: 'Rows received.' }) @ApiProperty({ description: 'Rows received.' }) total!: number;
  @Field(() => Int) @ApiProperty({ description: 'succeeded + failed' }) processed!: number;
  @Field(() => Int) @ApiProperty({ description: "Rows that became a run (with this job's jobId)." }) succeeded!: number;
  @Field(() => Int) @ApiProperty({ description: 'Rows that became an error.' }) failed!: number;
  @Field(() => GraphQLISODateTime) @ApiProperty() createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: Date })
  startedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: Date })
  finishedAt!: Date | null;
}

@ObjectType('Job')
export class JobModel extends JobSummaryModel {
  @Field(() => [JobRowErrorModel], {
    description: 'The first 100 row errors, in row order (all: jobErrors / GET /v1/jobs/{id}/errors).',
  })
  @ApiProperty({
    type: [JobRowErrorModel],
    description: 'The first 100 row errors, in row order (all: GET /v1/jobs/{id}/errors).',
  })
  errors!: JobRowErrorModel[];
}

/** The 202 answer of POST /v1/jobs: the rows are stored and queued. */
export class JobAcceptedModel {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['queued'] }) status!: 'queued';
  @ApiProperty({ description: 'Rows received (each becomes a run or an error).' }) total!: number;
}

@ObjectType('JobErrorList')
export class JobErrorListModel {
  @Field(() => [JobRowErrorModel]) @ApiProperty({ type: [JobRowErrorModel] }) items!: JobRowErrorModel[];
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor!: string | null;
}

@ObjectType('JobList')
export class JobListModel {
  @Field(() => [JobSummaryModel], { description: 'Newest first (createdAt, then id).' })
  @ApiProperty({ type: [JobSummaryModel], description: 'Newest first (createdAt, then id); errors: GET /v1/jobs/{id}.' })
  items!: JobSummaryModel[];
  @Field(() => String, { nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor!: string | null;
}
