import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, ApiError, ServerUnreachable } from './api-client.js';

const TOKEN = 'pvk_secret-token-for-the-test';

/** Answers as the api does: JSON errors with a message, Retry-After on 429 and 503. */
function answer(req: IncomingMessage): { status: number; headers?: Record<string, string>; body: string } {
  const json = (status: number, message: unknown) => ({
    status,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ statusCode: status, message }),
  });
  switch (new URL(req.url!, 'http://x').pathname) {
    case '/base/echo':
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: req.url, authorization: req.headers.authorization }),
      };
    case '/base/plans/busy':
      return { ...json(429, 'Too many requests; retry in 42 s'), headers: { 'Retry-After': '42' } };
    case '/base/plans/down':
      return {
        ...json(503, 'The event store is unavailable; retry in a few seconds'),
        headers: { 'Retry-After': '5' },
      };
    case '/base/plans/invalid':
      return json(400, ['title must be a string', 'period must be an object']);
    case '/base/plans/proxy':
      return { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>Bad gateway</html>' };
    case '/base/plans/html':
      return { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html></html>' };
    default:
      return json(401, 'The token is unknown, revoked or expired');
  }
}

describe('ApiClient', () => {
  let server: Server;
  let base: URL;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const { status, headers, body } = answer(req);
      res.writeHead(status, headers).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const failure = async (client: ApiClient, path: string[]): Promise<ApiError> => {
    const error = await client.json({ path }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).not.toContain(TOKEN);
    return error as ApiError;
  };

  it('sends the bearer token below the server’s path, with the segments encoded', async () => {
    const client = new ApiClient(base, TOKEN);
    const echoed = await client.json<{ url: string; authorization: string }>({
      path: ['echo'],
      query: { asOf: '2026-01-01', skipped: undefined },
    });
    expect(echoed).toEqual({ url: '/base/echo?asOf=2026-01-01', authorization: `Bearer ${TOKEN}` });
  });

  it('turns each refusal into one line with the status, the api’s message and what to do', async () => {
    const client = new ApiClient(base, TOKEN);
    const at = base.href.replace(/\/$/, '');
    expect((await failure(client, ['plans', 'busy'])).message).toBe(
      `${at} answered 429 Too Many Requests: Too many requests; retry in 42 s; retry after 42 s`,
    );
    expect((await failure(client, ['plans', 'down'])).message).toBe(
      `${at} answered 503 Service Unavailable: The event store is unavailable; retry in a few seconds; retry after 5 s`,
    );
    expect((await failure(client, ['plans', 'invalid'])).message).toBe(
      `${at} answered 400 Bad Request: title must be a string; period must be an object`,
    );
    expect((await failure(client, ['plans', 'proxy'])).message).toBe(`${at} answered 502 Bad Gateway`);
    expect((await failure(client, ['plans', 'html'])).message).toMatch(
      /did not answer with JSON \(text\/html\)/,
    );
    const unauthorised = await failure(client, ['auth', 'me']);
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.message).toMatch(/revoked or expired; check the token in --token or PLANVERK_TOKEN$/);
    expect((await failure(new ApiClient(base, undefined), ['auth', 'me'])).message).toMatch(
      /send a token with --token or PLANVERK_TOKEN/,
    );
  });

  it('names the server it cannot reach', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await new ApiClient(new URL(`http://127.0.0.1:${port}/`), TOKEN)
      .json({ path: ['plans'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnreachable);
    expect((error as Error).message).toBe(
      `cannot reach the Planverk server at http://127.0.0.1:${port} (ECONNREFUSED)`,
    );
  });
});
