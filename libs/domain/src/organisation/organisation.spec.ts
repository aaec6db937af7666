import { describe, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { organisationDecider, type OrganisationEvent } from './organisation.js';

const now = '2026-11-23T12:00:00.000Z';
const spec = deciderSpecification(organisationDecider);
const registered: OrganisationEvent = {
  type: 'OrganisationRegistered',
  data: { organisationId: 'oslo-sv', name: 'Oslo SV', level: 'county', parentId: 'sv' },
};

describe('organisations', () => {
  it('registers a county branch under its national party', () => {
    spec
      .given([])
      .when({
        type: 'RegisterOrganisation',
        now,
        organisationId: 'oslo-sv',
        name: 'Oslo SV',
        level: 'county',
        parentId: 'sv',
      })
      .then([registered]);
  });

  it('refuses a national party with a parent', () => {
    spec
      .given([])
      .when({
        type: 'RegisterOrganisation',
        now,
        organisationId: 'sv',
        name: 'SV',
        level: 'national',
        parentId: 'x',
      })
      .thenThrows('NATIONAL_HAS_NO_PARENT');
  });

  it('refuses to register twice', () => {
    spec
      .given([registered])
      .when({
        type: 'RegisterOrganisation',
        now,
        organisationId: 'oslo-sv',
        name: 'Oslo SV',
        level: 'county',
      })
      .thenThrows('ORGANISATION_EXISTS');
  });

  it('declares its bodies, once each', () => {
    spec
      .given([registered])
      .when({ type: 'DeclareOrganisationBody', now, code: 'FS', name: 'Fylkesstyret' })
      .then([
        {
          type: 'OrganisationBodyDeclared',
          data: { organisationId: 'oslo-sv', code: 'FS', name: 'Fylkesstyret' },
        },
      ]);
    spec
      .given([
        registered,
        {
          type: 'OrganisationBodyDeclared',
          data: { organisationId: 'oslo-sv', code: 'FS', name: 'Fylkesstyret' },
        },
      ])
      .when({ type: 'DeclareOrganisationBody', now, code: 'FS', name: 'Fylkesstyret' })
      .thenNothingHappens();
  });

  it('refuses a body for an organisation that does not exist', () => {
    spec
      .given([])
      .when({ type: 'DeclareOrganisationBody', now, code: 'FS', name: 'Fylkesstyret' })
      .thenThrows('ORGANISATION_NOT_FOUND');
  });
});
