import { randomUUID } from 'node:crypto';
import type { PlanCommand } from '@app/domain';
import type { CommandEnvelope } from '@app/plans';

/** Commands the command-runner tests send, all at one moment, by one secretary. */
export const now = '2026-03-01T10:00:00.000Z';
export const envelope = (commandId = randomUUID()): CommandEnvelope => ({
  commandId,
  actor: 'user:kari',
  now,
});
export const create = (planId: string): PlanCommand => ({
  type: 'CreatePlan',
  planId,
  organisationId: 'oslo-sv',
  title: 'Arbeidsprogram',
  period: { from: 2024, to: 2027 },
  bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
  now,
});
export const retitle = (title: string): PlanCommand => ({ type: 'RetitlePlan', title, now });
