import type { CommandBus } from '@nestjs/cqrs';
import { ChangeOrganisationCommand, type PlanCommandRunner } from '@app/plans';
import { v5 as uuidv5 } from 'uuid';
import { isKnownOrganisation, organisationOf } from './link-imported-plans.js';

/** uuid v5 namespace of the commands an import gives itself (registering, linking). */
export const LINK_NAMESPACE = 'a3f1c9e2-7b4d-4e6a-9c8f-1d2e3f4a5b6c';

/**
 * Registers the organisation a plan is imported for, unless it is registered: so its plans have an
 * organisation page from the first import on. Its name is the one the document writes
 * (`name`: "Rødt Trøndelag"), a known party organisation's, or else its slug; a county branch
 * ("trondelag-rodt") is placed under its party when the party is registered or known, and
 * otherwise stands alone (no party registered under a made-up name). A fixed command id: doing it
 * again changes nothing.
 */
export async function registerOrganisation(
  deps: { readonly commandBus: CommandBus; readonly runner: PlanCommandRunner },
  id: string,
  envelope: { readonly actor: string; readonly now: string },
  name?: string,
): Promise<void> {
  if ((await deps.runner.loadOrganisation(id)).status !== 'none') return;
  const org = organisationOf(id);
  const parentId =
    org.parentId &&
    (isKnownOrganisation(org.parentId) ||
      (await deps.runner.loadOrganisation(org.parentId)).status !== 'none')
      ? org.parentId
      : undefined;
  if (parentId) await registerOrganisation(deps, parentId, envelope);
  await deps.commandBus.execute(
    new ChangeOrganisationCommand(
      id,
      {
        type: 'RegisterOrganisation',
        organisationId: id,
        name: isKnownOrganisation(id) ? org.name : (name ?? org.name),
        level: org.level,
        ...(parentId ? { parentId } : {}),
      },
      {
        commandId: uuidv5(`register:${id}`, LINK_NAMESPACE),
        actor: envelope.actor,
        now: envelope.now,
        cause: { kind: 'import' },
      },
    ),
  );
}
