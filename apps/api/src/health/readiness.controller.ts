import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { runHealthCheck } from './health-check.js';
import { HealthIndicators } from './health-indicators.js';
import { healthCheckSchema } from './health-schema.js';

/** Liveness (the process answers) and readiness (the database and the event store answer), for load balancers. */
@ApiTags('health')
@Controller('health')
export class ReadinessController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly indicators: HealthIndicators,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary:
      'Readiness: 200 when the database and the event store answer (each within 3 s), else 503 with ' +
      'Retry-After; 503 also once the process is shutting down',
  })
  @ApiOkResponse({ description: 'Ready', schema: healthCheckSchema() })
  @ApiServiceUnavailableResponse({
    description:
      'Not ready (status `error`, the failing part under `error`) or shutting down; retry after the Retry-After seconds',
    schema: healthCheckSchema(),
  })
  ready(@Res({ passthrough: true }) res: Response) {
    return runHealthCheck(this.checks, res, [
      () => this.indicators.databaseReachable(),
      () => this.indicators.eventStoreReachable(),
    ]);
  }
}
