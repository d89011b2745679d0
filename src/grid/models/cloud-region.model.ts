import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IntensitySignalEnum } from '../dto/signal.enum';

@ObjectType('CloudRegion', { description: 'A cloud region with its grid zone, default PUE and resolved intensity.' })
export class CloudRegionModel {
  @Field() @ApiProperty({ example: 'gcp' }) provider!: string;
  @Field() @ApiProperty({ example: 'us-central1' }) region!: string;
  @Field() @ApiProperty({ example: 'US-MIDW-MISO' }) zone!: string;
  @Field() @ApiProperty({ example: 'Council Bluffs, Iowa, USA' }) location!: string;
  @Field({ description: 'Where the region-to-zone mapping comes from.' }) @ApiProperty() mappingSource!: string;
  @Field(() => Float) @ApiProperty({ example: 1.1 }) pue!: number;
  @Field(() => [Float]) @ApiProperty({ type: [Number], example: [1.07, 1.15] }) pueRange!: number[];
  @Field() @ApiProperty() pueSource!: string;
  @Field(() => Float, { nullable: true })
  @ApiProperty({ example: 412.72, nullable: true, type: Number, description: 'gCO2e/kWh' })
  gPerKwh!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty({ example: 2024, nullable: true, type: Number }) year!: number | null;
  @Field(() => IntensitySignalEnum) @ApiProperty({ enum: ['average', 'marginal'] }) signal!: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, example: 'gcp' }) sourceId!:
    string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, example: 'provider' }) resolvedFrom!:
    string | null;
  @Field(() => [String]) @ApiProperty({ type: [String] }) warnings!: string[];
}

@ObjectType('CloudRegionList')
export class CloudRegionListModel {
  @Field(() => [CloudRegionModel]) @ApiProperty({ type: [CloudRegionModel] }) items!: CloudRegionModel[];
  @Field() @ApiProperty({ example: 'seed-2026.11.0' }) dataVersion!: string;
}
