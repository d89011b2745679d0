import { Field, Float, Int, InterfaceType, ObjectType } from '@nestjs/graphql';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { GraphQLJSON } from '../../common/graphql/json.scalar';
import {
  BOUNDARIES,
  COMPARISON_DETAILS,
  type ComparisonDetail,
  MITIGATION_TYPES,
  OVERHEAD_KINDS,
  PRECISIONS,
  WORKLOADS,
} from '../../estimation';
import { IntensitySignalEnum } from '../../grid/dto/signal.enum';
import {
  BoundaryEnum,
  ESTIMATION_METHODS,
  EstimationMethodEnum,
  MitigationTypeEnum,
  PrecisionEnum,
  WorkloadEnum,
} from '../dto/estimation.enums';
import { COMPARISON_DETAIL_DESCRIPTION, ComparisonDetailEnum } from '../dto/comparison.input';
import { ServingFiguresModel } from './serving.model';

const SERVING_DESCRIPTION =
  'With serving: the serving figures (model, devices, batch; per request, per 1,000 output tokens, per day). Absent (REST) or null (GraphQL) otherwise.';

const MARKET_BASED_DESCRIPTION =
  'With renewable-match: market-based CO2e (GHG Protocol Scope 2): purchases add up, the unmatched share at the residual mix ' +
  '(location average with a warning when unknown), embodied included; never lowers co2eKg. Null without renewable-match.';

/** A catalog source as HardwareFactor.sources and Comparison.provenance carry it. */
const SOURCE_SCHEMA = {
  type: 'object' as const,
  required: ['fields', 'name', 'url', 'license'],
  properties: {
    fields: { type: 'array' as const, items: { type: 'string' as const } },
    name: { type: 'string' as const },
    url: { type: 'string' as const },
    license: { type: 'string' as const },
  },
};
/** An item of an error's details, as in the Error schema (src/api-docs/openapi.ts). */
const ERROR_DETAIL_ITEM = { anyOf: [{ $ref: '#/components/schemas/ErrorDetail' }, { type: 'string' as const }] };

/** GraphQL and OpenAPI shapes of the engine's Estimate (src/estimation/estimation.types.ts); same field names. */

@ObjectType('FactorValue', { description: 'An assumption with its range and source ("request" when given).' })
export class FactorValueModel {
  @Field(() => Float) @ApiProperty() value!: number;
  @Field(() => Float) @ApiProperty() low!: number;
  @Field(() => Float) @ApiProperty() high!: number;
  @Field() @ApiProperty() source!: string;
}

@ObjectType('HardwareFactor')
export class HardwareFactorModel {
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) id!: string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) name!: string | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) powerW!: number | null;
  @Field() @ApiProperty() source!: string;
  @Field(() => [Float], { nullable: true }) @ApiPropertyOptional({ type: [Number], nullable: true }) powerRangeW!:
    number[] | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) tdpW!: number | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) idleW!: number | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) kind!: string | null;
  @Field(() => GraphQLJSON, { nullable: true })
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Set when a family name resolved to its default variant.',
  })
  resolvedFrom?: unknown;
  @Field(() => GraphQLJSON, { nullable: true })
  @ApiPropertyOptional({ type: 'array', items: SOURCE_SCHEMA, description: 'Catalog sources of the device figures.' })
  sources?: unknown;
}

@ObjectType('IntensityPeriodYear', { description: 'A yearly figure used for the hours of a period no hourly series covered.' })
export class IntensityPeriodYearModel {
  @Field(() => Int) @ApiProperty() year!: number;
  @Field(() => Float) @ApiProperty() hours!: number;
  @Field(() => Float) @ApiProperty() gPerKwh!: number;
  @Field(() => Int)
  @ApiProperty({ description: 'The year of the figure used (the nearest year with a figure when `year` has none).' })
  dataYear!: number;
  @Field() @ApiProperty() source!: string;
}

@ObjectType('IntensityPeriodSeries', { description: 'The hourly series part of a period intensity.' })
export class IntensityPeriodSeriesModel {
  @Field() @ApiProperty() zone!: string;
  @Field(() => Float) @ApiProperty() hours!: number;
  @Field(() => Int) @ApiProperty() points!: number;
  @Field(() => Float)
  @ApiProperty({ description: 'The (weighted) mean of the series over the hours it covered.' })
  gPerKwh!: number;
  @Field(() => [String]) @ApiProperty({ type: [String] }) sources!: string[];
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Live signal provider, null for stored series.' })
  provider!: string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) fetchedAt!: string | null;
}

@ObjectType('IntensityPeriod', { description: 'The time an intensity covers: a run (or estimate) priced at its own time.' })
export class IntensityPeriodModel {
  @Field() @ApiProperty() start!: string;
  @Field() @ApiProperty() end!: string;
  @Field(() => Float) @ApiProperty() hours!: number;
  @Field() @ApiProperty({ enum: ['yearly', 'hourly', 'mixed'] }) method!: string;
  @Field() @ApiProperty({ enum: ['flat', 'power-profile'] }) weighting!: string;
  @Field(() => [IntensityPeriodYearModel]) @ApiProperty({ type: [IntensityPeriodYearModel] }) years!: IntensityPeriodYearModel[];
  @Field(() => IntensityPeriodSeriesModel, { nullable: true })
  @ApiPropertyOptional({ type: IntensityPeriodSeriesModel, nullable: true })
  series!: IntensityPeriodSeriesModel | null;
  @Field(() => Float) @ApiProperty({ description: 'Share (0-1) of the hours an hourly series covered.' }) coverage!: number;
}

@ObjectType('IntensityFactor')
export class IntensityFactorModel {
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) zone!: string | null;
  @Field(() => Int, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) year!: number | null;
  @Field(() => Float) @ApiProperty() gPerKwh!: number;
  @Field() @ApiProperty() source!: string;
  @Field(() => IntensitySignalEnum) @ApiProperty({ enum: ['average', 'marginal'] }) signal!: string;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional() license?: string;
  @Field(() => [Float]) @ApiProperty({ type: [Number] }) range!: number[];
  @Field() @ApiProperty() resolvedFrom!: string;
  @Field(() => IntensityPeriodModel, { nullable: true })
  @ApiPropertyOptional({
    type: IntensityPeriodModel,
    description: 'Set when the intensity covers the period the work ran (runs, estimates with startedAt/endedAt).',
  })
  period?: IntensityPeriodModel;
}

@ObjectType('MfuFactor')
export class MfuFactorModel extends FactorValueModel {
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ type: String, nullable: true }) group!: string | null;
  @Field(() => Int, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) n!: number | null;
}

@ObjectType('ComputeFactor')
export class ComputeFactorModel {
  @Field(() => Float) @ApiProperty() flops!: number;
  @Field(() => PrecisionEnum) @ApiProperty({ enum: PRECISIONS }) precision!: string;
  @Field(() => PrecisionEnum) @ApiProperty({ enum: PRECISIONS }) peakPrecision!: string;
  @Field(() => Float) @ApiProperty() peakTflopsPerDevice!: number;
  @Field() @ApiProperty() flopsFormula!: string;
  @Field(() => FactorValueModel, { nullable: true })
  @ApiPropertyOptional({ type: FactorValueModel, nullable: true })
  precisionSpeedup!: FactorValueModel | null;
  @Field(() => FactorValueModel, { nullable: true })
  @ApiPropertyOptional({ type: FactorValueModel, nullable: true })
  moePenalty!: FactorValueModel | null;
}

@ObjectType('EmbodiedFactor')
export class EmbodiedFactorModel {
  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Per accelerator: its own figure plus its share of the server.',
  })
  perDeviceKgCo2e!: number | null;
  @Field(() => FactorValueModel) @ApiProperty({ type: FactorValueModel }) lifetimeYears!: FactorValueModel;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) deviceHours!: number | null;
  @Field() @ApiProperty() source!: string;
  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: "The device's own figure (catalog x per-product multiplier).",
  })
  deviceKgCo2e!: number | null;
  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, description: "The device's share of its server's embodied emissions." })
  serverShareKgCo2e!: number | null;
  @Field(() => FactorValueModel, { nullable: true })
  @ApiPropertyOptional({
    type: FactorValueModel,
    nullable: true,
    description: 'Share of its lifetime a device is busy (amortisation over busy hours).',
  })
  usage!: FactorValueModel | null;
}

@ObjectType('Percentiles', {
  description: '5th, 50th and 95th percentiles (lognormal propagation of every defaulted factor; see docs/methodology.md).',
})
export class PercentilesModel {
  @Field(() => Float) @ApiProperty() p5!: number;
  @Field(() => Float) @ApiProperty() p50!: number;
  @Field(() => Float) @ApiProperty() p95!: number;
}

@ObjectType('EstimatePercentiles')
export class EstimatePercentilesModel {
  @Field(() => PercentilesModel) @ApiProperty({ type: PercentilesModel }) co2eKg!: PercentilesModel;
  @Field(() => PercentilesModel) @ApiProperty({ type: PercentilesModel }) energyKwh!: PercentilesModel;
  @Field(() => PercentilesModel, {
    nullable: true,
    description:
      'Device-hours: for compute-sized work the spread of the default MFU; a point when hours are stated; null when the request states its energy (and for runs stored before this field existed).',
  })
  @ApiProperty({ type: PercentilesModel, nullable: true })
  acceleratorHours!: PercentilesModel | null;
}

@ObjectType('Water', {
  description:
    'Operational water in litres: on site (WUE x IT energy) and off site (electricity generation: EWIF x facility energy).',
})
export class WaterModel {
  @Field(() => Float) @ApiProperty() onsiteL!: number;
  @Field(() => Float) @ApiProperty() offsiteL!: number;
  @Field(() => Float) @ApiProperty() totalL!: number;
}

@ObjectType('WaterFactors')
export class WaterFactorsModel {
  @Field(() => FactorValueModel)
  @ApiProperty({ type: FactorValueModel, description: 'On-site litres per kWh of IT energy.' })
  wueLPerKwh!: FactorValueModel;
  @Field(() => FactorValueModel)
  @ApiProperty({ type: FactorValueModel, description: 'Off-site litres per kWh of facility energy.' })
  ewifLPerKwh!: FactorValueModel;
}

@ObjectType('EquivalentFactor')
export class EquivalentFactorModel {
  @Field() @ApiProperty() key!: string;
  @Field(() => Float) @ApiProperty() kgCo2ePerUnit!: number;
  @Field() @ApiProperty() unit!: string;
  @Field() @ApiProperty() source!: string;
  @Field() @ApiProperty() url!: string;
}

@ObjectType('EstimateFactors')
export class FactorsModel {
  @Field(() => HardwareFactorModel, { nullable: true })
  @ApiPropertyOptional({ type: HardwareFactorModel, nullable: true })
  hardware!: HardwareFactorModel | null;
  @Field(() => IntensityFactorModel) @ApiProperty({ type: IntensityFactorModel }) intensity!: IntensityFactorModel;
  @Field(() => FactorValueModel) @ApiProperty({ type: FactorValueModel }) pue!: FactorValueModel;
  @Field(() => MfuFactorModel, { nullable: true })
  @ApiPropertyOptional({ type: MfuFactorModel, nullable: true })
  mfu!: MfuFactorModel | null;
  @Field(() => FactorValueModel, { nullable: true })
  @ApiPropertyOptional({ type: FactorValueModel, nullable: true })
  utilization!: FactorValueModel | null;
  @Field(() => FactorValueModel, { nullable: true })
  @ApiPropertyOptional({
    type: FactorValueModel,
    nullable: true,
    description: 'Only when the request gives hardware.hostFactor (legacy multiplicative host).',
  })
  hostFactor!: FactorValueModel | null;
  @Field(() => FactorValueModel, { nullable: true })
  @ApiPropertyOptional({
    type: FactorValueModel,
    nullable: true,
    description: 'Average power while kernels run, as a share of TDP (device power curve).',
  })
  activePowerFraction!: FactorValueModel | null;
  @Field(() => FactorValueModel, { nullable: true })
  @ApiPropertyOptional({
    type: FactorValueModel,
    nullable: true,
    description: 'Host watts per accelerator added on with boundary server.',
  })
  hostPowerW!: FactorValueModel | null;
  @Field(() => ComputeFactorModel, { nullable: true })
  @ApiPropertyOptional({ type: ComputeFactorModel, nullable: true })
  compute!: ComputeFactorModel | null;
  @Field(() => EmbodiedFactorModel, { nullable: true })
  @ApiPropertyOptional({ type: EmbodiedFactorModel, nullable: true })
  embodied!: EmbodiedFactorModel | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) wueLPerKwh!: number | null;
  @Field(() => WaterFactorsModel) @ApiProperty({ type: WaterFactorsModel }) water!: WaterFactorsModel;
  @Field(() => [EquivalentFactorModel]) @ApiProperty({ type: [EquivalentFactorModel] }) equivalents!: EquivalentFactorModel[];
}

@ObjectType('EstimateRanges', {
  description:
    '[low, high] for each figure with every factor at its extreme at once: a bound, not a probability interval (see percentiles); always contains the value.',
})
export class RangesModel {
  @Field(() => [Float]) @ApiProperty({ type: [Number] }) energyKwh!: number[];
  @Field(() => [Float]) @ApiProperty({ type: [Number] }) co2eKg!: number[];
  @Field(() => [Float]) @ApiProperty({ type: [Number] }) operationalCo2eKg!: number[];
  @Field(() => [Float]) @ApiProperty({ type: [Number] }) embodiedCo2eKg!: number[];
  @Field(() => [Float], { nullable: true }) @ApiPropertyOptional({ type: [Number], nullable: true }) acceleratorHours!:
    number[] | null;
  @Field(() => [Float], { nullable: true }) @ApiPropertyOptional({ type: [Number], nullable: true }) waterL!: number[] | null;
}

@ObjectType('EnergyBreakdown')
export class BreakdownModel {
  @Field(() => Float) @ApiProperty() acceleratorsKwh!: number;
  @Field(() => Float) @ApiProperty() hostKwh!: number;
  @Field(() => Float) @ApiProperty() facilityOverheadKwh!: number;
}

@ObjectType('Equivalents')
export class EquivalentsModel {
  @Field(() => Float) @ApiProperty() carKm!: number;
  @Field(() => Float) @ApiProperty() flightsNewYorkSanFrancisco!: number;
  @Field(() => Float) @ApiProperty() homeYears!: number;
  @Field(() => Float) @ApiProperty() treeYears!: number;
}

@ObjectType('AppliedMitigation')
export class AppliedMitigationModel {
  @Field(() => MitigationTypeEnum) @ApiProperty({ enum: MITIGATION_TYPES }) type!: string;
  @Field() @ApiProperty() applied!: boolean;
  @Field() @ApiProperty() effect!: string;
}

@ObjectType('OverheadLine', {
  description:
    'A training overhead as its own line (goodput loss from failures and restarts, development runs, idle cluster time): its factor, figures, whether the headline includes it, and why.',
})
export class OverheadLineModel {
  @Field() @ApiProperty({ enum: OVERHEAD_KINDS }) kind!: string;
  @Field() @ApiProperty() included!: boolean;
  @Field(() => FactorValueModel) @ApiProperty({ type: FactorValueModel }) factor!: FactorValueModel;
  @Field(() => Float) @ApiProperty() energyKwh!: number;
  @Field(() => Float) @ApiProperty() co2eKg!: number;
  @Field() @ApiProperty() reason!: string;
}

/**
 * The headline figures an Estimate and an EstimateSummary share (same names, same values for the same
 * request), so `variants { estimate { co2eKg } }` works without fragments whatever the comparison's
 * detail. An object with `factors` is an Estimate, any other an EstimateSummary.
 */
@InterfaceType('EstimateFigures', {
  description:
    'The headline figures shared by Estimate and EstimateSummary (comparison variants are one or the other, by detail).',
  resolveType: (value: object) => ('factors' in value ? 'Estimate' : 'EstimateSummary'),
})
export abstract class EstimateFiguresModel {
  @Field(() => EstimationMethodEnum) @ApiProperty({ enum: ESTIMATION_METHODS }) method!: string;
  @Field(() => WorkloadEnum) @ApiProperty({ enum: WORKLOADS }) workload!: string;
  @Field(() => Float, { nullable: true }) @ApiProperty({ type: Number, nullable: true }) acceleratorHours!: number | null;
  @Field(() => Float, { nullable: true }) @ApiProperty({ type: Number, nullable: true }) wallHours!: number | null;
  @Field(() => Float, { nullable: true }) @ApiProperty({ type: Number, nullable: true }) flops!: number | null;
  @Field(() => Float) @ApiProperty({ description: 'Facility energy (PUE included), kWh.' }) energyKwh!: number;
  @Field(() => Float) @ApiProperty({ description: 'operationalCo2eKg + embodiedCo2eKg (location-based).' }) co2eKg!: number;
  @Field(() => Float) @ApiProperty() operationalCo2eKg!: number;
  @Field(() => Float) @ApiProperty() embodiedCo2eKg!: number;
  @Field(() => Float, { nullable: true })
  @ApiProperty({ type: Number, nullable: true, description: 'Total operational water, L (= water.totalL).' })
  waterL!: number | null;
  @Field(() => WaterModel) @ApiProperty({ type: WaterModel }) water!: WaterModel;
  @Field(() => EstimatePercentilesModel) @ApiProperty({ type: EstimatePercentilesModel }) percentiles!: EstimatePercentilesModel;
  @Field(() => Float, { nullable: true })
  @ApiProperty({ type: Number, nullable: true, description: MARKET_BASED_DESCRIPTION })
  marketBasedCo2eKg!: number | null;
  @Field(() => ServingFiguresModel, { nullable: true, description: SERVING_DESCRIPTION })
  @ApiPropertyOptional({ type: ServingFiguresModel, description: SERVING_DESCRIPTION })
  serving?: ServingFiguresModel;
  @Field(() => [String]) @ApiProperty({ type: [String] }) warnings!: string[];
}

@ObjectType('EstimateSummaryRanges', { description: '[low, high] of energyKwh and co2eKg, as in Estimate.ranges.' })
export class SummaryRangesModel {
  @Field(() => [Float]) @ApiProperty({ type: [Number] }) energyKwh!: number[];
  @Field(() => [Float]) @ApiProperty({ type: [Number] }) co2eKg!: number[];
}

@ObjectType('EstimateSummary', {
  implements: () => [EstimateFiguresModel],
  description:
    'A comparison variant estimate with detail summary: these fields of the Estimate of the same request, with the same values. ' +
    'Factors, breakdown, equivalents and mitigations come with detail full.',
})
export class EstimateSummaryModel extends EstimateFiguresModel {
  @Field(() => SummaryRangesModel) @ApiProperty({ type: SummaryRangesModel }) ranges!: SummaryRangesModel;
}

@ObjectType('Estimate', { implements: () => [EstimateFiguresModel] })
export class EstimateModel implements EstimateFiguresModel {
  @Field(() => EstimationMethodEnum) @ApiProperty({ enum: ESTIMATION_METHODS }) method!: string;
  @Field(() => WorkloadEnum) @ApiProperty({ enum: WORKLOADS }) workload!: string;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) acceleratorHours!: number | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) wallHours!: number | null;
  @Field(() => Float, { nullable: true }) @ApiPropertyOptional({ type: Number, nullable: true }) flops!: number | null;
  @Field(() => Float) @ApiProperty({ description: 'Facility energy (PUE included), kWh.' }) energyKwh!: number;
  @Field(() => Float) @ApiProperty({ description: 'operationalCo2eKg + embodiedCo2eKg (location-based).' }) co2eKg!: number;
  @Field(() => Float) @ApiProperty() operationalCo2eKg!: number;
  @Field(() => Float) @ApiProperty() embodiedCo2eKg!: number;
  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Total operational water, L (= water.totalL).' })
  waterL!: number | null;
  @Field(() => WaterModel) @ApiProperty({ type: WaterModel }) water!: WaterModel;
  @Field(() => EstimatePercentilesModel) @ApiProperty({ type: EstimatePercentilesModel }) percentiles!: EstimatePercentilesModel;
  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ type: Number, nullable: true, description: MARKET_BASED_DESCRIPTION })
  marketBasedCo2eKg!: number | null;
  @Field(() => BoundaryEnum) @ApiProperty({ enum: BOUNDARIES }) boundary!: string;
  @Field(() => RangesModel) @ApiProperty({ type: RangesModel }) ranges!: RangesModel;
  @Field(() => BreakdownModel) @ApiProperty({ type: BreakdownModel }) breakdown!: BreakdownModel;
  @Field(() => FactorsModel) @ApiProperty({ type: FactorsModel }) factors!: FactorsModel;
  @Field(() => EquivalentsModel) @ApiProperty({ type: EquivalentsModel }) equivalents!: EquivalentsModel;
  @Field(() => [AppliedMitigationModel]) @ApiProperty({ type: [AppliedMitigationModel] }) mitigations!: AppliedMitigationModel[];
  @Field(() => [OverheadLineModel]) @ApiProperty({ type: [OverheadLineModel] }) overheads!: OverheadLineModel[];
  @Field(() => ServingFiguresModel, { nullable: true, description: SERVING_DESCRIPTION })
  @ApiPropertyOptional({ type: ServingFiguresModel, description: SERVING_DESCRIPTION })
  serving?: ServingFiguresModel;
  @Field() @ApiProperty() dataVersion!: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) warnings!: string[];
}

@ObjectType('ItemError')
export class ItemErrorModel {
  @Field() @ApiProperty() code!: string;
  @Field() @ApiProperty() message!: string;
  @Field(() => GraphQLJSON) @ApiProperty({ type: 'array', items: ERROR_DETAIL_ITEM }) details!: unknown[];
}

@ObjectType('BatchResult')
export class BatchResultModel {
  @Field() @ApiProperty() ok!: boolean;
  @Field(() => EstimateModel, { nullable: true }) @ApiPropertyOptional({ type: EstimateModel }) estimate?: EstimateModel;
  @Field(() => ItemErrorModel, { nullable: true }) @ApiPropertyOptional({ type: ItemErrorModel }) error?: ItemErrorModel;
}

@ObjectType('EstimateBatch')
export class BatchModel {
  @Field(() => [BatchResultModel]) @ApiProperty({ type: [BatchResultModel] }) results!: BatchResultModel[];
}

@ObjectType('ComparisonBaseline')
export class ComparisonBaselineModel {
  @Field() @ApiProperty() name!: string;
  @Field(() => EstimateModel) @ApiProperty({ type: EstimateModel }) estimate!: EstimateModel;
  @Field(() => Int) @ApiProperty() rank!: number;
}

const VARIANT_ESTIMATE_DESCRIPTION =
  'EstimateSummary with detail summary (the default), the whole Estimate (shared provenance in Comparison.provenance) with detail full; null when the variant failed.';

@ObjectType('ComparisonVariant')
@ApiExtraModels(EstimateSummaryModel, EstimateModel)
export class ComparisonVariantModel {
  @Field() @ApiProperty() name!: string;
  @Field() @ApiProperty({ enum: ['variant', 'sweep'] }) origin!: string;
  @Field(() => GraphQLJSON, { nullable: true })
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The values of this sweep combination (sweep variants only).',
  })
  sweep?: unknown;
  @Field(() => GraphQLJSON, { nullable: true })
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The merged request this variant ran (detail full only).',
  })
  request?: unknown;
  @Field(() => EstimateFiguresModel, { nullable: true, description: VARIANT_ESTIMATE_DESCRIPTION })
  @ApiProperty({
    nullable: true,
    anyOf: [{ $ref: getSchemaPath(EstimateSummaryModel) }, { $ref: getSchemaPath(EstimateModel) }],
    description: VARIANT_ESTIMATE_DESCRIPTION,
  })
  estimate!: EstimateSummaryModel | EstimateModel | null;
  @Field(() => Float, { nullable: true }) @ApiProperty({ type: Number, nullable: true }) deltaCo2eKg!: number | null;
  @Field(() => Float, { nullable: true })
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '100 x deltaCo2eKg / baseline co2eKg (null when the baseline is 0).',
  })
  deltaPct!: number | null;
  @Field(() => Int, { nullable: true })
  @ApiProperty({ type: 'integer', nullable: true, description: 'By co2eKg, 1 = lowest; ties share a rank.' })
  rank!: number | null;
  @Field(() => ItemErrorModel, { nullable: true }) @ApiPropertyOptional({ type: ItemErrorModel }) error?: ItemErrorModel;
}

@ObjectType('ComparisonProvenance', {
  description:
    'Provenance shared by the variants, listed once: the catalog sources of every device a variant used, and the definitions of the equivalence factors. ' +
    'The factor values each variant used (intensity, PUE, power, ...) are in its Estimate: ask detail full.',
})
export class ComparisonProvenanceModel {
  @Field(() => GraphQLJSON)
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: SOURCE_SCHEMA },
    description: 'Catalog sources per device id.',
  })
  hardwareSources!: unknown;
  @Field(() => [EquivalentFactorModel])
  @ApiProperty({ type: [EquivalentFactorModel] })
  equivalentFactors!: EquivalentFactorModel[];
}

@ObjectType('Comparison')
export class ComparisonModel {
  @Field(() => ComparisonBaselineModel) @ApiProperty({ type: ComparisonBaselineModel }) baseline!: ComparisonBaselineModel;
  @Field(() => [ComparisonVariantModel]) @ApiProperty({ type: [ComparisonVariantModel] }) variants!: ComparisonVariantModel[];
  @Field() @ApiProperty({ description: 'Name of the lowest-co2eKg entry ("baseline" wins ties).' }) best!: string;
  @Field(() => ComparisonDetailEnum, { description: 'The detail the variants were answered with.' })
  @ApiProperty({
    enum: COMPARISON_DETAILS,
    description: `The detail the variants were answered with. ${COMPARISON_DETAIL_DESCRIPTION}`,
  })
  detail!: ComparisonDetail;
  @Field(() => Int) @ApiProperty() failed!: number;
  @Field() @ApiProperty() dataVersion!: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) warnings!: string[];
  @Field(() => ComparisonProvenanceModel)
  @ApiProperty({ type: ComparisonProvenanceModel })
  provenance!: ComparisonProvenanceModel;
}
