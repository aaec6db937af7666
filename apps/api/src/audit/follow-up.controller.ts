import { isIsoDate, notAnIsoDate } from '@app/domain';
import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { renderFollowUpReportHtml, renderFollowUpReportMarkdown, reportRangeProblem } from '@app/read-models';
import { PlanQueries } from '@app/runtime';
import type { Response } from 'express';
import { PlanIdParam } from '../plans/dto/params.dto.js';
import { FollowUpQuery, FollowUpReportQuery } from './audit-queries.dto.js';

@ApiTags('audit')
@Controller('plans/:id')
export class FollowUpController {
  constructor(private readonly queries: PlanQueries) {}

  @Get('follow-up')
  @ApiOperation({
    summary: "The board's follow-up summary",
    description:
      'Measures by status for the plan, per section and per responsible body (each body a measure names, ' +
      'and the lead: the first), overdue measures with their due date, and measures without a responsible body.',
  })
  @ApiResponse({ status: 400, description: 'A bad date' })
  @ApiResponse({ status: 404, description: 'No such plan, or it did not exist on that date' })
  async summary(@Param() { id }: PlanIdParam, @Query() query: FollowUpQuery) {
    if (query.asOf !== undefined && !isIsoDate(query.asOf))
      throw new BadRequestException(notAnIsoDate('asOf', query.asOf));
    const summary = await this.queries.followUpSummary(id, query.asOf);
    if (!summary) throw new NotFoundException(`Plan "${id}" not found`);
    return summary;
  }

  @Get('report')
  @ApiOperation({
    summary: 'The follow-up report for the annual meeting (oppfølgingsrapport), as a page or Markdown',
    description:
      'For the period from..to: each measure with its status on the last day, the work reported in the ' +
      'period, every change to the plan in the period with its cause (meeting and amendment, board ' +
      'decision, reason), and each goal indicator against its target. Norwegian bokmål; HTML by default.',
  })
  @ApiProduces('text/html', 'text/markdown')
  @ApiResponse({
    status: 200,
    description: 'The report (text/html, or text/markdown with format=md)',
    content: {
      'text/html': { schema: { type: 'string' } },
      'text/markdown': { schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 400, description: 'A missing or bad date, or from after to' })
  @ApiResponse({ status: 404, description: 'No such plan, or it did not exist by the end of the period' })
  async report(
    @Param() { id }: PlanIdParam,
    @Query() query: FollowUpReportQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const problem = reportRangeProblem(query);
    if (problem) throw new BadRequestException(problem);
    const report = await this.queries.followUpReport(id, { from: query.from, to: query.to });
    if (!report) throw new NotFoundException(`Plan "${id}" not found`);
    if (query.format === 'md') {
      res.type('text/markdown; charset=utf-8');
      return renderFollowUpReportMarkdown(report);
    }
    res.type('text/html; charset=utf-8');
    return renderFollowUpReportHtml(report);
  }
}
