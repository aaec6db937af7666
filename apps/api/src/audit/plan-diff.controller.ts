import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { planDiffRequestProblem, renderPlanDiffMarkdown } from '@app/read-models';
import { PlanQueries } from '@app/runtime';
import type { Response } from 'express';
import { PlanIdParam } from '../plans/dto/params.dto.js';
import { PlanDiffQuery } from './audit-queries.dto.js';

@ApiTags('audit')
@Controller('plans/:id/diff')
export class PlanDiffController {
  constructor(private readonly queries: PlanQueries) {}

  @Get()
  @ApiOperation({
    summary: 'What changed between two revisions or dates of the plan, or from its predecessor plan',
    description:
      'Sections, goals and measures added, removed, reworded (with a word diff), retimed, reassigned and ' +
      'moved, and how many are unchanged. ?from=1&to=3 compares adopted revisions (to defaults to the ' +
      'plan now), fromAsOf/toAsOf compare dates, ?fromPlan=<predecessor> matches the elements of two ' +
      'plans by text similarity and lists each link (unchanged, reworded, merged, split, new, dropped).',
  })
  @ApiProduces('application/json', 'text/markdown')
  @ApiResponse({
    status: 200,
    description: 'The diff (JSON, or Markdown with format=md)',
    content: {
      'application/json': { schema: { type: 'object' } },
      'text/markdown': { schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 400, description: 'A bad value or combination of query parameters' })
  @ApiResponse({ status: 404, description: 'No such plan, predecessor plan, revision, or date' })
  async diff(
    @Param() { id }: PlanIdParam,
    @Query() query: PlanDiffQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { format, ...request } = query;
    const problem = planDiffRequestProblem(id, request);
    if (problem) throw new BadRequestException(problem);
    const diff = await this.queries.planDiff(id, request);
    if (!diff) throw new NotFoundException(`Plan "${id}" not found`);
    if (format === 'md') {
      res.type('text/markdown; charset=utf-8');
      return renderPlanDiffMarkdown(diff);
    }
    return diff;
  }
}
