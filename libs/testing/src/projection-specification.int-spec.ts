import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OrganisationEvent } from '@app/domain';
import type { Projection, RebuildSession } from '@app/read-models';
import {
  projectionSpecification,
  recordedOf,
  streamEvents,
  type SpecEvent,
} from './projection-specification.js';

const oslo = streamEvents<OrganisationEvent>('organisation-oslo');
const registered = (organisationId: string): SpecEvent =>
  oslo('OrganisationRegistered', { organisationId, name: organisationId, level: 'local' });

/**
 * A projection of organisations into rm_organisations whose name column says how the events came:
 * the batch's size, or that a rebuild session wrote it, as the name a faulty projection would get wrong.
 */
function organisationsNamed(name: (batch: number) => string, session?: () => RebuildSession): Projection {
  return {
    name: 'spec-organisations',
    tables: ['rm_organisations'],
    async apply(trx, events) {
      for (const event of events) {
        await trx
          .insertInto('rm_organisations')
          .values({
            organisation_id: String(event.data.organisationId),
            name: name(events.length),
            level: 'local',
            parent_id: null,
            bodies: '[]',
          })
          .execute();
      }
    },
    ...(session ? { startRebuild: session } : {}),
  };
}

/** A rebuild session that writes every organisation it took, named as `name`. */
const sessionNaming = (name: string) => (): RebuildSession => {
  let taken: string[] = [];
  return {
    writeEvery: 1000,
    add(events) {
      for (const event of events) taken.push(String(event.data.organisationId));
    },
    take() {
      const ids = taken;
      taken = [];
      return ({ insertRows }) =>
        insertRows(
          'rm_organisations',
          ['organisation_id', 'name', 'level', 'parent_id', 'bodies'],
          ids.map((id) => [id, name, 'local', null, '[]']),
        );
    },
  };
};

describe('projectionSpecification', () => {
  const specs = [
    projectionSpecification(organisationsNamed(() => 'kept', sessionNaming('kept'))),
    projectionSpecification(organisationsNamed((batch) => `batch of ${batch}`)),
    projectionSpecification(organisationsNamed(() => 'kept', sessionNaming('rebuilt'))),
  ] as const;
  const [consistent, batchDependent, rebuiltOtherwise] = specs;
  beforeAll(async () => {
    for (const spec of specs) await spec.open();
  });
  afterAll(async () => {
    for (const spec of specs) await spec.dispose();
  });

  it('passes when the rows are the expected ones, in any order, on the columns named', () =>
    consistent
      .given(registered('a'))
      .when(registered('b'))
      .then('rm_organisations', [{ organisation_id: 'b' }, { organisation_id: 'a', name: 'kept' }]));

  it('fails on a row too many, a row missing or a value that differs', async () => {
    const given = consistent.given(registered('a'), registered('b'));
    await expect(given.then('rm_organisations', [{ organisation_id: 'a' }])).rejects.toThrow(/toEqual/);
    await expect(
      given.then('rm_organisations', [
        { organisation_id: 'a' },
        { organisation_id: 'b' },
        { organisation_id: 'c' },
      ]),
    ).rejects.toThrow(/toEqual/);
    await expect(
      given.then('rm_organisations', [{ organisation_id: 'a' }, { organisation_id: 'b', name: 'other' }]),
    ).rejects.toThrow(/toEqual/);
    await expect(given.thenNoRows()).rejects.toThrow(/toEqual/);
  });

  it('fails when the rows depend on how the events were cut into batches', async () => {
    await expect(
      batchDependent.given(registered('a'), registered('b')).then('rm_organisations', [
        { organisation_id: 'a', name: 'batch of 2' },
        { organisation_id: 'b', name: 'batch of 2' },
      ]),
    ).rejects.toThrow(/Delivered as one event a batch/);
  });

  it('checks that a rebuild session leaves the rows applying the events left', async () => {
    await consistent
      .given(registered('a'))
      .when(registered('b'))
      .then('rm_organisations', [{ organisation_id: 'a' }, { organisation_id: 'b' }]);
    await expect(
      rebuiltOtherwise.given(registered('a')).when(registered('b')).thenNoRows('rm_plans'),
    ).rejects.toThrow(
      /Delivered as a rebuild session writing once, every row as given and when as two batches left them/,
    );
  });

  it('runs each scenario in a transaction of its own: the rows of one are gone for the next', async () => {
    await consistent.given(registered('a')).then('rm_organisations', [{ organisation_id: 'a' }]);
    await consistent.given().thenNoRows();
  });

  it("records events as a command would: each stream's revisions from 0, positions in order", () => {
    const recorded = recordedOf([registered('a'), { type: 'X', data: {} }, registered('b')]);
    expect(recorded.map((e) => [e.streamId, e.revision, e.position.commit])).toEqual([
      ['organisation-oslo', 0n, 1n],
      ['spec', 0n, 2n],
      ['organisation-oslo', 1n, 3n],
    ]);
    expect(new Set(recorded.map((e) => e.id)).size).toBe(3);
  });
});
