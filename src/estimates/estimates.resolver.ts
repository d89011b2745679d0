import { Args, Query, Resolver } from '@nestjs/graphql';
import { ComparisonInput } from './dto/comparison.input';
import { EstimateInput } from './dto/estimate.input';
import { EstimatesService } from './estimates.service';
import { BatchResultModel, ComparisonModel, EstimateModel } from './models/estimate.model';

/**
 * Arguments are typed `unknown` so the global ValidationPipe skips them: GraphQL's schema checks the
 * types, and the engine's validator checks ranges and cross-field rules with field paths, as on REST.
 */
@Resolver()
export class EstimatesResolver {
  constructor(private readonly estimates: EstimatesService) {}

  @Query(() => EstimateModel, { description: 'Energy, CO2e and water of one workload, with every factor and its source.' })
  estimate(@Args('input', { type: () => EstimateInput }) input: unknown) {
    return this.estimates.estimate(input);
  }

  @Query(() => [BatchResultModel], { description: '1 to 1000 estimates, in order; a bad item fails only itself.' })
  estimateBatch(@Args('items', { type: () => [EstimateInput] }) items: unknown[]) {
    return this.estimates.batch(items);
  }

  @Query(() => ComparisonModel, { description: 'A baseline against named variants and a sweep, ranked by co2eKg.' })
  compare(@Args('input', { type: () => ComparisonInput }) input: unknown) {
    return this.estimates.compare(input);
  }
}
