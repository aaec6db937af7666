import { DomainError } from '../shared/domain-error.js';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider.js';
import type { Body } from '../plan/plan.events.js';

/** National party, county branch (fylkeslag), local branch (lokallag). */
export const ORGANISATION_LEVELS = ['national', 'county', 'local'] as const;
export type OrganisationLevel = (typeof ORGANISATION_LEVELS)[number];

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  { organisationId: string; name: string; level: OrganisationLevel; parentId?: string }
>;
export type OrganisationBodyDeclared = DomainEvent<
  'OrganisationBodyDeclared',
  { organisationId: string; code: string; name: string }
>;
export type OrganisationEvent = OrganisationRegistered | OrganisationBodyDeclared;

export type RegisterOrganisation = CommandContext & {
  readonly type: 'RegisterOrganisation';
  readonly organisationId: string;
  readonly name: string;
  readonly level: OrganisationLevel;
  readonly parentId?: string;
};
export type DeclareOrganisationBody = CommandContext & {
  readonly type: 'DeclareOrganisationBody';
  readonly code: string;
  readonly name: string;
};
export type OrganisationCommand = RegisterOrganisation | DeclareOrganisationBody;

export type OrganisationState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly id: string;
      readonly parentId: string | undefined;
      readonly bodies: ReadonlyMap<string, Body>;
    };

export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'OrganisationRegistered':
      return {
        status: 'registered',
        id: event.data.organisationId,
        parentId: event.data.parentId,
        bodies: new Map(),
      };
    case 'OrganisationBodyDeclared':
      if (state.status === 'none') return state;
      return {
        ...state,
        bodies: new Map(state.bodies).set(event.data.code, { code: event.data.code, name: event.data.name }),
      };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export function decideOrganisation(
  command: OrganisationCommand,
  state: OrganisationState,
): OrganisationEvent[] {
  switch (command.type) {
    case 'RegisterOrganisation': {
      if (state.status !== 'none') {
        throw new DomainError(
          'ORGANISATION_EXISTS',
          'conflict',
          `Organisation "${command.organisationId}" already exists`,
        );
      }
      if (command.parentId === command.organisationId) {
        throw new DomainError('SELF_LINK', 'invalid', 'An organisation cannot be its own parent', {
          field: 'parentId',
        });
      }
      if (command.level === 'national' && command.parentId) {
        throw new DomainError(
          'NATIONAL_HAS_NO_PARENT',
          'invalid',
          'A national party has no parent organisation',
          {
            field: 'parentId',
          },
        );
      }
      return [
        {
          type: 'OrganisationRegistered',
          data: {
            organisationId: command.organisationId,
            name: command.name.trim(),
            level: command.level,
            ...(command.parentId ? { parentId: command.parentId } : {}),
          },
        },
      ];
    }
    case 'DeclareOrganisationBody': {
      if (state.status === 'none') {
        throw new DomainError('ORGANISATION_NOT_FOUND', 'not_found', 'The organisation does not exist');
      }
      const existing = state.bodies.get(command.code);
      if (existing?.name === command.name.trim()) return [];
      if (existing) {
        throw new DomainError(
          'BODY_EXISTS',
          'conflict',
          `Body ${command.code} is already declared as "${existing.name}"`,
          {
            field: 'code',
          },
        );
      }
      return [
        {
          type: 'OrganisationBodyDeclared',
          data: { organisationId: state.id, code: command.code, name: command.name.trim() },
        },
      ];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  initialState: () => ({ status: 'none' }),
};

export function isOrganisationEvent(event: { type: string }): event is OrganisationEvent {
  return event.type === 'OrganisationRegistered' || event.type === 'OrganisationBodyDeclared';
}
