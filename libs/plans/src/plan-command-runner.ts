import { Injectable, Logger, Optional } from '@nestjs/common';
import {
  DomainError,
  decideEach,
  isOrganisationEvent,
  isPlanEvent,
  organisationDecider,
  planDecider,
  planFold,
  planFromSnapshot,
  planSnapshot,
  PLAN_SNAPSHOT_VERSION,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
  type PlanCommand,
  type PlanEvent,
  type PlanState,
} from '@app/domain';
import { EventStore, type EventCause } from '@app/event-store';
import { TimeSlices } from '@app/off-thread';
import type { CommandEnvelope, CommandOutcome } from './command-envelope.js';
import { sentContent } from './command-ids.js';
import { runDecider, type SlowStreamDecider, type StreamDecider } from './decider-runner.js';
import { FoldedStreams } from './folded-streams.js';
import { organisationStreamId, planStreamId } from './plan-stream.js';
import { StreamSnapshots } from './snapshots/stream-snapshots.js';

/** Commands whose events carry their own cause and date, where they differ from the envelope's. */
export interface CommandPhase {
  readonly commands: readonly PlanCommand[];
  readonly cause?: EventCause;
  readonly effectiveAt?: string;
}

/**
 * The plan decider as commands run it: its fold, and how a plan is kept as a snapshot (what a
 * `FoldedStreams` of plans starts from, docs/adr/0009).
 */
export const planStreamDecider: StreamDecider<PlanCommand, PlanEvent, PlanState> = {
  ...planDecider,
  isEvent: isPlanEvent,
  startFold: planFold,
  snapshot: {
    version: PLAN_SNAPSHOT_VERSION,
    encode: planSnapshot,
    decode: (snapshot) => planFromSnapshot(snapshot as Record<string, unknown>),
  },
};
const organisations: StreamDecider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  ...organisationDecider,
  isEvent: isOrganisationEvent,
};

/** How many events the plans kept folded between commands may hold together (FoldedStreams' maxEvents). */
const PLAN_EVENTS_KEPT = 150_000;

/**
 * Runs plan and organisation commands against their streams. Commands naming responsible
 * bodies are given the bodies of the plan's organisation, so the decider can check them.
 */
@Injectable()
export class PlanCommandRunner {
  /** Plans and organisations folded so far: a command reads only what is new since (see FoldedStreams). */
  private readonly planStreams: FoldedStreams<PlanEvent, PlanState>;
  private readonly organisationStreams: FoldedStreams<OrganisationEvent, OrganisationState>;

  private readonly logger = new Logger('Commands');

  constructor(
    private readonly store: EventStore,
    @Optional() snapshots?: StreamSnapshots,
  ) {
    this.planStreams = new FoldedStreams(store, planStreamDecider, {
      capacity: 256,
      // Some 50 MB of folded plans (an estimate from the api benchmark): a few dozen plans followed up for
      // years, any number of small ones; the others start from their snapshot.
      maxEvents: PLAN_EVENTS_KEPT,
      snapshots,
      onSnapshotError: (streamId, error) =>
        this.logger.warn(`Snapshot of ${streamId} not used: ${String(error)}; folding its events instead`),
    });
    this.organisationStreams = new FoldedStreams(store, organisations, { capacity: 64 });
  }

  async run(planId: string, envelope: CommandEnvelope, command: PlanCommand): Promise<CommandOutcome> {
    await this.checkLinkedPlans(command);
    return runDecider(
      this.store,
      planStreamId(planId),
      planStreamDecider,
      envelope,
      sentContent(command, envelope),
      async (state) => {
        if (
          (command.type === 'AddMeasure' || command.type === 'ReassignMeasure') &&
          state.status !== 'none'
        ) {
          return { ...command, organisationBodies: await this.organisationBodies(state.organisationId) };
        }
        if (command.type === 'ConfirmLineage' || command.type === 'RejectLineage') {
          return { ...command, predecessorElements: await this.elementsOf(command.fromPlanId) };
        }
        return command;
      },
      this.planStreams,
    );
  }

  /** The ids of a plan's measures and goals (for checking a lineage link's other side). */
  private async elementsOf(planId: string): Promise<string[]> {
    const plan = await this.loadPlan(planId);
    return plan.status === 'none' ? [] : [...plan.measures.keys(), ...plan.goals.keys()];
  }

  /**
   * Several commands on one plan as one append: decided in turn in memory, written together
   * or not at all (a document import). `content`: what the command id is bound to (the
   * document's digest for an import, rather than thousands of commands hashed on the event loop).
   */
  runSequence(
    planId: string,
    envelope: CommandEnvelope,
    commands: readonly PlanCommand[],
    content: unknown,
  ): Promise<CommandOutcome> {
    return this.runPhases(planId, envelope, [{ commands }], content);
  }

  /**
   * Phases of commands on one plan as one append, each phase's events with its own cause and
   * date (a document imported with the revision it marks: the plan before it, then the
   * revision's changes). Written together or not at all. `content` as for runSequence.
   */
  async runPhases(
    planId: string,
    envelope: CommandEnvelope,
    phases: readonly CommandPhase[],
    content: unknown,
  ): Promise<CommandOutcome> {
    const commands = phases.flatMap((p) => p.commands);
    for (const command of commands) await this.checkLinkedPlans(command);
    /** Where each phase's commands end in `commands`, and (once decided) its events in theirs. */
    const commandEnds = phases.map((_p, i) =>
      phases.slice(0, i + 1).reduce((n, p) => n + p.commands.length, 0),
    );
    let eventEnds: number[] = [];
    const sequence: SlowStreamDecider<readonly PlanCommand[], PlanEvent, PlanState> = {
      ...planStreamDecider,
      decide: async (batch, state) => {
        const decided = await decideInSlices(batch, state);
        eventEnds = commandEnds.map((end) => decided.ends[end - 1] ?? 0);
        return decided.events;
      },
    };
    return runDecider(
      this.store,
      planStreamId(planId),
      sequence,
      envelope,
      content,
      async (state) => {
        const organisationId =
          state.status === 'none' ? commandsOrganisation(commands) : state.organisationId;
        const bodies = organisationId ? await this.organisationBodies(organisationId) : [];
        return commands.map((c) =>
          c.type === 'AddMeasure' || c.type === 'ReassignMeasure' ? { ...c, organisationBodies: bodies } : c,
        );
      },
      this.planStreams,
      phases.length === 1
        ? undefined
        : (index) => {
            const phase = phases[eventEnds.findIndex((end) => index < end)];
            return {
              ...(phase?.cause ? { cause: phase.cause } : {}),
              ...(phase?.effectiveAt ? { effectiveAt: phase.effectiveAt } : {}),
            };
          },
    );
  }

  runOrganisation(
    organisationId: string,
    envelope: CommandEnvelope,
    command: OrganisationCommand,
  ): Promise<CommandOutcome> {
    return runDecider(
      this.store,
      organisationStreamId(organisationId),
      organisations,
      envelope,
      sentContent(command, envelope),
      () => command,
      this.organisationStreams,
    );
  }

  async loadPlan(planId: string): Promise<PlanState> {
    return (await this.planStreams.load(planStreamId(planId))).state;
  }

  /** The ids of the commands that appended to the plan (to run a step of a process once). */
  async commandsOf(planId: string): Promise<ReadonlyMap<string, number>> {
    return (await this.planStreams.load(planStreamId(planId))).commands;
  }

  async loadOrganisation(organisationId: string): Promise<OrganisationState> {
    return (await this.organisationStreams.load(organisationStreamId(organisationId))).state;
  }

  /** Plans a command links to must exist: a decider sees only its own stream, so check here. */
  private async checkLinkedPlans(command: PlanCommand): Promise<void> {
    for (const { field, planId } of linkedPlans(command)) {
      if ((await this.store.readStream(planStreamId(planId), { maxCount: 1 })).length === 0) {
        throw linkedPlanNotFound(planId, field);
      }
    }
  }

  private async organisationBodies(organisationId: string): Promise<string[]> {
    const organisation = await this.loadOrganisation(organisationId);
    return organisation.status === 'none' ? [] : [...organisation.bodies.keys()];
  }
}

/**
 * decideSequence for the plan, giving way to the event loop every 20 ms: an import of 18,000
 * measures takes a third of a second to decide, and other requests answer meanwhile. `ends`:
 * for each command, how many events had been decided once it was.
 */
async function decideInSlices(
  commands: readonly PlanCommand[],
  state: PlanState,
): Promise<{ events: PlanEvent[]; ends: number[] }> {
  const events: PlanEvent[] = [];
  const ends: number[] = [];
  const slices = new TimeSlices();
  for (const decided of decideEach(planDecider, commands, state)) {
    events.push(...decided);
    ends.push(events.length);
    if (slices.due()) await slices.pause();
  }
  return { events, ends };
}

/**
 * The other plans a command names (its predecessor, the plan it follows up, its successor, the
 * plan a lineage link comes from): each must exist, and (at the api) be one the caller may read.
 */
export function linkedPlans(
  command: Pick<PlanCommand, 'type'> & Partial<Record<LinkField, unknown>>,
): Array<{ field: LinkField; planId: string }> {
  const fields: readonly LinkField[] =
    command.type === 'CreatePlan' || command.type === 'LinkPlan'
      ? ['predecessorPlanId', 'parentPlanId']
      : command.type === 'SupersedePlan'
        ? ['byPlanId']
        : command.type === 'ConfirmLineage' || command.type === 'RejectLineage'
          ? ['fromPlanId']
          : [];
  return fields.flatMap((field) => {
    const planId = command[field];
    return typeof planId === 'string' && planId !== '' ? [{ field, planId }] : [];
  });
}

export type LinkField = 'predecessorPlanId' | 'parentPlanId' | 'byPlanId' | 'fromPlanId';

/**
 * The answer for a linked plan that is not there, and (at the api) for one the caller may not
 * read: the same words, so an outsider cannot tell an internal plan from a missing one.
 */
export function linkedPlanNotFound(planId: string, field: string): DomainError {
  return new DomainError('LINKED_PLAN_NOT_FOUND', 'not_found', `Plan "${planId}" (${field}) does not exist`, {
    field,
  });
}

function commandsOrganisation(commands: readonly PlanCommand[]): string | undefined {
  const create = commands.find((c) => c.type === 'CreatePlan');
  return create?.type === 'CreatePlan' ? create.organisationId : undefined;
}
