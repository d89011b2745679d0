import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IntensitySignalEnum } from '../dto/signal.enum';

export const RESOLVED_FROM = [
  'zone',
  'cloud-region',
  'provider',
  'country-fallback',
  'world-fallback',
  'request',
  'series',
] as const;

@ObjectType('Intensity', { description: 'A resolved grid intensity with its provenance and every fallback as a warning.' })
export class IntensityModel {
  @Field({ description: 'The zone whose value was used (after any fallback).' })
  @ApiProperty({ example: 'FR', description: 'The zone whose value was used (after any fallback).' })
  zone!: string;

  @Field(() => String, { nullable: true, description: 'The zone asked for, when given.' })
  @ApiProperty({ nullable: true, type: String })
  requestedZone!: string | null;

  @Field(() => Int) @ApiProperty({ example: 2024 }) year!: number;
  @Field(() => Int, { nullable: true }) @ApiProperty({ nullable: true, type: Number }) requestedYear!: number | null;
  @Field(() => Float) @ApiProperty({ example: 33, description: 'gCO2e/kWh' }) gPerKwh!: number;
  @Field(() => IntensitySignalEnum) @ApiProperty({ enum: ['average', 'marginal'] }) signal!: string;
  @Field() @ApiProperty() source!: string;
  @Field() @ApiProperty({ example: 'electricitymaps' }) sourceId!: string;
  @Field() @ApiProperty() license!: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ enum: ['lifecycle', 'direct'], nullable: true, type: String }) scope!:
    string | null;

  @Field({ description: `How the value was found: ${RESOLVED_FROM.join(', ')}.` })
  @ApiProperty({ enum: RESOLVED_FROM })
  resolvedFrom!: string;

  @Field(() => [Float], { description: '[low, high] over the sources and years of the zone used (same signal).' })
  @ApiProperty({ type: [Number], example: [31, 91] })
  range!: number[];

  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, example: 'gcp' }) provider!:
    string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, example: 'europe-west1' }) region!:
    string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For `at` lookups served by the hourly series: the timestamp of the point used.',
  })
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'For `at` lookups served by the hourly series: the timestamp of the point used.',
  })
  at!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '`at` lookups served live (no stored point): the signal provider, `electricitymaps` or `watttime`.',
  })
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'electricitymaps',
    description:
      '`at` lookups served live (no stored point): the signal provider, `electricitymaps` or `watttime`. Absent otherwise.',
  })
  liveProvider?: string | null;

  @Field(() => String, { nullable: true, description: 'When the live answer was fetched from the provider (ISO 8601).' })
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'When the live answer was fetched from the provider (ISO 8601).',
  })
  fetchedAt?: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Marginal `at` lookups near now with WattTime: its signal index (0-100, the percentile of now's MOER; lower is cleaner).",
  })
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      "Marginal `at` lookups near now with WattTime: its signal index (0-100, the percentile of now's MOER; lower is cleaner).",
  })
  signalIndex?: number | null;

  @Field(() => [String]) @ApiProperty({ type: [String] }) warnings!: string[];
  @Field({ description: 'The reference-data release used.' }) @ApiProperty({ example: 'seed-2026.11.0' }) dataVersion!: string;
}

@ObjectType('UpsertedIntensity')
export class UpsertedIntensityModel {
  @Field() @ApiProperty({ example: 'FR' }) zone!: string;
  @Field(() => Int) @ApiProperty() year!: number;
  @Field(() => IntensitySignalEnum) @ApiProperty({ enum: ['average', 'marginal'] }) signal!: string;
  @Field(() => Float) @ApiProperty() gPerKwh!: number;
  @Field() @ApiProperty() source!: string;
  @Field() @ApiProperty({ example: 'admin' }) sourceId!: string;
  @Field() @ApiProperty() url!: string;
  @Field() @ApiProperty() license!: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) scope!: string | null;
  @Field({ description: 'Whether the value was new (false: it replaced an earlier admin value).' })
  @ApiProperty()
  created!: boolean;
  @Field({ description: 'The new reference-data release this write made.' }) @ApiProperty() dataVersion!: string;
}

@ObjectType('SeriesImportResult', { description: 'What an hourly series import stored.' })
export class SeriesImportResultModel {
  @Field() @ApiProperty({ example: 'FR' }) zone!: string;
  @Field(() => IntensitySignalEnum) @ApiProperty({ enum: ['average', 'marginal'] }) signal!: string;
  @Field({ description: 'The form the body was read as: json, csv, datetime or electricitymaps.' })
  @ApiProperty({ enum: ['json', 'csv', 'datetime', 'electricitymaps'], description: 'The form the body was read as.' })
  format!: string;
  @Field({ description: 'The source the points were stored with.' })
  @ApiProperty({ example: 'Electricity Maps hourly export (life cycle)', description: 'The source the points were stored with.' })
  source!: string;
  @Field(() => Int, { description: 'Points in the request.' })
  @ApiProperty({ description: 'Points in the request.' })
  received!: number;
  @Field(() => Int, { description: 'Points repeating an earlier timestamp of the same request (the last one wins).' })
  @ApiProperty({ description: 'Points in the request repeating an earlier timestamp of the same request (the last one wins).' })
  duplicates!: number;
  @Field(() => Int, { description: 'New points.' }) @ApiProperty({ description: 'New points.' }) inserted!: number;
  @Field(() => Int, { description: 'Points that replaced a stored point of the same timestamp with another value or source.' })
  @ApiProperty({ description: 'Points that replaced a stored point of the same timestamp with another value or source.' })
  updated!: number;
  @Field(() => Int, { description: 'Points already stored with the same value and source (left as they were).' })
  @ApiProperty({
    description: 'Points already stored with the same value and source (left as they were): a repeated import changes nothing.',
  })
  unchanged!: number;
  @Field(() => String, { nullable: true, description: 'The first point imported.' })
  @ApiProperty({ nullable: true, type: String })
  from!: string | null;
  @Field(() => String, { nullable: true, description: 'The last point imported.' })
  @ApiProperty({ nullable: true, type: String })
  to!: string | null;
  @Field({ description: 'The new reference-data release this import made.' }) @ApiProperty() dataVersion!: string;
}
