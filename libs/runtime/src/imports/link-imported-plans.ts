import type { PlanDocument } from '@app/plan-document';

export interface PlanLinks {
  readonly planId: string;
  readonly predecessorPlanId?: string;
  readonly parentPlanId?: string;
}

export interface OrganisationOf {
  readonly id: string;
  readonly name: string;
  readonly level: 'national' | 'county' | 'local';
  readonly parentId?: string;
}

/** Known party organisations: the name and place of the ones the seed plans belong to. */
const KNOWN: Record<string, Omit<OrganisationOf, 'id'>> = {
  sv: { name: 'SV (Sosialistisk Venstreparti)', level: 'national' },
  'oslo-sv': { name: 'Oslo SV', level: 'county', parentId: 'sv' },
  'buskerud-sv': { name: 'Buskerud SV', level: 'county', parentId: 'sv' },
  ap: { name: 'Arbeiderpartiet', level: 'national' },
  'oslo-ap': { name: 'Oslo Arbeiderparti', level: 'county', parentId: 'ap' },
};

/** Whether `id` is one of the party organisations known by name here. */
export const isKnownOrganisation = (id: string): boolean => Object.hasOwn(KNOWN, id);

/**
 * The organisation a plan belongs to, and its parent: a county branch's slug ends with its
 * party's ("oslo-sv" -> "sv").
 */
export function organisationOf(id: string): OrganisationOf {
  const known = KNOWN[id];
  if (known) return { id, ...known };
  const party = id.split('-').pop();
  return party && party !== id
    ? { id, name: id, level: 'county', parentId: party }
    : { id, name: id, level: 'national' };
}

/**
 * Links plans imported together: within an organisation, each plan succeeds the one whose
 * period ends just before it starts; a county plan follows up the national plan of its party
 * that was in force when its period began, and overlaps it most.
 */
export function linksBetween(docs: readonly PlanDocument[]): PlanLinks[] {
  const plans = docs.map((d) => d.plan);
  return plans.map((plan) => {
    const earlier = plans
      .filter((p) => p.org === plan.org && p.period.to < plan.period.from)
      .sort((a, b) => b.period.to - a.period.to)[0];
    const org = organisationOf(plan.org);
    const overlap = (p: { period: { from: number; to: number } }): number =>
      Math.min(p.period.to, plan.period.to) - Math.max(p.period.from, plan.period.from);
    // A plan can only follow up a national plan that existed when its period began.
    const parent = org.parentId
      ? plans
          .filter((p) => p.org === org.parentId && p.period.from <= plan.period.from && overlap(p) >= 0)

          .sort((a, b) => overlap(b) - overlap(a))[0]
      : undefined;
    return {
      planId: plan.id,
      ...(earlier ? { predecessorPlanId: earlier.id } : {}),
      ...(parent ? { parentPlanId: parent.id } : {}),
    };
  });
}
