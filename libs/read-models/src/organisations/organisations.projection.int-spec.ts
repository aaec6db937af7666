import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { OrganisationEvent, OrganisationLevel } from '@app/domain';
import { inStream, projectionSpecification } from '@app/testing';
import { organisationsProjection } from './organisations.projection.js';

const registered = (
  organisationId: string,
  name: string,
  level: OrganisationLevel,
  parentId?: string,
): OrganisationEvent[] =>
  inStream<OrganisationEvent>(`organisation-${organisationId}`, {
    type: 'OrganisationRegistered',
    data: { organisationId, name, level, ...(parentId ? { parentId } : {}) },
  });

const bodyDeclared = (organisationId: string, code: string, name: string): OrganisationEvent[] =>
  inStream<OrganisationEvent>(`organisation-${organisationId}`, {
    type: 'OrganisationBodyDeclared',
    data: { organisationId, code, name },
  });

describe('the organisations projection (rm_organisations)', () => {
  const spec = projectionSpecification(organisationsProjection);
  beforeAll(() => spec.open());
  afterAll(() => spec.dispose());

  it('keeps a registered organisation with its parent and no bodies yet', () =>
    spec
      .given(registered('oslo', 'Oslo', 'county', 'norge'))
      .then('rm_organisations', [
        { organisation_id: 'oslo', name: 'Oslo', level: 'county', parent_id: 'norge', bodies: [] },
      ]));

  it('keeps a top-level organisation without a parent', () =>
    spec
      .given(registered('norge', 'Norge', 'national'))
      .then('rm_organisations', [{ organisation_id: 'norge', parent_id: null }]));

  it('adds each declared body after the ones before it', () =>
    spec
      .given(registered('oslo', 'Oslo', 'county'), bodyDeclared('oslo', 'FS', 'Fylkesstyret'))
      .when(bodyDeclared('oslo', 'AU', 'Arbeidsutvalget'))
      .then('rm_organisations', [
        {
          organisation_id: 'oslo',
          bodies: [
            { code: 'FS', name: 'Fylkesstyret' },
            { code: 'AU', name: 'Arbeidsutvalget' },
          ],
        },
      ]));

  it('declares a body on its own organisation only', () =>
    spec
      .given(registered('oslo', 'Oslo', 'county'), registered('bergen', 'Bergen', 'local'))
      .when(bodyDeclared('bergen', 'ST', 'Styret'))
      .then('rm_organisations', [
        { organisation_id: 'oslo', bodies: [] },
        { organisation_id: 'bergen', bodies: [{ code: 'ST', name: 'Styret' }] },
      ]));

  it('keeps nothing of events of other streams', () =>
    spec.given({ type: 'PlanRetitled', data: { planId: 'p', from: 'A', to: 'B' } }).thenNoRows());
});
