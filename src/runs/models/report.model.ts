import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from '../../common/graphql/json.scalar';

@ObjectType('ReportTotals')
export class ReportTotalsModel {
  @Field(() => Int) @ApiProperty() runs!: number;
  @Field(() => Float)
  @ApiProperty({ description: 'Sum over runs that have device-hours (energy-sized runs have none).' })
  acceleratorHours!: number;
  @Field(() => Float) @ApiProperty() energyKwh!: number;
  @Field(() => Float) @ApiProperty() co2eKg!: number;
}

@ObjectType('ReportGroup')
export class ReportGroupModel extends ReportTotalsModel {
  @Field(() => GraphQLJSON, {
    description:
      'One entry per groupBy dimension, e.g. { "team": "research", "month": "2026-01" }; null where the run has no value.',
  })
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    example: { team: 'research', month: '2026-01' },
  })
  key!: Record<string, string | null>;
}

@ObjectType('EmissionsReport')
export class ReportModel {
  @Field(() => [String]) @ApiProperty({ type: [String] }) groupBy!: string[];
  @Field(() => [ReportGroupModel]) @ApiProperty({ type: [ReportGroupModel] }) groups!: ReportGroupModel[];
  @Field(() => ReportTotalsModel) @ApiProperty({ type: ReportTotalsModel }) totals!: ReportTotalsModel;
}
