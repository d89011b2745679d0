import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { EstimateModel } from '../../estimates/models/estimate.model';

@ObjectType('ReportedComparison', {
  description: "Another tool's figures for the run (e.g. CodeCarbon's) beside the service's, and the difference.",
})
export class ReportedComparisonModel {
  @Field({ description: 'Which tool reported the figures, e.g. "codecarbon".' })
  @ApiProperty({ example: 'codecarbon' })
  source!: string;
  @Field(() => Float, { nullable: true, description: 'The CO2e that tool reported, in kg.' })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The CO2e that tool reported, in kg.' })
  co2eKg!: number | null;
  @Field(() => Float, { nullable: true, description: 'The energy that tool reported, in kWh.' })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The energy that tool reported, in kWh.' })
  energyKwh!: number | null;
  @Field(() => Float, { nullable: true, description: "estimate.co2eKg - co2eKg (kg): the service's figure less the tool's." })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: "estimate.co2eKg - co2eKg (kg): the service's figure less the tool's.",
  })
  deltaCo2eKg!: number | null;
  @Field(() => Float, { nullable: true, description: 'estimate.co2eKg / co2eKg (null when the tool reported 0).' })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'estimate.co2eKg / co2eKg (null when the tool reported 0).' })
  co2eRatio!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'estimate.energyKwh - energyKwh (kWh): the PUE and any hardware the tool left out.',
  })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'estimate.energyKwh - energyKwh (kWh): the PUE and any hardware the tool left out.',
  })
  deltaEnergyKwh!: number | null;
}

@ObjectType('Run')
export class RunModel {
  @Field(() => ID) @ApiProperty({ format: 'uuid' }) id!: string;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: String }) project!: string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: String }) team!: string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: String }) model!: string | null;
  @Field(() => [String]) @ApiProperty({ type: [String] }) tags!: string[];
  @Field(() => GraphQLISODateTime, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: Date })
  startedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: Date }) endedAt!: Date | null;
  @Field(() => GraphQLJSON, { description: 'The EstimateRequest as stored (validated).' })
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The EstimateRequest as stored (validated).' })
  request!: Record<string, unknown>;
  @Field(() => EstimateModel, { description: 'The stored result, with every resolved factor and its source.' })
  @ApiProperty({ type: EstimateModel, description: 'The stored result, with every resolved factor and its source.' })
  estimate!: EstimateModel;
  @Field() @ApiProperty({ description: 'The reference-data release the estimate used.' }) dataVersion!: string;
  @Field(() => ID, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The job that created the run, if any.' })
  jobId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The job row's externalId, when a job created the run from a row that had one.",
  })
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "The job row's `externalId`, when a job created the run from a row that had one.",
  })
  externalId!: string | null;
  @Field(() => ReportedComparisonModel, {
    nullable: true,
    description:
      "Another tool's figures for this run (given as reported, or from a CodeCarbon record) and the difference; null when none.",
  })
  @ApiPropertyOptional({
    type: ReportedComparisonModel,
    nullable: true,
    description:
      "Another tool's figures for this run (given as `reported`, or from a CodeCarbon record) and the difference; null when none.",
  })
  reported!: ReportedComparisonModel | null;
  @Field(() => GraphQLISODateTime) @ApiProperty() createdAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'Addition: last change (creation or recalculation).' })
  @ApiProperty({ description: 'Addition: last change (creation or recalculation).' })
  updatedAt!: Date;
}

@ObjectType('RunList')
export class RunListModel {
  @Field(() => [RunModel]) @ApiProperty({ type: [RunModel] }) items!: RunModel[];
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor!: string | null;
}

@ObjectType('RunRecalculation')
export class RecalculationModel {
  @Field(() => RunModel) @ApiProperty({ type: RunModel, description: 'The run with its new estimate.' }) run!: RunModel;
  @Field(() => EstimateModel)
  @ApiProperty({ type: EstimateModel, description: 'The estimate before (kept in the run history).' })
  previous!: EstimateModel;
  @Field(() => EstimateModel)
  @ApiProperty({ type: EstimateModel, description: 'The estimate with the reference data in force now.' })
  current!: EstimateModel;
  @Field(() => Float) @ApiProperty({ description: 'current.co2eKg - previous.co2eKg' }) deltaCo2eKg!: number;
}

@ObjectType('RunHistoryEntry')
export class RunHistoryEntryModel {
  @Field(() => Int)
  @ApiProperty({ description: '1 for the first estimate replaced by a recalculation, then 2, ...' })
  version!: number;
  @Field(() => EstimateModel) @ApiProperty({ type: EstimateModel }) estimate!: EstimateModel;
  @Field() @ApiProperty() dataVersion!: string;
  @Field(() => GraphQLISODateTime) @ApiProperty({ description: 'When this estimate was replaced.' }) replacedAt!: Date;
}

export class RunHistoryList {
  @ApiProperty({ type: [RunHistoryEntryModel] }) items!: RunHistoryEntryModel[];
}
