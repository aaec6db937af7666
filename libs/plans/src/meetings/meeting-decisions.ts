import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, type ExistingMeeting, type MeetingEvent } from '@app/domain';
import { EventStore } from '@app/event-store';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import { ChangePlanCommand, type PlanChange } from '../commands/change-plan.command.js';
import { foldStream } from '../decider-runner.js';
import { planStreamId } from '../plan-stream.js';
import { meetings } from './meeting-changes.js';
import { meetingCommandId, meetingStreamId } from './meeting-stream.js';

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
 * The process manager of a meeting: every adopted amendment's changes and the adoption of the
 * plan, run as the plan's own commands with the meeting and amendment as their cause and the
 * meeting's date as the date they took effect. Command ids derive from the meeting and the
 * step, so running it again (after a crash, or a replayed protocol) does nothing twice.
 */
@Injectable()
export class MeetingDecisions {
  constructor(
    private readonly store: EventStore,
    private readonly commandBus: CommandBus,
  ) {}

  async apply(
    meetingId: string,
    envelope: Pick<CommandEnvelope, 'actor' | 'now' | 'correlationId' | 'commandId'>,
  ): Promise<CommandOutcome[]> {
    const recorded = await this.store.readStream(meetingStreamId(meetingId));
    const meeting = foldStream(meetings, recorded);
    if (meeting.status === 'none') return [];
    const events = recorded.filter((e) => meetings.isEvent(e)) as unknown as MeetingEvent[];
    const steps = planStepsOf(meetingId, events, meeting);
    if (steps.length === 0) return [];
    const done = new Set(
      (await this.store.readStream(planStreamId(meeting.planId))).map((e) => e.metadata.commandId),
    );
    const outcomes: CommandOutcome[] = [];
    for (const step of steps) {
      if (done.has(step.commandId)) continue;
      try {
        outcomes.push(
          await this.commandBus.execute(
            new ChangePlanCommand(meeting.planId, step.change, {
              commandId: step.commandId,
              actor: envelope.actor,
              correlationId: envelope.correlationId ?? envelope.commandId,
              cause: {
                kind: 'meeting',
                meetingId,
                ...(step.amendmentNo !== undefined ? { amendmentNo: step.amendmentNo } : {}),
              },
              effectiveAt: meeting.date,
              now: envelope.now,
            }),
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
