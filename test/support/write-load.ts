import { randomUUID } from 'node:crypto';
import request from 'supertest';

export interface NoteLoad {
  /** The command ids the api answered 200 to. */
  readonly acknowledged: Set<string>;
  /** How many answers of each status the clients got (retries included). */
  readonly statuses: Map<number, number>;
  /** 503 answers that carried Retry-After. */
  readonly retryAfterSeen: () => number;
  /** The slowest single answer, in ms. */
  readonly slowestMs: () => number;
  /** Lets each client finish the write it is on, then resolves (rejects if one got an answer not allowed). */
  stop(): Promise<void>;
}

/**
 * Progress notes written by `clients` concurrent clients on the measures of `plan`, until
 * `stop`: each note sent with an Idempotency-Key of its own and retried with the same key
 * until the api answers 200. 409 (another client appended first) and the `alsoAllowed`
 * statuses are retried after 100 ms; any other status stops the load with an error.
 */
export function startNoteLoad(options: {
  http: Parameters<typeof request>[0];
  plan: string;
  measureIds: readonly string[];
  clients?: number;
  alsoAllowed?: readonly number[];
}): NoteLoad {
  const acknowledged = new Set<string>();
  const statuses = new Map<number, number>();
  const allowed = new Set([409, ...(options.alsoAllowed ?? [])]);
  let retryAfterSeen = 0;
  let slowestMs = 0;
  let stopping = false;

  async function client(id: number): Promise<void> {
    for (let n = 0; !stopping; n++) {
      const commandId = randomUUID();
      const measureId = options.measureIds[(id + n) % options.measureIds.length]!;
      for (let attempt = 0; ; attempt++) {
        if (attempt >= 300) throw new Error(`client ${id}: note ${n} not acknowledged after 300 attempts`);
        const started = Date.now();
        const response = await request(options.http)
          .post(`/plans/${options.plan}/measures/${measureId}/notes`)
          .set('Idempotency-Key', commandId)
          .send({ note: `klient ${id} notat ${n}` })
          .timeout(15_000);
        slowestMs = Math.max(slowestMs, Date.now() - started);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200) {
          acknowledged.add(commandId);
          break;
        }
        if (!allowed.has(response.status)) {
          throw new Error(`client ${id}: unexpected ${response.status} ${JSON.stringify(response.body)}`);
        }
        if (response.status === 503 && response.headers['retry-after']) retryAfterSeen++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  const running = Array.from({ length: options.clients ?? 4 }, (_, i) => client(i + 1));
  // Reported by stop(); not unhandled meanwhile.
  const all = Promise.all(running);
  all.catch(() => undefined);
  return {
    acknowledged,
    statuses,
    retryAfterSeen: () => retryAfterSeen,
    slowestMs: () => slowestMs,
    stop: async () => {
      stopping = true;
      await all;
    },
  };
}
