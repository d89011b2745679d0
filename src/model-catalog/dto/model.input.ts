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
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

@InputType('ModelSourceInput')
export class ModelSourceInput {
  @Field() @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @Field() @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) url!: string;
  @Field() @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) license!: string;
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

const int = (d: string) => ({ nullable: true, description: d });

/** `POST /v1/models` and GraphQL `upsertModel(input:)`: a custom model entry (admin). */
@InputType('ModelInput')
export class ModelInput {
  @Field()
  @ApiProperty({ example: 'acme-chat-13b' })
  @IsString()
  @Matches(/^[a-z0-9]+([-.][a-z0-9]+)*$/, { message: 'id must be a lowercase slug (letters, digits, single - or .)' })
  @MaxLength(200)
  id!: string;
  @Field() @ApiProperty({ example: 'Acme Chat 13B' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @Field() @ApiProperty({ example: 'acme-chat' }) @IsString() @MinLength(1) @MaxLength(100) family!: string;
  @Field() @ApiProperty({ example: 'Acme' }) @IsString() @MinLength(1) @MaxLength(100) vendor!: string;
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true, example: 'acme/acme-chat-13b' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  huggingFaceId?: string | null;
  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[] | null;
  @Field({ defaultValue: 'open-weights' })
  @ApiPropertyOptional({ enum: ['open-weights', 'closed'] })
  @IsOptional()
  @IsIn(['open-weights', 'closed'])
  access: 'open-weights' | 'closed' = 'open-weights';
  @Field(() => Float) @ApiProperty({ example: 13e9 }) @IsNumber() @IsPositive() totalParameters!: number;
  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Default: totalParameters (dense).' })
  @IsOptional()
  @IsNumber()
  @IsPositive()
  activeParameters?: number | null;
  @Field(() => Int, int('Transformer layers.'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  layers?: number | null;
  @Field(() => Int, int('Hidden size.'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  hiddenSize?: number | null;
  @Field(() => Int, int('Query heads.'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  attentionHeads?: number | null;
  @Field(() => Int, int('KV heads.'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  kvHeads?: number | null;
  @Field(() => Int, int('Head dimension.'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  headDim?: number | null;
  @Field(() => Int, int('Context length.'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  contextLength?: number | null;
  @Field(() => Int, int('Vocabulary size.'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  vocabSize?: number | null;
  @Field(() => Int, int('Routed experts (MoE).'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  experts?: number | null;
  @Field(() => Int, int('Experts per token (MoE).'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsPositive()
  expertsPerToken?: number | null;
  @Field(() => Int, int('Release year.'))
  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  releaseYear?: number | null;
  @Field({ defaultValue: 'unknown' })
  @ApiPropertyOptional({ example: 'Apache-2.0' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  license: string = 'unknown';
  @Field(() => [ModelSourceInput], { nullable: true })
  @ApiPropertyOptional({ type: [ModelSourceInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ModelSourceInput)
  sources?: ModelSourceInput[] | null;
}

/** `DELETE /v1/models/{id}`. */
export class ModelIdParams {
  @ApiProperty({ example: 'acme-chat-13b' }) @IsString() @MinLength(1) @MaxLength(200) id!: string;
}
