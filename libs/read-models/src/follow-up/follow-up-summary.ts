import { MEASURE_STATUSES, type MeasureStatus } from '@app/domain';
import { flattenSections } from '../plan-diff/diff-plans.js';
import { responsibleNames, type MeasureView, type PlanView } from '../plan-view/plan-view.js';

export type StatusCounts = Record<MeasureStatus, number>;

export interface SectionFollowUp {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  /** The section's own measures (not those of its sub-sections, which have their own row). */
  readonly measures: number;
  readonly byStatus: StatusCounts;
  readonly overdue: number;
}

export interface BodyFollowUp {
  readonly code: string;
  /** Null for a code a measure names that the plan never declared. */
  readonly name: string | null;
  /** Measures naming the body anywhere in their list. */
  readonly measures: number;
  readonly byStatus: StatusCounts;
  /** Measures where the body is named first: the lead. */
  readonly lead: number;
  readonly leadByStatus: StatusCounts;
  readonly overdue: number;
}

/** A named responsible party that is not a declared body ("Programkomitéene"), followed up as a body is. */
export interface PartyFollowUp {
  readonly name: string;
  readonly measures: number;
  readonly byStatus: StatusCounts;
  /** Measures where the party is named first (no body is named): the lead. */
  readonly lead: number;
  readonly overdue: number;
}

export interface OverdueMeasure {
  readonly id: string;
  readonly address: string;
  readonly text: string;
  readonly timing: string;
  readonly due: string;
  readonly status: MeasureStatus;
  readonly responsible: string[];
  readonly parties: string[];
}

export interface UnassignedMeasure {
  readonly id: string;
  readonly address: string;
  readonly text: string;
  readonly timing: string;
  readonly status: MeasureStatus;
}

export interface FollowUpSummary {
  readonly planId: string;
  readonly title: string;
  readonly edition: string | null;
  readonly adoptedRevision: number;
  /** The date overdue was judged on. */
  readonly asOf: string;
  readonly measures: number;
  readonly byStatus: StatusCounts;
  readonly overdue: number;
  readonly sections: SectionFollowUp[];
  readonly bodies: BodyFollowUp[];
  /** Named parties that are not declared bodies, in the order first named. */
  readonly parties: PartyFollowUp[];
  readonly overdueMeasures: OverdueMeasure[];
  readonly withoutResponsible: UnassignedMeasure[];
}

export function emptyStatusCounts(): StatusCounts {
  return Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function countStatuses(measures: readonly MeasureView[]): StatusCounts {
  const counts = emptyStatusCounts();
  for (const m of measures) counts[m.status]++;
  return counts;
}

/**
 * The board's follow-up questions about a plan view: how many measures in each status, per
 * plan, section, responsible body and named party; which are late; which have no one responsible.
 * `asOf` is the date the view was rendered for (overdue is the view's own judgement).
 */
export function summariseFollowUp(view: PlanView, asOf: string): FollowUpSummary {
  const sections = flattenSections(view.sections);
  const measures = sections.flatMap((s) => s.measures);

  const codes = [...view.bodies.map((b) => b.code)];
  for (const m of measures) for (const code of m.responsible) if (!codes.includes(code)) codes.push(code);
  const names = new Map(view.bodies.map((b) => [b.code, b.name]));
  const bodies = codes.map((code): BodyFollowUp => {
    const named = measures.filter((m) => m.responsible.includes(code));
    const led = named.filter((m) => m.responsible[0] === code);
    return {
      code,
      name: names.get(code) ?? null,
      measures: named.length,
      byStatus: countStatuses(named),
      lead: led.length,
      leadByStatus: countStatuses(led),
      overdue: named.filter((m) => m.overdue).length,
    };
  });

  const partyNames: string[] = [];
  for (const m of measures)
    for (const name of m.parties) if (!partyNames.includes(name)) partyNames.push(name);
  const parties = partyNames.map((name): PartyFollowUp => {
    const named = measures.filter((m) => m.parties.includes(name));
    return {
      name,
      measures: named.length,
      byStatus: countStatuses(named),
      lead: named.filter((m) => responsibleNames(m)[0] === name).length,
      overdue: named.filter((m) => m.overdue).length,
    };
  });

  return {
    planId: view.id,
    title: view.title,
    edition: view.edition,
    adoptedRevision: view.adoptedRevision,
    asOf,
    measures: measures.length,
    byStatus: countStatuses(measures),
    overdue: measures.filter((m) => m.overdue).length,
    sections: sections.map((s) => ({
      id: s.id,
      number: s.number,
      title: s.title,
      measures: s.measures.length,
      byStatus: countStatuses(s.measures),
      overdue: s.measures.filter((m) => m.overdue).length,
    })),
    bodies,
    parties,
    overdueMeasures: measures
      .filter((m) => m.overdue)
      .map((m) => ({
        id: m.id,
        address: m.address,
        text: m.text,
        timing: m.timing,
        due: m.due ?? '',
        status: m.status,
        responsible: [...m.responsible],
        parties: [...m.parties],
      })),
    withoutResponsible: measures
      .filter((m) => responsibleNames(m).length === 0)
      .map((m) => ({ id: m.id, address: m.address, text: m.text, timing: m.timing, status: m.status })),
  };
}
