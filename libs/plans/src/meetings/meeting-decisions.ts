import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, type ExistingMeeting, type MeetingEvent, type MeetingState } from '@app/domain';
import { EventStore } from '@app/event-store';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { ChangePlanCommand, type PlanChange } from '../commands/change-plan.command.js';
import { FoldedStreams, type Fold } from '../folded-streams.js';
import { PlanCommandRunner } from '../plan-command-runner.js';
import { meetings } from './meeting-changes.js';
import { meetingCommandId, meetingOwner, meetingStreamId } from './meeting-stream.js';

/** One plan command a meeting's decisions stand for, with the command id that makes it happen once. */
export interface MeetingPlanStep {
  readonly commandId: string;
  readonly amendmentNo: number | undefined;
  readonly change: PlanChange;
}

/** The plan commands a meeting's recorded decisions stand for, in the order they were taken. */
export function planStepsOf(
  meetingId: string,
  events: readonly MeetingEvent[],
  meeting: ExistingMeeting,
): MeetingPlanStep[] {
  const steps: MeetingPlanStep[] = [];
  for (const event of events) {
    if (event.type === 'VoteRecorded' && event.data.result === 'adopted') {
      (event.data.changes ?? []).forEach((change, i) =>
        steps.push({
          commandId: meetingCommandId(meetingId, `amendment-${event.data.no}/change-${i}`),
          amendmentNo: event.data.no,
          change,
        }),
      );
    }
    if (event.type === 'PlanVoted' && event.data.result === 'adopted') {
      steps.push({
        commandId: meetingCommandId(meetingId, 'plan-adopted'),
        amendmentNo: undefined,
        change: {
          type: 'AdoptPlan',
          body: meeting.body,
          date: meeting.date,
          decisionRef: meeting.id,
          ...(meeting.edition ? { edition: meeting.edition } : {}),
        },
      });
    }
  }
  return steps;
}

/**
 * The envelope of a plan command a meeting's decision stands for: the meeting's command id for
 * the step, the meeting and amendment as its cause, the meeting's date as the date it took
 * effect. `envelope`: the meeting command (or replay) that set it off.
 */
export function planStepEnvelope(
  meeting: ExistingMeeting,
  step: MeetingPlanStep,
  envelope: Pick<CommandEnvelope, 'actor' | 'now' | 'correlationId' | 'commandId'>,
): CommandEnvelope {
  return {
    commandId: step.commandId,
    actor: envelope.actor,
    owner: meetingOwner(meeting.id),
    correlationId: envelope.correlationId ?? envelope.commandId,
    cause: {
      kind: 'meeting',
      meetingId: meeting.id,
      ...(step.amendmentNo !== undefined ? { amendmentNo: step.amendmentNo } : {}),
    },
    effectiveAt: meeting.date,
    now: envelope.now,
  };
}

/**
 * The process manager of a meeting: every adopted amendment's changes and the adoption of the
 * plan, run as the plan's own commands with the meeting and amendment as their cause and the
 * meeting's date as the date they took effect. Command ids derive from the meeting and the
 * step, so running it again (after a crash, or a replayed protocol) does nothing twice.
 */
@Injectable()
export class MeetingDecisions {
  /**
   * Each meeting's events and fold as last read: a 300-amendment meeting runs this before and
   * after each of its ~300 votes, so each run reads only what is new.
   */
  private readonly recordedMeetings: FoldedStreams<MeetingEvent, RecordedMeeting>;

  constructor(
    store: EventStore,
    private readonly commandBus: CommandBus,
    private readonly plans: PlanCommandRunner,
  ) {
    this.recordedMeetings = new FoldedStreams(store, meetingWithEvents, { capacity: MEETINGS_KEPT });
  }

  async apply(
    meetingId: string,
    envelope: Pick<CommandEnvelope, 'actor' | 'now' | 'correlationId' | 'commandId'>,
  ): Promise<CommandOutcome[]> {
    const { meeting, events } = (await this.recordedMeetings.load(meetingStreamId(meetingId))).state;
    if (meeting.status === 'none') return [];
    const steps = planStepsOf(meetingId, events, meeting);
    if (steps.length === 0) return [];
    // The commands the plan's stream holds, as the plan's folded stream knows them (read up to
    // its newest event), rather than every event of a plan followed up for years.
    const done = await this.plans.commandsOf(meeting.planId);
    const outcomes: CommandOutcome[] = [];
    for (const step of steps) {
      if (done.has(step.commandId)) continue;
      try {
        outcomes.push(
          await this.commandBus.execute(
            new ChangePlanCommand(meeting.planId, step.change, planStepEnvelope(meeting, step, envelope)),
          ),
        );
      } catch (error) {
        // A plan adopted already with nothing changed since: the meeting's adoption is that revision.
        if (error instanceof DomainError && error.code === 'NOTHING_TO_ADOPT') continue;
        throw error;
      }
    }
    return outcomes;
  }
}

/** A meeting's events so far and their fold. */
interface RecordedMeeting {
  readonly events: readonly MeetingEvent[];
  readonly meeting: MeetingState;
}

const meetingWithEvents: Fold<MeetingEvent, RecordedMeeting> = {
  initialState: () => ({ events: [], meeting: meetings.initialState() }),
  evolve: ({ events, meeting }, event) => ({
    events: [...events, event],
    meeting: meetings.evolve(meeting, event),
  }),
  isEvent: meetings.isEvent,
};

/** Meetings whose events a process keeps (a meeting is held one at a time). */
const MEETINGS_KEPT = 8;
