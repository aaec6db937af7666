import {
  UnprocessableEntityException,
  BadRequestException,
  Body,
  ForbiddenException,
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
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { grantsAllow, type FloorItem } from '@app/domain';
import { EventStore, comparePositions, type Position } from '@app/event-store';
import { protocolToYaml } from '@app/plan-document';
import {
  ChangeMeetingCommand,
  ReplayProtocolCommand,
  meetingCommandId,
  meetingStreamId,
  planStreamId,
  type MeetingChange,
  type MeetingOutcome,
  type ReplayResult,
} from '@app/plans';
import {
  ProjectionRunner,
  ReadYourWrites,
  planViewFromEvents,
  renderPapersText,
  renderPlanMarkdown,
  waitUntilVisible,
} from '@app/read-models';
import { AmendmentListImports, MeetingQueries } from '@app/runtime';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { logCommandId } from '../auth/logging.js';
import { CommandResponder } from '../plans/command-responder.js';
import { actorOf, envelopeFrom } from '../http/command-envelope.js';
import { asBadRequest, RequestDocuments } from '../http/request-documents.js';
import {
  AMENDMENT_EXAMPLE,
  AMENDMENT_LIST_EXAMPLE,
  MEETING_PROTOCOL_EXAMPLE,
} from '../http/openapi-examples.js';
import {
  AcceptRecommendationsDto,
  AmendmentParams,
  ContestDto,
  DeadlineDto,
  FileAmendmentDto,
  FloorDto,
  MajorityDto,
  MeetingIdParam,
  MeetingListQuery,
  PapersQuery,
  PlanVoteDto,
  PreviewQuery,
  ProtocolQuery,
  RecommendationDto,
  ReplayQuery,
  ScheduleMeetingDto,
  VoteDto,
  VotingOrderDto,
  WithdrawAmendmentDto,
} from './meeting.dto.js';

const AMENDMENT_LIST_NAMESPACE = 'b7c1e0d2-4a3f-4f6e-9c8b-5d2a1e7f3c90';

const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: false, description: 'Command id (UUID)' };

/** The fields of a DTO that are set, without the envelope's. */
function defined<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(dto).filter(([key, value]) => value !== undefined && key !== 'commandId'),
  ) as Partial<T>;
}

@ApiTags('meetings')
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: MeetingQueries,
    private readonly projections: ProjectionRunner,
    private readonly store: EventStore,
    private readonly amendmentLists: AmendmentListImports,
    private readonly documents: RequestDocuments,
    private readonly responder: CommandResponder,
    private readonly reads: ReadYourWrites,
  ) {}

  @Post('replay')
  @ApiOperation({
    summary: 'Replay a meeting protocol (YAML or JSON) as commands',
    description:
      "Schedules the meeting, files the amendments, records recommendations and votes in order; adopted amendments and the plan vote are carried into the plan with the meeting and amendment as their cause. A protocol with any problem is refused whole with every problem listed (amendment, line, field, why) and nothing is appended. Replaying the same protocol again appends nothing. `?dryRun=true` shows the resulting plan and each outcome without appending. Authorised on what the protocol names, whatever the shape: meeting_officer in the meeting's organisation and its plan's; a dry run needs only to be able to read the plan. Sent as `{ content }`, the protocol takes no other fields.",
  })
  @ApiConsumes('application/yaml', 'text/plain', 'application/json')
  @ApiBody({
    description: 'The protocol: YAML or JSON as DESIGN.md shows it, or JSON `{ content }`',
    schema: { type: 'string', example: MEETING_PROTOCOL_EXAMPLE },
  })
  @ApiResponse({ status: 201, description: 'Replayed: the outcome per amendment, the adopted revision' })
  @ApiResponse({ status: 200, description: 'Dry run: the outcome and the resulting plan (and its Markdown)' })
  @ApiResponse({ status: 400, description: 'A protocol with problems, all listed; nothing appended' })
  @ApiResponse({ status: 409, description: 'The meeting id is another meeting’s' })
  async replay(
    // Read by RequestDocuments, once for the access guard (a dry run is a read) and this handler;
    // the parameter is here for the OpenAPI description.
    @Query() _query: ReplayQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    // Read once per request (RequestDocuments): the access guard authorised this same protocol.
    const [{ protocol, lineOf, issues }, query] = await Promise.all([
      this.documents.meetingProtocol(req),
      this.documents.replayOptions(req),
    ]);
    // Its commands' ids derive from the meeting and the step; all carry this one as correlationId.
    if (query.dryRun !== true) logCommandId(req, meetingCommandId(protocol.meeting.id, 'replay'));
    const now = new Date().toISOString();
    let result: ReplayResult;
    try {
      result = await this.commandBus.execute(
        new ReplayProtocolCommand(protocol, {
          dryRun: query.dryRun === true,
          actor: actorOf(req),
          now,
          lineOf,
          issues,
        }),
      );
    } catch (error) {
      throw asBadRequest(error);
    }
    const { planEvents, ...outcome } = result;
    if (result.dryRun) {
      res.status(200);
      const plan = planViewFromEvents(planEvents, now.slice(0, 10));
      const markdown = plan ? renderPlanMarkdown(plan) : '';
      if (query.format === 'md') {
        res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
        return markdown;
      }
      return { ...outcome, plan, markdown };
    }
    await this.catchUp([meetingStreamId(result.meetingId), planStreamId(result.planId)]);
    res.setHeader('Location', `/meetings/${result.meetingId}`);
    return outcome;
  }

  @Get()
  @ApiOperation({ summary: 'Meetings, of one plan with ?planId=' })
  list(@Query() query: MeetingListQuery) {
    return this.queries.list(query.planId);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A meeting: amendments per target with status, recommendation, result and votes; conflicts per target; the suggested voting order and what is still to be voted on',
  })
  @ApiResponse({ status: 404, description: 'No such meeting' })
  async get(@Param() { id }: MeetingIdParam) {
    const meeting = await this.queries.find(id);
    if (!meeting) throw new NotFoundException(`Meeting "${id}" not found`);
    return meeting;
  }

  @Get(':id/protocol')
  @ApiOperation({
    summary: 'The meeting as recorded, in the protocol format (it replays to the same result)',
  })
  @ApiResponse({ status: 404, description: 'No such meeting' })
  async protocol(
    @Param() { id }: MeetingIdParam,
    @Query() query: ProtocolQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const protocol = await this.queries.protocol(id);
    if (!protocol) throw new NotFoundException(`Meeting "${id}" not found`);
    if (query.format === 'json') return protocol;
    res.setHeader('Content-Type', 'application/yaml; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="${id}.yaml"`);
    return protocolToYaml(protocol);
  }

  @Get(':id/papers')
  @ApiOperation({
    summary: 'The meeting papers (sakspapir): the revision the meeting treats, numbered line by line',
    description:
      'The one line numbering of the meeting: the resolver of amendments citing lines ("Linje 50 tom 53", "Ny linje 34"), the pages and the exports all read these lines. A plan imported from a document with its own line numbers keeps them (a line the document printed without a number, such as a table row, has `no: null` and is cited by the numbered lines around it); any other plan is numbered by the papers layout. `recorded` is what the meeting recorded of its papers when scheduled, `matches` whether they came out the same again.',
  })
  @ApiResponse({ status: 404, description: 'No such meeting' })
  async papers(
    @Param() { id }: MeetingIdParam,
    @Query() query: PapersQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const papers = await this.queries.papers(id);
    if (!papers) throw new NotFoundException(`Meeting "${id}" not found`);
    if (query.format === 'md') {
      res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
      return renderPapersText(papers.papers);
    }
    return papers;
  }

  @Get(':id/preview')
  @ApiOperation({
    summary: 'What-if: the plan as it would be if these pending amendments were adopted (nothing is written)',
  })
  @ApiResponse({ status: 400, description: 'An amendment that is not pending' })
  @ApiResponse({ status: 404, description: 'No such meeting, or an amendment that was never filed' })
  async preview(
    @Param() { id }: MeetingIdParam,
    @Query() query: PreviewQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const adopt = query.adopt.split(',').map(Number);
    const preview = await this.queries.preview(id, adopt);
    if (!preview) throw new NotFoundException(`Meeting "${id}" not found`);
    if (query.format === 'md') {
      res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
      return renderPlanMarkdown(preview.plan);
    }
    return preview;
  }

  @Post()
  @ApiOperation({ summary: 'Schedule a meeting that treats a plan (at its current revision by default)' })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: ScheduleMeetingDto })
  @ApiResponse({ status: 201, description: 'Scheduled (appended=false when it already was)' })
  @ApiResponse({ status: 400, description: 'Unknown body, bad date or revision' })
  @ApiResponse({ status: 404, description: 'No such plan' })
  @ApiResponse({ status: 409, description: 'Another meeting with this id' })
  async schedule(
    @Body() dto: ScheduleMeetingDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { id, ...rest } = defined(dto);
    res.setHeader('Location', `/meetings/${dto.id}`);
    return this.run(
      dto.id,
      { type: 'ScheduleMeeting', meetingId: id!, ...(rest as Omit<ScheduleMeetingDto, 'id'>) },
      req,
      dto,
    );
  }

  @Post(':id/amendments')
  @ApiOperation({
    summary:
      'File an amendment (target by address, id or lines of the draft; checked against the plan the meeting treats)',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: FileAmendmentDto, examples: { add_measure: { value: AMENDMENT_EXAMPLE } } })
  @ApiResponse({
    status: 400,
    description: 'Unknown target, text not found, unknown body...; nothing appended',
  })
  @ApiResponse({ status: 409, description: 'Its number is taken, or the meeting has voted on the plan' })
  async file(@Param() { id }: MeetingIdParam, @Body() dto: FileAmendmentDto, @Req() req: Request) {
    const { no, proposer, target, op, justification, inMeeting, ...fields } = defined(dto);
    const asOfficer = await this.leads(req, id);
    if (!asOfficer && inMeeting !== undefined)
      throw new ForbiddenException('Bare møteledelsen kan si om et forslag er fremmet i møtet');
    return this.run(
      id,
      {
        type: 'FileAmendment',
        no: no!,
        ...(proposer ? { proposer } : {}),
        target: { ...(target ?? {}) },
        op: op!,
        fields: JSON.parse(JSON.stringify(fields)),
        ...(justification ? { justification } : {}),
        filedBy: actorOf(req),
        asOfficer,
        ...(inMeeting !== undefined ? { inMeeting } : {}),
      },
      req,
      dto,
    );
  }

  @Post(':id/amendments/import')
  @ApiOperation({
    summary: 'File the amendments of a list in the text shape parties circulate',
    description:
      'Entries opened by "Forslag 1" or "1.", with Forslagsstiller, Plass ("Linje 50 tom 53", "Linje 38/39", "Ny linje 34"), Type forslag (Tillegg, Endring, Stryking), Forslag ("Stryke: «…» Erstatte med: «…»", "Erstatte avsnittet med: «…»"), Forklaring and Innstilling (vedta, avvise, vedta med endring: «…», oversendes styret), with a colon or with the label run into its value as a web page\'s table flattens it ("PlassLinje 12/13"); as text/plain or JSON `{ content }`. "Organisasjon:" and "Plan:" before the first entry must name the meeting\'s. Each entry is filed on its own against the draft the meeting treats; every entry it could not read or resolve is reported with its number and why, and a list from which nothing was filed is refused (422). Importing the same list again files nothing twice.',
  })
  @ApiConsumes('text/plain', 'application/json')
  @ApiBody({
    description: 'The list as text, or JSON `{ content }`',
    schema: { type: 'string', example: AMENDMENT_LIST_EXAMPLE },
  })
  @ApiResponse({
    status: 201,
    description:
      'The numbers filed (and those whose Innstilling it gave), and those it could not resolve, with why',
  })
  @ApiResponse({ status: 422, description: 'Nothing could be filed: every entry with its number and why' })
  @ApiResponse({ status: 400, description: 'The list names another organisation or plan than the meeting’s' })
  async importAmendments(@Param() { id }: MeetingIdParam, @Body() body: unknown, @Req() req: Request) {
    const content = typeof body === 'string' ? body : (body as { content?: unknown } | undefined)?.content;
    if (typeof content !== 'string' || content.trim() === '') {
      throw new BadRequestException('Send the amendment list as text/plain, or as `content` in a JSON body');
    }
    if (!(await this.reads.found(() => this.queries.find(id))))
      throw new NotFoundException(`Meeting "${id}" not found`);
    // Each amendment is a command of its own; all carry the list's id as correlationId.
    const listId = uuidv5(
      `${id}/${createHash('sha256').update(content).digest('hex')}`,
      AMENDMENT_LIST_NAMESPACE,
    );
    logCommandId(req, listId);
    const result = await this.amendmentLists.importList(id, content, actorOf(req), listId);
    await this.catchUp([meetingStreamId(id)]);
    // A list from which nothing could be filed is a failure, with every entry's reason.
    if (result.filed.length === 0)
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'NOTHING_FILED',
        message: 'Nothing in this amendment list could be filed',
        ...result,
      });
    return result;
  }

  @Post(':id/amendments/:no/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an amendment before it is voted on' })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: WithdrawAmendmentDto })
  async withdraw(
    @Param() { id, no }: AmendmentParams,
    @Body() dto: WithdrawAmendmentDto,
    @Req() req: Request,
  ) {
    return this.run(
      id,
      {
        type: 'WithdrawAmendment',
        no,
        ...(dto.reason ? { reason: dto.reason } : {}),
        by: actorOf(req),
        asOfficer: await this.leads(req, id),
      },
      req,
      dto,
    );
  }

  @Post(':id/deadline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the deadline for amendments (innsendingsfrist), or lift it with null',
    description:
      'Until the deadline members file their own amendments; after it only the meeting officer files, marked as put forward in the meeting.',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: DeadlineDto })
  async deadline(@Param() { id }: MeetingIdParam, @Body() dto: DeadlineDto, @Req() req: Request) {
    return this.run(id, { type: 'ChangeDeadline', deadline: dto.deadline }, req, dto);
  }

  @Post(':id/majority')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What it takes to adopt: a simple majority of the votes cast, or two thirds',
    description: 'Recorded counts are checked against it: a result they contradict is refused.',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: MajorityDto })
  async majority(@Param() { id }: MeetingIdParam, @Body() dto: MajorityDto, @Req() req: Request) {
    return this.run(id, { type: 'SetMajorityRule', rule: dto.rule }, req, dto);
  }

  @Post(':id/amendments/:no/contest')
  @HttpCode(200)
  @ApiOperation({
    summary: "Contest the committee's recommendation on an amendment: it gets a vote of its own",
    description:
      'With `contested: false` the objection is taken back and the recommendation is settled en bloc again.',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: ContestDto })
  async contest(@Param() { id, no }: AmendmentParams, @Body() dto: ContestDto, @Req() req: Request) {
    return this.run(id, { type: 'ContestRecommendation', no, contested: dto.contested ?? true }, req, dto);
  }

  @Post(':id/recommendations/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: "Accept the committee's recommendations en bloc (one vote, optional counts)",
    description:
      "Every pending amendment with an uncontested recommendation (or those named) is settled as recommended: adopted (in the committee's wording where it rewrote it) and carried into the plan, rejected, or referred; an adoption that makes another amendment impossible makes it lapse.",
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: AcceptRecommendationsDto })
  async acceptRecommendations(
    @Param() { id }: MeetingIdParam,
    @Body() dto: AcceptRecommendationsDto,
    @Req() req: Request,
  ) {
    const { nos, ...rest } = defined(dto);
    return this.run(id, { type: 'AcceptRecommendations', ...(nos ? { nos } : {}), ...rest }, req, dto);
  }

  @Post(':id/voting-order')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set the order the pending amendments are put to the vote in',
    description:
      'Those left out, and any filed later, follow in the suggested order (the most far-reaching first).',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: VotingOrderDto })
  async votingOrder(@Param() { id }: MeetingIdParam, @Body() dto: VotingOrderDto, @Req() req: Request) {
    return this.run(id, { type: 'SetVotingOrder', order: dto.order }, req, dto);
  }

  @Post(':id/floor')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What the meeting treats now ("now being treated"): shown on the hall\'s screen and to the delegates',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: FloorDto })
  async floor(@Param() { id }: MeetingIdParam, @Body() dto: FloorDto, @Req() req: Request) {
    const item: FloorItem | null =
      dto.kind === 'none'
        ? null
        : dto.kind === 'amendment'
          ? { kind: 'amendment', no: dto.no! }
          : { kind: dto.kind };
    return this.run(id, { type: 'SetFloor', item }, req, dto);
  }

  @Post(':id/amendments/:no/recommendation')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The drafting committee's recommendation: adopt, reject, adopt_modified (with the text) or refer",
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: RecommendationDto })
  async recommend(@Param() { id, no }: AmendmentParams, @Body() dto: RecommendationDto, @Req() req: Request) {
    return this.run(
      id,
      {
        type: 'GiveRecommendation',
        no,
        recommendation: dto.recommendation,
        ...(dto.modified ? { modified: JSON.parse(JSON.stringify(defined(dto.modified))) } : {}),
        ...(dto.note ? { note: dto.note } : {}),
      },
      req,
      dto,
    );
  }

  @Post(':id/amendments/:no/vote')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the vote on an amendment; an adopted one is carried into the plan (or lapses if an earlier one made it impossible)',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: VoteDto })
  async vote(@Param() { id, no }: AmendmentParams, @Body() dto: VoteDto, @Req() req: Request) {
    const { result, ...rest } = defined(dto);
    return this.run(id, { type: 'RecordVote', no, result: result!, ...rest }, req, dto);
  }

  @Post(':id/plan-vote')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The vote on the plan as a whole; adopted, it adopts the next revision of the plan',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: PlanVoteDto })
  @ApiResponse({ status: 409, description: 'Amendments still to be voted on' })
  async planVote(@Param() { id }: MeetingIdParam, @Body() dto: PlanVoteDto, @Req() req: Request) {
    const { result, ...rest } = defined(dto);
    return this.run(id, { type: 'VotePlan', result: result!, ...rest }, req, dto);
  }

  /**
   * Whether the caller leads meetings in the meeting's organisation (meeting officer or admin):
   * they file after the deadline and on anyone's behalf, and withdraw any amendment; a member only
   * their own, before the deadline.
   */
  private async leads(req: Request, meetingId: string): Promise<boolean> {
    const [first] = await this.store.readStream(meetingStreamId(meetingId), { maxCount: 1 });
    if (!first) throw new NotFoundException(`Meeting "${meetingId}" not found`);
    const organisationId = String((first.data as { organisationId?: unknown }).organisationId ?? '');
    return grantsAllow(req.principal?.grants ?? [], 'meeting_officer', organisationId);
  }

  private async run(meetingId: string, change: MeetingChange, req: Request, dto: { commandId?: string }) {
    const envelope = envelopeFrom(req, { commandId: dto.commandId });
    const outcome: MeetingOutcome = await this.commandBus.execute(
      new ChangeMeetingCommand(meetingId, change, envelope),
    );
    // Answered as every command is (the ETag of the meeting's revision, read-your-writes), at the
    // position of the last event the decision appended, the plan's included.
    const position = latestOf([outcome.position, ...outcome.planOutcomes.map((o) => o.position)]);
    return {
      meetingId,
      ...this.responder.accepted({ ...outcome, position }, req.res!),
      planChanges: outcome.planOutcomes.filter((o) => o.appended).length,
    };
  }

  /**
   * Answer once the read models have the newest events of these streams, so a following GET sees
   * what was written. Not the store's head: that stops below any transaction still open, and
   * another client's open append would let this answer before its own events were applied.
   */
  private async catchUp(streamIds: readonly string[]): Promise<void> {
    const newest = await Promise.all(
      streamIds.map((id) => this.store.readStream(id, { direction: 'backwards', maxCount: 1 })),
    );
    await this.catchUpTo(newest.flat().map((e) => e.position));
  }

  private async catchUpTo(positions: readonly (Position | undefined)[]): Promise<void> {
    const last = latestOf(positions);
    // Longer than a read waits (ReadYourWrites, 5 s), up to 10 s: a replay or a list appends
    // hundreds of events at once, and the projections take longer to apply them than one command's.
    if (last) await waitUntilVisible(this.projections, this.store, last, { boundMs: 10_000 });
  }
}

/** The latest of the positions given. */
function latestOf(positions: readonly (Position | undefined)[]): Position | undefined {
  return positions.reduce<Position | undefined>(
    (max, p) => (p && (!max || comparePositions(p, max) > 0) ? p : max),
    undefined,
  );
}
