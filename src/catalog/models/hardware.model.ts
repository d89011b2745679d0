import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { HardwareResolution } from '../domain/hardware-matcher';
import type { HardwareKind, HardwareRecord } from '../domain/hardware.types';
import { HARDWARE_KINDS, HardwareKindEnum } from '../dto/hardware-kind';

const peak = (p: string) => ({ nullable: true, type: Number, description: `Dense peak ${p} TFLOP/s; null when unknown.` });

@ObjectType('PeakTflops', { description: 'Dense peak TFLOP/s per precision (never with sparsity); int8 in TOP/s.' })
export class PeakTflopsModel {
  @Field(() => Float, { nullable: true }) @ApiProperty(peak('FP64')) fp64!: number | null;
  @Field(() => Float, { nullable: true }) @ApiProperty(peak('FP32')) fp32!: number | null;
  @Field(() => Float, { nullable: true }) @ApiProperty(peak('TF32')) tf32!: number | null;
  @Field(() => Float, { nullable: true }) @ApiProperty(peak('FP16')) fp16!: number | null;
  @Field(() => Float, { nullable: true }) @ApiProperty(peak('BF16')) bf16!: number | null;
  @Field(() => Float, { nullable: true }) @ApiProperty(peak('FP8')) fp8!: number | null;
  @Field(() => Float, { nullable: true })
  @ApiProperty({ nullable: true, type: Number, description: 'Dense peak INT8 TOP/s; null when unknown.' })
  int8!: number | null;
}

@ObjectType('HardwareSource', { description: 'Which fields of an entry came from which source, with its licence.' })
export class HardwareSourceModel {
  @Field(() => [String]) @ApiProperty({ type: [String] }) fields!: string[];
  @Field() @ApiProperty() name!: string;
  @Field() @ApiProperty() url!: string;
  @Field() @ApiProperty() license!: string;
  @Field(() => Int, { nullable: true }) @ApiProperty({ nullable: true, type: Number }) year!: number | null;
  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String, description: 'Corrections and caveats.' })
  note!: string | null;
}

@ObjectType('HardwareResolvedFrom', { description: 'Set when a bare family name was resolved to its default variant.' })
export class HardwareResolvedFromModel {
  @Field() @ApiProperty({ example: 'H100', description: 'The reference as given.' }) input!: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, example: 'H100' }) family!: string | null;
  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String, example: 'nvidia-h100-sxm5-80gb' })
  defaultVariant!: string | null;
  @Field(() => [String])
  @ApiProperty({ type: [String], description: "The family's other variants (ids)." })
  alternatives!: string[];
}

@ObjectType('Hardware', { description: 'A catalog entry: an accelerator or CPU with its power, FLOP/s and sources.' })
export class HardwareModel {
  @Field(() => ID) @ApiProperty({ example: 'nvidia-h100-sxm5-80gb' }) id!: string;
  @Field() @ApiProperty({ example: 'NVIDIA H100 SXM5 80GB' }) name!: string;
  @Field() @ApiProperty({ example: 'NVIDIA' }) vendor!: string;
  @Field(() => HardwareKindEnum) @ApiProperty({ enum: HARDWARE_KINDS }) kind!: HardwareKind;
  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String, example: 'H100', description: 'Bare family name.' })
  family!: string | null;
  @Field(() => [String]) @ApiProperty({ type: [String] }) aliases!: string[];
  @Field(() => Float) @ApiProperty({ example: 700, description: 'Thermal design power per device, W.' }) tdpW!: number;
  @Field(() => Float) @ApiProperty({ example: 77, description: 'Idle power per device, W.' }) idleW!: number;
  @Field(() => Float, { nullable: true }) @ApiProperty({ nullable: true, type: Number }) memoryGb!: number | null;
  @Field(() => Float, { nullable: true, description: 'Peak memory bandwidth per device, GB/s (Epoch AI); null when unknown.' })
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 3350,
    description: 'Peak memory bandwidth per device, GB/s (Epoch AI); null when unknown.',
  })
  memoryBandwidthGBps!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty({ nullable: true, type: Number }) releaseYear!: number | null;
  @Field(() => PeakTflopsModel) @ApiProperty({ type: PeakTflopsModel }) peakTflops!: PeakTflopsModel;
  @Field(() => Float)
  @ApiProperty({ example: 150, description: 'Embodied emissions per device, kgCO2e.' })
  embodiedKgCo2e!: number;
  @Field(() => [HardwareSourceModel]) @ApiProperty({ type: [HardwareSourceModel] }) sources!: HardwareSourceModel[];
  @Field({ description: 'True for rows of the shipped reference data (read-only); false for custom entries.' })
  @ApiProperty({ description: 'True for rows of the shipped reference data (read-only); false for custom entries.' })
  seed!: boolean;
  @Field({ description: 'The data version (release or admin write) that last wrote this entry.' })
  @ApiProperty({
    example: 'seed-2026.11.0',
    description: 'The data version (release or admin write) that last wrote this entry.',
  })
  dataVersion!: string;
  @Field(() => HardwareResolvedFromModel, { nullable: true, description: 'Set when the reference was a bare family name.' })
  @ApiProperty({ nullable: true, type: HardwareResolvedFromModel, description: 'Set when the reference was a bare family name.' })
  resolvedFrom!: HardwareResolvedFromModel | null;
  @Field(() => [String])
  @ApiProperty({ type: [String], description: 'E.g. which default variant a family name resolved to.' })
  warnings!: string[];
}

@ObjectType('HardwareList')
export class HardwareListModel {
  @Field(() => [HardwareModel]) @ApiProperty({ type: [HardwareModel] }) items!: HardwareModel[];
  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last.' })
  nextCursor!: string | null;
}

/** A catalog row as the service holds it: the domain record plus the data version that wrote it. */
export type StoredHardware = HardwareRecord & { dataVersion: string };

export function toHardwareModel(
  row: StoredHardware,
  resolution?: Pick<HardwareResolution, 'resolvedFrom' | 'warnings'>,
): HardwareModel {
  const p = row.peakTflops;
  const rf = resolution?.resolvedFrom ?? null;
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    kind: row.kind,
    family: row.family ?? null,
    aliases: [...row.aliases],
    tdpW: row.tdpW,
    idleW: row.idleW,
    memoryGb: row.memoryGb ?? null,
    memoryBandwidthGBps: row.memoryBandwidthGBps ?? null,
    releaseYear: row.releaseYear ?? null,
    peakTflops: {
      fp64: p.fp64 ?? null,
      fp32: p.fp32 ?? null,
      tf32: p.tf32 ?? null,
      fp16: p.fp16 ?? null,
      bf16: p.bf16 ?? null,
      fp8: p.fp8 ?? null,
      int8: p.int8 ?? null,
    },
    embodiedKgCo2e: row.embodiedKgCo2e,
    sources: row.sources.map((s) => ({
      fields: [...s.fields],
      name: s.name,
      url: s.url,
      license: s.license,
      year: s.year ?? null,
      note: s.note ?? null,
    })),
    seed: row.seed,
    dataVersion: row.dataVersion,
    resolvedFrom: rf
      ? {
          input: rf.input,
          family: rf.family ?? null,
          defaultVariant: rf.defaultVariant ?? null,
          alternatives: rf.alternatives ?? [],
        }
      : null,
    warnings: resolution ? [...resolution.warnings] : [],
  };
}
