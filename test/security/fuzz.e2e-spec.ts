import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const SEED = 20261123;
const RUNS = Number(process.env.PLANVERK_FUZZ_RUNS ?? 400);
const REQUEST_TIMEOUT_MS = 10_000;

interface WriteRoute {
  readonly method: 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
}

/**
 * Malformed bodies, paths and headers sent to every write endpoint of the OpenAPI description,
 * as the test administrator (so they reach validation, not just the access guard) and as
 * strangers: never a 500, never a hang, never an event appended. fast-check with a fixed seed
 * and a bounded number of runs, so CI runs the same inputs every time.
 */
describe('fuzzing every write endpoint', () => {
  let api: TestApi;
  let routes: WriteRoute[];
  let measureId: string;
  const PLAN = 'fuzz-plan';

  beforeAll(async () => {
    api = await startTestApi();
    const openapi = await request(api.anonymous).get('/docs/openapi.json').expect(200);
    routes = Object.entries(openapi.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) =>
        Object.keys(ops)
          .filter((m): m is WriteRoute['method'] => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((method) => ({ method, path })),
    );
    // Something to aim at: a plan with a section and a measure (real ids in some paths).
    await request(api.http)
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: 'fuzz-org',
        title: 'Fuzz',
        period: { from: 2024, to: 2027 },
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      })
      .expect(201);
    const section = await request(api.http)
      .post(`/plans/${PLAN}/sections`)
      .send({ number: '1', title: 'Del' })
      .expect(201);
    measureId = (
      await request(api.http)
        .post(`/plans/${PLAN}/measures`)
        .send({ sectionId: section.body.sectionId, text: 'Tiltak' })
        .expect(201)
    ).body.measureId;
  });
  afterAll(async () => {
    await api.close();
  });

  const junkString = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '',
      ' ',
      '../../etc/passwd',
      '%00',
      "' or 1=1 --",
      '<script>alert(1)</script>',
      'ÆØÅ',
      '\u0000',
      'a'.repeat(5000),
    ),
  );
  const junkValue = fc.oneof(
    junkString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );
  /** A body object that is wrong for sure: it carries a field no endpoint knows. */
  const badObject = fc
    .tuple(
      fc.dictionary(
        fc.constantFrom(
          'id',
          'title',
          'text',
          'status',
          'note',
          'number',
          'sectionId',
          'organisationId',
          'period',
          'content',
          'role',
          'userId',
          'username',
          'password',
          'visibility',
          'commandId',
          'effectiveAt',
          'cause',
          'responsible',
          'date',
          'body',
        ),
        junkValue,
        { maxKeys: 6 },
      ),
      fc.string({ minLength: 1, maxLength: 10 }),
      junkValue,
    )
    .map(([fields, key, value]) => ({ ...fields, [`zz_${key}`]: value }));
  const badBody = fc.oneof(
    badObject.map((b) => ({ kind: 'json' as const, body: b })),
    fc
      .constantFrom('{', '{"a":', 'null', '[1,2', '\u0000\u0001', '{"title": "x"}}')
      .map((raw) => ({ kind: 'raw-json' as const, body: raw })),
    fc
      .string({ maxLength: 200 })
      .map((text) => ({ kind: 'form' as const, body: `zz=${encodeURIComponent(text)}` })),
  );
  const badParam = fc.oneof(
    fc.constantFrom('UPPER', 'has space', '..', '%2e%2e', 'x'.repeat(300), '%F0%9F%92%A9', "'", '-'),
    fc.string({ minLength: 1, maxLength: 20 }).map((s) => encodeURIComponent(s)),
  );
  /** Mostly absent (so most requests reach validation as the administrator), sometimes junk. */
  const rarely = <T>(values: readonly T[]) =>
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 6 },
      { arbitrary: fc.constantFrom(...values), weight: 1 },
    );
  const headerCase = fc.record({
    ifMatch: rarely(['"abc"', 'W/"-1"', '*', '"99999999999999999999"', '1e9']),
    idempotencyKey: rarely(['not-a-uuid', '', '00000000-0000-0000-0000-00000000000Z']),
    authorization: rarely([
      'Bearer ',
      'Bearer pvk_forged-token-123',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${'x'.repeat(500)}`,
    ]),
    contentType: fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
    ),
    anonymous: fc.oneof(
      { arbitrary: fc.constant(false), weight: 6 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
  });

  it(`never answers 500, never hangs, never appends (seed ${SEED}, ${RUNS} runs)`, async () => {
    const before = await countEvents(api.database);
    const head = await api.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirstOrThrow();
    let tried = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 10_000 }),
        fc.boolean(),
        badParam,
        badBody,
        headerCase,
        async (routeIndex, realIds, param, body, headers) => {
          tried++;
          const route = routes[routeIndex % routes.length]!;
          // Real ids in the path and a bad body, or a bad path (and a bad body anyway).
          const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
            realIds ? (name === 'measureId' ? measureId : name === 'id' ? PLAN : param) : param,
          );
          const server = headers.anonymous || headers.authorization !== undefined ? api.anonymous : api.http;
          let r = request(server)[route.method](path).timeout(REQUEST_TIMEOUT_MS);
          if (headers.ifMatch !== undefined) r = r.set('If-Match', headers.ifMatch);
          if (headers.idempotencyKey !== undefined) r = r.set('Idempotency-Key', headers.idempotencyKey);
          if (headers.authorization !== undefined) r = r.set('Authorization', headers.authorization);
          if (body.kind === 'json')
            r = r.set('Content-Type', headers.contentType).send(JSON.stringify(body.body));
          else if (body.kind === 'raw-json') r = r.set('Content-Type', 'application/json').send(body.body);
          else r = r.set('Content-Type', 'application/x-www-form-urlencoded').send(body.body);
          const response = await r;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          // A body the parser does not read (e.g. application/xml) reaches a handler as no body
          // at all; a command whose fields are all optional then changes nothing: 200, appended false.
          const harmless =
            response.status < 300 && (response.body as { appended?: unknown })?.appended === false;
          if (response.status >= 500 || (response.status < 400 && !harmless)) {
            throw new Error(
              `${route.method.toUpperCase()} ${path} answered ${response.status}: ${response.text.slice(0, 300)}`,
            );
          }
          expect(response.text).not.toMatch(/\n\s+at |SELECT |INSERT INTO|node_modules/);
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(await countEvents(api.database)).toBe(before);
    const after = await api.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirstOrThrow();
    expect(after).toEqual(head);
    console.log(
      `fuzz: tried ${tried} malformed requests on ${routes.length} write endpoints (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(tried).toBe(RUNS);
  }, 300_000);
});
