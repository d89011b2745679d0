import { Args, Query, Resolver } from '@nestjs/graphql';
import { ComparisonInput } from './dto/comparison.input';
import { EstimateInput } from './dto/estimate.input';
import { EstimatesService } from './estimates.service';
import { BatchResultModel, ComparisonModel, EstimateModel } from './models/estimate.model';

@Resolver()
export class EstimatesResolver {
  constructor(private readonly estimates: EstimatesService) {}

  @Query(() => EstimateModel, { description: 'Energy, CO2e and water of one workload, with every factor and its source.' })
  estimate(@Args('input') input: EstimateInput) {
    return this.estimates.estimate(input);
  }

  @Query(() => [BatchResultModel], { description: '1 to 1000 estimates, in order; a bad item fails only itself.' })
  estimateBatch(@Args('items', { type: () => [EstimateInput] }) items: EstimateInput[]) {
    return this.estimates.batch(items);
  }

  @Query(() => ComparisonModel, { description: 'A baseline against named variants and a sweep, ranked by co2eKg.' })
  compare(@Args('input') input: ComparisonInput) {
    return this.estimates.compare(input);
  }
}
