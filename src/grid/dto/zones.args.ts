import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ZoneKind } from '../domain/grid-reference';
import { ZONE_KINDS } from './grid-validation';

/** Filters of `GET /v1/grid/zones` and the `zones` query. */
@ArgsType()
export class ZonesArgs {
  @Field({ nullable: true, description: 'Text in the zone code or name (accents and case ignored).' })
  @ApiPropertyOptional({ description: 'Text in the zone code or name (accents and case ignored).', example: 'california' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 country: the country and its sub-national zones.' })
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country: the country and its sub-national zones.', example: 'US' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code' })
  country?: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ enum: ZONE_KINDS })
  @IsOptional()
  @IsIn(ZONE_KINDS)
  kind?: ZoneKind;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @Field({ nullable: true, description: 'Opaque cursor from a previous page (nextCursor).' })
  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page (nextCursor).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
