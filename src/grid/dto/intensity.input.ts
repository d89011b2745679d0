import { Field, Float, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Signal } from '../domain/grid-reference';
import { MAX_G_PER_KWH, SIGNALS } from './grid-validation';
import { IntensitySignalEnum } from './signal.enum';

/** Body of `PUT /v1/grid/zones/{code}/intensities/{year}` and input of the `upsertIntensity` mutation. */
@InputType('IntensityInput')
export class IntensityInput {
  @Field(() => Float)
  @ApiProperty({ example: 52.4, minimum: 0, maximum: MAX_G_PER_KWH, description: 'gCO2e/kWh' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_G_PER_KWH)
  gPerKwh!: number;

  @Field(() => IntensitySignalEnum, { nullable: true, defaultValue: 'average' })
  @ApiPropertyOptional({ enum: SIGNALS, default: 'average' })
  @IsOptional()
  @IsIn(SIGNALS)
  signal?: Signal;

  @Field()
  @ApiProperty({ example: 'RTE eco2mix annual report 2024' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source!: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'https://www.rte-france.com/eco2mix' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  url?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'CC-BY-4.0' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  license?: string;

  @Field(() => String, { nullable: true, description: 'lifecycle or direct, where the source says.' })
  @ApiPropertyOptional({ enum: ['lifecycle', 'direct'] })
  @IsOptional()
  @IsIn(['lifecycle', 'direct'])
  scope?: 'lifecycle' | 'direct';
}
