import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PlanverkConfig } from '@app/config';
import { ProjectionRunner } from '@app/read-models';
import { CONFIG } from '@app/runtime';
import type { Response } from 'express';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly projections: ProjectionRunner,
    @Inject(CONFIG) private readonly config: PlanverkConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness, and how far each projection lags behind the event store' })
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      const projections = await this.projections.status();
      return {
        status: 'ok',
        database: this.config.database.kind,
        eventStore: this.config.eventStore.kind,
        projections,
      };
    } catch {
      res.status(503);
      return {
        status: 'unavailable',
        database: this.config.database.kind,
        eventStore: this.config.eventStore.kind,
      };
    }
  }
}
