import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { SCHEDULE_LIMITS } from '../../estimation';
import { LocationInput } from '../../estimates/dto/estimate.input';

/**
 * POST /v1/schedules and GraphQL `schedule(input)`. These classes describe the body for OpenAPI and
 * GraphQL; the engine's schedule() validates it (types, ranges, the job as an EstimateRequest) with
 * field paths, as it does for estimates and comparisons.
 */
@InputType('ScheduleWindowInput', { description: 'When the job may run: it starts at or after earliest and ends by deadline.' })
export class ScheduleWindowInput {
  @Field()
  @ApiProperty({ example: '2026-06-01T00:00:00Z', description: 'ISO 8601 date-time with a time zone.' })
  earliest!: string;

  @Field()
  @ApiProperty({
    example: '2026-06-03T00:00:00Z',
    description: 'ISO 8601 date-time with a time zone; at most 744 h after earliest.',
  })
  deadline!: string;
}

@InputType('ScheduleInput')
export class ScheduleInput {
  @Field(() => GraphQLJSON)
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { hours: 6, powerW: 5600 },
    description:
      'The job: an EstimateRequest (its location is replaced by each candidate place) or { hours, powerW, pue? } ' +
      '(one device drawing powerW for hours; PUE from the request, else the place default).',
  })
  job!: Record<string, unknown>;

  @Field(() => ScheduleWindowInput)
  @ApiProperty({ type: ScheduleWindowInput })
  window!: ScheduleWindowInput;

  @Field(() => Boolean, { nullable: true })
  @ApiPropertyOptional({
    default: false,
    description: 'true: the job may pause and resume; it runs in the cheapest stepMinutes slots of the window.',
  })
  interruptible?: boolean;

  @Field(() => [LocationInput])
  @ApiProperty({
    type: [LocationInput],
    example: [{ zone: 'DE' }, { zone: 'FR' }, { provider: 'gcp', region: 'europe-north1' }],
    description: `1 to ${SCHEDULE_LIMITS.maxLocations} candidate places; the first is the default one savingVsNow is measured in. No year: each hour is priced with its own data.`,
  })
  locations!: LocationInput[];

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({
    default: 60,
    minimum: SCHEDULE_LIMITS.minStepMinutes,
    maximum: SCHEDULE_LIMITS.maxStepMinutes,
    description: 'Spacing of candidate starts (and slot length when interruptible), minutes.',
  })
  stepMinutes?: number;

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({
    default: 5,
    minimum: 0,
    maximum: SCHEDULE_LIMITS.maxAlternatives,
    description: 'How many ranked alternatives to list.',
  })
  alternatives?: number;
}
