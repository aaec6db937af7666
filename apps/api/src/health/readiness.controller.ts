import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Database } from '@app/database';
import { EventStore } from '@app/event-store';
import { DATABASE } from '@app/runtime';
import { sql } from 'kysely';
import type { Response } from 'express';

const CHECK_TIMEOUT_MS = 3_000;

/** Liveness (the process answers) and readiness (the database and the event store answer), for load balancers. */
@ApiTags('health')
@Controller('health')
export class ReadinessController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly store: EventStore,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: 200 when the database and the event store answer, else 503 with Retry-After',
  })
  @ApiResponse({ status: 503, description: 'Not ready; retry after the Retry-After seconds' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const checks = {
      database: await within(sql`select 1`.execute(this.database.db)),
      eventStore: await within(this.store.headPosition()),
    };
    const ready = checks.database && checks.eventStore;
    if (!ready) {
      res.status(503);
      res.setHeader('Retry-After', '5');
    }
    return {
      status: ready ? 'ready' : 'unavailable',
      database: checks.database ? 'up' : 'down',
      eventStore: checks.eventStore ? 'up' : 'down',
    };
  }
}

async function within(work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
