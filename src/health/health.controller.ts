import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive.' })
  live() {
    return { status: 'ok' };
  }

  /** The database answers and every migration is applied. */
  @Get('ready')
  @ApiOkResponse({ description: 'Ready to serve traffic.' })
  @ApiServiceUnavailableResponse({ description: 'Database unreachable or migrations pending.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks: Record<string, { ok: boolean; message?: string }> = {};
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = { ok: true };
      const pending = await this.dataSource.showMigrations();
      checks.migrations = pending ? { ok: false, message: 'migrations pending' } : { ok: true };
    } catch (err) {
      checks.database = { ok: false, message: (err as Error).message };
    }
    const ok = Object.values(checks).every((c) => c.ok) && 'migrations' in checks;
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
