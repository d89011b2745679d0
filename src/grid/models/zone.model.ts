import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { IntensityValue, ZoneRecord } from '../domain/grid-reference';
import { IntensitySignalEnum } from '../dto/signal.enum';

@ObjectType('ZoneIntensity', { description: 'One yearly intensity of a zone from one source.' })
export class ZoneIntensityModel {
  @Field(() => Int) @ApiProperty({ example: 2024 }) year!: number;
  @Field(() => Float) @ApiProperty({ example: 33, description: 'gCO2e/kWh' }) gPerKwh!: number;
  @Field(() => IntensitySignalEnum) @ApiProperty({ enum: ['average', 'marginal'] }) signal!: string;
  @Field() @ApiProperty() source!: string;
  @Field()
  @ApiProperty({ example: 'electricitymaps', description: 'ember, electricitymaps, unfccc, or admin' })
  sourceId!: string;
  @Field() @ApiProperty() url!: string;
  @Field() @ApiProperty({ example: 'ODbL-1.0' }) license!: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ enum: ['lifecycle', 'direct'], nullable: true, type: String }) scope!:
    string | null;
  @Field({ description: 'Whether lookups use this value for its zone, year and signal (source precedence).' })
  @ApiProperty({ description: 'Whether lookups use this value for its zone, year and signal (source precedence).' })
  preferred!: boolean;
}

@ObjectType('Zone')
export class ZoneModel {
  @Field() @ApiProperty({ example: 'US-CAL-CISO' }) code!: string;
  @Field() @ApiProperty({ example: 'California ISO' }) name!: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ example: 'US', nullable: true, type: String }) countryCode!:
    string | null;
  @Field() @ApiProperty({ enum: ['country', 'subnational', 'aggregate'] }) kind!: string;
  @Field(() => String, { nullable: true, description: 'Where lookups fall back to: subnational -> country -> WORLD.' })
  @ApiProperty({ nullable: true, type: String, description: 'Where lookups fall back to: subnational -> country -> WORLD.' })
  parent!: string | null;
  @Field(() => [ZoneIntensityModel])
  @ApiProperty({ type: [ZoneIntensityModel], description: 'All years and sources: signal, newest year, precedence.' })
  intensities!: ZoneIntensityModel[];
}

@ObjectType('ZoneList')
export class ZoneListModel {
  @Field(() => [ZoneModel]) @ApiProperty({ type: [ZoneModel] }) items!: ZoneModel[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toZoneModel(z: ZoneRecord, values: IntensityValue[], isPreferred: (v: IntensityValue) => boolean): ZoneModel {
  return {
    code: z.code,
    name: z.name,
    countryCode: z.countryCode,
    kind: z.kind,
    parent: z.parent,
    intensities: values.map((v) => ({
      year: v.year,
      gPerKwh: v.gPerKwh,
      signal: v.signal,
      source: v.source,
      sourceId: v.sourceId,
      url: v.url,
      license: v.license,
      scope: v.scope,
      preferred: isPreferred(v),
    })),
  };
}
