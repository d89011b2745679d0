import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

/** GraphQL and OpenAPI shapes of the engine's ServingFigures (src/estimation/estimation.types.ts); same field names. */

const RANGE = "[low, high]: the estimate's bounds, divided alike.";

@ObjectType('ServingSliceRanges', { description: RANGE })
export class ServingSliceRangesModel {
  @Field(() => [Float], { description: '[low, high] of energyKwh.' }) @ApiProperty({ type: [Number] }) energyKwh!: number[];
  @Field(() => [Float], { description: '[low, high] of co2eKg.' }) @ApiProperty({ type: [Number] }) co2eKg!: number[];
}

@ObjectType('ServingSlice', {
  description: 'Energy, CO2e and water of a share of a serving estimate (one request, 1,000 output tokens, or one day).',
})
export class ServingSliceModel {
  @Field(() => Float, { description: 'Facility energy (PUE included), kWh.' }) @ApiProperty() energyKwh!: number;
  @Field(() => Float, { description: 'operationalCo2eKg + embodiedCo2eKg, kg.' }) @ApiProperty() co2eKg!: number;
  @Field(() => Float, { description: 'CO2e of the electricity, kg.' }) @ApiProperty() operationalCo2eKg!: number;
  @Field(() => Float, { description: 'Manufacturing CO2e of the devices, amortised, kg.' })
  @ApiProperty()
  embodiedCo2eKg!: number;
  @Field(() => Float, { description: 'Operational water (on-site + off-site), L.' }) @ApiProperty() waterL!: number;
  @Field(() => ServingSliceRangesModel, { description: RANGE })
  @ApiProperty({ type: ServingSliceRangesModel })
  ranges!: ServingSliceRangesModel;
}

@ObjectType('ServingModelFacts', { description: 'The model the serving estimate used, with the architecture facts it read.' })
export class ServingModelFactsModel {
  @Field(() => String, { nullable: true, description: 'Catalog id (null for an architecture given in the request).' })
  @ApiProperty({ type: String, nullable: true })
  id!: string | null;
  @Field(() => String, { nullable: true, description: 'Catalog name (null for an architecture given in the request).' })
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  @Field({ description: "'catalog' (GET /v1/models) or 'request' (architecture given in serving.model)." })
  @ApiProperty({ enum: ['catalog', 'request'] })
  source!: string;
  @Field(() => Float, { description: 'Total parameters.' }) @ApiProperty() totalParameters!: number;
  @Field(() => Float, { description: 'Parameters active per token (< total for a mixture of experts).' })
  @ApiProperty()
  activeParameters!: number;
  @Field(() => Int, { description: 'Transformer layers.' }) @ApiProperty() layers!: number;
  @Field(() => Int, { description: 'Key/value heads per layer.' }) @ApiProperty() kvHeads!: number;
  @Field(() => Float, { description: 'Dimension of one head.' }) @ApiProperty() headDim!: number;
  @Field(() => Int, { nullable: true, description: 'Longest context the model accepts.' })
  @ApiProperty({ type: Number, nullable: true })
  contextLength!: number | null;
  @Field(() => String, { nullable: true, description: 'Data version of the catalog entry (null for a request architecture).' })
  @ApiProperty({ type: String, nullable: true })
  dataVersion!: string | null;
}

@ObjectType('ServingMemory', {
  description: 'Memory one replica needs: weights plus the KV cache of the batch at inputTokens + outputTokens.',
})
export class ServingMemoryModel {
  @Field(() => Float, { description: 'Weights at the weight precision, GB.' }) @ApiProperty() weightsGb!: number;
  @Field(() => Float, { description: 'KV cache of the whole batch at the KV precision, GB.' }) @ApiProperty() kvCacheGb!: number;
  @Field(() => Float, { description: 'weightsGb + kvCacheGb.' }) @ApiProperty() requiredGb!: number;
  @Field(() => Float, { nullable: true, description: 'Usable memory per device (90% of its memory, vLLM default), GB.' })
  @ApiProperty({ type: Number, nullable: true })
  usableGbPerDevice!: number | null;
}

@ObjectType('ServingConstants', { description: 'The calibrated constants of the serving model (docs/methodology.md, Serving).' })
export class ServingConstantsModel {
  @Field(() => Float, { description: 'Achieved fraction of peak memory bandwidth while decoding.' })
  @ApiProperty()
  bandwidthEfficiency!: number;
  @Field(() => Float, { description: 'Achieved fraction of peak FLOP/s in prefill and compute-bound decode.' })
  @ApiProperty()
  computeEfficiency!: number;
  @Field(() => Float, { description: 'Fixed time per layer per decode step, s.' }) @ApiProperty() stepOverheadPerLayerS!: number;
  @Field(() => Float, { description: 'Extra time per layer per step across several devices, s.' })
  @ApiProperty()
  multiDeviceOverheadPerLayerS!: number;
  @Field(() => Float, { description: 'Extra time per MoE layer per sequence per step, s.' })
  @ApiProperty()
  moeOverheadPerLayerPerSequenceS!: number;
  @Field(() => Float, { description: 'Device power while computing or moving memory, share of the idle-to-TDP band.' })
  @ApiProperty()
  busyPowerFraction!: number;
  @Field(() => Float, { description: 'Device power during the per-step overhead, share of the idle-to-TDP band.' })
  @ApiProperty()
  overheadPowerFraction!: number;
  @Field({ description: 'Where the constants come from (fit and dataset).' }) @ApiProperty() source!: string;
}

@ObjectType('ServingEnergyScale', {
  description: 'Spread of the true device energy around the estimate (calibration), as a factor.',
})
export class ServingEnergyScaleModel {
  @Field(() => Float, { description: 'Central factor (1).' }) @ApiProperty() value!: number;
  @Field(() => Float, { description: 'p5 factor.' }) @ApiProperty() low!: number;
  @Field(() => Float, { description: 'p95 factor.' }) @ApiProperty() high!: number;
  @Field({ description: 'How the band was derived.' }) @ApiProperty() source!: string;
}

@ObjectType('ServingFigures', {
  description:
    'The serving figures of an estimate with serving: the model, devices and batch used, and the estimate per request, per 1,000 output tokens and per day.',
})
export class ServingFiguresModel {
  @Field(() => ServingModelFactsModel, { description: 'The model used.' })
  @ApiProperty({ type: ServingModelFactsModel })
  model!: ServingModelFactsModel;
  @Field(() => Float, { description: 'Requests priced: serving.requests (default 1), or requestsPerSecond x hours x 3600.' })
  @ApiProperty()
  requests!: number;
  @Field(() => Float, { nullable: true, description: 'Request rate of a deployment (null without).' })
  @ApiProperty({ type: Number, nullable: true })
  requestsPerSecond!: number | null;
  @Field(() => Float, { nullable: true, description: 'Duration of a deployment, hours (null without).' })
  @ApiProperty({ type: Number, nullable: true })
  hours!: number | null;
  @Field(() => Int, { description: 'Sequences decoded together.' }) @ApiProperty() batchSize!: number;
  @Field({ description: 'Weight precision used (mxfp4 reads fp4).' }) @ApiProperty() weightPrecision!: string;
  @Field({ description: 'KV-cache precision used.' }) @ApiProperty() kvPrecision!: string;
  @Field({ description: "The device's peak FLOP/s format the matrix products run at." })
  @ApiProperty()
  computePrecision!: string;
  @Field(() => Float, { description: 'Speed of the serving stack relative to the calibrated one.' })
  @ApiProperty()
  efficiency!: number;
  @Field(() => Int, { description: 'Devices of one replica (hardware.count, or the fewest that hold the model).' })
  @ApiProperty()
  devicesPerReplica!: number;
  @Field(() => Int, { description: 'Fewest devices that hold the weights and the KV cache of the batch (a power of two).' })
  @ApiProperty()
  devicesNeeded!: number;
  @Field(() => Int, { description: 'Replicas (1 without a deployment).' }) @ApiProperty() replicas!: number;
  @Field(() => ServingMemoryModel, { description: 'Memory one replica needs.' })
  @ApiProperty({ type: ServingMemoryModel })
  memory!: ServingMemoryModel;
  @Field({ description: "What limits a decode step: 'memory' or 'compute'." })
  @ApiProperty({ enum: ['memory', 'compute'] })
  decodeBound!: string;
  @Field(() => Float, { description: 'Prefill plus every decode step of one request, s.' })
  @ApiProperty()
  latencySeconds!: number;
  @Field(() => Float, { description: 'Output tokens per second of one replica at this batch.' })
  @ApiProperty()
  outputTokensPerSecondPerReplica!: number;
  @Field(() => Float, { description: 'Requests per second one replica sustains at this batch.' })
  @ApiProperty()
  requestsPerSecondPerReplica!: number;
  @Field(() => Float, { description: 'Accelerator energy per output token (no host, no PUE), J.' })
  @ApiProperty()
  deviceEnergyJPerOutputToken!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of provisioned capacity the requests use (null without a deployment).',
  })
  @ApiProperty({ type: Number, nullable: true })
  utilization!: number | null;
  @Field(() => Float, { description: 'Accelerator energy of idle provisioned capacity, kWh (0 without a deployment).' })
  @ApiProperty()
  idleEnergyKwh!: number;
  @Field(() => ServingSliceModel, { description: "The estimate divided by requests (a deployment's idle share included)." })
  @ApiProperty({ type: ServingSliceModel })
  perRequest!: ServingSliceModel;
  @Field(() => ServingSliceModel, { description: 'The estimate divided by requests x outputTokens / 1000.' })
  @ApiProperty({ type: ServingSliceModel })
  perThousandOutputTokens!: ServingSliceModel;
  @Field(() => ServingSliceModel, { nullable: true, description: "A deployment's estimate scaled to 24 hours (null without)." })
  @ApiProperty({ type: ServingSliceModel, nullable: true })
  perDay!: ServingSliceModel | null;
  @Field(() => ServingEnergyScaleModel, { description: 'Calibration spread applied to the ranges and percentiles.' })
  @ApiProperty({ type: ServingEnergyScaleModel })
  energyScale!: ServingEnergyScaleModel;
  @Field(() => ServingConstantsModel, { description: 'The calibrated constants used.' })
  @ApiProperty({ type: ServingConstantsModel })
  constants!: ServingConstantsModel;
}
