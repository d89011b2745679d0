import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

const READINESS_SCHEMA = {
  type: 'object' as const,
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string' as const, enum: ['ok', 'unavailable'] },
    checks: {
      type: 'object' as const,
      description: 'database, migrations: each { ok, message? }.',
      additionalProperties: {
        type: 'object' as const,
        required: ['ok'],
        properties: { ok: { type: 'boolean' as const }, message: { type: 'string' as const } },
      },
    },
  },
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness probe' })
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The process is alive.',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live() {
    return { status: 'ok' };
  }

  /** The database answers and every migration is applied. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness probe' })
  @ApiOkResponse({ description: 'Ready to serve traffic.', schema: READINESS_SCHEMA })
  @ApiServiceUnavailableResponse({
    description: 'Database unreachable or migrations pending (the same body, status unavailable).',
    schema: READINESS_SCHEMA,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks: Record<string, { ok: boolean; message?: string }> = {};
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = { ok: true };
      const pending = await this.dataSource.showMigrations();
      checks.migrations = pending ? { ok: false, message: 'migrations pending' } : { ok: true };
    } catch {
      // A fixed message: the driver's text names the server's address (connect ECONNREFUSED host:port).
      checks.database = { ok: false, message: 'database unreachable' };
    }
    const ok = Object.values(checks).every((c) => c.ok) && 'migrations' in checks;
    reply.status(ok ? 200 : 503);
    if (!ok) reply.header('retry-after', '5');
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
