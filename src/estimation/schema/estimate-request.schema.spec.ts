import { EstimateRequestSchema } from './estimate-request.schema';
import type { EstimateRequest, EstimateRequestBody } from '../estimation.types';
import { checkEstimateRequest, validateEstimateRequest } from '../validate';

// Compile-time bindings: the engine's EstimateRequest is the schema's type less its nulls.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const bindings: [
  Equal<EstimateRequest['hours'], number | undefined>,
  Equal<EstimateRequestBody['hours'], number | null | undefined>,
] = [true, true];
void bindings;
// @ts-expect-error location is required
const noLocation: EstimateRequest = { hours: 1 };
void noLocation;

describe('EstimateRequestSchema', () => {
  it('is plain JSON Schema (serialisable as-is into OpenAPI)', () => {
    const json = JSON.parse(JSON.stringify(EstimateRequestSchema));
    expect(json).toMatchObject({ type: 'object', additionalProperties: false, required: ['location'] });
    expect(json.properties.hardware.properties.count).toMatchObject({ type: 'integer', nullable: true, minimum: 1 });
    expect(json.properties.compute.properties.parameters).toMatchObject({ type: 'number', nullable: true });
    expect(JSON.stringify(json)).not.toContain('"anyOf"');
  });

  it('its example validates', () => {
    expect(checkEstimateRequest(EstimateRequestSchema.example).details).toEqual([]);
  });

  it('keeps the messages and the field order of the errors', () => {
    expect(checkEstimateRequest({ hardware: { ref: 'x', count: 1.5, colour: 1 }, hours: -1, location: {} }).details).toEqual([
      { path: 'hardware.colour', message: 'is not a known field' },
      { path: 'hardware.count', message: 'must be an integer, >= 1, <= 10000000, got 1.5' },
      { path: 'hours', message: 'must be >= 0, <= 1000000, got -1' },
      { path: 'location', message: 'needs one of zone, provider + region, or gPerKwh' },
    ]);
    expect(
      checkEstimateRequest(
        { energyKwh: 1, location: { zone: 'FR' }, mitigations: [{ type: 'pruning', fraction: 1 }, {}] },
        'items[3]',
      ).details,
    ).toEqual([
      { path: 'items[3].mitigations[0].fraction', message: 'must be < 1 (fraction of parameters removed)' },
      {
        path: 'items[3].mitigations[1].type',
        message: 'must be one of early-stopping, precision, pruning, sparsity, distillation, renewable-match',
      },
    ]);
  });

  it('normalises: nulls dropped, location first, fields in schema order', () => {
    const out = validateEstimateRequest({
      pue: 1.2,
      hours: 2,
      hardware: { count: 2, ref: 'H100', powerW: null },
      location: { year: null, zone: 'FR' },
    });
    expect(JSON.stringify(out)).toBe('{"location":{"zone":"FR"},"hardware":{"ref":"H100","count":2},"hours":2,"pue":1.2}');
  });
});
