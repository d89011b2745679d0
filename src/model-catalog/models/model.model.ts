import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { StoredModel } from '../domain/model.types';

@ObjectType('ModelSource', { description: "Where a model entry's figures come from, how they were read, and the licence." })
export class ModelSourceModel {
  @Field() @ApiProperty() name!: string;
  @Field() @ApiProperty() url!: string;
  @Field() @ApiProperty() license!: string;
  @Field({
    description:
      'mirror (read from a public copy quoting the cited config), paper, dataset, memory (entered from memory of the cited source: to be checked), request (admin entry).',
  })
  @ApiProperty({ example: 'mirror', description: 'mirror | paper | dataset | memory | request' })
  verified!: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) via!: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

const nInt = (description: string, example?: number) => ({
  nullable: true,
  type: Number,
  description,
  ...(example !== undefined ? { example } : {}),
});

@ObjectType('Model', { description: "A language model's architecture facts, as the serving estimator uses them, with sources." })
export class ModelModel {
  @Field(() => ID) @ApiProperty({ example: 'llama-3.1-70b-instruct' }) id!: string;
  @Field() @ApiProperty({ example: 'Llama 3.1 70B Instruct' }) name!: string;
  @Field() @ApiProperty({ example: 'llama-3.1' }) family!: string;
  @Field() @ApiProperty({ example: 'Meta' }) vendor!: string;
  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String, example: 'meta-llama/Llama-3.1-70B-Instruct' })
  huggingFaceId!: string | null;
  @Field(() => [String]) @ApiProperty({ type: [String] }) aliases!: string[];
  @Field({ description: 'open-weights | closed' }) @ApiProperty({ enum: ['open-weights', 'closed'] }) access!: string;
  @Field({ description: 'published | estimate (closed models: a published estimate, see parameterRange and sources)' })
  @ApiProperty({ enum: ['published', 'estimate'] })
  parameterStatus!: string;
  @Field(() => Float) @ApiProperty({ example: 70e9 }) totalParameters!: number;
  @Field(() => Float, { description: 'Parameters used per token (mixture of experts); = totalParameters for dense models.' })
  @ApiProperty({ example: 70e9 })
  activeParameters!: number;
  @Field(() => [Float], { nullable: true, description: 'Estimates only: [low, high] total parameters.' })
  @ApiProperty({ nullable: true, type: [Number] })
  parameterRange!: number[] | null;
  @Field({ description: 'dense | moe | hybrid' }) @ApiProperty({ enum: ['dense', 'moe', 'hybrid'] }) architecture!: string;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Transformer layers.', 80)) layers!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Hidden size.', 8192)) hiddenSize!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Query heads.', 64)) attentionHeads!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Key/value heads (GQA/MQA).', 8)) kvHeads!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Head dimension.', 128)) headDim!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Context length, tokens.', 131072)) contextLength!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Vocabulary size.', 128256)) vocabSize!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Routed experts per MoE layer.')) experts!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Experts each token uses.')) expertsPerToken!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Layers with attention (hybrid models).')) attentionLayers!:
    number | null;
  @Field(() => Int, { nullable: true })
  @ApiProperty(nInt('KV-cache values per token per layer when not 2 x kvHeads x headDim (MLA: 576).'))
  kvValuesPerTokenPerLayer!: number | null;
  @Field(() => Float, { nullable: true, description: 'KV-cache bytes per token at 16 bits.' })
  @ApiProperty(nInt('KV-cache bytes per token at 16 bits.', 327680))
  kvBytesPerTokenBf16!: number | null;
  @Field(() => Int, { nullable: true }) @ApiProperty(nInt('Release year.', 2024)) releaseYear!: number | null;
  @Field({ description: "The model's own licence." }) @ApiProperty({ example: 'Llama 3.1 Community License' }) license!: string;
  @Field(() => [ModelSourceModel]) @ApiProperty({ type: [ModelSourceModel] }) sources!: ModelSourceModel[];
  @Field() @ApiProperty({ description: 'True for shipped reference rows (read-only).' }) seed!: boolean;
  @Field() @ApiProperty({ example: 'seed-2026.12.1' }) dataVersion!: string;
}

@ObjectType('ModelList')
export class ModelListModel {
  @Field(() => [ModelModel]) @ApiProperty({ type: [ModelModel] }) items!: ModelModel[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toModelModel(r: StoredModel): ModelModel {
  return {
    ...r,
    aliases: [...r.aliases],
    parameterRange: r.parameterRange ? [...r.parameterRange] : null,
    sources: r.sources.map((s) => ({
      name: s.name,
      url: s.url,
      license: s.license,
      verified: s.verified,
      via: s.via ?? null,
      note: s.note ?? null,
    })),
  };
}
