import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { exportNdjson } from '@app/audit-export';
import { EventStore } from '@app/event-store';
import { planStreamId } from '@app/plans';
import type { Response } from 'express';
import { PlanIdParam } from '../plans/dto/params.dto.js';

@ApiTags('audit')
@Controller('plans')
export class AuditExportController {
  constructor(private readonly store: EventStore) {}

  @Get(':id/audit-export')
  @ApiOperation({
    summary: 'Tamper-evident export of every event of the plan',
    description:
      'Newline-delimited JSON: a header (format, version, plan id, streams, exportedAt, event count, ' +
      'hash algorithm), then one line per event with seq, streamId, revision, position, id, type, data, ' +
      'metadata, prevHash and hash = sha256(prevHash + canonical JSON of the line without hash). The first ' +
      "prevHash is the header's hash. Check a file with `planverk audit-verify <file>`.",
  })
  @ApiProduces('application/x-ndjson')
  @ApiResponse({ status: 200, description: 'The export, as an attachment named after the plan and date' })
  @ApiResponse({ status: 400, description: 'The plan id is not a valid slug' })
  @ApiResponse({ status: 404, description: 'No such plan' })
  async export(@Param() { id }: PlanIdParam, @Res({ passthrough: true }) res: Response): Promise<string> {
    // Once meetings have streams of their own, their ids go here after the plan's.
    const streams = [planStreamId(id)];
    const events = (await Promise.all(streams.map((streamId) => this.store.readStream(streamId)))).flat();
    if (events.length === 0) throw new NotFoundException(`Plan "${id}" not found`);
    const exportedAt = new Date().toISOString();
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${id}-audit-${exportedAt.slice(0, 10)}.ndjson"`,
    );
    return exportNdjson(events, { planId: id, streams, exportedAt });
  }
}
