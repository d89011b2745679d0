import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { COMPARISON_DETAILS, type ComparisonDetail } from '../../estimation';
import { EstimateInput, MitigationInput } from './estimate.input';

/** GraphQL enum `ComparisonDetail`, with the same lower-case values as REST: summary, full. */
export const ComparisonDetailEnum: { [K in ComparisonDetail]: K } = { summary: 'summary', full: 'full' };

export const COMPARISON_DETAIL_DESCRIPTION =
  'summary (default): each variant carries an EstimateSummary (method, workload, acceleratorHours, wallHours, flops, energyKwh, co2eKg, ' +
  'operationalCo2eKg, embodiedCo2eKg, waterL, marketBasedCo2eKg, ranges.energyKwh/co2eKg, warnings: the same values as its Estimate) and no request. ' +
  'full: each variant carries its whole Estimate (factors, breakdown, equivalents, mitigations) and the merged request it ran. ' +
  'The baseline estimate is complete in both.';

registerEnumType(ComparisonDetailEnum, {
  name: 'ComparisonDetail',
  description: 'How much of each variant estimate a comparison returns.',
  valuesMap: {
    summary: { description: 'Default: the headline figures of each variant (EstimateSummary), no request.' },
    full: { description: 'The whole Estimate of each variant, and the merged request it ran.' },
  },
});

@InputType('VariantInput')
export class VariantInput {
  @Field()
  @ApiProperty({ example: 'fp8 in Quebec' })
  @IsString()
  name!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { location: { zone: 'CA-QC' } },
    description: 'Deep-merged onto the baseline.',
  })
  @IsOptional()
  @IsObject()
  changes?: Record<string, unknown>;

  @Field(() => [MitigationInput], { nullable: true })
  @ApiPropertyOptional({ type: [MitigationInput] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MitigationInput)
  mitigations?: MitigationInput[];
}

@InputType('ComparisonInput')
export class ComparisonInput {
  @Field(() => EstimateInput)
  @ApiProperty({ type: EstimateInput })
  @ValidateNested()
  @Type(() => EstimateInput)
  baseline!: EstimateInput;

  @Field(() => [VariantInput], { nullable: true })
  @ApiPropertyOptional({ type: [VariantInput] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => VariantInput)
  variants?: VariantInput[];

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: {} },
    example: { location: [{ zone: 'FR' }, { zone: 'PL' }], 'hardware.ref': ['nvidia-a100-sxm4-80gb'] },
    description: 'Dotted path -> values; one variant per combination (cartesian product). At most 500 variants in all.',
  })
  @IsOptional()
  @IsObject()
  sweep?: Record<string, unknown[]>;

  @Field(() => ComparisonDetailEnum, { nullable: true, description: COMPARISON_DETAIL_DESCRIPTION })
  @ApiPropertyOptional({ enum: COMPARISON_DETAILS, default: 'summary', description: COMPARISON_DETAIL_DESCRIPTION })
  @IsOptional()
  @IsIn(COMPARISON_DETAILS)
  detail?: ComparisonDetail;
}
