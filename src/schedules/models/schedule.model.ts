import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** GraphQL and OpenAPI shapes of the engine's Schedule (src/estimation/schedule.ts); same field names. */

@ObjectType('ScheduleSignal', {
  description: 'The data behind an option: forecast or history (or yearly), its source and resolution.',
})
export class ScheduleSignalModel {
  @Field() @ApiProperty({ enum: ['forecast', 'history', 'mixed', 'yearly'] }) kind!: string;
  @Field() @ApiProperty() source!: string;
  @Field()
  @ApiProperty({ example: 'PT1H', description: 'ISO 8601 duration of the data points (P1Y for yearly figures).' })
  resolution!: string;
  @Field(() => Float) @ApiProperty({ description: 'Share (0-1) of the hours a series covered.' }) coverage!: number;
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Live signal provider, null for stored data.' })
  provider!: string | null;
}

@ObjectType('ScheduleLocation')
export class ScheduleLocationModel {
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) zone!: string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional() provider?: string;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional() region?: string;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional() gPerKwh?: number;
}

@ObjectType('ScheduleSlot')
export class ScheduleSlotModel {
  @Field() @ApiProperty() start!: string;
  @Field() @ApiProperty() end!: string;
}

@ObjectType('ScheduleOption', { description: 'A start time and place for the job, with its estimate.' })
export class ScheduleOptionModel {
  @Field() @ApiProperty() start!: string;
  @Field() @ApiProperty() end!: string;
  @Field(() => ScheduleLocationModel) @ApiProperty({ type: ScheduleLocationModel }) location!: ScheduleLocationModel;
  @Field(() => Float) @ApiProperty() co2eKg!: number;
  @Field(() => Float) @ApiProperty() operationalCo2eKg!: number;
  @Field(() => Float) @ApiProperty() embodiedCo2eKg!: number;
  @Field(() => Float) @ApiProperty() energyKwh!: number;
  @Field(() => Float)
  @ApiProperty({ description: 'Mean intensity over the hours the job runs (the Carbon Aware SDK rating).' })
  gPerKwh!: number;
  @Field(() => [ScheduleSlotModel], { nullable: true })
  @ApiPropertyOptional({ type: [ScheduleSlotModel], description: 'Interruptible jobs: the slots it runs in.' })
  slots?: ScheduleSlotModel[];
  @Field(() => ScheduleSignalModel) @ApiProperty({ type: ScheduleSignalModel }) signal!: ScheduleSignalModel;
}

@ObjectType('ScheduleSaving')
export class ScheduleSavingModel {
  @Field(() => Float) @ApiProperty() co2eKg!: number;
  @Field(() => Float) @ApiProperty() pct!: number;
}

@ObjectType('ScheduleSignalSummary')
export class ScheduleSignalSummaryModel {
  @Field() @ApiProperty({ enum: ['forecast', 'history', 'mixed', 'yearly'] }) kind!: string;
  @Field() @ApiProperty() source!: string;
  @Field() @ApiProperty() resolution!: string;
}

@ObjectType('ScheduleWindow')
export class ScheduleWindowModel {
  @Field() @ApiProperty() earliest!: string;
  @Field() @ApiProperty() deadline!: string;
}

@ObjectType('Schedule', {
  description: 'When and where to run a job: the best start and place, ranked alternatives, the saving against starting now.',
})
export class ScheduleModel {
  @Field(() => ScheduleOptionModel) @ApiProperty({ type: ScheduleOptionModel }) best!: ScheduleOptionModel;
  @Field(() => [ScheduleOptionModel]) @ApiProperty({ type: [ScheduleOptionModel] }) alternatives!: ScheduleOptionModel[];
  @Field(() => ScheduleOptionModel)
  @ApiProperty({ type: ScheduleOptionModel, description: 'Starting at window.earliest in the first place, uninterrupted.' })
  now!: ScheduleOptionModel;
  @Field(() => ScheduleSavingModel) @ApiProperty({ type: ScheduleSavingModel }) savingVsNow!: ScheduleSavingModel;
  @Field(() => ScheduleSignalSummaryModel) @ApiProperty({ type: ScheduleSignalSummaryModel }) signal!: ScheduleSignalSummaryModel;
  @Field(() => ScheduleWindowModel) @ApiProperty({ type: ScheduleWindowModel }) window!: ScheduleWindowModel;
  @Field(() => Float) @ApiProperty() durationHours!: number;
  @Field() @ApiProperty() interruptible!: boolean;
  @Field(() => Int) @ApiProperty() stepMinutes!: number;
  @Field(() => Int) @ApiProperty() candidates!: number;
  @Field() @ApiProperty() dataVersion!: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) warnings!: string[];
}
