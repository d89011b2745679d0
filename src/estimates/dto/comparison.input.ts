import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import { EstimateInput, MitigationInput } from './estimate.input';

@InputType('VariantInput')
export class VariantInput {
  @Field() @ApiProperty({ example: 'fp8 in Quebec' })
  @IsString()
  name!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { location: { zone: 'CA-QC' } }, description: 'Deep-merged onto the baseline.' })
  @IsOptional() @IsObject()
  changes?: Record<string, unknown>;

  @Field(() => [MitigationInput], { nullable: true }) @ApiPropertyOptional({ type: [MitigationInput] })
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => MitigationInput)
  mitigations?: MitigationInput[];
}

@InputType('ComparisonInput')
export class ComparisonInput {
  @Field(() => EstimateInput) @ApiProperty({ type: EstimateInput })
  @ValidateNested() @Type(() => EstimateInput)
  baseline!: EstimateInput;

  @Field(() => [VariantInput], { nullable: true }) @ApiPropertyOptional({ type: [VariantInput] })
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => VariantInput)
  variants?: VariantInput[];

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'array', items: {} },
    example: { location: [{ zone: 'FR' }, { zone: 'PL' }], 'hardware.ref': ['nvidia-a100-sxm4-80gb'] },
    description: 'Dotted path -> values; one variant per combination (cartesian product). At most 500 variants in all.',
  })
  @IsOptional() @IsObject()
  sweep?: Record<string, unknown[]>;
}
