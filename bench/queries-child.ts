// Asks the board's and the auditor's questions (queries.ts) in a process of its own and prints
// the results as one line of JSON. Run by run.ts with DATABASE_URL, QUERY_SAMPLES and QUERY_SEED
// set: the benchmark's own process holds what its earlier steps made (at the default scale the
// 150,000 events of the append rows), and its garbage collection paused the queries' slowest
// samples, not the read models (docs/benchmarks.md, "Queries in a process of their own").
import { openDatabase } from '@app/database';
import { runQueries } from './queries.js';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    const queries = await runQueries(
      database.db,
      Number(process.env.QUERY_SAMPLES ?? 60),
      Number(process.env.QUERY_SEED ?? 1),
    );
    console.log(JSON.stringify(queries));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
