/**
 * The shipped serving constants are what the ML.ENERGY data gives (a fresh fit through estimateServing
 * reproduces them), and they predict at least 80% of the serving validation cases within 2x out of
 * sample (leave one model out). Reads the repository's copies: seed/, validation/, reference-data/.
 */
import { loadServingData } from '../../scripts/validation/serving-data';
import { fitServingConstants, leaveOneGroupOut, CONSTANT_KEYS } from './serving-calibration';
import { SERVING_CALIBRATION } from './serving-calibration.data';

const data = loadServingData();

describe('serving calibration', () => {
  it('uses every ML.ENERGY configuration and keeps the other publications out of the fit', () => {
    expect(data.cases.filter((c) => c.set === 'ml-energy-v3')).toHaveLength(328);
    expect(data.cases.filter((c) => !c.fit).map((c) => c.set)).toContain('samsi-2023');
  });

  it('the shipped constants equal a fresh fit (npm run calibrate:serving)', () => {
    const fit = fitServingConstants(data.cases);
    for (const k of CONSTANT_KEYS)
      expect(fit.constants[k]).toBeCloseTo(
        SERVING_CALIBRATION.constants[k],
        3 - Math.floor(Math.log10(Math.abs(SERVING_CALIBRATION.constants[k]))),
      );
  }, 60_000);

  it('at least 80% of serving cases fall within 2x out of sample (leave one model out)', () => {
    const loo = leaveOneGroupOut(data.cases, SERVING_CALIBRATION.constants);
    expect(loo.results.length).toBe(data.cases.length);
    expect(loo.results.every((r) => !r.inSample)).toBe(true);
    expect(loo.within2x).toBeGreaterThanOrEqual(0.8);
    // the shipped summary is what this run gives
    const ml = loo.results.filter((r) => r.set === 'ml-energy-v3');
    expect(ml.filter((r) => r.ratio >= 0.5 && r.ratio <= 2).length / ml.length).toBeCloseTo(
      SERVING_CALIBRATION.outOfSample.within2x,
      3,
    );
  }, 600_000);
});
