import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { EstimateModel } from '../../estimates/models/estimate.model';

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
