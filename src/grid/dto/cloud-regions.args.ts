import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { Signal } from '../domain/grid-reference';
import { MAX_YEAR, MIN_YEAR, PROVIDER_PATTERN, SIGNALS } from './grid-validation';
import { IntensitySignalEnum } from './signal.enum';

/** Filters of `GET /v1/grid/cloud-regions` and the `cloudRegions` query. */
@ArgsType()
export class CloudRegionsArgs {
  @Field({ nullable: true, description: 'aws, gcp or azure (aliases such as "google" accepted). Omitted: every provider.' })
  @ApiPropertyOptional({
    example: 'gcp',
    description: 'aws, gcp or azure (aliases such as "google" accepted). Omitted: every provider.',
  })
  @IsOptional()
  @IsString()
  @Matches(PROVIDER_PATTERN, { message: 'provider must be a provider name such as aws, gcp or azure' })
  provider?: string;

  @Field(() => Int, { nullable: true, description: 'Year of the intensity (default: the latest available).' })
  @ApiPropertyOptional({
    minimum: MIN_YEAR,
    maximum: MAX_YEAR,
    description: 'Year of the intensity (default: the latest available).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;

  @Field(() => IntensitySignalEnum, { nullable: true, defaultValue: 'average' })
  @ApiPropertyOptional({ enum: SIGNALS, default: 'average' })
  @IsOptional()
  @IsIn(SIGNALS)
  signal?: Signal;
}
