import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import {
  BILLION_LAUGHS_YAML,
  ENGINE_MESSAGES,
  deepJsonValue,
  deepUnder,
  deepYaml,
  manyKeysUnder,
} from '../support/hostile-documents.js';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const ORG = 'grense-org';
const PLAN = 'grense-plan-2024-2027';

/**
 * Issue 13, points 3 and 4, as reported: YAML with many keys held the event loop for seconds to
 * minutes; a JSON body nested 10,000 deep overflowed the stack in validation (500); a billion
 * laughs inside replay's `{ content }` answered 500 ("Excessive alias count"); a nested replay
 * answered 400 "Maximum call stack size exceeded". Each is now a 400 in plain words, in every
 * content type the route takes, and appends nothing.
 */
describe('documents and bodies built to freeze or crash the api', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http)
      .post('/organisations')
      .send({ id: ORG, name: 'Grense', level: 'county' })
      .expect(201);
    await request(api.http)
      .post('/plans')
      .send({ id: PLAN, organisationId: ORG, title: 'Grenser', period: { from: 2024, to: 2027 } })
      .expect(201);
  });
  afterAll(() => api.close());

  /** Sends a body as it is, with its content type, and checks it was refused in plain words with nothing appended. */
  async function refused(
    path: string,
    type: string,
    body: string,
    message: RegExp,
  ): Promise<request.Response> {
    const before = await countEvents(api.database);
    const response = await request(api.http).post(path).set('Content-Type', type).send(body);
    expect({ path, type, status: response.status }).toEqual({ path, type, status: 400 });
    expect(response.text).not.toMatch(ENGINE_MESSAGES);
    expect(JSON.stringify(response.body)).toMatch(message);
    expect(await countEvents(api.database)).toBe(before);
    return response;
  }

  const asContent = (text: string): string => JSON.stringify({ content: text });

  it('refuses a JSON body nested 10,000 deep in any field with 400, before validation', async () => {
    const deep = deepJsonValue(10_000);
    const routes: Array<[string, string]> = [
      ['/plans', `{"id":"dyp-plan","organisationId":"${ORG}","title":${deep}}`],
      [`/plans/${PLAN}/sections`, `{"number":"1","title":${deep}}`],
      [`/plans/${PLAN}/goals`, `{"sectionId":"x","text":"Mål","target":${deep}}`],
      ['/organisations', `{"id":"dyp-org","name":"Dyp","level":"county","bodies":[${deep}]}`],
      ['/meetings', `{"id":"dypt-mote","organisationId":"${ORG}","planId":"${PLAN}","title":${deep}}`],
      ['/meetings/replay', `{"meeting":${deep},"votes":[]}`],
      ['/imports', `{"content":"plan:","id":${deep}}`],
      ['/auth/tokens', `{"username":${deep},"password":"x"}`],
    ];
    for (const [path, body] of routes) {
      await refused(path, 'application/json', body, /nested more than 32 levels deep/);
    }
  });

  it('refuses a billion-laughs YAML in replay and import, raw and inside the JSON `{ content }`', async () => {
    for (const path of ['/meetings/replay', '/imports']) {
      await refused(path, 'application/yaml', BILLION_LAUGHS_YAML, /aliases \(\*name\) expand to too much/);
      await refused(path, 'text/plain', BILLION_LAUGHS_YAML, /aliases \(\*name\) expand to too much/);
      await refused(
        path,
        'application/json',
        asContent(BILLION_LAUGHS_YAML),
        /aliases \(\*name\) expand to too much/,
      );
    }
  });

  it('refuses a nested replay, and a nested plan document, 10,000 levels deep, in plain words', async () => {
    for (const [path, head] of [
      ['/meetings/replay', 'meeting'],
      ['/imports', 'plan'],
    ] as const) {
      const deep = deepUnder(head, 10_000);
      await refused(path, 'application/yaml', deep, /nested more than 32 levels deep/);
      await refused(path, 'application/json', asContent(deep), /nested more than 32 levels deep/);
    }
    await refused('/meetings/replay', 'application/yaml', deepYaml(100_000), /nested more than 32 levels/);
    await refused(
      '/meetings/replay',
      'application/json',
      `{"meeting":{"id":${deepJsonValue(10_000)}},"votes":[]}`,
      /nested more than 32 levels deep/,
    );
  });

  it('refuses YAML with 100,000 keys (1 MB) at once, on import and replay, raw and in `{ content }`', async () => {
    for (const [path, head] of [
      ['/meetings/replay', 'meeting'],
      ['/imports', 'plan'],
    ] as const) {
      const yaml = manyKeysUnder(head, 100_000);
      await refused(path, 'application/yaml', yaml, /a mapping has more than 1,000 keys/);
      await refused(path, 'application/json', asContent(yaml), /a mapping has more than 1,000 keys/);
    }
  });

  it('answers a duplicate key among thousands with its line, without comparing every pair', async () => {
    const keys = Array.from({ length: 999 }, (_, i) => `  k${i}: v`);
    keys.push('  k5: again');
    const response = await refused(
      '/imports',
      'application/yaml',
      `plan:\n${keys.join('\n')}\n`,
      /the key \\"k5\\" appears twice in one mapping/,
    );
    expect(response.body.issues).toEqual([
      { line: 1001, path: '', message: 'the key "k5" appears twice in one mapping' },
    ]);
  });

  it('answers a body that never completes with 408 and closes the connection, within 12 s (point 8)', async () => {
    const server = createServer(api.http);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const before = await countEvents(api.database);
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      const started = Date.now();
      // Announces 100,000 bytes and sends a few: the client that never finishes its body.
      socket.write(
        'POST /imports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\nContent-Length: 100000\r\n\r\nplan:\n',
      );
      await new Promise<void>((resolve) => socket.on('close', () => resolve()));
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('The request body did not arrive within 10 s');
      expect(await countEvents(api.database)).toBe(before);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 30_000);
});
