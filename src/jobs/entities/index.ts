import { JobEntity, JobErrorEntity, JobRowEntity } from './job.entity';

export const jobsEntities = [JobEntity, JobRowEntity, JobErrorEntity];
