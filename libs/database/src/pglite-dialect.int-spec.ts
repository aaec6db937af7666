import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import { openInMemoryDatabase, type Database } from './database.js';

/**
 * What the embedded database must do that kysely-pglite 0.6.1's driver does not (docs/adr/0023):
 * PGlite is one session, so the dialect hands it to one holder at a time, and it reports the
 * rows a statement changed. A dialect that replaces ours must pass these.
 */
interface Tables {
  t: { n: number };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PGliteDialect', () => {
  let database: Database;
  let db: Kysely<Tables>;

  beforeAll(async () => {
    database = await openInMemoryDatabase();
    db = database.db as Kysely<Tables>;
    await db.schema.createTable('t').addColumn('n', 'integer').execute();
  });
  afterAll(() => database.close());
  const rows = async () => (await db.selectFrom('t').select('n').orderBy('n').execute()).map((r) => r.n);

  it('keeps a write made beside a transaction when that transaction rolls back', async () => {
    await db.deleteFrom('t').execute();
    const rolledBack = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('t').values({ n: 1 }).execute();
        await tick(30);
        throw new Error('rolled back');
      })
      .catch((error: unknown) => error);
    await tick(5);
    await db.insertInto('t').values({ n: 2 }).execute();
    expect(await rolledBack).toEqual(new Error('rolled back'));
    expect(await rows()).toEqual([2]);
  });

  it('runs two transactions one after the other, so one rolling back leaves the other committed', async () => {
    await db.deleteFrom('t').execute();
    const outcomes = await Promise.allSettled(
      [1, 2].map((n) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('t').values({ n }).execute();
          await tick(10);
          if (n === 1) throw new Error('first rolls back');
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
    expect(await rows()).toEqual([2]);
  });

  it('reports how many rows an update or delete changed', async () => {
    await db.deleteFrom('t').execute();
    await db
      .insertInto('t')
      .values([{ n: 1 }, { n: 2 }])
      .execute();
    expect((await db.updateTable('t').set({ n: 9 }).executeTakeFirst()).numUpdatedRows).toBe(2n);
    expect((await db.deleteFrom('t').where('n', '=', 9).executeTakeFirst()).numDeletedRows).toBe(2n);
  });
});
