import { isCodeCarbonColumns, parseGpuModel } from '../../runs/codecarbon';
import { codecarbonRowMapper } from './codecarbon';

describe('CodeCarbon emissions.csv mapping', () => {
  it('recognises its header, not ours', () => {
    expect(isCodeCarbonColumns(['timestamp', 'project_name', 'run_id', 'duration', 'emissions', 'energy_consumed'])).toBe(true);
    expect(isCodeCarbonColumns(['name', 'energyKwh', 'zone'])).toBe(false);
  });

  it.each([
    ['8 x NVIDIA H100 80GB HBM3', '', { ref: 'NVIDIA H100 80GB HBM3', count: 8 }],
    ['1 x Tesla T4, 1 x NVIDIA L4', '', { ref: 'Tesla T4', count: 1 }],
    ['NVIDIA A10G', '4', { ref: 'NVIDIA A10G', count: 4 }],
    ['NVIDIA A10G', '', { ref: 'NVIDIA A10G' }],
    ['', '2', null],
  ])('gpu_model %j (gpu_count %j)', (model, count, expected) => {
    expect(parseGpuModel(model, count)).toEqual(expected);
  });

  it('keeps a timestamp with an offset as given and a bad number as text for validation to name', () => {
    const map = codecarbonRowMapper(['timestamp', 'run_id', 'duration', 'emissions', 'energy_consumed', 'country_iso_code']);
    const row = map(['2025-01-01T12:00:00+02:00', 'r1', '60', '0.1', 'lots', 'FRA']);
    expect(JSON.parse(row.payload!)).toMatchObject({
      endedAt: '2025-01-01T10:00:00.000Z',
      startedAt: '2025-01-01T09:59:00.000Z',
      request: { energyKwh: 'lots', location: { zone: 'FRA' } },
      reported: { source: 'codecarbon', co2eKg: 0.1, energyKwh: 'lots' },
    });
    expect(map(['x']).errorCode).toBe('MALFORMED_ROW');
  });
});
