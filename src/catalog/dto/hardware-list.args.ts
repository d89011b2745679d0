import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { HardwareKind } from '../domain/hardware.types';
import { HARDWARE_KINDS, HardwareKindEnum } from './hardware-kind';
import { KeysetPage } from '../../common/pagination/keyset-page.args';

/** `GET /v1/hardware` query string and GraphQL `hardwareList(...)` arguments. */
@ArgsType()
export class HardwareListArgs extends KeysetPage(class {}, 'Entries') {
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
}
