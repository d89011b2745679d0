import { ArgsType, Field } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** `GET /v1/hardware/{ref}` path and GraphQL `hardware(ref:)`: an id, any alias, or a bare family name. */
@ArgsType()
export class HardwareRefArgs {
  @Field({
    description:
      'An id, any alias ("H100-80GB", "Tesla V100-SXM2-16GB", "TPU v3") or a bare family name ("H100"); case- and punctuation-insensitive.',
  })
  @ApiProperty({ example: 'H100-80GB' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  ref!: string;
}

/** `PATCH|DELETE /v1/hardware/{id}`: the exact id of a custom entry. */
export class HardwareIdParams {
  @ApiProperty({ example: 'acme-x1-96gb' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  id!: string;
}
