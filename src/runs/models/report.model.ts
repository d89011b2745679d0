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
  @Field(() => Float, { description: 'Operational CO2e (electricity) in kg: co2eKg = operationalCo2eKg + embodiedCo2eKg.' })
  @ApiProperty({ description: 'Operational CO2e (electricity) in kg: co2eKg = operationalCo2eKg + embodiedCo2eKg.' })
  operationalCo2eKg!: number;
  @Field(() => Float, { description: 'Embodied CO2e (hardware manufacture, amortised) in kg.' })
  @ApiProperty({ description: 'Embodied CO2e (hardware manufacture, amortised) in kg.' })
  embodiedCo2eKg!: number;
  @Field(() => Float, { description: 'Water in litres (on site and off site); runs stored without water count 0.' })
  @ApiProperty({ description: 'Water in litres (on site and off site); runs stored without water count 0.' })
  waterL!: number;
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

  @Field(() => GraphQLJSON, {
    description:
      'Display names for the ids in key: hardware -> the catalog name, zone -> the zone name, e.g. { "hardware": "NVIDIA H100 SXM5 80GB" }.',
  })
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { hardware: 'NVIDIA H100 SXM5 80GB', zone: 'France' },
  })
  names!: Record<string, string>;
}

@ObjectType('EmissionsReport')
export class ReportModel {
  @Field(() => [String]) @ApiProperty({ type: [String] }) groupBy!: string[];
  @Field(() => [ReportGroupModel]) @ApiProperty({ type: [ReportGroupModel] }) groups!: ReportGroupModel[];
  @Field(() => ReportTotalsModel) @ApiProperty({ type: ReportTotalsModel }) totals!: ReportTotalsModel;
}
