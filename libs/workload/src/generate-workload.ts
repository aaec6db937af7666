import {
  decideOrganisation,
  decidePlan,
  evolveOrganisation,
  evolvePlan,
  initialPlanState,
  type Body,
  type DomainEvent,
  type ExistingPlan,
  type MeasureStatus,
  type OrganisationCommand,
  type OrganisationLevel,
  type OrganisationState,
  type PlanCommand,
  type PlanState,
} from '@app/domain';
import { eventIdFor, type EventCause, type EventToAppend, type ExpectedRevision } from '@app/event-store';
import { v5 as uuidv5 } from 'uuid';
import { Prng, hashString } from './prng.js';
import type { WorkloadScale } from './scale.js';
import type { TextCorpus } from './text-corpus.js';

/** One append: events of one stream, with the revision the stream must be at. */
export interface AppendBatch {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly EventToAppend[];
}

/**
 * A slice of the workload's time line (a year's annual meetings, a round of follow-up). Streams
 * in a phase are independent of each other; batches of one stream are in the order to append.
 */
export interface WorkloadPhase {
  readonly label: string;
  readonly batches: readonly AppendBatch[];
}

export interface WorkloadOptions {
  readonly seed: number;
  readonly scale: WorkloadScale;
  readonly corpus: TextCorpus;
}

/** The four-year periods every organisation has a plan for. */
export const WORKLOAD_PERIODS: ReadonlyArray<{ from: number; to: number }> = [
  { from: 2016, to: 2019 },
  { from: 2020, to: 2023 },
  { from: 2024, to: 2027 },
];

/** Stream ids as the application names them (libs/plans plan-stream.ts). */
const planStream = (planId: string): string => `plan-${planId}`;
const organisationStream = (organisationId: string): string => `organisation-${organisationId}`;

const ENTITY_NAMESPACE = '0c8f2b7e-5a61-4d3e-9b2f-7e4a1c6d8b90';

const COUNTY_NAMES = [
  'Østfold',
  'Akershus',
  'Oslo',
  'Hedmark',
  'Oppland',
  'Buskerud',
  'Vestfold',
  'Telemark',
  'Aust-Agder',
  'Vest-Agder',
  'Rogaland',
  'Hordaland',
  'Sogn og Fjordane',
  'Møre og Romsdal',
  'Sør-Trøndelag',
  'Nord-Trøndelag',
  'Nordland',
  'Troms',
  'Finnmark',
  'Svalbard',
];

const BODIES: Record<OrganisationLevel, Body[]> = {
  national: [
    { code: 'LS', name: 'Landsstyret' },
    { code: 'SST', name: 'Sentralstyret' },
    { code: 'LM', name: 'Landsmøtet' },
    { code: 'AU', name: 'Arbeidsutvalget' },
    { code: 'SEK', name: 'Sekretariatet' },
    { code: 'FL', name: 'Fylkeslagene' },
  ],
  county: [
    { code: 'FS', name: 'Fylkesstyret' },
    { code: 'AU', name: 'Arbeidsutvalget' },
    { code: 'RS', name: 'Representantskapet' },
    { code: 'ÅM', name: 'Årsmøtet' },
    { code: 'LL', name: 'Lokallag' },
    { code: 'FTG', name: 'Fylkestingsgruppa' },
    { code: 'SU', name: 'Studieutvalget' },
  ],
  local: [
    { code: 'STY', name: 'Styret' },
    { code: 'ÅM', name: 'Årsmøtet' },
    { code: 'MM', name: 'Medlemsmøtet' },
    { code: 'KSG', name: 'Kommunestyregruppa' },
    { code: 'LED', name: 'Leder' },
  ],
};

/** The body that adopts the plan, and the month its meeting is held. */
const ADOPTING: Record<OrganisationLevel, { body: string; month: number }> = {
  national: { body: 'LS', month: 1 },
  county: { body: 'RS', month: 2 },
  local: { body: 'ÅM', month: 3 },
};

/** Follow-up rounds of the board through the year: [first month, last month]. */
const FOLLOW_UP_ROUNDS: ReadonlyArray<readonly [number, number]> = [
  [4, 5],
  [6, 6],
  [9, 10],
  [11, 12],
];

const NOTES = [
  'Arbeidet er i gang',
  'Gjennomført i de fleste lokallag',
  'Utsatt til etter valget',
  'Styret har fordelt ansvaret',
  'Trenger flere frivillige',
  'Tatt opp på medlemsmøte',
  'Gjennomført som planlagt',
  'Delvis gjennomført, fortsetter neste år',
  'Egen arbeidsgruppe nedsatt',
  'Rapport lagt fram for styret',
  'Samarbeid med nabolagene avtalt',
  'Mangler økonomi, søker midler',
  'Kurs holdt med god deltakelse',
  'Evaluert etter høstens aktiviteter',
];

const REWORDINGS: ReadonlyArray<(text: string) => string> = [
  (t) => `${t.replace(/[.!]$/, '')}, også i samarbeid med lokallagene.`,
  (t) => t.replace(/\bskal\b/, 'skal særlig'),
  (t) => t.replace(/\bto ganger\b/, 'fire ganger').replace(/\bjevnlig\b/, 'minst to ganger i året'),
  (t) => `${t.replace(/[.!]$/, '')} innen utgangen av året.`,
  (t) => t.replace(/^(\S+)/, (w) => `Vi vil ${w.toLowerCase()}`),
];

const STRIKE_REASONS = ['gjennomført', 'utgår etter forslag fra styret', 'slått sammen med et annet tiltak'];

interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly level: OrganisationLevel;
  readonly parent: Organisation | undefined;
}

interface Context {
  readonly date: string;
  readonly actor: string;
  readonly cause: EventCause;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Writes commands of one stream through its decider, and hands out its appends. */
abstract class StreamWriter<Command, Event extends DomainEvent, State> {
  protected state: State;
  private revision = -1n;
  private commands = 0;
  private pending: EventToAppend[] = [];

  constructor(
    readonly streamId: string,
    private readonly commandPrefix: string,
    initial: State,
  ) {
    this.state = initial;
  }

  protected abstract decide(command: Command, state: State): Event[];
  protected abstract evolve(state: State, event: Event): State;

  /** Decides one command now and queues its events; returns how many there were. */
  protected run(command: Command, context: Context): number {
    const n = this.commands++;
    const commandId = `${this.commandPrefix}#${n}`;
    const events = this.decide(command, this.state);
    for (const event of events) this.state = this.evolve(this.state, event);
    const recordedAt = `${context.date}T${pad(8 + Math.floor((n % 36000) / 3600))}:${pad(Math.floor((n % 3600) / 60))}:${pad(n % 60)}.000Z`;
    events.forEach((event, index) =>
      this.pending.push({
        id: eventIdFor(commandId, index),
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: {
          actor: context.actor,
          commandId,
          correlationId: commandId,
          cause: context.cause,
          effectiveAt: context.date,
          recordedAt,
        },
      }),
    );
    return events.length;
  }

  protected commandId(offset = 0): string {
    return `${this.commandPrefix}#${this.commands + offset}`;
  }

  /** The events queued since the last flush, as one append (or none). */
  flush(into: AppendBatch[]): void {
    if (this.pending.length === 0) return;
    const expectedRevision: ExpectedRevision = this.revision < 0n ? 'no_stream' : this.revision;
    into.push({ streamId: this.streamId, expectedRevision, events: this.pending });
    this.revision += BigInt(this.pending.length);
    this.pending = [];
  }
}

class OrganisationWriter extends StreamWriter<OrganisationCommand, DomainEvent, OrganisationState> {
  constructor(
    readonly organisation: Organisation,
    seed: number,
  ) {
    super(organisationStream(organisation.id), `wl-${seed}-${organisation.id}`, { status: 'none' });
  }
  protected decide(command: OrganisationCommand, state: OrganisationState): DomainEvent[] {
    return decideOrganisation(command, state);
  }
  protected evolve(state: OrganisationState, event: DomainEvent): OrganisationState {
    return evolveOrganisation(state, event as Parameters<typeof evolveOrganisation>[1]);
  }

  register(date: string): void {
    const o = this.organisation;
    const context: Context = { date, actor: 'bench-generator', cause: { kind: 'system' } };
    const now = `${date}T08:00:00.000Z`;
    this.run(
      {
        type: 'RegisterOrganisation',
        now,
        organisationId: o.id,
        name: o.name,
        level: o.level,
        ...(o.parent ? { parentId: o.parent.id } : {}),
      },
      context,
    );
    for (const body of BODIES[o.level]) {
      this.run({ type: 'DeclareOrganisationBody', now, code: body.code, name: body.name }, context);
    }
  }
}

class PlanWriter extends StreamWriter<PlanCommand, DomainEvent, PlanState> {
  private readonly random: Prng;
  private readonly bodyCodes: string[];
  private amendmentMeetings = 0;

  constructor(
    readonly planId: string,
    readonly organisation: Organisation,
    readonly period: { from: number; to: number },
    private readonly corpus: TextCorpus,
    seed: number,
  ) {
    super(planStream(planId), `wl-${seed}-${planId}`, initialPlanState());
    this.random = new Prng(hashString(`${seed}:${planId}`));
    this.bodyCodes = BODIES[organisation.level].map((b) => b.code);
  }

  protected decide(command: PlanCommand, state: PlanState): DomainEvent[] {
    return decidePlan(command, state);
  }
  protected evolve(state: PlanState, event: DomainEvent): PlanState {
    return evolvePlan(state, event as Parameters<typeof evolvePlan>[1]);
  }

  private get plan(): ExistingPlan {
    if (this.state.status === 'none') throw new Error(`Plan ${this.planId} is not created yet`);
    return this.state;
  }

  private entityId(kind: string): string {
    return uuidv5(`${this.commandId()}/${kind}`, ENTITY_NAMESPACE);
  }

  private exec(command: Record<string, unknown> & { type: PlanCommand['type'] }, context: Context): number {
    return this.run({ ...command, now: `${context.date}T08:00:00.000Z` } as PlanCommand, context);
  }

  private responsible(): string[] {
    return this.random.sample(this.bodyCodes, this.random.int(1, 3));
  }

  private timing(): string {
    const { from, to } = this.period;
    const year = this.random.int(from, to);
    const r = this.random.next();
    if (r < 0.25) return this.random.pick(this.corpus.undatedTimings);
    if (r < 0.45) return `Vår ${year}`;
    if (r < 0.65) return `Høst ${year}`;
    if (r < 0.8) return `${from}-${to}`;
    if (r < 0.9) return `Innen utgangen av ${year}`;
    return 'Kontinuerlig';
  }

  private meetingDate(year: number): string {
    return isoDate(year, ADOPTING[this.organisation.level].month, this.random.int(10, 28));
  }

  /** The draft as the board puts it forward, then adopted by the meeting (two appends). */
  create(
    predecessorPlanId: string | undefined,
    parentPlanId: string | undefined,
    into: AppendBatch[],
  ): string {
    const o = this.organisation;
    const { from, to } = this.period;
    const meetingDate = this.meetingDate(from);
    const draftDate = isoDate(from - 1, 11, this.random.int(1, 28));
    const board: Context = {
      date: draftDate,
      actor: `sekretaer@${o.id}`,
      cause: { kind: 'board_decision', reference: `Styremøte ${draftDate}` },
    };
    this.exec(
      {
        type: 'CreatePlan',
        planId: this.planId,
        organisationId: o.id,
        title: `Arbeidsplan for ${o.name} ${from}-${to}`,
        period: { from, to },
        edition: String(from),
        bodies: BODIES[o.level],
        ...(predecessorPlanId ? { predecessorPlanId } : {}),
        ...(parentPlanId ? { parentPlanId } : {}),
      },
      board,
    );
    const sectionIds: string[] = [];
    const sections = this.random.int(5, 10);
    for (let s = 0; s < sections; s++) {
      const sectionId = this.entityId('section');
      sectionIds.push(sectionId);
      this.exec(
        {
          type: 'AddSection',
          sectionId,
          number: String(s + 1),
          title: this.random.pick(this.corpus.sectionTitles),
        },
        board,
      );
      const goals = this.random.int(1, 3);
      for (let g = 0; g < goals; g++) {
        const target = this.random.chance(0.3)
          ? { metric: 'members', value: this.random.int(50, 5000), by: `${to}-12-31` }
          : undefined;
        this.exec(
          {
            type: 'AddGoal',
            goalId: this.entityId('goal'),
            sectionId,
            text: this.random.pick(this.corpus.goalTexts),
            ...(target ? { target } : {}),
          },
          board,
        );
      }
    }
    const measures = this.random.int(40, 150);
    for (let m = 0; m < measures; m++) {
      this.exec(
        {
          type: 'AddMeasure',
          measureId: this.entityId('measure'),
          sectionId: this.random.pick(sectionIds),
          text: this.random.pick(this.corpus.measureTexts),
          timing: this.timing(),
          responsible: this.responsible(),
        },
        board,
      );
    }
    this.flush(into);
    this.adopt(meetingDate, String(from), into);
    return meetingDate;
  }

  private adopt(date: string, edition: string, into: AppendBatch[]): void {
    const body = ADOPTING[this.organisation.level].body;
    const meetingId = `${this.organisation.id}-${body.toLowerCase()}-${date.slice(0, 4)}`;
    this.exec(
      { type: 'AdoptPlan', body, date, decisionRef: `${body} ${date}, sak 5`, edition },
      { date, actor: `moteleder@${this.organisation.id}`, cause: { kind: 'meeting', meetingId } },
    );
    this.flush(into);
  }

  supersede(byPlanId: string, date: string, into: AppendBatch[]): void {
    this.exec(
      { type: 'SupersedePlan', byPlanId },
      { date, actor: `sekretaer@${this.organisation.id}`, cause: { kind: 'system', reference: byPlanId } },
    );
    this.flush(into);
  }

  /** The annual meeting: amendments voted in, then the amended plan adopted as the year's edition. */
  annualMeeting(year: number, into: AppendBatch[]): string {
    const date = this.meetingDate(year);
    const body = ADOPTING[this.organisation.level].body;
    const meetingId = `${this.organisation.id}-${body.toLowerCase()}-${year}`;
    this.amendmentMeetings++;
    const amendments = this.random.int(6, 20);
    for (let no = 1; no <= amendments; no++) {
      const context: Context = {
        date,
        actor: `moteleder@${this.organisation.id}`,
        cause: { kind: 'meeting', meetingId, amendmentNo: no },
      };
      const live = [...this.plan.measures.values()].filter((m) => !m.struck);
      const r = this.random.next();
      const measure = this.random.pick(live);
      if (r < 0.3) {
        const reword = this.random.pick(REWORDINGS);
        const text = reword(measure.text);
        if (text === measure.text) continue;
        this.exec({ type: 'RewordMeasure', measureId: measure.id, text }, context);
      } else if (r < 0.5) {
        this.exec({ type: 'RetimeMeasure', measureId: measure.id, timing: this.timing() }, context);
      } else if (r < 0.65) {
        this.exec(
          { type: 'ReassignMeasure', measureId: measure.id, responsible: this.responsible() },
          context,
        );
      } else if (r < 0.85) {
        const sections = [...this.plan.sections.keys()];
        this.exec(
          {
            type: 'AddMeasure',
            measureId: this.entityId('measure'),
            sectionId: this.random.pick(sections),
            text: this.random.pick(this.corpus.measureTexts),
            timing: this.timing(),
            responsible: this.responsible(),
          },
          context,
        );
      } else if (live.length > 20) {
        this.exec(
          { type: 'StrikeMeasure', measureId: measure.id, reason: this.random.pick(STRIKE_REASONS) },
          context,
        );
      }
    }
    this.flush(into);
    this.adopt(date, String(year), into);
    return date;
  }

  /** One round of follow-up by the board: status reports, notes, a few reassignments. */
  followUp(year: number, round: number, into: AppendBatch[]): void {
    const [firstMonth, lastMonth] = FOLLOW_UP_ROUNDS[round]!;
    const days = Array.from({ length: this.random.int(1, 3) }, () =>
      isoDate(year, this.random.int(firstMonth, lastMonth), this.random.int(1, 28)),
    ).sort();
    const live = [...this.plan.measures.values()].filter((m) => !m.struck);
    const reports = live.flatMap((measure) => {
      const r = this.random.next();
      const n = r < 0.3 ? 1 : r < 0.75 ? 2 : 3;
      return Array.from({ length: n }, () => measure.id);
    });
    const perDay = Math.ceil(reports.length / days.length);
    days.forEach((date, d) => {
      const context: Context = {
        date,
        actor: `sekretaer@${this.organisation.id}`,
        cause: { kind: 'board_decision', reference: `Styremøte ${date}` },
      };
      for (const measureId of reports.slice(d * perDay, (d + 1) * perDay)) {
        const measure = this.plan.measures.get(measureId)!;
        const period = /kontinuerlig|årlig|jevnlig/i.test(measure.timing) ? String(year) : undefined;
        const r = this.random.next();
        if (r < 0.04) {
          this.exec(
            {
              type: 'ReassignMeasure',
              measureId,
              responsible: this.responsible(),
              reason: 'Styret fordelte ansvaret på nytt',
            },
            context,
          );
        } else if (measure.status === 'done' || measure.status === 'dropped') {
          // Finished measures are mostly left alone; now and then someone writes what came of it.
          if (r < 0.7) continue;
          this.exec({ type: 'NoteProgress', measureId, note: this.random.pick(NOTES) }, context);
        } else if (r < 0.3) {
          this.exec(
            { type: 'NoteProgress', measureId, note: this.random.pick(NOTES), ...(period ? { period } : {}) },
            context,
          );
        } else {
          this.exec(
            {
              type: 'ChangeMeasureStatus',
              measureId,
              status: this.nextStatus(measure.status),
              note: this.random.pick(NOTES),
              ...(period ? { period } : {}),
            },
            context,
          );
        }
      }
      if (d === days.length - 1) {
        for (const goal of this.plan.goals.values()) {
          if (goal.struck || !goal.target || !this.random.chance(0.5)) continue;
          this.exec(
            {
              type: 'RecordMeasurement',
              goalId: goal.id,
              metric: goal.target.metric,
              value: this.random.int(Math.floor(goal.target.value / 2), goal.target.value),
              at: date,
            },
            context,
          );
        }
      }
    });
    this.flush(into);
  }

  private nextStatus(current: MeasureStatus): MeasureStatus {
    const r = this.random.next();
    switch (current) {
      case 'not_started':
        return r < 0.85 ? 'in_progress' : r < 0.97 ? 'postponed' : 'dropped';
      case 'postponed':
        return r < 0.7 ? 'in_progress' : r < 0.9 ? 'postponed' : 'dropped';
      default:
        return r < 0.35 ? 'done' : r < 0.93 ? 'in_progress' : 'postponed';
    }
  }
}

/** The organisations of a synthetic party: one national, its counties, their local branches. */
export function organisationsOf(scale: WorkloadScale): Organisation[] {
  const national: Organisation = { id: 'partiet', name: 'Partiet', level: 'national', parent: undefined };
  const counties: Organisation[] = Array.from({ length: scale.counties }, (_, i) => {
    const base = COUNTY_NAMES[i % COUNTY_NAMES.length]!;
    const name = i < COUNTY_NAMES.length ? base : `${base} ${Math.floor(i / COUNTY_NAMES.length) + 1}`;
    return { id: `partiet-${slug(name)}`, name: `${name} Partiet`, level: 'county', parent: national };
  });
  const locals: Organisation[] = Array.from({ length: scale.locals }, (_, i) => {
    const county = counties[i % counties.length]!;
    const n = Math.floor(i / counties.length) + 1;
    return {
      id: `${county.id}-lag-${String(n).padStart(3, '0')}`,
      name: `${county.name.replace(/ Partiet$/, '')} lokallag ${n}`,
      level: 'local',
      parent: county,
    };
  });
  return [national, ...counties, ...locals];
}

/**
 * The synthetic party's events, phase by phase in time order: organisations, then per year the
 * annual meetings (a new plan every four years, amendments and a new edition otherwise) and
 * four rounds of follow-up. Every event is decided by the domain's own deciders, so the
 * projections see nothing the service could not have written. Deterministic in `seed`.
 */
export function* generateWorkload(options: WorkloadOptions): Generator<WorkloadPhase> {
  const { seed, scale, corpus } = options;
  const organisations = organisationsOf(scale);
  const first = WORKLOAD_PERIODS[0]!;

  const registrations: AppendBatch[] = [];
  for (const organisation of organisations) {
    const writer = new OrganisationWriter(organisation, seed);
    writer.register(isoDate(first.from - 1, 10, 1));
    writer.flush(registrations);
  }
  yield { label: 'organisations', batches: registrations };

  let current = new Map<string, PlanWriter>();
  for (const period of WORKLOAD_PERIODS) {
    for (let year = period.from; year <= period.to; year++) {
      const meetings: AppendBatch[] = [];
      if (year === period.from) {
        const next = new Map<string, PlanWriter>();
        for (const organisation of organisations) {
          const planId = `${organisation.id}-${period.from}-${period.to}`;
          const writer = new PlanWriter(planId, organisation, period, corpus, seed);
          const predecessor = current.get(organisation.id);
          const parent = organisation.parent ? next.get(organisation.parent.id) : undefined;
          const adopted = writer.create(predecessor?.planId, parent?.planId, meetings);
          predecessor?.supersede(planId, adopted, meetings);
          next.set(organisation.id, writer);
        }
        current = next;
      } else {
        for (const writer of current.values()) writer.annualMeeting(year, meetings);
      }
      yield { label: `${year} annual meetings`, batches: meetings };
      for (let round = 0; round < FOLLOW_UP_ROUNDS.length; round++) {
        const followUp: AppendBatch[] = [];
        for (const writer of current.values()) writer.followUp(year, round, followUp);
        yield { label: `${year} follow-up ${round + 1}`, batches: followUp };
      }
    }
  }
}
