import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { EstimateInput } from './estimate.input';

/**
 * REST batch body. Items are checked one by one by the engine (never by this pipe), so one bad item
 * answers `{ ok: false, error }` in its slot and never fails its neighbours.
 */
export class EstimateBatchInput {
  @ApiProperty({ type: [EstimateInput], minItems: 1, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  items!: unknown[];
}
