import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { JobErrorsByIdArgs } from './dto/job-errors.args';
import { JobInput } from './dto/job.input';
import { JobsService } from './jobs.service';
import { JobsListArgs } from './dto/jobs-list.args';
import { JobErrorListModel, JobListModel, JobModel } from './models/job.model';

@Resolver(() => JobModel)
export class JobsResolver {
  constructor(private readonly jobs: JobsService) {}

  @Query(() => JobModel, { description: "One of your tenant's jobs: status, counters and the first 100 row errors (read)." })
  @RequireScope('read')
  job(@CurrentAuth() auth: AuthContext, @Args('id', { type: () => ID }) id: string): Promise<JobModel> {
    return this.jobs.get(auth.tenant, id);
  }

  @Query(() => JobListModel, {
    name: 'jobs',
    description: "Your tenant's jobs, newest first, filtered by status and creation time, with cursor pagination (read).",
  })
  @RequireScope('read')
  listJobs(@CurrentAuth() auth: AuthContext, @Args() args: JobsListArgs): Promise<JobListModel> {
    return this.jobs.list(auth.tenant, args);
  }

  @Query(() => JobErrorListModel, {
    description: 'Addition: all row errors of a job in row order, with cursor pagination (read).',
  })
  @RequireScope('read')
  jobErrors(@CurrentAuth() auth: AuthContext, @Args() args: JobErrorsByIdArgs): Promise<JobErrorListModel> {
    return this.jobs.errors(auth.tenant, args.id, args);
  }

  @Mutation(() => JobModel, {
    description:
      'Cancels a queued or running job: no further rows run, runs and errors so far stay, status `cancelled` with the counters; ' +
      'a cancelled job is returned again, a finished one is JOB_ALREADY_FINISHED (409) (write).',
  })
  @RequireScope('write')
  cancelJob(
    @CurrentAuth() auth: AuthContext,
    @Args('id', { type: () => ID, description: 'The job id.' }) id: string,
  ): Promise<JobModel> {
    return this.jobs.cancel(auth.tenant, id);
  }

  @Mutation(() => JobModel, {
    description:
      'Queues a bulk calculation of RunCreate rows; each becomes a run (with jobId) or a row error (write). ' +
      'A retry with the same idempotencyKey and rows returns the first job instead of creating another.',
  })
  @RequireScope('write')
  createJob(
    @CurrentAuth() auth: AuthContext,
    @Args('input') input: JobInput,
    @Args('idempotencyKey', {
      type: () => String,
      nullable: true,
      description:
        'As the Idempotency-Key header of POST /v1/jobs: the same key and rows return the first job; other rows with it are IDEMPOTENCY_KEY_REUSED (409).',
    })
    idempotencyKey?: string | null,
  ): Promise<JobModel> {
    return this.jobs.submitRows({ tenant: auth.tenant, keyId: auth.keyId }, input.runs, idempotencyKey);
  }
}
