import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../read-model-database.js';
import { describeActorNb } from '../report-format/report-format.js';

/**
 * The names pages and reports show for the actors on events: a user's username for
 * "user:<id>", never the id; "systemet", "demodata" or "<name> (kommandolinjen)" for the rest.
 */
export async function loadActorNames(
  db: Kysely<ReadModelDatabase>,
  actors: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(actors)];
  const userIds = unique.filter((a) => a.startsWith('user:')).map((a) => a.slice('user:'.length));
  const rows =
    userIds.length === 0
      ? []
      : await db
          .selectFrom('rm_users')
          .select(['user_id', 'username'])
          .where('user_id', 'in', userIds)
          .execute();
  const usernames = new Map(rows.map((r) => [`user:${r.user_id}`, r.username]));
  return new Map(unique.map((a) => [a, describeActorNb(a, usernames.get(a))]));
}
