import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EstimateBatchInput } from './dto/batch.input';
import { ComparisonInput } from './dto/comparison.input';
import { EstimateInput } from './dto/estimate.input';
import { EstimatesService } from './estimates.service';
import { BatchModel, ComparisonModel, EstimateModel } from './models/estimate.model';

@ApiTags('estimates')
@Controller('v1')
export class EstimatesController {
  constructor(private readonly estimates: EstimatesService) {}

  @Post('estimates')
  @HttpCode(200)
  @ApiOkResponse({ type: EstimateModel })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED with field paths in details.' })
  @ApiNotFoundResponse({ description: 'HARDWARE_NOT_FOUND, ZONE_NOT_FOUND or CLOUD_REGION_NOT_FOUND, with close matches.' })
  estimate(@Body() input: EstimateInput) {
    return this.estimates.estimate(input);
  }

  @Post('estimates/batch')
  @HttpCode(200)
  @ApiOkResponse({ type: BatchModel, description: 'One result per item, in order; a bad item answers { ok: false, error } in its slot.' })
  batch(@Body() input: EstimateBatchInput) {
    return { results: this.estimates.batch(input.items) };
  }

  @Post('comparisons')
  @HttpCode(200)
  @ApiOkResponse({ type: ComparisonModel })
  compare(@Body() input: ComparisonInput) {
    return this.estimates.compare(input);
  }
}
