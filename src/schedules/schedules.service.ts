import { Injectable } from '@nestjs/common';
import { schedule, type Schedule, type ScheduleInput } from '../estimation';
import { EstimatesService, toPlain } from '../estimates/estimates.service';

/**
 * Carbon-aware scheduling: the series points of every candidate place over the window are read first
 * (stored series, and live providers when configured), then the engine's schedule() scans the starts.
 */
@Injectable()
export class SchedulesService {
  constructor(private readonly estimates: EstimatesService) {}

  async schedule(input: unknown): Promise<Schedule> {
    const plain = toPlain(input) as ScheduleInput;
    const window = plain && typeof plain === 'object' ? plain.window : undefined;
    const from = Date.parse(window?.earliest ?? '');
    const to = Date.parse(window?.deadline ?? '');
    const locations = Array.isArray(plain?.locations) ? plain.locations.filter((l) => l && typeof l === 'object') : [];
    const ctx =
      Number.isFinite(from) && Number.isFinite(to) && to > from
        ? await this.estimates.prepareWindows(locations.map((location) => ({ location, from, to })))
        : this.estimates.context();
    return schedule(plain, ctx);
  }
}
