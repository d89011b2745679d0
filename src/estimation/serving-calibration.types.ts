import type { ServingConstants } from './inference';

/** The fitted serving constants and how well they predict out of sample (serving-calibration.data.ts). */
export interface ServingCalibration {
  id: string;
  fittedOn: string;
  method: string;
  constants: ServingConstants;
  foldRange: Record<keyof ServingConstants, [number, number]>;
  inSampleRmsLogError: number;
  outOfSample: { cases: number; within2x: number; within1_5x: number; ratioP10: number; ratioP50: number; ratioP90: number };
  source: { name: string; url: string; license: string; file: string };
  generatedBy: string;
}
