import { Field, Float, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const finite = { allowNaN: false, allowInfinity: false } as const;
/** 1 Mt CO2e / 1 TWh: far above any single run, so a unit mistake (g for kg) is refused, not stored. */
const MAX_REPORTED = 1e9;

/**
 * What another tool reported for the same run (e.g. CodeCarbon's `emissions` and `energy_consumed`), kept with
 * the run so its answer shows the difference between the service's figures and that tool's.
 */
@InputType('ReportedFigureInput', {
  description: "Another tool's figures for this run (e.g. CodeCarbon's), kept so the run shows the difference.",
})
export class ReportedFigureInput {
  @Field({ description: 'Which tool reported the figures, e.g. "codecarbon".' })
  @ApiProperty({ example: 'codecarbon', description: 'Which tool reported the figures, e.g. "codecarbon".' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[\w.:/ -]+$/, { message: 'source must be letters, digits, spaces and . : / _ -' })
  source!: string;

  @Field(() => Float, { nullable: true, description: 'The CO2e that tool reported, in kg.' })
  @ApiPropertyOptional({ type: Number, example: 12.5, minimum: 0, maximum: MAX_REPORTED, description: 'kg CO2e.' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_REPORTED)
  co2eKg?: number;

  @Field(() => Float, { nullable: true, description: 'The energy that tool reported, in kWh.' })
  @ApiPropertyOptional({ type: Number, example: 40.2, minimum: 0, maximum: MAX_REPORTED, description: 'kWh.' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_REPORTED)
  energyKwh?: number;
}
