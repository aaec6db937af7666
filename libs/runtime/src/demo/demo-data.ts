import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { findMeasure, type MeasureStatus } from '@app/domain';
import {
  ChangePlanCommand,
  PlanCommandRunner,
  ReplayProtocolCommand,
  type CommandEnvelope,
  type PlanChange,
} from '@app/plans';

import { parseMeetingProtocol } from '@app/plan-document';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { fileURLToPath } from 'node:url';
import { v5 as uuidv5 } from 'uuid';
import type { DirectoryImports } from '../imports/import-directory.js';

const DEMO_NAMESPACE = '5d3c1b2a-9e8f-4a7b-8c6d-0e1f2a3b4c5d';
const DEMO_PLAN = 'oslo-sv-2024-2027';

/**
 * The seed plans shipped with the repository (demo/seeds), or PLANVERK_DEMO_SEEDS. Found by
 * walking up from this file, which runs from libs/ under the tests and from dist/ otherwise.
 */
export function demoSeedsDir(): string {
  if (process.env.PLANVERK_DEMO_SEEDS) return process.env.PLANVERK_DEMO_SEEDS;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'demo', 'seeds');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'demo', 'seeds');
    dir = parent;
  }
}

/**
 * The 2026 edition of Oslo SV's plan (seed 001) is the meeting papers the council
 * (representantskapet) received on 27.01.2026 (seeds/README.md). The demo takes it to be adopted
 * as written that day, revision 1: the plan as its document says, which the audit compares with
 * (4.2.J "to ganger i året"). The annual meeting replayed after it, which amends it into
 * revision 2, is an invented example (demo/README.md).
 */
const ADOPTED_AS_WRITTEN = [
  {
    planId: DEMO_PLAN,
    body: 'RS',
    date: '2026-01-27',
    decisionRef: 'Sakspapir til representantskapet 27.01.2026',
  },
];

/** Follow-up reports a board might have made on the 2026 Oslo SV plan by the spring. */
const FOLLOW_UP: Array<{ address: string; status: MeasureStatus; note: string; at: string }> = [
  {
    address: '4.1.A',
    status: 'in_progress',
    note: 'Dørbanking i gang i 11 av 16 lokallag',
    at: '2026-04-15',
  },
  {
    address: '4.1.C',
    status: 'done',
    note: 'Alle lokallagsstyrer har valgt en ansvarlig for dørbank',
    at: '2026-03-20',
  },
  {
    address: '4.1.H',
    status: 'done',
    note: 'Kampanjeuke med dørbank og stands gjennomført i mai',
    at: '2026-05-20',
  },
  { address: '4.1.E', status: 'in_progress', note: 'Møter holdt med 9 lokallag', at: '2026-04-15' },
  { address: '4.2.A', status: 'postponed', note: 'Ringekampanjen flyttes til høsten', at: '2026-04-15' },
];

/**
 * On an empty store: the five seed plans, imported and linked as `planverk import --all`
 * would, and a few follow-up reports. Every command id is fixed, so loading it again is a no-op.
 */
export async function loadDemoData(
  imports: DirectoryImports,
  commandBus: CommandBus,
  runner: PlanCommandRunner,
): Promise<boolean> {
  const logger = new Logger('Demo');
  if ((await runner.loadPlan(DEMO_PLAN)).status !== 'none') return false;
  const dir = demoSeedsDir();
  if (!existsSync(dir)) {
    logger.warn(`No demo data: ${dir} does not exist`);
    return false;
  }
  logger.log('Loading demo data: the five seed plans and some follow-up (first start only)');
  // The texts do not say when most of these plans were adopted; for the demo each is taken to
  // be in force from the start of its period, so "as of" dates in its period show it. An annual
  // edition is dated from its own adoption instead: its text is not what the plan said before.
  await imports.importDirectory(
    dir,
    'system:demo',
    undefined,
    (doc) =>
      ADOPTED_AS_WRITTEN.find((a) => a.planId === doc.plan.id)?.date ?? `${doc.plan.period.from}-01-01`,
  );
  for (const adoption of ADOPTED_AS_WRITTEN) {
    const { planId, ...decision } = adoption;
    await commandBus.execute(
      new ChangePlanCommand(
        planId,
        { type: 'AdoptPlan', ...decision },
        {
          ...envelope(`adopt:${planId}`, adoption.date),
          cause: { kind: 'board_decision', reference: adoption.decisionRef },
        },
      ),
    );
  }
  // One meeting, replayed from its protocol: the annual meeting that adopts the 2026 edition.
  const protocolFile = join(dirname(dir), 'oslo-sv-am-2026.protocol.yaml');
  if (existsSync(protocolFile)) {
    const { protocol, issues } = parseMeetingProtocol(readFileSync(protocolFile, 'utf8'));
    await commandBus.execute(
      new ReplayProtocolCommand(protocol, {
        dryRun: false,
        actor: 'system:demo',
        now: '2026-03-14T20:00:00.000Z',
        issues,
      }),
    );
  }

  const plan = await runner.loadPlan(DEMO_PLAN);
  for (const report of FOLLOW_UP) {
    // A measure the meeting struck gets no report.
    const measure = plan.status === 'none' ? undefined : findMeasure(plan, report.address);
    if (!measure || measure.struck) continue;
    const measureId = measure.id;
    const change: PlanChange = {
      type: 'ChangeMeasureStatus',
      measureId,
      status: report.status,
      note: report.note,
    };
    await commandBus.execute(
      new ChangePlanCommand(DEMO_PLAN, change, envelope(`status:${report.address}`, report.at)),
    );
  }
  logger.log('Demo data loaded');
  return true;
}

function envelope(key: string, effectiveAt: string): CommandEnvelope {
  return {
    commandId: uuidv5(`demo:${key}`, DEMO_NAMESPACE),
    actor: 'system:demo',
    effectiveAt,
    now: `${effectiveAt}T18:00:00.000Z`,
    // Invented, as the meeting is: every page that names the cause says it is an example.
    cause: { kind: 'follow_up', reference: '(eksempel)' },
  };
}
