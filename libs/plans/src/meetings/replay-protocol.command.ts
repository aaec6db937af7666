import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  decideSequence,
  evolvePlan,
  givenAmendmentFields,
  isPlanEvent,
  planDecider,
  type AmendmentStatus,
  type ExistingMeeting,
  type ExistingPlan,
  type MeetingEvent,
  type MeetingState,
  type PlanCommand,
  type PlanEvent,
  type PlanState,
} from '@app/domain';
import {
  ExpectedRevisionConflict,
  eventRecordOf,
  simulatedEventRecords,
  type EventRecord,
  type EventToAppend,
  type RecordedEvent,
} from '@app/event-store';
import {
  ProtocolError,
  isPlanVote,
  isRecommendationsVote,
  type MeetingProtocol,
  type ProtocolAmendment,
  type ProtocolIssue,
} from '@app/plan-document';
import { CommandBus } from '@nestjs/cqrs';
import { foldStream } from '../decider-runner.js';
import { planStreamId } from '../plan-stream.js';
import { ChangeMeetingCommand } from './change-meeting.command.js';
import { planStepsOf, type MeetingPlanStep } from './meeting-decisions.js';
import { MeetingFacts, type PlanHistoryFacts } from './meeting-facts.js';
import { carriedIntoPlan, meetings, withFacts, type MeetingChange } from './meeting-changes.js';
import { meetingCommandId, meetingStreamId } from './meeting-stream.js';
import {
  appendsOf,
  replayAppends,
  replayStepBinding,
  replayStepEnvelope,
  type DecidedMeetingStep,
  type DecidedPlanStep,
} from './replay-appends.js';

type Path = Array<string | number>;

/** One command of a protocol, and where in the protocol it came from (for its problems). */
interface ProtocolStep {
  readonly change: MeetingChange;
  /** Names the step in the meeting: its command id derives from it. */
  readonly step: string;
  readonly amendment: number | undefined;
  readonly at: Path;
  /** Where a problem with a field of the command points in the protocol. */
  readonly fieldPath: (field: string | undefined) => Path;
}

/** A plan event as the dry run shows it: recorded ones with their revision, simulated ones after them. */
export type PlanEventRecord = EventRecord;

export interface AmendmentReplayOutcome {
  readonly no: number;
  readonly target: string;
  readonly op: string;
  readonly status: AmendmentStatus;
  readonly recommendation: string | null;
  /** Why it lapsed or was withdrawn. */
  readonly reason: string | null;
  /** Adopted in the committee's modified wording. */
  readonly modified: boolean;
  /** The result the protocol gave, where the replay recorded another (adopted, but it had lapsed). */
  readonly voted: string | null;
}

export interface ReplayResult {
  readonly meetingId: string;
  readonly planId: string;
  readonly dryRun: boolean;
  readonly amendments: AmendmentReplayOutcome[];
  readonly planVote: 'adopted' | 'rejected' | null;
  /** The plan's adopted revision after the meeting (as it would be, in a dry run). */
  readonly adoptedRevision: number;
  /** Events appended to the meeting's and the plan's streams (0 in a dry run, and for a protocol replayed before). */
  readonly appended: number;
  /** The plan's events with those the meeting adds (simulated in a dry run), to show the resulting plan. */
  readonly planEvents: PlanEventRecord[];
}

export class ReplayProtocolCommand extends Command<ReplayResult> {
  constructor(
    readonly protocol: MeetingProtocol,
    readonly options: {
      readonly dryRun: boolean;
      readonly actor: string;
      readonly now: string;
      /** The line of a field of the protocol text, for problems found against the plan. */
      readonly lineOf?: (path: Path) => number | undefined;
      /**
       * Problems of its shape the parser found (the amendments and votes they concern are left out
       * of `protocol`): answered with the problems found against the plan, all at once.
       */
      readonly issues?: readonly ProtocolIssue[];
    },
  ) {
    super();
  }
}

/** The commands a protocol stands for, in order: schedule, file, recommend, then the votes as taken. */
export function protocolSteps(protocol: MeetingProtocol, actor?: string): ProtocolStep[] {
  const m = protocol.meeting;
  const meetingFields: Record<string, string> = {
    organisationId: 'org',
    planId: 'plan',
    planRevision: 'planRevision',
    body: 'body',
    date: 'date',
    deadline: 'deadline',
    majority: 'majority',
  };
  const steps: ProtocolStep[] = [
    {
      change: {
        type: 'ScheduleMeeting',
        meetingId: m.id,
        organisationId: m.org,
        body: m.body,
        date: m.date,
        planId: m.plan,
        ...(m.planRevision !== undefined ? { planRevision: m.planRevision } : {}),
        ...(m.title ? { title: m.title } : {}),
        ...(m.edition ? { edition: m.edition } : {}),
        ...(m.deadline ? { deadline: m.deadline } : {}),
        ...(m.majority ? { majority: m.majority } : {}),
      },
      step: 'schedule',
      amendment: undefined,
      at: ['meeting'],
      fieldPath: (field) => ['meeting', ...(field && meetingFields[field] ? [meetingFields[field]!] : [])],
    },
  ];
  const byNo = new Map<number, number>();
  protocol.amendments.forEach((a: ProtocolAmendment, i) => {
    byNo.set(a.no, i);
    const at: Path = ['amendments', i];
    const fieldPath = (field: string | undefined): Path =>
      field && field !== 'no' ? [...at, ...field.split('.')] : [...at, field ?? 'no'];
    steps.push({
      change: {
        type: 'FileAmendment',
        no: a.no,
        ...(a.proposer ? { proposer: a.proposer } : {}),
        target: a.target ?? {},
        op: a.op,
        fields: givenAmendmentFields(a),
        ...(a.justification ? { justification: a.justification } : {}),
        // The protocol is the record: who filed it, and whether in the meeting, as it says.
        asOfficer: true,
        inMeeting: a.inMeeting === true,
        ...(a.filedBy ? { filedBy: a.filedBy } : actor ? { filedBy: actor } : {}),
      },
      step: `amendment-${a.no}/file`,
      amendment: a.no,
      at,
      fieldPath,
    });
  });
  protocol.amendments.forEach((a, i) => {
    if (!a.recommendation) return;
    const at: Path = ['amendments', i];
    steps.push({
      change: {
        type: 'GiveRecommendation',
        no: a.no,
        recommendation: a.recommendation as never,
        ...(a.modified ? { modified: givenAmendmentFields(a.modified) } : {}),
        ...(a.recommendationNote ? { note: a.recommendationNote } : {}),
      },
      step: `amendment-${a.no}/recommendation`,
      amendment: a.no,
      at,
      fieldPath: (field) =>
        field === 'recommendation' || field === 'modified' || !field
          ? [...at, field ?? 'recommendation']
          : [...at, 'modified', ...field.split('.')],
    });
  });
  protocol.amendments.forEach((a, i) => {
    if (!a.contested) return;
    const at: Path = ['amendments', i];
    steps.push({
      change: { type: 'ContestRecommendation', no: a.no, contested: true },
      step: `amendment-${a.no}/contest`,
      amendment: a.no,
      at,
      fieldPath: () => [...at, 'contested'],
    });
  });
  if (protocol.votingOrder && protocol.votingOrder.length > 0) {
    steps.push({
      change: { type: 'SetVotingOrder', order: [...protocol.votingOrder] },
      step: 'voting-order',
      amendment: undefined,
      at: ['votingOrder'],
      fieldPath: () => ['votingOrder'],
    });
  }
  protocol.votes.forEach((v, j) => {
    const at: Path = ['votes', j];
    const counts = {
      ...(v.for !== undefined ? { for: v.for } : {}),
      ...(v.against !== undefined ? { against: v.against } : {}),
      ...(v.abstain !== undefined ? { abstain: v.abstain } : {}),
    };
    if (isRecommendationsVote(v)) {
      steps.push({
        change: { type: 'AcceptRecommendations', nos: [...v.amendments], ...counts },
        step: `recommendations-${j}`,
        amendment: undefined,
        at,
        fieldPath: (field) => [...at, field === 'nos' || !field ? 'amendments' : field],
      });
      return;
    }
    if (isPlanVote(v)) {
      steps.push({
        change: { type: 'VotePlan', result: v.plan, ...counts },
        step: 'plan-vote',
        amendment: undefined,
        at,
        fieldPath: (field) => [...at, field === 'result' || !field ? 'plan' : field],
      });
      return;
    }
    steps.push({
      change: {
        type: 'RecordVote',
        no: v.amendment,
        result: v.result,
        ...counts,
        ...(v.reason ? { reason: v.reason } : {}),
        ...(v.modified !== undefined ? { modified: v.modified } : {}),
      },
      step: `amendment-${v.amendment}/vote`,
      amendment: v.amendment,
      at,
      fieldPath: (field) => [...at, field === 'no' || !field ? 'amendment' : field],
    });
  });
  return steps;
}

/**
 * What is wrong with the plan a protocol names: the meeting, recorded already, treats another
 * plan; the plan is not there. (At the api, a plan the caller may not read is not there either,
 * in the same words.)
 */
export function meetingPlanProblems(
  protocol: MeetingProtocol,
  recordedPlanId: string | undefined,
  planExists: boolean,
  lineOf?: (path: Path) => number | undefined,
): ProtocolIssue[] {
  const at = (message: string): ProtocolIssue => {
    const line = lineOf?.(['meeting', 'plan']);
    return { ...(line !== undefined ? { line } : {}), field: 'meeting.plan', message };
  };
  return [
    ...(recordedPlanId !== undefined && recordedPlanId !== protocol.meeting.plan
      ? [
          at(
            `Møtet ${protocol.meeting.id} behandler planen «${recordedPlanId}», ikke «${protocol.meeting.plan}»`,
          ),
        ]
      : []),
    ...(planExists ? [] : [at(`Planen «${protocol.meeting.plan}» finnes ikke`)]),
  ];
}

/** Problems in the order of the protocol's lines (those without a line last, as found). */
const byLine = (problems: readonly ProtocolIssue[]): ProtocolIssue[] =>
  problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.i - b.i)
    .map(({ p }) => p);

const pathText = (segments: Path): string =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/** What a protocol decided in memory, step by step: the dry run, and what the replay appends. */
interface DecidedProtocol {
  readonly meeting: MeetingState;
  readonly plan: ExistingPlan;
  readonly meetingSteps: DecidedMeetingStep[];
  readonly planSteps: DecidedPlanStep[];
  /** The result each RecordVote of the protocol gave. */
  readonly voted: ReadonlyMap<number, string>;
  /**
   * A step whose command id the meeting's stream holds already decided something new: the
   * protocol says otherwise under a step recorded before (its command is answered as the first
   * time, and nothing of it appended). Rare enough to run as commands one by one.
   */
  readonly recordedStepDecidesAgain: boolean;
}

/** How often a replay is decided again after another command appended to its meeting or plan meanwhile. */
const CONFLICT_ATTEMPTS = 5;

/**
 * Replays a meeting protocol as commands. Everything is first decided in memory, with the pure
 * deciders, against the plan: a protocol with any problem is refused whole, listing them all,
 * and nothing is appended. A dry run stops there and shows the outcome. Otherwise what was
 * decided is appended as the commands one by one would have appended it (the same events, ids
 * and metadata: replay-appends.ts), the meeting's events and then the plan's in a few appends of
 * whole commands, each at the revision it was decided on (docs/adr/0025). Command ids derive from
 * the meeting and step, so a protocol replayed again appends nothing, and one replayed after a
 * failure part way records the rest and carries the meeting's recorded decisions into the plan,
 * as the process manager would.
 */
@CommandHandler(ReplayProtocolCommand)
export class ReplayProtocolHandler implements ICommandHandler<ReplayProtocolCommand, ReplayResult> {
  constructor(
    private readonly facts: MeetingFacts,
    private readonly commandBus: CommandBus,
  ) {}

  async execute(command: ReplayProtocolCommand): Promise<ReplayResult> {
    // What this replay appended, over its attempts (a meeting's decisions appended before a
    // conflict on the plan are this replay's all the same).
    const appended = { events: 0 };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.replay(command, appended);
      } catch (error) {
        // Another command appended to the meeting or the plan between reading and appending (a
        // status report on the plan): decide again on the newer streams, as each command would.
        if (!(error instanceof ExpectedRevisionConflict) || attempt >= CONFLICT_ATTEMPTS) throw error;
      }
    }
  }

  private async replay(
    { protocol, options }: ReplayProtocolCommand,
    appended: { events: number },
  ): Promise<ReplayResult> {
    const meetingId = protocol.meeting.id;
    const steps = protocolSteps(protocol, options.actor);
    const store = this.facts.store;
    const meetingBefore = await store.readStream(meetingStreamId(meetingId));
    const history = await this.facts.planHistory(protocol.meeting.plan);
    const problems: ProtocolIssue[] = [...(options.issues ?? [])];
    const existing = foldStream(meetings, meetingBefore);
    const plan = history.plan();
    problems.push(
      ...meetingPlanProblems(
        protocol,
        existing.status === 'none' ? undefined : existing.planId,
        plan !== undefined,
        options.lineOf,
      ),
    );
    if (!plan) throw new ProtocolError(byLine(problems));
    const bodies = await this.facts.organisationBodies(plan.organisationId);

    const decided = this.decide(
      protocol,
      steps,
      meetingBefore,
      existing,
      history,
      plan,
      bodies,
      options,
      problems,
    );
    if (problems.length > 0) throw new ProtocolError(byLine(problems));
    const { meeting, voted } = decided;
    if (meeting.status === 'none') throw new ProtocolError([{ field: 'meeting', message: 'Ikke noe møte' }]);

    if (options.dryRun) {
      const planEvents = [
        ...history.events.map(eventRecordOf),
        ...simulatedEventRecords(
          decided.planSteps.flatMap((s) => s.events),
          {
            after: history.revisionNow,
            effectiveAt: meeting.date,
            actor: options.actor,
            cause: { kind: 'meeting', meetingId },
            recordedAt: options.now,
          },
        ),
      ];
      return this.result(protocol, meeting, voted, decided.plan, planEvents, true, 0);
    }
    if (decided.recordedStepDecidesAgain)
      return this.replayAsCommands(protocol, steps, options, history, voted, appended.events);

    const appends = await replayAppends(
      { meetingId, date: protocol.meeting.date, actor: options.actor, now: options.now },
      meeting,
      decided.meetingSteps,
      decided.planSteps,
    );
    // The meeting's decisions first, then what they do to the plan, each command's events in
    // one append: a replay that fails part way finds the decisions it recorded, records the
    // rest and carries into the plan what is not there yet when retried.
    const append = async (
      streamId: string,
      commands: readonly (readonly EventToAppend[])[],
      after: bigint | undefined,
    ): Promise<void> => {
      let revision = after;
      for (const events of appendsOf(commands)) {
        const result = await store.appendToStream(streamId, events, {
          expectedRevision: revision ?? 'no_stream',
        });
        if (result.appended) appended.events += events.length;
        revision = result.nextExpectedRevision;
      }
    };
    const planStream = planStreamId(protocol.meeting.plan);
    await append(meetingStreamId(meetingId), appends.meeting, meetingBefore.at(-1)?.revision);
    await append(planStream, appends.plan, BigInt(history.revisionNow));
    // The plan's events as stored, for the result (the plan page of a client that asks).
    const planAfter = [
      ...history.events,
      ...(appends.plan.length > 0
        ? await store.readStream(planStream, { fromRevision: BigInt(history.revisionNow + 1) })
        : []),
    ];
    return this.result(
      protocol,
      meeting,
      voted,
      decided.plan,
      planAfter.map(eventRecordOf),
      false,
      appended.events,
    );
  }

  /**
   * The whole protocol decided in memory, step by step, against the meeting and the plan as
   * recorded: each step's meeting events, and the plan commands its decisions stand for with
   * their events (as the process manager, MeetingDecisions, would run them). Problems are
   * added to `problems`, each where the protocol says it.
   */
  private decide(
    protocol: MeetingProtocol,
    steps: readonly ProtocolStep[],
    meetingBefore: readonly RecordedEvent[],
    existing: MeetingState,
    history: PlanHistoryFacts,
    plan: ExistingPlan,
    bodies: readonly string[],
    options: ReplayProtocolCommand['options'],
    problems: ProtocolIssue[],
  ): DecidedProtocol {
    const meetingId = protocol.meeting.id;
    const problem = (step: ProtocolStep | undefined, path: Path, message: string): void => {
      const line = options.lineOf?.(path);
      problems.push({
        ...(step?.amendment !== undefined ? { amendment: step.amendment } : {}),
        ...(line !== undefined ? { line } : {}),
        field: pathText(path),
        message,
      });
    };
    const recordedSteps = commandIdsOf(meetingBefore);
    const planCommands = commandIdsOf(history.events);
    // Plan commands of decisions recorded before that never reached the plan (a replay that
    // failed between its appends): the process manager runs them before the next decision.
    let pending =
      existing.status === 'none'
        ? []
        : planStepsOf(meetingId, meetingEventsOf(meetingBefore), existing).filter(
            (s) => !planCommands.has(s.commandId),
          );

    let meeting: MeetingState = existing;
    let current: ExistingPlan = plan;
    const meetingSteps: DecidedMeetingStep[] = [];
    const planSteps: DecidedPlanStep[] = [];
    const voted = new Map<number, string>();
    let recordedStepDecidesAgain = false;
    const carry = (toRun: readonly MeetingPlanStep[]): void => {
      const applied = this.simulatePlan(toRun, current, bodies, options.now);
      current = applied.plan;
      planSteps.push(...applied.steps);
    };
    for (const step of steps) {
      try {
        if (pending.length > 0 && carriedIntoPlan(step.change)) {
          carry(pending);
          pending = [];
        }
        const command = withFacts(step.change, meeting, history, bodies, options.now, current);
        const events = meetings.decide(command, meeting);
        meeting = events.reduce(meetings.evolve, meeting);
        meetingSteps.push({ step, events });
        if (events.length > 0 && recordedSteps.has(meetingCommandId(meetingId, step.step))) {
          recordedStepDecidesAgain = true;
        }
        if (meeting.status !== 'none') {
          carry(planStepsOf(meetingId, events, meeting).filter((s) => !planCommands.has(s.commandId)));
        }
        if (step.change.type === 'RecordVote') voted.set(step.change.no, step.change.result);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const field = typeof error.details.field === 'string' ? error.details.field : undefined;
        problem(step, step.fieldPath(field), error.message);
        if (step.change.type === 'ScheduleMeeting' && meeting.status === 'none') {
          // Check the amendments all the same, against a meeting as the protocol describes it.
          meeting = meetings.evolve(meeting, {
            type: 'MeetingScheduled',
            data: {
              meetingId,
              organisationId: step.change.organisationId,
              body: step.change.body,
              date: step.change.date,
              planId: step.change.planId,
              planRevision: step.change.planRevision ?? history.revisionNow,
            },
          });
        }
      }
    }
    return { meeting, plan: current, meetingSteps, planSteps, voted, recordedStepDecidesAgain };
  }

  /**
   * The protocol's steps as commands one by one, each appended and carried into the plan by the
   * process manager: for a protocol that says otherwise under steps recorded before, whose
   * commands are answered as the first time (appending nothing of them), as they always were.
   */
  private async replayAsCommands(
    protocol: MeetingProtocol,
    steps: readonly ProtocolStep[],
    options: ReplayProtocolCommand['options'],
    history: PlanHistoryFacts,
    voted: ReadonlyMap<number, string>,
    appendedBefore: number,
  ): Promise<ReplayResult> {
    const meetingId = protocol.meeting.id;
    const store = this.facts.store;
    const meetingBefore = await store.readStream(meetingStreamId(meetingId));
    const replay = { meetingId, date: protocol.meeting.date, actor: options.actor, now: options.now };
    for (const step of steps) {
      await this.commandBus.execute(
        new ChangeMeetingCommand(
          meetingId,
          step.change,
          replayStepEnvelope(step, replay),
          replayStepBinding(meetingId, step),
        ),
      );
    }
    const meetingAfter = await store.readStream(meetingStreamId(meetingId));
    const planAfter = await store.readStream(planStreamId(protocol.meeting.plan));
    const finalMeeting = foldStream(meetings, meetingAfter);
    const finalPlan = this.facts.planHistoryOf(planAfter).plan() ?? history.plan()!;
    const appended =
      appendedBefore +
      meetingAfter.length -
      meetingBefore.length +
      (planAfter.length - history.events.length);
    return this.result(
      protocol,
      finalMeeting,
      voted,
      finalPlan,
      planAfter.map(eventRecordOf),
      false,
      appended,
    );
  }

  /** What plan commands a meeting's decisions stand for do to the plan, decided with the plan's own decider. */
  private simulatePlan(
    steps: readonly MeetingPlanStep[],
    plan: ExistingPlan,
    bodies: readonly string[],
    now: string,
  ): { plan: ExistingPlan; steps: DecidedPlanStep[] } {
    const out: DecidedPlanStep[] = [];
    let state: PlanState = plan;
    for (const step of steps) {
      const command = {
        ...step.change,
        now,
        ...(step.change.type === 'AddMeasure' || step.change.type === 'ReassignMeasure'
          ? { organisationBodies: bodies }
          : {}),
      } as PlanCommand;
      try {
        const decided: PlanEvent[] = decideSequence(planDecider, [command], state);
        state = decided.reduce(evolvePlan, state);
        out.push({ step, events: decided });
      } catch (error) {
        // A plan adopted already with nothing changed since: the meeting's adoption is that revision.
        if (error instanceof DomainError && error.code === 'NOTHING_TO_ADOPT') continue;
        throw error;
      }
    }
    return { plan: state as ExistingPlan, steps: out };
  }

  private result(
    protocol: MeetingProtocol,
    meeting: MeetingState,
    voted: ReadonlyMap<number, string>,
    plan: ExistingPlan,
    planEvents: PlanEventRecord[],
    dryRun: boolean,
    appended: number,
  ): ReplayResult {
    const m = meeting as ExistingMeeting;
    const amendments = protocol.amendments.map((p): AmendmentReplayOutcome => {
      const a = m.amendments.get(p.no);
      const said = voted.get(p.no);
      return {
        no: p.no,
        target: a?.target.address ?? '',
        op: a?.op ?? p.op,
        status: a?.status ?? 'filed',
        recommendation: a?.recommendation?.recommendation ?? null,
        reason: a?.vote?.reason ?? a?.withdrawnReason ?? null,
        modified: a?.vote?.modified === true,
        voted: said !== undefined && a && said !== a.status && said !== a.vote?.result ? said : null,
      };
    });
    return {
      meetingId: protocol.meeting.id,
      planId: protocol.meeting.plan,
      dryRun,
      amendments,
      planVote: m.planVote?.result ?? null,
      adoptedRevision: plan.adoptedRevision,
      appended,
      planEvents: planEvents.filter((e) => isPlanEvent(e)),
    };
  }
}

/** The command ids a stream's events were appended under. */
function commandIdsOf(events: readonly RecordedEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events)
    if (typeof event.metadata.commandId === 'string') ids.add(event.metadata.commandId);
  return ids;
}

function meetingEventsOf(events: readonly RecordedEvent[]): MeetingEvent[] {
  return events.filter((e) => meetings.isEvent(e)).map((e) => e as unknown as MeetingEvent);
}
