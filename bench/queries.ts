import type { Kysely } from 'kysely';
import {
  listOrganisations,
  listPlans,
  loadElementHistory,
  loadPlanDiff,
  planAt,
  summariseFollowUp,
  type ReadModelDatabase,
} from '@app/read-models';
import { Prng } from '@app/workload';
import { planMeasures, summarise, type LatencySummary } from './support.js';

export interface QueryResult extends LatencySummary {
  readonly query: string;
}

interface Sample {
  planId: string;
  organisationId: string;
  predecessorPlanId: string | null;
  adoptedRevision: number;
  periodFrom: number;
  measureId: string;
}

/**
 * The board's and the auditor's questions, each asked `samples` times of random plans of the
 * full data set, straight through the read-model functions the api calls (no HTTP).
 */
export async function runQueries(
  db: Kysely<ReadModelDatabase>,
  samples: number,
  seed: number,
): Promise<QueryResult[]> {
  const rows = await db
    .selectFrom('rm_plans as p')
    .innerJoin(planMeasures(db).as('m'), 'm.plan_id', 'p.plan_id')
    .select([
      'p.plan_id as planId',
      'p.organisation_id as organisationId',
      'p.predecessor_plan_id as predecessorPlanId',
      'p.adopted_revision as adoptedRevision',
      'p.period_from as periodFrom',
      'm.measure_id as measureId',
    ])
    .where('p.adopted_revision', '>=', 2)
    .orderBy('m.measure_id')
    .execute();
  if (rows.length === 0)
    throw new Error('No adopted plans with measures to query: generate a workload first');
  const random = new Prng(seed);
  const picks: Sample[] = Array.from({ length: samples }, () => random.pick(rows) as Sample);
  // The lineage row asks of plans that have a predecessor (a plan without one has no lineage;
  // its diff from revision 1 is the "diff between revisions" row), drawn by a generator of its
  // own so the other rows' samples stay as they were.
  const successors = rows.filter((r) => r.predecessorPlanId !== null);
  const successorRandom = new Prng(seed + 1);
  const successorPicks: Sample[] =
    successors.length === 0
      ? picks
      : Array.from({ length: samples }, () => successorRandom.pick(successors) as Sample);
  const today = '2027-06-30';
  const asOf = (s: Sample): string => `${s.periodFrom + random.int(0, 3)}-0${random.int(1, 9)}-15`;

  const queries: Array<[string, (s: Sample) => Promise<unknown>, Sample[]?]> = [
    ['organisations list', () => listOrganisations(db)],
    ["organisation's plans", (s) => listPlans(db, s.organisationId)],
    ['plan now', (s) => planAt(db, s.planId, {}, today)],
    ['plan as of a date', (s) => planAt(db, s.planId, { asOf: asOf(s) }, today)],
    [
      'plan at a revision',
      (s) => planAt(db, s.planId, { revision: random.int(1, s.adoptedRevision) }, today),
    ],
    ['measure history', (s) => loadElementHistory(db, s.measureId)],
    [
      'follow-up summary',
      async (s) => {
        const plan = await planAt(db, s.planId, {}, today);
        return plan ? summariseFollowUp(plan, today) : undefined;
      },
    ],
    ['diff between revisions', (s) => loadPlanDiff(db, s.planId, { from: 1, to: s.adoptedRevision }, today)],
    [
      'lineage (predecessor diff)',
      (s) =>
        s.predecessorPlanId
          ? loadPlanDiff(db, s.planId, { fromPlan: s.predecessorPlanId }, today)
          : loadPlanDiff(db, s.planId, { from: 1 }, today),
      successorPicks,
    ],
  ];
  const results: QueryResult[] = [];
  for (const [query, run, samplesOf = picks] of queries) {
    for (const s of samplesOf.slice(0, 5)) await run(s); // warm up
    const times: number[] = [];
    for (const s of samplesOf) {
      const started = performance.now();
      await run(s);
      times.push(performance.now() - started);
    }
    results.push({ query, ...summarise(times) });
  }
  return results;
}
