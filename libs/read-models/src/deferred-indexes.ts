import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReadModelDatabase } from './read-model-database.js';

/**
 * Secondary indexes a rebuild from position 0 drops before it writes and creates again after
 * (docs/adr/0007): building an index once over all rows is cheaper than keeping it up to date
 * row by row. Each definition is kept in `projection_deferred_indexes`, in the transaction that
 * drops the index, so a rebuild that dies (kill -9, a lost connection) leaves what to restore:
 * the next start (`restoreDeferredIndexes` after the migrations) or the next rebuild creates it.
 * Only plain indexes on columns can be deferred: the kept definition is taken apart into names
 * and the index created from those, quoted, never by running the kept text (docs/adr/0008).
 */
export async function dropDeferredIndexes(
  trx: Transaction<ReadModelDatabase>,
  names: readonly string[],
): Promise<void> {
  for (const name of names) {
    const found = await sql<{ definition: string }>`
      select indexdef as definition from pg_indexes
      where schemaname = current_schema() and indexname = ${name}`.execute(trx);
    const definition = found.rows[0]?.definition;
    // Not there: dropped by a rebuild that died, and its definition is still kept.
    if (definition === undefined) continue;
    // Only what `restoreDeferredIndexes` can create again is dropped (refused here, before the drop).
    parseIndexDefinition(name, definition);
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
export async function restoreDeferredIndexes(
  db: Kysely<ReadModelDatabase>,
  names?: readonly string[],
): Promise<void> {
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
        await createIndexStatement(parseIndexDefinition(index_name, row.definition)).execute(trx);
        await trx.deleteFrom('projection_deferred_indexes').where('index_name', '=', index_name).execute();
      }),
    ),
  );
}

/** A plain index on columns: all a deferred index may be (docs/adr/0008). */
export interface DeferredIndex {
  readonly name: string;
  readonly unique: boolean;
  readonly schema: string | undefined;
  readonly table: string;
  readonly method: string;
  readonly columns: readonly string[];
}

const NAME = '[a-z_][a-z0-9_]*';
/** `pg_get_indexdef` of a plain index: `CREATE [UNIQUE] INDEX name ON schema.table USING method (a, b)`. */
const PLAIN_INDEX = new RegExp(
  `^CREATE (UNIQUE )?INDEX (${NAME}) ON (?:(${NAME})\\.)?(${NAME}) USING (btree|hash|brin) \\((${NAME}(?:, ${NAME})*)\\)$`,
);

/**
 * The stored definition of a dropped index (PostgreSQL's own `pg_indexes.indexdef`), taken
 * apart into names, so that it is created again from quoted identifiers and never run as SQL
 * text (docs/adr/0008). Anything but a plain index on columns with lower-case names (an
 * expression, a WHERE clause, INCLUDE, an operator class, a sort order) is refused, as is a
 * definition of another index than `name`: such a row was not written by `dropDeferredIndexes`.
 */
export function parseIndexDefinition(name: string, definition: string): DeferredIndex {
  const match = PLAIN_INDEX.exec(definition);
  if (!match || match[2] !== name) {
    throw new Error(
      `Deferred index ${name}: not a plain index on columns, so it cannot be dropped and created again by a rebuild: ${definition}`,
    );
  }
  return {
    name,
    unique: match[1] !== undefined,
    schema: match[3],
    table: match[4]!,
    method: match[5]!,
    columns: match[6]!.split(', '),
  };
}

/** `create [unique] index if not exists` from identifiers only, each quoted by kysely. */
export function createIndexStatement(index: DeferredIndex) {
  const table = index.schema === undefined ? sql.id(index.table) : sql.id(index.schema, index.table);
  const columns = sql.join(index.columns.map((column) => sql.id(column)));
  const kind = index.unique ? sql`unique index` : sql`index`;
  return sql`create ${kind} if not exists ${sql.id(index.name)} on ${table} using ${sql.id(index.method)} (${columns})`;
}
