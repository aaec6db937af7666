import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { runHealthCheck } from './health-check.js';
import { HealthIndicators, LAG_DEGRADED_AT } from './health-indicators.js';
import { healthCheckSchema } from './health-schema.js';

const SUMMARY = {
  database: { type: 'string', enum: ['postgres', 'pglite'], description: 'The database in use' },
  eventStore: { type: 'string', enum: ['postgres', 'esdb'], description: 'The event store in use' },
  projections: {
    type: 'array',
    description: 'Each projection: its checkpoint, the event store head and how many events it lags behind',
    items: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        checkpoint: { type: 'string' },
        head: { type: 'string' },
        lag: { type: 'integer', description: 'Events stored but not yet applied (counted up to 10,000)' },
      },
    },
  },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly indicators: HealthIndicators,
  ) {}

  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness, and how far each projection lags behind the event store',
    description:
      "@nestjs/terminus's result (`status`, `info`, `error`, `details`) for the indicators `database`, " +
      '`eventStore` and `projection:<name>` (its `lag`; `degraded` from ' +
      `${LAG_DEGRADED_AT} events behind, which keeps the answer 200), and beside it the kinds of ` +
      'database and event store and each projection with its checkpoint, the head and its lag. ' +
      '503 with Retry-After when the database or the event store does not answer, the lag cannot ' +
      'be read, or the process is shutting down.',
  })
  @ApiOkResponse({
    description: 'Healthy (`ok`) or lagging (`degraded`)',
    schema: healthCheckSchema(SUMMARY),
  })
  @ApiServiceUnavailableResponse({
    description:
      'Unhealthy (`error`) or shutting down (`shutting_down`); retry after the Retry-After seconds',
    schema: healthCheckSchema(SUMMARY),
  })
  async health(@Res({ passthrough: true }) res: Response) {
    const reading = this.indicators.readProjections(); // never rejects
    const result = await runHealthCheck(this.checks, res, [
      () => this.indicators.databaseReachable(),
      () => this.indicators.eventStoreReachable(),
      async () => this.indicators.projectionLag(await reading),
    ]);
    const projections = await reading;
    return { ...result, ...this.indicators.kinds(), ...(projections ? { projections } : {}) };
  }
}
