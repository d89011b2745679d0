import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import { BOUNDARIES, MITIGATION_TYPES, PRECISIONS, WORKLOADS } from '../../estimation';
import { IntensitySignalEnum } from '../../grid/dto/signal.enum';
import { BoundaryEnum, MitigationTypeEnum, PrecisionEnum, WorkloadEnum } from './estimation.enums';
import { ServingInput } from './serving.input';

const finite = { allowNaN: false, allowInfinity: false } as const;

@InputType('EstimateHardwareInput', { description: 'The devices: a catalog reference and how many, or a measured power.' })
export class EstimateHardwareInput {
  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'nvidia-h100-sxm5-80gb', description: 'Catalog id or any alias ("H100-80GB", "TPU v3").' })
  @IsOptional()
  @IsString()
  ref?: string;

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ example: 1024 })
  @IsOptional()
  @IsInt()
  count?: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 1, description: 'Average power as a fraction of the idle-to-TDP band, in (0, 1].' })
  @IsOptional()
  @IsNumber(finite)
  utilization?: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Measured average power per device in W (overrides TDP x utilization).',
  })
  @IsOptional()
  @IsNumber(finite)
  powerW?: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Idle power per device in W (overrides the catalog).' })
  @IsOptional()
  @IsNumber(finite)
  idleW?: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Host overhead factor (>= 1) for boundary "server".' })
  @IsOptional()
  @IsNumber(finite)
  hostFactor?: number | null;
}

@InputType('ComputeInput', { description: 'Compute-sized work: FLOPs, or parameters and tokens (6ND training, 2ND inference).' })
export class ComputeInput {
  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3.14e23 })
  @IsOptional()
  @IsNumber(finite)
  flops?: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, example: 175e9 })
  @IsOptional()
  @IsNumber(finite)
  parameters?: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, example: 300e9 })
  @IsOptional()
  @IsNumber(finite)
  tokens?: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Active parameters per token (mixture-of-experts).' })
  @IsOptional()
  @IsNumber(finite)
  activeParameters?: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Model FLOPs utilisation in (0, 1]; default calibrated from Epoch AI data.',
  })
  @IsOptional()
  @IsNumber(finite)
  mfu?: number | null;

  @Field(() => PrecisionEnum, { nullable: true })
  @ApiPropertyOptional({ enum: PRECISIONS, default: 'bf16' })
  @IsOptional()
  @IsIn(PRECISIONS)
  precision?: (typeof PRECISIONS)[number] | null;
}

@InputType('LocationInput', { description: 'Where the energy is drawn: a grid zone, a cloud region, or an explicit intensity.' })
export class LocationInput {
  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'FR' })
  @IsOptional()
  @IsString()
  zone?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'gcp' })
  @IsOptional()
  @IsString()
  provider?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'europe-west1' })
  @IsOptional()
  @IsString()
  region?: string;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 429, description: 'gCO2e/kWh' })
  @IsOptional()
  @IsNumber(finite)
  gPerKwh?: number;

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ example: 2024 })
  @IsOptional()
  @IsInt()
  year?: number;

  @Field(() => IntensitySignalEnum, { nullable: true })
  @ApiPropertyOptional({ enum: ['average', 'marginal'], default: 'average' })
  @IsOptional()
  @IsIn(['average', 'marginal'])
  signal?: 'average' | 'marginal';
}

@InputType('MitigationInput', { description: 'A what-if transformation; see docs/methodology.md for each formula.' })
export class MitigationInput {
  @Field(() => MitigationTypeEnum)
  @ApiProperty({ enum: MITIGATION_TYPES })
  @IsIn(MITIGATION_TYPES)
  type!: (typeof MITIGATION_TYPES)[number];

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({
    description: 'early-stopping: work kept; pruning: parameters removed; renewable-match: energy matched.',
  })
  @IsOptional()
  @IsNumber(finite)
  fraction?: number;

  @Field(() => PrecisionEnum, { nullable: true })
  @ApiPropertyOptional({ enum: PRECISIONS })
  @IsOptional()
  @IsIn(PRECISIONS)
  precision?: (typeof PRECISIONS)[number];

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  activeParameters?: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  teacherParameters?: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  studentParameters?: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(finite)
  tokens?: number;
}

/**
 * An EstimateRequest (API.md): exactly one of hours, acceleratorHours, compute or energyKwh.
 * These decorators check shapes and types only; ranges and the rules between fields (one sizing
 * method, PUE >= 1, utilization in (0, 1], at most 1e7 devices and 1e30 FLOPs) live in one place,
 * the engine's validateEstimateRequest, which every transport runs.
 */
@InputType('EstimateInput')
export class EstimateInput {
  @Field(() => WorkloadEnum, { nullable: true })
  @ApiPropertyOptional({ enum: WORKLOADS, default: 'training' })
  @IsOptional()
  @IsIn(WORKLOADS)
  workload?: (typeof WORKLOADS)[number];

  @Field(() => EstimateHardwareInput, { nullable: true })
  @ApiPropertyOptional({ type: EstimateHardwareInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => EstimateHardwareInput)
  hardware?: EstimateHardwareInput;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 720, description: 'Wall-clock hours (with hardware.count).' })
  @IsOptional()
  @IsNumber(finite)
  hours?: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ description: 'Total device-hours.' })
  @IsOptional()
  @IsNumber(finite)
  acceleratorHours?: number;

  @Field(() => ComputeInput, { nullable: true })
  @ApiPropertyOptional({ type: ComputeInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComputeInput)
  compute?: ComputeInput;

  @Field(() => ServingInput, {
    nullable: true,
    description: 'LLM serving (with workload inference), instead of hours, acceleratorHours, compute or energyKwh.',
  })
  @ApiPropertyOptional({
    type: ServingInput,
    description: 'LLM serving (with workload inference), instead of hours, acceleratorHours, compute or energyKwh.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServingInput)
  serving?: ServingInput;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ description: 'Measured IT energy in kWh; PUE is applied on top.' })
  @IsOptional()
  @IsNumber(finite)
  energyKwh?: number;

  @Field(() => LocationInput)
  @ApiProperty({ type: LocationInput })
  @ValidateNested()
  @Type(() => LocationInput)
  location!: LocationInput;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 1.1 })
  @IsOptional()
  @IsNumber(finite)
  pue?: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ description: 'Water usage effectiveness, L/kWh of IT energy.' })
  @IsOptional()
  @IsNumber(finite)
  wueLPerKwh?: number;

  @Field(() => BoundaryEnum, { nullable: true })
  @ApiPropertyOptional({ enum: BOUNDARIES, default: 'accelerators' })
  @IsOptional()
  @IsIn(BOUNDARIES)
  boundary?: (typeof BOUNDARIES)[number];

  @Field({ nullable: true })
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  includeEmbodied?: boolean;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ default: 4 })
  @IsOptional()
  @IsNumber(finite)
  embodiedLifetimeYears?: number;

  @Field(() => [MitigationInput], { nullable: true })
  @ApiPropertyOptional({ type: [MitigationInput] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MitigationInput)
  mitigations?: MitigationInput[];
}
