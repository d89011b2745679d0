import { collectTexts, packTexts, referencedTexts, TEXT_MARK, unpackTexts } from './run-texts';

describe('run texts (lean estimate storage)', () => {
  const estimate = {
    co2eKg: 1.5,
    factors: {
      pue: { value: 1.56, source: 'Uptime Institute Global Data Center Survey 2024' },
      hardware: {
        id: 'nvidia-h100-sxm5-80gb',
        name: 'short',
        sources: [{ name: 'Epoch AI, Data on ML Hardware', fields: ['tdpW'] }],
      },
      compute: { flopsFormula: '6 x N x D, N = parameters (7000000000)' },
    },
    warnings: ['pue not given: used 1.56 (Uptime Institute)', 'short'],
    odd: `${TEXT_MARK}12 looks like a reference`,
    nothing: null,
  };

  function roundTrip(value: unknown): unknown {
    const texts = [...collectTexts(value)];
    const ids = new Map(texts.map((t, i) => [t, i + 1]));
    const packed = packTexts(value, ids);
    const byId = new Map(texts.map((t, i) => [i + 1, t]));
    expect([...referencedTexts(packed)].sort()).toEqual([...byId.keys()].sort());
    return { packed, unpacked: unpackTexts(packed, byId) };
  }

  it('moves long texts under text keys (and warnings) to references, keeps figures, ids and other strings', () => {
    const { packed } = roundTrip(estimate) as { packed: typeof estimate };
    expect(packed.co2eKg).toBe(1.5);
    expect(packed.factors.pue.source).toMatch(new RegExp(`^${TEXT_MARK}\\d+$`));
    expect(packed.factors.hardware.id).toBe('nvidia-h100-sxm5-80gb');
    expect(packed.factors.hardware.name).toBe('short');
    expect(packed.factors.hardware.sources[0].name).toMatch(new RegExp(`^${TEXT_MARK}`));
    expect(packed.factors.compute.flopsFormula).toBe(estimate.factors.compute.flopsFormula);
    expect(packed.warnings[0]).toMatch(new RegExp(`^${TEXT_MARK}`));
    expect(packed.warnings[1]).toBe('short');
  });

  it('is lossless, also for a string that starts like a reference', () => {
    const { packed, unpacked } = roundTrip(estimate) as { packed: typeof estimate; unpacked: unknown };
    expect(packed.odd).not.toBe(estimate.odd);
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(estimate));
  });

  it('refuses to pack a text without an id and to unpack a missing one', () => {
    expect(() => packTexts({ source: 'a long enough source text' }, new Map())).toThrow(/no id/);
    expect(() => unpackTexts({ source: `${TEXT_MARK}7` }, new Map())).toThrow(/missing/);
  });
});
