import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  meetingVoteLookup,
  renderRedlineDocx,
  renderRedlineHtml,
  renderRedlineMarkdown,
  type Redline,
} from '@app/read-models';
import { MeetingQueries, PlanQueries } from '@app/runtime';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import type { Response } from 'express';
import { PlanIdParam } from '../plans/dto/params.dto.js';

const FORMATS = ['html', 'md', 'docx'] as const;

class RedlineQuery {
  @ApiPropertyOptional({
    example: 1,
    description: 'The adopted revision the meeting treated; default the one before `to`',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'from must be a whole number' })
  @Min(1)
  @Max(10_000)
  from?: number;

  @ApiPropertyOptional({ example: 2, description: 'The adopted revision; default the plan now' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'to must be a whole number' })
  @Min(1)
  @Max(10_000)
  to?: number;

  @ApiPropertyOptional({
    example: 'oslo-sv-am-2026',
    description:
      'What this meeting did: the draft it received against the revision it adopted, with each vote',
  })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'meeting must be a meeting id such as oslo-sv-am-2026' })
  meeting?: string;

  @ApiPropertyOptional({
    enum: FORMATS,
    description: 'html (the page, default), md, or docx with Word tracked changes',
  })
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: (typeof FORMATS)[number];
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

@ApiTags('plans')
@Controller('plans/:id/redline')
export class RedlineController {
  constructor(
    private readonly queries: PlanQueries,
    private readonly meetings: MeetingQueries,
  ) {}

  /** The meeting's redline, each adopted amendment with its vote. */
  private async meetingRedline(planId: string, meetingId: string): Promise<Redline | undefined> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting || meeting.planId !== planId) {
      throw new NotFoundException(`Meeting "${meetingId}" did not treat plan "${planId}"`);
    }
    return this.queries.meetingRedline(planId, meeting, meetingVoteLookup(meeting));
  }

  @Get()
  @ApiOperation({
    summary:
      'A revision against the one before (or ?from=&to=): struck and inserted text marked, each change annotated with its amendment or decision; as a page, Markdown, or .docx with tracked changes',
  })
  @ApiResponse({ status: 404, description: 'No such plan or revision' })
  async redline(
    @Param() { id }: PlanIdParam,
    @Query() query: RedlineQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (query.meeting && (query.from !== undefined || query.to !== undefined)) {
      throw new BadRequestException('Give either meeting, or from and to');
    }
    const redline = query.meeting
      ? await this.meetingRedline(id, query.meeting)
      : await this.queries.redline(id, {
          ...(query.from ? { from: query.from } : {}),
          ...(query.to ? { to: query.to } : {}),
        });

    if (!redline) throw new NotFoundException(`Plan "${id}" not found`);
    const name = `${id}-redline-${redline.from.adoptedRevision}-${redline.to.current ? 'naa' : redline.to.adoptedRevision}`;
    if (query.format === 'docx') {
      res.setHeader('Content-Type', DOCX);
      res.setHeader('Content-Disposition', `attachment; filename="${name}.docx"`);
      return new StreamableFile(await renderRedlineDocx(redline));
    }
    if (query.format === 'md') {
      res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
      return renderRedlineMarkdown(redline);
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    return renderRedlineHtml(redline);
  }
}
