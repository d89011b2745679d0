import { ArgsType, Field, Float, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { registerRestEnum } from '../../common/graphql/rest-enum';
import type { Signal } from '../domain/grid-reference';
import { SIGNALS } from './grid-validation';
import { EMISSION_FACTOR_TYPES, type EmissionFactorType, SERIES_FORMATS, type SeriesFormat } from './series-import';
import { IntensitySignalEnum } from './signal.enum';

export const SeriesFormatEnum = registerRestEnum('SeriesFormat', SERIES_FORMATS, 'The form of an hourly series import.', {
  json: 'Points as { at, gPerKwh } (the `points` argument).',
  csv: "The service's own CSV: a header row naming at and gPerKwh (ISO 8601 with a time zone).",
  datetime: 'A plain datetime,gPerKwh CSV (ISO 8601; without a time zone the time is UTC).',
  electricitymaps:
    "Electricity Maps' hourly export of one zone (Datetime (UTC), Zone id, Carbon intensity gCO₂eq/kWh (direct) and (Life cycle), ...).",
});

export const EmissionFactorTypeEnum = registerRestEnum(
  'EmissionFactorType',
  EMISSION_FACTOR_TYPES,
  'Which Electricity Maps intensity column to read.',
  {
    lifecycle: "Life-cycle emission factors (the Electricity Maps API's default).",
    direct: 'Direct (combustion) emission factors.',
  },
);

@InputType('SeriesPointInput', { description: 'One point of an hourly series.' })
export class SeriesPointInput {
  @Field({ description: 'ISO 8601 date-time with a time zone.' })
  @IsString()
  at!: string;

  @Field(() => Float, { description: 'gCO2e/kWh' })
  @IsNumber()
  gPerKwh!: number;
}

/** Arguments of the `importSeries` mutation: POST /v1/grid/zones/{code}/series's path, query and body. */
@ArgsType()
export class ImportSeriesArgs {
  @Field({ description: 'The zone to import into.' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  zone!: string;

  @Field(() => [SeriesPointInput], { nullable: true, description: 'The points (or give csv).' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SeriesPointInput)
  points?: SeriesPointInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'CSV text (or give points); its form is named by format or told by the header row.',
  })
  @IsOptional()
  @IsString()
  csv?: string | null;

  @Field(() => SeriesFormatEnum, { nullable: true, description: 'The form of csv (default: told apart by its header row).' })
  @IsOptional()
  @IsIn(SERIES_FORMATS)
  format?: SeriesFormat;

  @Field(() => EmissionFactorTypeEnum, {
    nullable: true,
    description: 'Electricity Maps exports: the column to read (default lifecycle).',
  })
  @IsOptional()
  @IsIn(EMISSION_FACTOR_TYPES)
  emissionFactorType?: EmissionFactorType;

  @Field(() => IntensitySignalEnum, { nullable: true, description: 'The signal of the points (default average).' })
  @IsOptional()
  @IsIn(SIGNALS)
  signal?: Signal;

  @Field(() => String, { nullable: true, description: 'Where the points come from (default: "admin import").' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source?: string;
}
