import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MAX_YEAR, MIN_YEAR } from './grid-validation';
import { IntensityInput } from './intensity.input';

export class ZoneCodeParams {
  @ApiProperty({ example: 'FR' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  code!: string;
}

export class ZoneYearParams extends ZoneCodeParams {
  @ApiProperty({ example: 2024 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
}

/** Arguments of the `upsertIntensity` mutation: the REST path parameters plus the body. */
@ArgsType()
export class UpsertIntensityArgs {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  zone!: string;

  @Field(() => Int)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;

  @Field(() => IntensityInput)
  @ValidateNested()
  @Type(() => IntensityInput)
  input!: IntensityInput;
}
