import type { ExistingMeeting, MeetingEvent, PlanEvent } from '@app/domain';
import type { EventToAppend } from '@app/event-store';
import type { CommandEnvelope } from '../command-envelope.js';
import { commandDigest, sentContent } from '../command-ids.js';
import { eventsToAppend } from '../decider-runner.js';
import { planStepEnvelope, type MeetingPlanStep } from './meeting-decisions.js';
import { meetingCommandId, meetingOwner } from './meeting-stream.js';

/** One step of a replayed protocol as the meeting's stream knows it: its name, and the amendment it concerns. */
export interface ReplayStep {
  /** Names the step in the meeting: its command id derives from it. */
  readonly step: string;
  readonly amendment: number | undefined;
}

/** Who replays, and when: what every command of a replay carries. */
export interface ReplayContext {
  readonly meetingId: string;
  /** The meeting's date: when what it decided took effect. */
  readonly date: string;
  readonly actor: string;
  readonly now: string;
}

/**
 * The envelope of one step of a replayed protocol: a command id derived from the meeting and
 * the step (so the same protocol replayed again repeats it), the meeting as its owner, the
 * replay as the correlation of all of them, the meeting and amendment as the cause.
 */
export function replayStepEnvelope(step: ReplayStep, replay: ReplayContext): CommandEnvelope {
  const { meetingId } = replay;
  return {
    commandId: meetingCommandId(meetingId, step.step),
    actor: replay.actor,
    owner: meetingOwner(meetingId),
    correlationId: replayCorrelationId(meetingId),
    cause: {
      kind: 'meeting',
      meetingId,
      ...(step.amendment !== undefined ? { amendmentNo: step.amendment } : {}),
    },
    effectiveAt: replay.date,
    now: replay.now,
  };
}

/** The correlation id of every command of a meeting's replay (and what its request logs). */
export function replayCorrelationId(meetingId: string): string {
  return meetingCommandId(meetingId, 'replay');
}

/**
 * What a replay's step id is bound to (command-ids.ts): its meeting and step, not the command as
 * written, since the same protocol is written in more than one way (its export names the plan
 * revision the original left to default, another officer files it).
 */
export function replayStepBinding(meetingId: string, step: ReplayStep): { meetingId: string; step: string } {
  return { meetingId, step: step.step };
}

/** A step of the protocol and the meeting events it decided (none: a step recorded before). */
export interface DecidedMeetingStep {
  readonly step: ReplayStep;
  readonly events: readonly MeetingEvent[];
}

/** A plan command a decision of the meeting stands for, and the plan events it decided. */
export interface DecidedPlanStep {
  readonly step: MeetingPlanStep;
  readonly events: readonly PlanEvent[];
}

/**
 * The events of a replay decided in memory, as the commands one by one would have appended
 * them: each step's meeting events under the step's command id and binding, each plan command's
 * events under the process manager's command id, envelope and binding (MeetingDecisions). The
 * same ids, metadata and order, so a retried replay, a vote recorded later and the audit trail
 * cannot tell the difference; only the appends are fewer (appendsOf). Each command's events
 * are a list of their own: an append never splits one.
 */
export async function replayAppends(
  replay: ReplayContext,
  meeting: ExistingMeeting,
  meetingSteps: readonly DecidedMeetingStep[],
  planSteps: readonly DecidedPlanStep[],
): Promise<{ meeting: EventToAppend[][]; plan: EventToAppend[][] }> {
  const meetingEvents: EventToAppend[][] = [];
  for (const { step, events } of meetingSteps) {
    if (events.length === 0) continue;
    const envelope = replayStepEnvelope(step, replay);
    const digest = commandDigest(replayStepBinding(replay.meetingId, step));
    meetingEvents.push(await eventsToAppend(envelope, digest, events));
  }
  // The process manager runs a plan step with the envelope of the meeting command that set it
  // off; of that, only the actor, the time and the correlation (the replay's) reach the events.
  const setOff = {
    actor: replay.actor,
    now: replay.now,
    correlationId: replayCorrelationId(replay.meetingId),
  };
  const planEvents: EventToAppend[][] = [];
  for (const { step, events } of planSteps) {
    if (events.length === 0) continue;
    const envelope = planStepEnvelope(meeting, step, { ...setOff, commandId: step.commandId });
    // As PlanCommandRunner.run binds it: the plan command as sent, with its date and cause.
    const digest = commandDigest(sentContent({ ...step.change, now: replay.now }, envelope));
    planEvents.push(await eventsToAppend(envelope, digest, events));
  }
  return { meeting: meetingEvents, plan: planEvents };
}

/**
 * About how many bytes of events one append of a replay carries at most. EventStoreDB refuses
 * an append over its maximum append size (1 MiB by default), and a 300-amendment meeting's ~900
 * events come near it; a few appends instead of one cost PostgreSQL a few round trips.
 */
export const REPLAY_APPEND_BYTES = 256 * 1024;

/**
 * Commands' events packed, in order, into appends of about `maxBytes` (their JSON) at most,
 * never splitting a command's events (a command larger than that is an append of its own).
 */
export function appendsOf(
  commands: readonly (readonly EventToAppend[])[],
  maxBytes = REPLAY_APPEND_BYTES,
): EventToAppend[][] {
  const appends: EventToAppend[][] = [];
  let current: EventToAppend[] = [];
  let bytes = 0;
  for (const events of commands) {
    const size = events.reduce(
      (n, e) => n + e.type.length + JSON.stringify(e.data).length + JSON.stringify(e.metadata).length,
      0,
    );
    if (current.length > 0 && bytes + size > maxBytes) {
      appends.push(current);
      current = [];
      bytes = 0;
    }
    current.push(...events);
    bytes += size;
  }
  if (current.length > 0) appends.push(current);
  return appends;
}
