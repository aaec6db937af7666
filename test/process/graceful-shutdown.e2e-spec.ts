import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/config';
import { createSharedTestDatabase, type SharedTestDatabase } from '@app/testing';
import { once } from 'node:events';
import { connect } from 'node:net';
import { createApi } from '../../apps/api/src/create-api.js';
import { DRAIN_TIMEOUT_MS } from '../../apps/api/src/http/http-drain.js';
import { startApiProcess } from '../support/processes.js';
import { createTestAdmin } from '../support/test-api.js';

/**
 * SIGTERM to the built api while requests are in flight: the one whose body is still arriving
 * gets its normal answer (a command that waits for the projections to apply its event), new
 * connections are refused, a request that never completes is cut off after the drain timeout,
 * the projections stop only after that, and the process exits 0. After a restart the in-flight
 * command's event is there and the unfinished one's is not.
 */
describe('the api process on SIGTERM', () => {
  let shared: SharedTestDatabase;
  let token: string;

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    // A system administrator's bearer token, made in-process on the same database.
    const database = await shared.open();
    const app = await createApi({
      config: loadConfig({ PLANVERK_DEMO: '0' }),
      runProjections: true,
      database,
      logger: false,
    });
    try {
      token = (await createTestAdmin(app)).token;
    } finally {
      await app.close();
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    await shared.dispose();
  });

  it('drains the requests in flight, refuses new connections, stops the projections after them and exits 0', async () => {
    const api = await startApiProcess({ ...shared.env, PORT: '0', PLANVERK_DEMO: '0' });
    const port = api.port;
    const organisation = (id: string) => JSON.stringify({ id, name: `Lag ${id}`, level: 'county' });
    const inFlight = await startPost(port, '/organisations', token, organisation('drained'));
    const stuck = await startPost(port, '/organisations', token, organisation('never-finished'));

    const signalledAt = Date.now();
    const exited = api.stop(); // SIGTERM
    expect(await refusedWithin(port, 5_000)).toBe(true);

    inFlight.finish();
    const answered = await inFlight.response(10_000);
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.body)).toMatchObject({ organisationId: 'drained', appended: true });
    // A keep-alive connection is closed once its request is answered, not after the keep-alive timeout.
    expect((await inFlight.closed) - answered.at).toBeLessThan(2_000);

    // The request whose body never comes is cut off at the drain timeout, unanswered.
    const stuckClosedAt = await stuck.closed;
    expect(stuckClosedAt - signalledAt).toBeGreaterThanOrEqual(DRAIN_TIMEOUT_MS - 500);
    expect(stuck.received()).not.toMatch(/HTTP\/1\.1 [2-5]\d\d/);

    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(DRAIN_TIMEOUT_MS + 10_000);

    const output = api.output();
    expect(output).toMatch(/Closing the HTTP server; waiting for the requests in flight/);
    expect(output).toMatch(new RegExp(`Requests still in flight after ${DRAIN_TIMEOUT_MS} ms`));
    // The projections ran until the in-flight command was answered (it waits for them) and were
    // stopped after it, before the stores were closed: no timeout waiting for them, no failure.
    const answeredLog = output.search(/^.*"path":"\/organisations".*"statusCode":201.*$/m);
    const closedLog = output.indexOf('Event store and database closed');
    expect(answeredLog).toBeGreaterThan(-1);
    expect(closedLog).toBeGreaterThan(answeredLog);
    expect(output).not.toMatch(/Read models still behind|Projection \S+ failed|Error during shutdown/);

    const again = await startApiProcess({ ...shared.env, PORT: '0', PLANVERK_DEMO: '0' });
    try {
      const drained = await fetch(`http://127.0.0.1:${again.port}/organisations/drained`);
      expect(drained.status).toBe(200);
      expect(await drained.json()).toMatchObject({ id: 'drained', name: 'Lag drained' });
      expect((await fetch(`http://127.0.0.1:${again.port}/organisations/never-finished`)).status).toBe(404);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 180_000);
});

interface PendingPost {
  /** Sends the second half of the body. */
  finish(): void;
  /** The final answer (after the interim 100 Continue). */
  response(timeoutMs: number): Promise<{ status: number; body: string; at: number }>;
  received(): string;
  /** When the server closed the connection. */
  readonly closed: Promise<number>;
}

/**
 * A POST written by hand on a keep-alive connection: the headers with `Expect: 100-continue`,
 * and once the server has answered 100 Continue (it has read the headers: the request is in
 * flight), half the body. The test decides when the rest comes.
 */
async function startPost(port: number, path: string, token: string, body: string): Promise<PendingPost> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let answeredAt = 0;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString();
    if (!answeredAt && finalResponse(received)) answeredAt = Date.now();
  });
  socket.on('error', () => undefined); // a reset shows as the close
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
  await once(socket, 'connect');
  socket.write(
    [
      `POST ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Authorization: Bearer ${token}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Expect: 100-continue',
      '',
      '',
    ].join('\r\n'),
  );
  await until(
    () => received.startsWith('HTTP/1.1 100 Continue\r\n\r\n'),
    10_000,
    () => received,
  );
  const half = Math.floor(body.length / 2);
  socket.write(body.slice(0, half));
  return {
    finish: () => socket.write(body.slice(half)),
    response: async (timeoutMs) => {
      await until(
        () => finalResponse(received) !== undefined,
        timeoutMs,
        () => received,
      );
      return { ...finalResponse(received)!, at: answeredAt };
    },
    received: () => received,
    closed,
  };
}

/** The response after the interim 100 Continue, once its whole body (Content-Length) is in. */
function finalResponse(received: string): { status: number; body: string } | undefined {
  const text = received.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
  const match = /^HTTP\/1\.1 (\d{3}) [^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const length = /^content-length: (\d+)\r?$/im.exec(match[2]!);
  if (!length || Buffer.byteLength(match[3]!) < Number(length[1])) return undefined;
  return { status: Number(match[1]), body: match[3]! };
}

async function until(condition: () => boolean, timeoutMs: number, state: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; received:\n${state()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a new connection to the port is refused within the time (the server stopped listening). */
async function refusedWithin(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
