import { registerRestEnum } from '../../common/graphql/rest-enum';
import { SIGNALS } from './grid-validation';

/** GraphQL enum `IntensitySignal` (average, marginal: the same values as REST). */
export const IntensitySignalEnum = registerRestEnum(
  'IntensitySignal',
  SIGNALS,
  'Which grid intensity: average (attributional) or marginal.',
  {
    average: 'Average (attributional) intensity of the electricity consumed in the zone: every source in the mix (default).',
    marginal:
      'Marginal (consequential) intensity: the emissions of the generation that meets an extra kWh (UNFCCC combined-margin factors).',
  },
);
