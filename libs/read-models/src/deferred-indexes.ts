import { sql, type Kysely, type Transaction } from 'kysely';

/**
 * Secondary indexes a rebuild from position 0 drops before it writes and creates again after
 * (docs/adr/0007): building an index once over all rows is cheaper than keeping it up to date
 * row by row. Each definition is kept in `projection_deferred_indexes`, in the transaction that
 * drops the index, so a rebuild that dies (kill -9, a lost connection) leaves what to restore:
 * the next start (`restoreDeferredIndexes` after the migrations) or the next rebuild creates it.
 */
export async function dropDeferredIndexes(trx: Transaction<any>, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const found = await sql<{ definition: string }>`
      select indexdef as definition from pg_indexes
      where schemaname = current_schema() and indexname = ${name}`.execute(trx);
    const definition = found.rows[0]?.definition;
    // Not there: dropped by a rebuild that died, and its definition is still kept.
    if (definition === undefined) continue;
    await trx
      .insertInto('projection_deferred_indexes')
      .values({ index_name: name, definition })
      .onConflict((oc) => oc.column('index_name').doUpdateSet({ definition }))
      .execute();
    await sql`drop index ${sql.id(name)}`.execute(trx);
  }
}

/**
 * Creates every index a rebuild dropped and has not created again (or only those of `names`),
 * each on a connection of its own.
 */
export async function restoreDeferredIndexes(db: Kysely<any>, names?: readonly string[]): Promise<void> {
  if (names?.length === 0) return;
  let query = db.selectFrom('projection_deferred_indexes').select('index_name');
  if (names) query = query.where('index_name', 'in', names);
  const pending = await query.execute();
  await Promise.all(
    pending.map(({ index_name }) =>
      db.transaction().execute(async (trx) => {
        // Another process may be restoring it too: the row lock lets one do it.
        const row = await trx
          .selectFrom('projection_deferred_indexes')
          .select('definition')
          .where('index_name', '=', index_name)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return;
        // Building an index over millions of rows may take longer than the pool's statement timeout.
        await sql`set local statement_timeout = 0`.execute(trx);
        const definition = (row.definition as string).replace(
          /^CREATE (UNIQUE )?INDEX /i,
          (_m, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX IF NOT EXISTS `,
        );
        await sql.raw(definition).execute(trx);
        await trx.deleteFrom('projection_deferred_indexes').where('index_name', '=', index_name).execute();
      }),
    ),
  );
}
