import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { EstimateBatchInput } from './dto/batch.input';
import { ComparisonInput } from './dto/comparison.input';
import { EstimateInput } from './dto/estimate.input';
import { ServingModelArchitectureInput } from './dto/serving.input';
import { EstimatesService } from './estimates.service';
import { BatchModel, ComparisonModel, EstimateModel } from './models/estimate.model';

@ApiTags('estimates')
@ApiExtraModels(ServingModelArchitectureInput)
@Controller('v1')
export class EstimatesController {
  constructor(private readonly estimates: EstimatesService) {}

  @Post('estimates')
  @ApiOperation({ summary: 'Estimate energy, CO2e and water' })
  @HttpCode(200)
  @ApiOkResponse({ type: EstimateModel })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED with field paths in details.' })
  @ApiNotFoundResponse({
    description: 'HARDWARE_NOT_FOUND, MODEL_NOT_FOUND, ZONE_NOT_FOUND or CLOUD_REGION_NOT_FOUND, with close matches.',
  })
  @ApiBody({ type: EstimateInput })
  // The body is typed `unknown` so the global ValidationPipe leaves it alone: the engine's
  // validateEstimateRequest checks types, ranges and cross-field rules in one pass with field paths
  // (the same validator batch items and comparison variants go through), at a fraction of the cost
  // of class-validator on nested classes on the hottest route.
  estimate(@Body() input: unknown) {
    return this.estimates.estimate(input);
  }

  @Post('estimates/batch')
  @ApiOperation({ summary: 'Estimate up to 1,000 requests at once' })
  @HttpCode(200)
  @ApiOkResponse({
    type: BatchModel,
    description: 'One result per item, in order; a bad item answers { ok: false, error } in its slot.',
  })
  async batch(@Body() input: EstimateBatchInput) {
    return { results: await this.estimates.batch(input.items) };
  }

  @Post('comparisons')
  @ApiOperation({ summary: 'Compare a baseline with variants and a sweep' })
  @HttpCode(200)
  @ApiOkResponse({ type: ComparisonModel })
  @ApiBody({ type: ComparisonInput })
  compare(@Body() input: unknown) {
    // validated by the engine (see estimate above)
    return this.estimates.compare(input);
  }
}
