import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { HardwareKind } from '../domain/hardware.types';
import { HARDWARE_KINDS, HardwareKindEnum } from './hardware-kind';

/** `GET /v1/hardware` query string and GraphQL `hardwareList(...)` arguments. */
@ArgsType()
export class HardwareListArgs {
  @Field(() => HardwareKindEnum, { nullable: true })
  @ApiPropertyOptional({ enum: HARDWARE_KINDS })
  @IsOptional()
  @IsIn(HARDWARE_KINDS, { message: `kind must be one of: ${HARDWARE_KINDS.join(', ')}` })
  kind?: HardwareKind | null;

  @Field(() => String, { nullable: true, description: 'Vendor, case-insensitive ("nvidia").' })
  @ApiPropertyOptional({ type: String, example: 'NVIDIA', description: 'Vendor, case-insensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  vendor?: string | null;

  @Field(() => String, { nullable: true, description: 'Words that must all occur in the id, name, vendor, family or an alias.' })
  @ApiPropertyOptional({
    type: String,
    example: 'a100 80gb',
    description: 'Words that must all occur in the id, name, vendor, family or an alias (case- and punctuation-insensitive).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @Field(() => String, { nullable: true, description: 'nextCursor of the previous page.' })
  @ApiPropertyOptional({ type: String, description: 'nextCursor of the previous page (opaque).' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor returned by this list' })
  cursor?: string | null;
}
