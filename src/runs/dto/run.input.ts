import { Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsISO8601,
  IsOptional,
  IsString,
  IsObject,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { EstimateInput } from '../../estimates/dto/estimate.input';
import { ReportedFigureInput } from './reported.input';

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

  @Field(() => EstimateInput, {
    nullable: true,
    description: 'An EstimateRequest, as for POST /v1/estimates (or give codecarbon).',
  })
  @ApiPropertyOptional({
    type: EstimateInput,
    description: 'An EstimateRequest, as for POST /v1/estimates (or give `codecarbon`).',
  })
  @ValidateIf((o: RunInput) => o.codecarbon === undefined || o.request !== undefined)
  @IsDefined({ message: 'request is required (or codecarbon, a CodeCarbon emissions record)' })
  @ValidateNested()
  @Type(() => EstimateInput)
  request?: EstimateInput;

  @Field(() => ReportedFigureInput, {
    nullable: true,
    description: "Another tool's figures for this run; the run answers the difference (reported).",
  })
  @ApiPropertyOptional({
    type: ReportedFigureInput,
    description: "Another tool's figures for this run (e.g. CodeCarbon's); the run answers the difference in `reported`.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportedFigureInput)
  reported?: ReportedFigureInput;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'Instead of request: one CodeCarbon emissions record (its emissions.csv columns as an object: energy_consumed, emissions, duration, timestamp, country_iso_code or cloud_provider + cloud_region, gpu_model, pue, project_name, run_id). Mapped as a CodeCarbon job row is; labels given beside it win.',
  })
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: {
      timestamp: '2026-01-12T20:00:00',
      project_name: 'llama-ft',
      run_id: '5b0fa12a',
      duration: 3600,
      emissions: 1.92,
      energy_consumed: 33.1,
      country_iso_code: 'FRA',
      gpu_count: 8,
      gpu_model: '8 x NVIDIA H100 80GB HBM3',
      pue: 1,
    },
    description:
      "Instead of `request`: one CodeCarbon emissions record (the columns of its `emissions.csv` as an object). It is mapped as a CodeCarbon job row is (measured energy, ISO-3 country or cloud region, `gpu_model`, time from `timestamp` and `duration`), and CodeCarbon's `emissions` and `energy_consumed` become `reported`. Labels given beside it win.",
  })
  @IsOptional()
  @IsObject()
  codecarbon?: Record<string, unknown>;
}
