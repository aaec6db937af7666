import type { Body, MeasureStatus } from '@app/domain';
import { sql, type Kysely } from 'kysely';

export interface MeasureView {
  readonly id: string;
  readonly label: string;
  /** "4.2.J": section number and label, how plans and amendments address a measure. */
  readonly address: string;
  readonly text: string;
  readonly timing: string;
  readonly responsible: string[];
  readonly status: MeasureStatus;
  readonly statusNote: string | null;
  readonly statusChangedAt: string | null;
}

export interface SectionView {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly measures: MeasureView[];
  readonly sections: SectionView[];
}

export interface PlanView {
  readonly id: string;
  readonly organisationId: string;
  readonly title: string;
  readonly period: { from: number; to: number };
  readonly edition: string | null;
  readonly status: string;
  readonly bodies: Body[];
  /** The plan stream's revision this view reflects; send it back as If-Match. */
  readonly revision: number;
  readonly updatedAt: string;
  readonly sections: SectionView[];
}

export interface PlanSummary {
  readonly id: string;
  readonly organisationId: string;
  readonly title: string;
  readonly period: { from: number; to: number };
  readonly status: string;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** "4.10" after "4.9", "5" after "4.4". */
export function compareSectionNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'nb', { numeric: true });
}

/** A..Z before AA. */
export function compareLabels(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b, 'nb');
}

export async function findPlanView(db: Kysely<any>, planId: string): Promise<PlanView | undefined> {
  const plan = await db
    .selectFrom('rm_plans')
    .selectAll()
    .select(sql<string>`revision::text`.as('revision_text'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!plan) return undefined;
  const [sections, measures] = await Promise.all([
    db.selectFrom('rm_plan_sections').selectAll().where('plan_id', '=', planId).execute(),
    db.selectFrom('rm_plan_measures').selectAll().where('plan_id', '=', planId).execute(),
  ]);

  const numberOf = new Map(sections.map((s) => [s.section_id as string, s.number as string]));
  const measuresBySection = new Map<string, MeasureView[]>();
  for (const m of measures.sort((a, b) => compareLabels(a.label, b.label))) {
    const list = measuresBySection.get(m.section_id) ?? [];
    list.push({
      id: m.measure_id,
      label: m.label,
      address: `${numberOf.get(m.section_id) ?? '?'}.${m.label}`,
      text: m.text,
      timing: m.timing,
      responsible: json<string[]>(m.responsible),
      status: m.status,
      statusNote: m.status_note,
      statusChangedAt: m.status_changed_at,
    });
    measuresBySection.set(m.section_id, list);
  }

  const sorted = sections.sort((a, b) => compareSectionNumbers(a.number, b.number));
  const build = (parentId: string | null): SectionView[] =>
    sorted
      .filter((s) => (s.parent_section_id ?? null) === parentId)
      .map((s) => ({
        id: s.section_id,
        number: s.number,
        title: s.title,
        measures: measuresBySection.get(s.section_id) ?? [],
        sections: build(s.section_id),
      }));

  return {
    id: plan.plan_id,
    organisationId: plan.organisation_id,
    title: plan.title,
    period: { from: plan.period_from, to: plan.period_to },
    edition: plan.edition,
    status: plan.status,
    bodies: json<Body[]>(plan.bodies),
    revision: Number(plan.revision_text),
    updatedAt: plan.updated_at,
    sections: build(null),
  };
}

export async function listPlans(db: Kysely<any>): Promise<PlanSummary[]> {
  const rows = await db
    .selectFrom('rm_plans')
    .selectAll()
    .orderBy('organisation_id')
    .orderBy('period_from')
    .execute();
  return rows.map((p) => ({
    id: p.plan_id,
    organisationId: p.organisation_id,
    title: p.title,
    period: { from: p.period_from, to: p.period_to },
    status: p.status,
  }));
}
