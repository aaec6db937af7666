import { eventIdFor, type EventStore } from '@app/event-store';
import { randomUUID } from 'node:crypto';

/** Stores one OrganisationRegistered event, as the command would: a small event any read model test can wait for. */
export async function registerOrganisation(store: EventStore, organisationId: string): Promise<void> {
  const commandId = randomUUID();
  await store.appendToStream(`organisation-${organisationId}`, [
    {
      id: eventIdFor(commandId, 0),
      type: 'OrganisationRegistered',
      data: { organisationId, name: organisationId, level: 'local' },
      metadata: {
        actor: 'user:test',
        commandId,
        correlationId: commandId,
        effectiveAt: '2026-12-07',
        recordedAt: '2026-12-07T12:00:00.000Z',
      },
    },
  ]);
}
