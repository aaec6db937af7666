import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EventStore, formatPosition } from '@app/event-store';
import { ChangePlanCommand, deriveEntityId, planStreamId } from '@app/plans';

import { PlanQueries } from '@app/runtime';
import type { Request, Response } from 'express';
import { commandData, envelopeFrom } from '../http/command-envelope.js';
import { CommandResponder } from './command-responder.js';
import { AddMeasureDto } from './dto/add-measure.dto.js';
import { AddSectionDto } from './dto/add-section.dto.js';
import { ChangeMeasureStatusDto } from './dto/change-measure-status.dto.js';
import { CreatePlanDto } from './dto/create-plan.dto.js';
import { PlanIdParam, PlanMeasureParams } from './dto/params.dto.js';
import { PlanDocumentQuery, PlanMomentQuery } from './dto/plan-moment.query.js';
import { renderPlan } from './render-plan.js';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The plan revision you last saw (the ETag); a stale one gives 409 and appends nothing',
};
const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: false, description: 'Command id (UUID)' };

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: PlanQueries,
    private readonly store: EventStore,
    private readonly responder: CommandResponder,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a draft plan' })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: CreatePlanDto })
  @ApiResponse({ status: 201, description: 'Created; ETag is the plan revision' })
  @ApiResponse({ status: 400, description: 'Invalid input; nothing appended' })
  @ApiResponse({ status: 409, description: 'A plan with this id exists' })
  async create(@Body() dto: CreatePlanDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { id, ...rest } = commandData(dto);
    const outcome = await this.commandBus.execute(
      new ChangePlanCommand(id, { type: 'CreatePlan', planId: id, ...rest }, envelopeFrom(req, dto)),
    );
    res.setHeader('Location', `/plans/${id}`);
    return { planId: id, ...this.responder.accepted(outcome, res) };
  }

  @Get()
  @ApiOperation({ summary: 'List plans' })
  list() {
    return this.queries.listPlans();
  }

  @Get(':id')
  @ApiOperation({
    summary: 'The plan now, at an adopted revision (?revision=N) or as it stood on a date (?asOf=)',
  })
  @ApiResponse({ status: 400, description: 'Both revision and asOf given, or a bad value' })
  @ApiResponse({ status: 404, description: 'No such plan, revision, or the plan did not exist on that date' })
  async get(
    @Param() { id }: PlanIdParam,
    @Query() query: PlanMomentQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (query.revision !== undefined && query.asOf !== undefined) {
      throw new BadRequestException('Give either revision or asOf, not both');
    }
    const plan = await this.queries.findPlan(id, query);
    if (!plan) throw new NotFoundException(`Plan "${id}" not found`);
    if (query.revision === undefined && query.asOf === undefined) res.setHeader('ETag', `"${plan.revision}"`);
    return plan;
  }

  @Get(':id/document')
  @ApiOperation({
    summary:
      'The plan as a plan document (yaml, json) or a readable Markdown document (md), now, at a revision or on a date',
  })
  @ApiResponse({ status: 404, description: 'No such plan, revision or date' })
  async document(
    @Param() { id }: PlanIdParam,
    @Query() query: PlanDocumentQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (query.revision !== undefined && query.asOf !== undefined) {
      throw new BadRequestException('Give either revision or asOf, not both');
    }
    const { format = 'yaml', lineNumbers, ...moment } = query;
    const plan = await this.queries.findPlan(id, moment);
    if (!plan) throw new NotFoundException(`Plan "${id}" not found`);
    const papers = lineNumbers === true ? await this.queries.papers(id, moment) : undefined;
    const organisation =
      format === 'json' || format === 'yaml'
        ? await this.queries.findOrganisation(plan.organisationId)
        : undefined;
    const rendered = renderPlan(plan, format, papers, organisation?.name);
    res.setHeader('Content-Type', `${rendered.contentType}; charset=utf-8`);
    res.setHeader('Content-Disposition', `inline; filename="${id}.${rendered.extension}"`);
    return rendered.body;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every change to the plan, with actor, cause, recorded and effective dates' })
  @ApiResponse({ status: 404, description: 'No such plan' })
  async history(@Param() { id }: PlanIdParam) {
    const rows = await this.queries.planHistory(id);
    if (rows.length === 0) throw new NotFoundException(`Plan "${id}" not found`);
    return rows;
  }

  @Get(':id/events')
  @ApiOperation({ summary: "The plan stream's events, with their metadata" })
  @ApiResponse({ status: 404, description: 'No such plan' })
  async events(@Param() { id }: PlanIdParam) {
    const events = await this.store.readStream(planStreamId(id));
    if (events.length === 0) throw new NotFoundException(`Plan "${id}" not found`);
    return events.map((e) => ({
      id: e.id,
      type: e.type,
      revision: Number(e.revision),
      position: formatPosition(e.position),
      data: e.data,
      metadata: e.metadata,
    }));
  }

  @Post(':id/sections')
  @ApiOperation({ summary: 'Add a section' })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: AddSectionDto })
  @ApiResponse({ status: 201, description: 'Added; the body has the new sectionId' })
  @ApiResponse({ status: 404, description: 'No such plan or parent section' })
  @ApiResponse({ status: 409, description: 'Stale If-Match, or the number is taken' })
  async addSection(
    @Param() { id }: PlanIdParam,
    @Body() dto: AddSectionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const envelope = envelopeFrom(req, dto);
    const sectionId = deriveEntityId(envelope.commandId, 'section');
    const outcome = await this.commandBus.execute(
      new ChangePlanCommand(id, { type: 'AddSection', sectionId, ...commandData(dto) }, envelope),
    );
    return { sectionId, ...this.responder.accepted(outcome, res) };
  }

  @Post(':id/measures')
  @ApiOperation({ summary: 'Add a measure to a section' })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: AddMeasureDto })
  @ApiResponse({ status: 201, description: 'Added; the body has the new measureId' })
  @ApiResponse({ status: 400, description: 'Invalid input or an unknown responsible body' })
  @ApiResponse({ status: 404, description: 'No such plan or section' })
  @ApiResponse({ status: 409, description: 'Stale If-Match, or the label is taken' })
  async addMeasure(
    @Param() { id }: PlanIdParam,
    @Body() dto: AddMeasureDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const envelope = envelopeFrom(req, dto);
    const measureId = deriveEntityId(envelope.commandId, 'measure');
    const outcome = await this.commandBus.execute(
      new ChangePlanCommand(id, { type: 'AddMeasure', measureId, ...commandData(dto) }, envelope),
    );
    return { measureId, ...this.responder.accepted(outcome, res) };
  }

  @Post(':id/measures/:measureId/status')
  @HttpCode(200)
  @ApiOperation({ summary: "Report a measure's follow-up status" })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: ChangeMeasureStatusDto })
  @ApiResponse({ status: 200, description: 'Recorded (appended=false when the status was already that)' })
  @ApiResponse({ status: 404, description: 'No such plan or measure' })
  @ApiResponse({ status: 409, description: 'Stale If-Match' })
  async changeStatus(
    @Param() { id, measureId }: PlanMeasureParams,
    @Body() dto: ChangeMeasureStatusDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.commandBus.execute(
      new ChangePlanCommand(
        id,
        { type: 'ChangeMeasureStatus', measureId, ...commandData(dto) },
        envelopeFrom(req, dto),
      ),
    );

    return this.responder.accepted(outcome, res);
  }
}
