import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EstimateInput } from '../../estimates/dto/estimate.input';

const iso = { strict: true, strictSeparator: true } as const;

/** `POST /v1/runs` body and GraphQL `createRun(input:)`: a run's labels, its times and its EstimateRequest. */
@InputType('RunInput')
export class RunInput {
  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'llama-ft-2026-01-12', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'assistant-v2', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  project?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'research', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  team?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'llama-3-8b', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model?: string;

  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ type: [String], example: ['nightly'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @Field({
    nullable: true,
    description: 'ISO 8601 instant the run started; reports count the run under it (createdAt when absent).',
  })
  @ApiPropertyOptional({
    example: '2026-01-12T08:00:00Z',
    format: 'date-time',
    description: 'Reports count the run under this instant (createdAt when absent).',
  })
  @IsOptional()
  @IsISO8601(iso)
  startedAt?: string;

  @Field({ nullable: true, description: 'ISO 8601 instant the run ended (not before startedAt).' })
  @ApiPropertyOptional({ example: '2026-01-13T02:00:00Z', format: 'date-time' })
  @IsOptional()
  @IsISO8601(iso)
  endedAt?: string;

  @Field(() => EstimateInput)
  @ApiProperty({ type: EstimateInput, description: 'An EstimateRequest, as for POST /v1/estimates.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => EstimateInput)
  request!: EstimateInput;
}
