import type { Estimate, WorkPeriod } from '../estimation';

/** What another tool reported for a run (RunInput.reported), stored with it. */
export interface ReportedFigure {
  source: string;
  co2eKg?: number;
  energyKwh?: number;
}

/** A run as stored (tenant-scoped; mapped to the API shape by toRunModel). */
export interface RunRecord {
  id: string;
  tenant: string;
  name: string | null;
  project: string | null;
  team: string | null;
  model: string | null;
  tags: string[];
  startedAt: Date | null;
  endedAt: Date | null;
  request: Record<string, unknown>;
  estimate: Estimate;
  reported: ReportedFigure | null;
  dataVersion: string;
  jobId: string | null;
  /** The job row's externalId (runs created by a job whose row gave one). */
  externalId: string | null;
  requestHash: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a create writes: the stored run less what the database assigns. */
export type NewRun = Omit<RunRecord, 'id' | 'dataVersion' | 'jobId' | 'externalId' | 'createdAt' | 'updatedAt'> & {
  idempotencyKey: string | null;
  jobId?: string | null;
  sourceRow?: number | null;
};

export interface RunHistoryRecord {
  version: number;
  estimate: Estimate;
  dataVersion: string;
  replacedAt: Date;
}

/** The part of the store the CreateRun use case needs (a port, so it is unit-tested with a fake). */
export abstract class RunWriter {
  abstract findByIdempotencyKey(tenant: string, key: string): Promise<RunRecord | null>;
  /** Inserts unless (tenant, idempotencyKey) exists; then returns the existing run with created=false. */
  abstract insertIdempotent(run: NewRun): Promise<{ run: RunRecord; created: boolean }>;
}

/**
 * Computes an estimate with the reference data in force (EstimatesService in the app), priced at the
 * run's own time when it has one.
 */
export abstract class RunEstimator {
  abstract estimateAt(request: unknown, period: WorkPeriod | null): Promise<Estimate>;
}
