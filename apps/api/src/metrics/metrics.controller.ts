import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PlanverkMetrics } from './planverk-metrics.js';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PlanverkMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "This process's Prometheus metrics",
    description:
      'Prometheus text format (prom-client): `planverk_commands_total` and ' +
      '`planverk_command_duration_seconds` (by route pattern and status), ' +
      '`planverk_projection_lag_events` and `planverk_projection_running` per projection, ' +
      '`planverk_reads_held_back_seconds` and `_events`, `planverk_rebuild_progress_ratio` per projection ' +
      'while a rebuild runs, and ' +
      "the process's own (`planverk_process_*`, `planverk_nodejs_*`). Each process of a deployment serves its own.",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The metrics', schema: { type: 'string' } })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
