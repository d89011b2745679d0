import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const iso = { strict: true, strictSeparator: true } as const;

/** The run filters the list and the report share (labels and the time range a run counts under). */
@ArgsType()
export class RunFilterArgs {
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  project?: string | null;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  team?: string | null;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601; runs whose startedAt (else createdAt) is at or after it.' })
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Runs whose startedAt (createdAt when absent) is at or after this instant.',
  })
  @IsOptional()
  @IsISO8601(iso)
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601; runs whose startedAt (else createdAt) is before it.' })
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Runs whose startedAt (createdAt when absent) is before this instant (exclusive).',
  })
  @IsOptional()
  @IsISO8601(iso)
  to?: string | null;
}
