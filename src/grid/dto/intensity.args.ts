import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Signal } from '../domain/grid-reference';
import { ISO_DATE_TIME_MESSAGE, ISO_DATE_TIME_PATTERN, MAX_YEAR, MIN_YEAR, PROVIDER_PATTERN, SIGNALS } from './grid-validation';
import { IntensitySignalEnum } from './signal.enum';

/**
 * `GET /v1/grid/intensity` and the `intensity` query: a zone, or a cloud provider and region;
 * optionally a year (yearly figures) or an instant `at` (hourly series, yearly fallback).
 */
@ArgsType()
export class IntensityArgs {
  @Field({ nullable: true, description: 'Zone code ("FR", "US-CAL-CISO", "WORLD").' })
  @ApiPropertyOptional({ example: 'FR', description: 'Zone code ("FR", "US-CAL-CISO", "WORLD").' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  zone?: string;

  @Field({ nullable: true, description: 'Cloud provider (with region).' })
  @ApiPropertyOptional({ example: 'gcp' })
  @IsOptional()
  @IsString()
  @Matches(PROVIDER_PATTERN, { message: 'provider must be a provider name such as aws, gcp or azure' })
  provider?: string;

  @Field({ nullable: true, description: 'Cloud region (with provider), e.g. europe-west1.' })
  @ApiPropertyOptional({ example: 'europe-west1' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  region?: string;

  @Field(() => Int, { nullable: true, description: 'Year (default: latest; missing years fall back with a warning).' })
  @ApiPropertyOptional({ minimum: MIN_YEAR, maximum: MAX_YEAR })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;

  @Field({
    nullable: true,
    description: 'ISO 8601 instant: the hourly series point in force then, else the yearly figure with a warning.',
  })
  @ApiPropertyOptional({ example: '2024-06-01T12:00:00Z', description: 'ISO 8601 instant with a time zone.' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE_TIME_PATTERN, { message: `at ${ISO_DATE_TIME_MESSAGE}` })
  at?: string;

  @Field(() => IntensitySignalEnum, { nullable: true, defaultValue: 'average' })
  @ApiPropertyOptional({ enum: SIGNALS, default: 'average' })
  @IsOptional()
  @IsIn(SIGNALS)
  signal?: Signal;
}
