// npm run bench:meeting-replay [-- --scale small|default|<factor>] [--seed N] [--runs N]
// The meeting replay row of `npm run bench` (7.) on its own: generates the synthetic party into a
// fresh PostgreSQL database (DATABASE_URL's server), builds the read models from it, and replays a
// 300-amendment protocol through the api, dry run then for real. With --runs N, N databases one
// after the other (each replay on a fresh copy of the same party), to see the spread on a busy machine.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '@app/database';
import { PostgresEventStore } from '@app/event-store-postgres';
import { readModelMigrations } from '@app/read-models';
import { generateWorkload, loadTextCorpus, parseScale, writeWorkload } from '@app/workload';
import { createBenchAdmin } from './admin.js';
import { benchmarkMeetingReplay } from './meeting-replay.js';
import { openOurStore } from './stores.js';
import { createBenchDatabase } from './support.js';

const ROOT = new URL('../../../', import.meta.url);
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
    amendments: { type: 'string', default: '300' },
  },
});
const scale = parseScale(values.scale);
const seed = Number(values.seed);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const corpus = loadTextCorpus(new URL('demo/seeds', ROOT).pathname);

const log = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

for (let run = 1; run <= Number(values.runs); run++) {
  const database = await createBenchDatabase(serverUrl, 'meeting_replay');
  try {
    const token = await createBenchAdmin(database.url);
    const target = await openOurStore(database.url);
    try {
      await migrateToLatest(target.database.db, 'read_model', readModelMigrations);
      log(`generating scale ${scale.name} (seed ${seed})`);
      const generated = await writeWorkload(
        new PostgresEventStore(target.database.db),
        generateWorkload({ seed, scale, corpus }),
        { concurrency: 4 },
      );
      log(`generated ${generated.events} events; building the read models`);
      execFileSync(process.execPath, [new URL('rebuild-child.js', import.meta.url).pathname], {
        env: { ...process.env, DATABASE_URL: database.url },
        encoding: 'utf8',
      });
      log('replaying');
      const result = await benchmarkMeetingReplay(
        target.database.db,
        new PostgresEventStore(target.database.db),
        database.url,
        { amendments: Number(values.amendments), seed, corpus, token },
      );
      console.log(JSON.stringify({ run, scale: scale.name, ...result }));
    } finally {
      await target.close();
    }
  } finally {
    await database.drop();
  }
}
