import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentAuth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RequireScope } from '../auth/scopes.decorator';
import { CreateRun } from './create-run.usecase';
import { ReportArgs } from './dto/report.args';
import { RunInput } from './dto/run.input';
import { RunsListArgs } from './dto/runs-list.args';
import { ReportModel } from './models/report.model';
import { RecalculationModel, RunHistoryEntryModel, RunListModel, RunModel } from './models/run.model';
import { ReportsService } from './reports.service';
import { RunsService, toRunModel } from './runs.service';

@Resolver(() => RunModel)
export class RunsResolver {
  constructor(
    private readonly createRunUseCase: CreateRun,
    private readonly service: RunsService,
    private readonly reports: ReportsService,
  ) {}

  @Query(() => RunModel, { description: "One of your tenant's runs (read)." })
  @RequireScope('read')
  run(@CurrentAuth() auth: AuthContext, @Args('id', { type: () => ID }) id: string): Promise<RunModel> {
    return this.service.get(auth.tenant, id);
  }

  @Query(() => RunListModel, { description: "Your tenant's runs, newest first, with cursor pagination (read)." })
  @RequireScope('read')
  runs(@CurrentAuth() auth: AuthContext, @Args() args: RunsListArgs): Promise<RunListModel> {
    return this.service.list(auth.tenant, args);
  }

  @Query(() => [RunHistoryEntryModel], {
    description: "Addition: the estimates a run's recalculations replaced, oldest first (read).",
  })
  @RequireScope('read')
  runHistory(@CurrentAuth() auth: AuthContext, @Args('id', { type: () => ID }) id: string): Promise<RunHistoryEntryModel[]> {
    return this.service.history(auth.tenant, id);
  }

  @Query(() => ReportModel, { description: "Emissions of your tenant's runs summed by the groupBy dimensions (read)." })
  @RequireScope('read')
  report(@CurrentAuth() auth: AuthContext, @Args() args: ReportArgs): Promise<ReportModel> {
    return this.reports.emissions(auth, args);
  }

  @Mutation(() => RunModel, {
    description: 'Estimates and stores a run; a retry with the same idempotencyKey returns the first run (write).',
  })
  @RequireScope('write')
  async createRun(
    @CurrentAuth() auth: AuthContext,
    @Args('input') input: RunInput,
    @Args('idempotencyKey', { type: () => String, nullable: true }) idempotencyKey?: string | null,
  ): Promise<RunModel> {
    const { run } = await this.createRunUseCase.execute({ tenant: auth.tenant, input, idempotencyKey });
    return toRunModel(run);
  }

  @Mutation(() => RunModel, { description: 'Deletes a run and its history; returns the deleted run (write).' })
  @RequireScope('write')
  deleteRun(@CurrentAuth() auth: AuthContext, @Args('id', { type: () => ID }) id: string): Promise<RunModel> {
    return this.service.delete(auth.tenant, id);
  }

  @Mutation(() => RecalculationModel, {
    description: 'Recomputes a run with the newest reference data, keeping the previous estimate in its history (write).',
  })
  @RequireScope('write')
  recalculateRun(@CurrentAuth() auth: AuthContext, @Args('id', { type: () => ID }) id: string): Promise<RecalculationModel> {
    return this.service.recalculate(auth.tenant, id);
  }
}
