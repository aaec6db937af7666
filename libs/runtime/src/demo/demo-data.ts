import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@app/event-store';
import {
  AddMeasureCommand,
  AddSectionCommand,
  ChangeMeasureStatusCommand,
  CreatePlanCommand,
  planStreamId,
  type CommandEnvelope,
} from '@app/plans';

const PLAN_ID = 'oslo-sv-2024-2027';

/**
 * A small piece of the real Oslo SV plan 2024-2027 (årsutgave 2026, section 4.1), so a
 * fresh `npm start` has something to show. Command ids are fixed, so loading it again
 * appends nothing.
 */
export async function loadDemoData(commandBus: CommandBus, store: EventStore): Promise<boolean> {
  const existing = await store.readStream(planStreamId(PLAN_ID), { maxCount: 1 });
  if (existing.length > 0) return false;

  const envelope = (n: string, effectiveAt = '2026-01-27'): CommandEnvelope => ({
    commandId: `demo:${PLAN_ID}:${n}`,
    actor: 'system:demo',
    cause: {
      kind: 'import',
      reference: 'Demodata: Oslo SV arbeids- og organisasjonsplan 2024-2027, årsutgave 2026',
    },
    effectiveAt,
    now: '2026-01-27T18:00:00.000Z',
  });

  await commandBus.execute(
    new CreatePlanCommand(
      {
        planId: PLAN_ID,
        organisationId: 'oslo-sv',
        title: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027',
        period: { from: 2024, to: 2027 },
        edition: '2026',
        bodies: [
          { code: 'FS', name: 'Fylkesstyret' },
          { code: 'AU', name: 'Fylkesstyrets arbeidsutvalg' },
          { code: 'RS', name: 'Representantskapet' },
          { code: 'LL', name: 'Lokallag' },
          { code: 'BSG', name: 'Bystyregruppa' },
        ],
      },
      envelope('create'),
    ),
  );
  const { sectionId } = await commandBus.execute(
    new AddSectionCommand(
      { planId: PLAN_ID, number: '4.1', title: 'Direkte velgerkontakt' },
      envelope('section-4.1'),
    ),
  );
  const measures = [
    [
      'Hele Oslo SV (alle lokallag) skal jevnlig banke på dører i 2026-2027.',
      '2026-2027',
      ['FS', 'LL', 'BSG'],
    ],
    [
      'Det skal lages en plan for systematisk dørbank i 2026-2027. FS er ansvarlig for planen, men den utarbeides og følges opp i samarbeid med lokallagene.',
      'Vår 2026',
      ['FS', 'LL', 'BSG'],
    ],
    [
      'Det skal være minst én hovedansvarlig for direkte velgerkontakt/dørbank i Fylkesstyret og i lokallagsstyrene',
      'Vår 2026',
      ['FS', 'LL'],
    ],
    ['Det skal tilbys opplæring i dørbanking.', 'Kontinuerlig', ['FS', 'LL']],
  ] as const;
  const ids: string[] = [];
  for (const [i, [text, timing, responsible]] of measures.entries()) {
    const { measureId } = await commandBus.execute(
      new AddMeasureCommand(
        { planId: PLAN_ID, sectionId, text, timing, responsible },
        envelope(`measure-${i}`),
      ),
    );
    ids.push(measureId);
  }
  await commandBus.execute(
    new ChangeMeasureStatusCommand(
      {
        planId: PLAN_ID,
        measureId: ids[0]!,
        status: 'in_progress',
        note: 'Dørbanking i gang i de fleste lokallag',
      },
      envelope('status-0', '2026-03-01'),
    ),
  );
  await commandBus.execute(
    new ChangeMeasureStatusCommand(
      {
        planId: PLAN_ID,
        measureId: ids[2]!,
        status: 'done',
        note: 'Alle lokallagsstyrer har valgt en ansvarlig',
      },
      envelope('status-2', '2026-04-15'),
    ),
  );
  new Logger('Demo').log(`Demo data loaded: plan ${PLAN_ID}`);
  return true;
}
