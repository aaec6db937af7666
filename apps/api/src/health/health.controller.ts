import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { runHealthCheck } from './health-check.js';
import { HELD_BACK_DEGRADED_AT_MS, HealthIndicators, LAG_DEGRADED_AT } from './health-indicators.js';
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
  heldBack: {
    type: 'object',
    nullable: true,
    description:
      'Null, or committed events no reader sees yet because a transaction older than them is still ' +
      'running on the database server (in any database): since when, how many, and which transactions',
    properties: {
      since: { type: 'string', format: 'date-time', description: 'When the oldest of them was recorded' },
      ageMs: { type: 'integer', description: 'How long ago that is' },
      events: { type: 'integer', description: 'How many (counted up to 10,000)' },
      transactions: {
        type: 'array',
        description: 'The running transactions older than them, oldest first',
        items: {
          type: 'object',
          properties: {
            xid: { type: 'string' },
            pid: { type: 'integer', nullable: true, description: 'The backend (pg_stat_activity.pid)' },
            database: { type: 'string', nullable: true },
            startedAt: { type: 'string', format: 'date-time', nullable: true },
            state: {
              type: 'string',
              nullable: true,
              description: '`idle in transaction`, `active`, or `prepared`',
            },
            applicationName: { type: 'string', nullable: true },
            gid: { type: 'string', description: "A prepared transaction's global id" },
          },
        },
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
    summary:
      'Readiness, how far each projection lags behind the event store, and whether reads are held back',
    description:
      "@nestjs/terminus's result (`status`, `info`, `error`, `details`) for the indicators `database`, " +
      '`eventStore`, `projection:<name>` (its `lag`; `degraded` from ' +
      `${LAG_DEGRADED_AT} events behind, which keeps the answer 200) and \`heldBack\` (\`degraded\` once ` +
      `committed events have waited ${HELD_BACK_DEGRADED_AT_MS} ms for a transaction still running ` +
      'elsewhere on the database server; `ageMs` and the `pids` of the backends holding them), and ' +
      'beside it the kinds of database and event store, each projection with its checkpoint, the ' +
      'head and its lag, and `heldBack` in full. ' +
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
    const heldBack = this.indicators.readHeldBack(); // never rejects
    const result = await runHealthCheck(this.checks, res, [
      () => this.indicators.databaseReachable(),
      () => this.indicators.eventStoreReachable(),
      async () => this.indicators.projectionLag(await reading),
      async () => this.indicators.heldBack(await heldBack),
    ]);
    const projections = await reading;
    const held = await heldBack;
    return {
      ...result,
      ...this.indicators.kinds(),
      ...(projections ? { projections } : {}),
      ...(held === 'unreadable' ? {} : { heldBack: held ?? null }),
    };
  }
}
