import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Allow, IsIn, IsInt, IsNumber, IsOptional } from 'class-validator';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { SERVING_PRECISIONS } from '../../estimation';
import { registerRestEnum } from '../../common/graphql/rest-enum';
import { literal } from '../../common/graphql/json.scalar';

const finite = { allowNaN: false, allowInfinity: false } as const;

/**
 * The request's `serving` (src/estimation/schema/estimate-request.schema.ts, ServingRequestSchema, is the
 * one definition; the engine checks bounds and the rules between fields on every transport). These
 * classes give GraphQL its input types and OpenAPI its documentation; their decorators check types only.
 */

export const ServingPrecisionEnum = registerRestEnum(
  'ServingPrecision',
  SERVING_PRECISIONS,
  'Number format of served weights or KV cache (bytes per value: 4, 2, 2, 1, 1, 0.5, 0.5, 0.5).',
  {
    fp32: 'IEEE single precision (4 bytes per value).',
    bf16: 'bfloat16 (2 bytes); the default for weights.',
    fp16: 'IEEE half precision (2 bytes).',
    fp8: '8-bit floating point (1 byte; E4M3), on fp8 tensor cores where the device has them.',
    int8: '8-bit integer (1 byte; W8A8/W8A16).',
    int4: '4-bit integer (half a byte; AWQ/GPTQ).',
    fp4: '4-bit floating point (half a byte; NVFP4).',
    mxfp4: 'OCP microscaling fp4 (gpt-oss weights): counted as fp4.',
  },
);

const MODEL_REF_DESCRIPTION =
  'A model catalog reference (String: id, Hugging Face id or alias, e.g. "llama-3.1-70b"), or an architecture object ' +
  '{ parameters, activeParameters, layers, hiddenSize, attentionHeads, kvHeads, headDim, contextLength, experts, expertsPerToken } ' +
  'for a model the catalog does not list (the same shape as REST; the engine checks each field).';

const MODEL_REF_TYPE_MESSAGE = 'ServingModelRef must be a String (a catalog reference) or an architecture object';

/** serving.model: a String or an architecture object, the same JSON on both transports. */
export const ServingModelScalar = new GraphQLScalarType({
  name: 'ServingModelRef',
  description: MODEL_REF_DESCRIPTION,
  serialize: (v) => v,
  parseValue: (v) => {
    if (typeof v === 'string' || (v !== null && typeof v === 'object' && !Array.isArray(v))) return v;
    throw new GraphQLError(MODEL_REF_TYPE_MESSAGE);
  },
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.OBJECT) throw new GraphQLError(MODEL_REF_TYPE_MESSAGE);
    return literal(ast, variables);
  },
});

/** OpenAPI only: the architecture form of serving.model. */
export class ServingModelArchitectureInput {
  @ApiProperty({ example: 70.6e9, description: 'Total parameters (all experts of a mixture of experts).' })
  parameters!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Parameters active per token (MoE; default: all).' })
  activeParameters?: number | null;
  @ApiProperty({ example: 80, description: 'Transformer layers.' })
  layers!: number;
  @ApiProperty({ example: 8192, description: 'Hidden (model) dimension.' })
  hiddenSize!: number;
  @ApiProperty({ example: 64, description: 'Query heads per layer.' })
  attentionHeads!: number;
  @ApiProperty({ example: 8, description: 'Key/value heads per layer (GQA/MQA).' })
  kvHeads!: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Dimension of one head (default hiddenSize / attentionHeads).',
  })
  headDim?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Longest context the model accepts.' })
  contextLength?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Routed experts per MoE layer (with expertsPerToken).' })
  experts?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Experts each token is routed to (with experts).' })
  expertsPerToken?: number | null;
}

@InputType('ServingInput', {
  description:
    'LLM serving (workload inference): a model, the requests and how they are batched, on hardware.ref x hardware.count. ' +
    'Instead of hours, acceleratorHours, compute or energyKwh. docs/methodology.md, Serving.',
})
export class ServingInput {
  @Field(() => ServingModelScalar, { description: MODEL_REF_DESCRIPTION })
  @ApiProperty({
    description: MODEL_REF_DESCRIPTION,
    oneOf: [{ type: 'string', example: 'llama-3.1-70b' }, { $ref: getSchemaPath(ServingModelArchitectureInput) }],
  })
  @Allow()
  model!: string | Record<string, unknown>;

  @Field(() => Int, { description: 'Prompt tokens per request (prefill), 1 to 10,000,000.' })
  @ApiProperty({ example: 1000, description: 'Prompt tokens per request (prefill), 1 to 10,000,000.' })
  @IsInt()
  inputTokens!: number;

  @Field(() => Int, { description: 'Generated tokens per request (decode), 1 to 10,000,000.' })
  @ApiProperty({ example: 500, description: 'Generated tokens per request (decode), 1 to 10,000,000.' })
  @IsInt()
  outputTokens!: number;

  @Field(() => Float, { nullable: true, description: 'Number of requests to price (default 1). Not with requestsPerSecond.' })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 1000000,
    description: 'Number of requests to price (default 1). Not with requestsPerSecond.',
  })
  @IsOptional()
  @IsNumber(finite)
  requests?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean request rate of a deployment (with hours); idle provisioned replicas are counted. Not with requests.',
  })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Mean request rate of a deployment (with hours); idle provisioned replicas are counted. Not with requests.',
  })
  @IsOptional()
  @IsNumber(finite)
  requestsPerSecond?: number | null;

  @Field(() => Float, { nullable: true, description: 'Duration of the deployment in hours (with requestsPerSecond).' })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Duration of the deployment in hours (with requestsPerSecond).',
  })
  @IsOptional()
  @IsNumber(finite)
  hours?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Provisioned replicas of a deployment (default: the fewest that sustain requestsPerSecond).',
  })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Provisioned replicas of a deployment (default: the fewest that sustain requestsPerSecond).',
  })
  @IsOptional()
  @IsInt()
  replicas?: number | null;

  @Field(() => Int, { nullable: true, description: 'Sequences decoded together (default 64). Not with concurrency.' })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 64,
    description: 'Sequences decoded together (default 64). Not with concurrency.',
  })
  @IsOptional()
  @IsInt()
  batchSize?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Concurrent requests per replica: another name for batchSize. Not with batchSize.',
  })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Concurrent requests per replica: another name for batchSize. Not with batchSize.',
  })
  @IsOptional()
  @IsInt()
  concurrency?: number | null;

  @Field(() => ServingPrecisionEnum, { nullable: true, description: 'Number format of the weights (default bf16).' })
  @ApiPropertyOptional({
    enum: SERVING_PRECISIONS,
    nullable: true,
    default: 'bf16',
    description: 'Number format of the weights (default bf16).',
  })
  @IsOptional()
  @IsIn(SERVING_PRECISIONS)
  weightPrecision?: (typeof SERVING_PRECISIONS)[number] | null;

  @Field(() => ServingPrecisionEnum, {
    nullable: true,
    description: 'Number format of the KV cache (default: the weight precision when 16/32-bit, else bf16).',
  })
  @ApiPropertyOptional({
    enum: SERVING_PRECISIONS,
    nullable: true,
    description: 'Number format of the KV cache (default: the weight precision when 16/32-bit, else bf16).',
  })
  @IsOptional()
  @IsIn(SERVING_PRECISIONS)
  kvPrecision?: (typeof SERVING_PRECISIONS)[number] | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Speed of the serving stack relative to the calibrated one (1 = an optimised engine such as vLLM; 0.5 = half as fast).',
  })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'Speed of the serving stack relative to the calibrated one (1 = an optimised engine such as vLLM; 0.5 = half as fast).',
  })
  @IsOptional()
  @IsNumber(finite)
  efficiency?: number | null;
}
