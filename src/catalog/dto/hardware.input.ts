import { applyDecorators } from '@nestjs/common';
import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { HardwareKind } from '../domain/hardware.types';
import { HARDWARE_KINDS, HardwareKindEnum } from './hardware-kind';

const finite = { allowNaN: false, allowInfinity: false } as const;
export const HARDWARE_ID_PATTERN = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** The field may be omitted, but not sent as null (for fields the catalog requires). */
const IfPresent = () => ValidateIf((_o: unknown, v: unknown) => v !== undefined);

// Field rules, shared by the create/upsert input and the PATCH input.
const NameRules = () => applyDecorators(IsString(), MinLength(1), MaxLength(200));
const VendorRules = () => applyDecorators(IsString(), MinLength(1), MaxLength(100));
const KindRules = () => IsIn(HARDWARE_KINDS, { message: `kind must be one of: ${HARDWARE_KINDS.join(', ')}` });
const FamilyRules = () => applyDecorators(IsOptional(), IsString(), MinLength(1), MaxLength(100));
const AliasesRules = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(200, { each: true }),
  );
const TdpRules = () => applyDecorators(IsNumber(finite), IsPositive(), Max(10000));
const IdleRules = () => applyDecorators(IsNumber(finite), Min(0), Max(10000));
const MemoryRules = () => applyDecorators(IsOptional(), IsNumber(finite), Min(0), Max(100000));
const YearRules = () => applyDecorators(IsOptional(), IsInt(), Min(1950), Max(2100));
const EmbodiedRules = () => applyDecorators(IsNumber(finite), Min(0), Max(1000000));
const PeakRules = () =>
  applyDecorators(
    ValidateNested(),
    Type(() => PeakTflopsInput),
  );
const SourcesRules = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(20),
    ValidateNested({ each: true }),
    Type(() => HardwareSourceInput),
  );

const peakDoc = (p: string) => ({
  nullable: true,
  type: Number,
  description: `Dense peak ${p} TFLOP/s (never with sparsity); null when unknown.`,
});
const PeakRule = () => applyDecorators(IsOptional(), IsNumber(finite), Min(0), Max(1000000));

@InputType('PeakTflopsInput', { description: 'Dense peak TFLOP/s per precision (int8 in TOP/s); omitted or null when unknown.' })
export class PeakTflopsInput {
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional(peakDoc('FP64')) @PeakRule() fp64?: number | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional(peakDoc('FP32')) @PeakRule() fp32?: number | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional(peakDoc('TF32')) @PeakRule() tf32?: number | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional(peakDoc('FP16')) @PeakRule() fp16?: number | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional(peakDoc('BF16')) @PeakRule() bf16?: number | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional(peakDoc('FP8')) @PeakRule() fp8?: number | null;
  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ ...peakDoc('INT8'), description: 'Dense peak INT8 TOP/s; null when unknown.' })
  @PeakRule()
  int8?: number | null;
}

@InputType('HardwareSourceInput', { description: 'Where some fields of an entry come from.' })
export class HardwareSourceInput {
  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['tdpW', 'memoryGb'], description: 'The fields this source provides.' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  fields!: string[];

  @Field()
  @ApiProperty({ example: 'Vendor datasheet' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field()
  @ApiProperty({ example: 'https://example.com/datasheet.pdf' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @Field()
  @ApiProperty({ example: 'manufacturer specification (facts; no licence claimed)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  license!: string;

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1950)
  @Max(2100)
  year?: number | null;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

/**
 * A custom catalog entry (admin): the REST body of `POST /v1/hardware` and GraphQL `upsertHardware(input:)`.
 * Omitted `idleW` / `embodiedKgCo2e` get the documented defaults (seed/NOTICE-hardware.md#defaults), which
 * the entry's `sources` then list; omitted `sources` record the entry as admin-supplied.
 */
@InputType('HardwareInput', { description: 'A custom hardware entry (admin).' })
export class HardwareInput {
  @Field(() => String, {
    nullable: true,
    description: 'Stable slug (lowercase letters, digits, - and .). Omitted: made from vendor and name.',
  })
  @ApiPropertyOptional({
    type: String,
    example: 'acme-x1-96gb',
    description: 'Stable slug (lowercase letters, digits, - and .). Omitted: made from vendor and name.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(HARDWARE_ID_PATTERN, { message: 'id must be a lowercase slug: letters, digits, single - or . between them' })
  id?: string | null;

  @Field()
  @ApiProperty({ example: 'ACME X1 96GB' })
  @NameRules()
  name!: string;

  @Field()
  @ApiProperty({ example: 'ACME' })
  @VendorRules()
  vendor!: string;

  @Field(() => HardwareKindEnum)
  @ApiProperty({ enum: HARDWARE_KINDS })
  @KindRules()
  kind!: HardwareKind;

  @Field(() => String, {
    nullable: true,
    description: 'Bare family name ("H100"); a family with several variants needs a declared default.',
  })
  @ApiPropertyOptional({ nullable: true, type: String })
  @FamilyRules()
  family?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names: nvidia-smi output, model-card and paper spellings.' })
  @ApiPropertyOptional({ type: [String], example: ['X1-96GB', 'ACME X1'] })
  @IsOptional()
  @AliasesRules()
  aliases?: string[] | null;

  @Field(() => Float)
  @ApiProperty({ example: 700, description: 'Thermal design power per device, W (0 < tdpW <= 10000).' })
  @TdpRules()
  tdpW!: number;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, description: 'Idle power, W (<= tdpW). Default 0.11 x TDP (CPUs 0.25).' })
  @IsOptional()
  @IdleRules()
  idleW?: number | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: Number })
  @MemoryRules()
  memoryGb?: number | null;

  @Field(() => Float, { nullable: true, description: 'Peak memory bandwidth per device, GB/s (serving estimates need it).' })
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Peak memory bandwidth per device, GB/s.' })
  @MemoryRules()
  memoryBandwidthGBps?: number | null;

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ nullable: true, type: Number })
  @YearRules()
  releaseYear?: number | null;

  @Field(() => PeakTflopsInput, { nullable: true })
  @ApiPropertyOptional({ type: PeakTflopsInput })
  @IsOptional()
  @PeakRules()
  peakTflops?: PeakTflopsInput | null;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, description: 'Embodied emissions per device, kgCO2e. Default 150 (CPUs 100).' })
  @IsOptional()
  @EmbodiedRules()
  embodiedKgCo2e?: number | null;

  @Field(() => [HardwareSourceInput], { nullable: true })
  @ApiPropertyOptional({ type: [HardwareSourceInput] })
  @IsOptional()
  @SourcesRules()
  sources?: HardwareSourceInput[] | null;
}

/**
 * `PATCH /v1/hardware/{id}`: any subset of the fields; the others keep their values. Required fields may
 * be omitted but not nulled; nullable ones (`family`, `memoryGb`, `releaseYear`) are cleared with null.
 */
export class HardwarePatchInput {
  @ApiPropertyOptional()
  @IfPresent()
  @NameRules()
  name?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @VendorRules()
  vendor?: string;

  @ApiPropertyOptional({ enum: HARDWARE_KINDS })
  @IfPresent()
  @KindRules()
  kind?: HardwareKind;

  @ApiPropertyOptional({ nullable: true, type: String })
  @FamilyRules()
  family?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IfPresent()
  @AliasesRules()
  aliases?: string[];

  @ApiPropertyOptional({ type: Number })
  @IfPresent()
  @TdpRules()
  tdpW?: number;

  @ApiPropertyOptional({ type: Number })
  @IfPresent()
  @IdleRules()
  idleW?: number;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @MemoryRules()
  memoryGb?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Peak memory bandwidth per device, GB/s.' })
  @MemoryRules()
  memoryBandwidthGBps?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @YearRules()
  releaseYear?: number | null;

  @ApiPropertyOptional({ type: PeakTflopsInput })
  @IfPresent()
  @PeakRules()
  peakTflops?: PeakTflopsInput;

  @ApiPropertyOptional({ type: Number })
  @IfPresent()
  @EmbodiedRules()
  embodiedKgCo2e?: number;

  @ApiPropertyOptional({ type: [HardwareSourceInput] })
  @IfPresent()
  @SourcesRules()
  sources?: HardwareSourceInput[];
}
