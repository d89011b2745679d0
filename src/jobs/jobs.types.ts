export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'partial', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type JobFormat = 'json' | 'ndjson' | 'csv';

/** A job as stored (tenant-scoped; mapped to the API shape by toJobModel). */
export interface JobRecord {
  id: string;
  tenant: string;
  status: JobStatus;
  format: JobFormat;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface JobRowError {
  row: number;
  code: string;
  message: string;
  details: unknown[];
  externalId: string | null;
}

/** A queue message: rows [from, to) of one job. */
export interface ChunkMessage {
  jobId: string;
  from: number;
  to: number;
}
