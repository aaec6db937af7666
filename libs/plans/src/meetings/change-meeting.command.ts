import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandOutcome } from '../command-envelope.js';
import type { MeetingEvent, MeetingState } from '@app/domain';
import { sentContent } from '../command-ids.js';
import { runDecider } from '../decider-runner.js';
import { FoldedStreams } from '../folded-streams.js';
import { MeetingDecisions } from './meeting-decisions.js';
import { MeetingFacts } from './meeting-facts.js';
import { carriedIntoPlan, meetings, planOf, withFacts, type MeetingChange } from './meeting-changes.js';
import { meetingStreamId } from './meeting-stream.js';

export interface MeetingOutcome extends CommandOutcome {
  /** The plan commands the decision made (adopted amendments, the plan's adoption). */
  readonly planOutcomes: readonly CommandOutcome[];
}

/** One bus command for every meeting command; the domain command inside says which. */
export class ChangeMeetingCommand extends Command<MeetingOutcome> {
  constructor(
    readonly meetingId: string,
    readonly change: MeetingChange,
    readonly envelope: CommandEnvelope,
    /**
     * What the command id is bound to, when not the change as sent: a replayed protocol's step
     * is bound to its meeting and step, since the same protocol is written in more than one way
     * (its export names the plan revision the original left to default, another officer files it).
     */
    readonly boundTo?: unknown,
  ) {
    super();
  }
}

/**
 * Load the meeting, look up the facts its decider needs, decide, append. A vote is then
 * carried into the plan by the meeting's process manager, before (to catch up) and after.
 */
@CommandHandler(ChangeMeetingCommand)
export class ChangeMeetingHandler implements ICommandHandler<ChangeMeetingCommand, MeetingOutcome> {
  /** Meetings folded so far: a meeting of 300 amendments is ~900 commands on one stream. */
  private readonly meetingStreams: FoldedStreams<MeetingEvent, MeetingState>;

  constructor(
    private readonly facts: MeetingFacts,
    private readonly decisions: MeetingDecisions,
  ) {
    this.meetingStreams = new FoldedStreams(facts.store, meetings, { capacity: 16 });
  }

  async execute({ meetingId, change, envelope, boundTo }: ChangeMeetingCommand): Promise<MeetingOutcome> {
    const decides = carriedIntoPlan(change);
    if (decides) await this.decisions.apply(meetingId, envelope);
    const outcome = await runDecider(
      this.facts.store,
      meetingStreamId(meetingId),
      meetings,
      envelope,
      boundTo ?? sentContent(change, envelope),
      async (state) => {
        const planId = planOf(change, state);
        const history = planId ? await this.facts.planHistory(planId) : undefined;
        const organisationId =
          state.status !== 'none'
            ? state.organisationId
            : change.type === 'ScheduleMeeting'
              ? change.organisationId
              : undefined;
        const bodies = organisationId ? await this.facts.organisationBodies(organisationId) : [];
        return withFacts(change, state, history, bodies, envelope.now);
      },
      this.meetingStreams,
    );
    const planOutcomes = decides ? await this.decisions.apply(meetingId, envelope) : [];
    return { ...outcome, planOutcomes };
  }
}
