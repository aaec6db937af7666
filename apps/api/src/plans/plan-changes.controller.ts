import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ChangePlanCommand, deriveEntityId, type PlanChange } from '@app/plans';
import type { Request, Response } from 'express';
import { commandData, envelopeFrom } from '../http/command-envelope.js';
import { CommandResponder } from './command-responder.js';
import type { CommandIdDto } from './dto/command-id.dto.js';
import { AddGoalDto, GoalTargetDto, MeasurementDto, ReasonDto, TextDto } from './dto/goal.dto.js';
import {
  MoveMeasureDto,
  ProgressNoteDto,
  ReassignMeasureDto,
  RetimeMeasureDto,
} from './dto/measure-change.dto.js';
import { PlanGoalParams, PlanIdParam, PlanMeasureParams, PlanSectionParams } from './dto/params.dto.js';
import {
  AdoptPlanDto,
  DeclareBodyDto,
  LinkPlanDto,
  RetitleDto,
  SupersedePlanDto,
} from './dto/plan-lifecycle.dto.js';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The plan revision you last saw (the ETag); a stale one gives 409 and appends nothing',
};
const CONFLICT = { status: 409, description: 'Stale If-Match, or the change conflicts with the plan' };
const NOT_FOUND = { status: 404, description: 'No such plan, section, goal or measure' };
const INVALID = { status: 400, description: 'Invalid input; nothing appended' };

/** Every change to a plan after it is created: one route per kind of change, each its own event. */
@ApiTags('plan changes')
@ApiHeader(IF_MATCH)
@ApiResponse(INVALID)
@ApiResponse(NOT_FOUND)
@ApiResponse(CONFLICT)
@Controller('plans/:id')
export class PlanChangesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly responder: CommandResponder,
  ) {}

  private async change(planId: string, change: PlanChange, dto: CommandIdDto, req: Request, res: Response) {
    const outcome = await this.commandBus.execute(
      new ChangePlanCommand(planId, change, envelopeFrom(req, dto)),
    );
    return this.responder.accepted(outcome, res);
  }

  @Post('title')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retitle the plan' })
  @ApiBody({ type: RetitleDto })
  retitle(
    @Param() p: PlanIdParam,
    @Body() dto: RetitleDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'RetitlePlan', ...commandData(dto) }, dto, req, res);
  }

  @Post('links')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link the plan to its predecessor and/or the plan it follows up' })
  @ApiBody({ type: LinkPlanDto })
  link(
    @Param() p: PlanIdParam,
    @Body() dto: LinkPlanDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'LinkPlan', ...commandData(dto) }, dto, req, res);
  }

  @Post('bodies')
  @HttpCode(200)
  @ApiOperation({ summary: "Declare a body for the plan's abbreviation list" })
  @ApiBody({ type: DeclareBodyDto })
  declareBody(
    @Param() p: PlanIdParam,
    @Body() dto: DeclareBodyDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'DeclareBody', ...commandData(dto) }, dto, req, res);
  }

  @Post('adopt')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Adopt the plan as its next revision (1 for a draft, then 2, 3 for annual editions)',
  })
  @ApiBody({ type: AdoptPlanDto })
  adopt(
    @Param() p: PlanIdParam,
    @Body() dto: AdoptPlanDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'AdoptPlan', ...commandData(dto) }, dto, req, res);
  }

  @Post('supersede')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the plan superseded by its successor' })
  @ApiBody({ type: SupersedePlanDto })
  supersede(
    @Param() p: PlanIdParam,
    @Body() dto: SupersedePlanDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'SupersedePlan', ...commandData(dto) }, dto, req, res);
  }

  @Post('sections/:sectionId/title')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retitle a section' })
  @ApiBody({ type: RetitleDto })
  retitleSection(
    @Param() p: PlanSectionParams,
    @Body() dto: RetitleDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(
      p.id,
      { type: 'RetitleSection', sectionId: p.sectionId, ...commandData(dto) },
      dto,
      req,
      res,
    );
  }

  @Post('goals')
  @ApiOperation({ summary: 'Add a goal (or, with parentGoalId, a sub-goal), optionally with a target' })
  @ApiBody({ type: AddGoalDto })
  async addGoal(
    @Param() p: PlanIdParam,
    @Body() dto: AddGoalDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const envelope = envelopeFrom(req, dto);
    const goalId = deriveEntityId(envelope.commandId, 'goal');
    const outcome = await this.commandBus.execute(
      new ChangePlanCommand(p.id, { type: 'AddGoal', goalId, ...commandData(dto) }, envelope),
    );
    return { goalId, ...this.responder.accepted(outcome, res) };
  }

  @Post('goals/:goalId/text')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reword a goal' })
  @ApiBody({ type: TextDto })
  rewordGoal(
    @Param() p: PlanGoalParams,
    @Body() dto: TextDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'RewordGoal', goalId: p.goalId, ...commandData(dto) }, dto, req, res);
  }

  @Post('goals/:goalId/target')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a goal's target (metric, value, by when)" })
  @ApiBody({ type: GoalTargetDto })
  setTarget(
    @Param() p: PlanGoalParams,
    @Body() dto: GoalTargetDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'SetGoalTarget', goalId: p.goalId, target: dto.target }, dto, req, res);
  }

  @Post('goals/:goalId/strike')
  @HttpCode(200)
  @ApiOperation({ summary: 'Strike a goal, with the reason' })
  @ApiBody({ type: ReasonDto })
  strikeGoal(
    @Param() p: PlanGoalParams,
    @Body() dto: ReasonDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'StrikeGoal', goalId: p.goalId, ...commandData(dto) }, dto, req, res);
  }

  @Post('measurements')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a measured value of an indicator (members at 31.12.2025)' })
  @ApiBody({ type: MeasurementDto })
  measure(
    @Param() p: PlanIdParam,
    @Body() dto: MeasurementDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(p.id, { type: 'RecordMeasurement', ...commandData(dto) }, dto, req, res);
  }

  @Post('measures/:measureId/text')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reword a measure' })
  @ApiBody({ type: TextDto })
  reword(
    @Param() p: PlanMeasureParams,
    @Body() dto: TextDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(
      p.id,
      { type: 'RewordMeasure', measureId: p.measureId, ...commandData(dto) },
      dto,
      req,
      res,
    );
  }

  @Post('measures/:measureId/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a measure to another section (or relabel it)' })
  @ApiBody({ type: MoveMeasureDto })
  move(
    @Param() p: PlanMeasureParams,
    @Body() dto: MoveMeasureDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(
      p.id,
      { type: 'MoveMeasure', measureId: p.measureId, ...commandData(dto) },
      dto,
      req,
      res,
    );
  }

  @Post('measures/:measureId/timing')
  @HttpCode(200)
  @ApiOperation({ summary: "Change a measure's timing (Gjennomføring)" })
  @ApiBody({ type: RetimeMeasureDto })
  retime(
    @Param() p: PlanMeasureParams,
    @Body() dto: RetimeMeasureDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(
      p.id,
      { type: 'RetimeMeasure', measureId: p.measureId, ...commandData(dto) },
      dto,
      req,
      res,
    );
  }

  @Post('measures/:measureId/responsible')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reassign responsibility (Ansvar), with the reason' })
  @ApiBody({ type: ReassignMeasureDto })
  reassign(
    @Param() p: PlanMeasureParams,
    @Body() dto: ReassignMeasureDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(
      p.id,
      { type: 'ReassignMeasure', measureId: p.measureId, ...commandData(dto) },
      dto,
      req,
      res,
    );
  }

  @Post('measures/:measureId/strike')
  @HttpCode(200)
  @ApiOperation({ summary: 'Strike a measure from the plan, with the reason' })
  @ApiBody({ type: ReasonDto })
  strike(
    @Param() p: PlanMeasureParams,
    @Body() dto: ReasonDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(
      p.id,
      { type: 'StrikeMeasure', measureId: p.measureId, ...commandData(dto) },
      dto,
      req,
      res,
    );
  }

  @Post('measures/:measureId/notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Note progress on a measure (optionally for a period)' })
  @ApiBody({ type: ProgressNoteDto })
  note(
    @Param() p: PlanMeasureParams,
    @Body() dto: ProgressNoteDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(
      p.id,
      { type: 'NoteProgress', measureId: p.measureId, ...commandData(dto) },
      dto,
      req,
      res,
    );
  }
}
