import { foldStream, planStreamId, type StreamDecider } from '@app/plans';
import { isPlanEvent, planDecider, type PlanCommand, type PlanEvent, type PlanState } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { generateMeetingProtocol, type TextCorpus } from '@app/workload';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '@app/read-models';
import { startApi } from './api.js';
import { planMeasures, round } from './support.js';

export interface MeetingReplayResult {
  readonly planId: string;
  readonly measures: number;
  readonly amendments: number;
  readonly adopted: number;
  readonly appended: number;
  /** POST /meetings/replay?dryRun=true: decided in memory, nothing written. */
  readonly dryRunSeconds: number;
  /** POST /meetings/replay: what was decided appended (a few appends) and the read models caught up. */
  readonly replaySeconds: number;
}

const plans: StreamDecider<PlanCommand, PlanEvent, PlanState> = { ...planDecider, isEvent: isPlanEvent };

/**
 * A generated 300-amendment protocol for the adopted plan with the most measures in the latest
 * period, replayed through the api as a meeting officer's client would: first a dry run (what
 * the meeting sees before it votes), then for real. The plan's whole history is in the data set,
 * so the replay works on a plan followed up for years, as in a real party.
 */
export async function benchmarkMeetingReplay(
  db: Kysely<ReadModelDatabase>,
  store: EventStore,
  databaseUrl: string,
  options: { amendments: number; seed: number; corpus: TextCorpus; token?: string },
): Promise<MeetingReplayResult> {
  const candidate = await db
    .selectFrom('rm_plans as p')
    .innerJoin(planMeasures(db).as('m'), 'm.plan_id', 'p.plan_id')
    .select(['p.plan_id as planId', 'p.organisation_id as organisationId'])
    .select((eb) => eb.fn.countAll<string>().as('measures'))
    .where('p.status', '=', 'adopted')
    .where('m.struck', '=', false)
    .groupBy(['p.plan_id', 'p.organisation_id', 'p.period_to'])
    .orderBy('p.period_to', 'desc')
    .orderBy('measures', 'desc')
    .orderBy('p.plan_id')
    .executeTakeFirstOrThrow();
  const history = await store.readStream(planStreamId(candidate.planId));
  const plan = foldStream(plans, history);
  if (plan.status === 'none') throw new Error(`Plan ${candidate.planId} has no events`);
  const adoptions = history.filter((e) => e.type === 'PlanAdopted');
  const body = String(adoptions[adoptions.length - 1]?.data.body ?? 'ÅM');
  const protocol = generateMeetingProtocol(plan, {
    meetingId: `bench-meeting-${options.seed}`,
    organisationId: candidate.organisationId,
    body,
    date: `${plan.period.to}-12-01`,
    edition: `${plan.period.to}-bench`,
    amendments: options.amendments,
    seed: options.seed,
    corpus: options.corpus,
  });

  const api = await startApi(databaseUrl);
  try {
    const replay = async (query: string): Promise<{ seconds: number; body: Record<string, unknown> }> => {
      const started = performance.now();
      const response = await fetch(`${api.base}/meetings/replay${query}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify(protocol),
      });
      const text = await response.text();
      const seconds = (performance.now() - started) / 1000;
      if (!response.ok) throw new Error(`Replay answered ${response.status}: ${text.slice(0, 2000)}`);
      return { seconds, body: JSON.parse(text) as Record<string, unknown> };
    };
    const dryRun = await replay('?dryRun=true');
    const real = await replay('');
    const outcomes = real.body.amendments as Array<{ status: string }>;
    return {
      planId: candidate.planId,
      measures: Number(candidate.measures),
      amendments: protocol.amendments.length,
      adopted: outcomes.filter((a) => a.status === 'adopted').length,
      appended: Number(real.body.appended),
      dryRunSeconds: round(dryRun.seconds, 2),
      replaySeconds: round(real.seconds, 2),
    };
  } finally {
    await api.stop();
  }
}
