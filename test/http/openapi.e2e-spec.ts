/**
 * The OpenAPI description is complete enough to try every route from /docs with a token: each
 * path parameter declared, a bearer scheme every operation may use, and each operation callable
 * as described. The walk builds every request from the description alone (parameters by their
 * declared names and places, required query parameters and bodies from the examples and schemas
 * it gives), with ids of things that exist filled in by name, sends it with a token, and fails on
 * any answer that says the request was malformed (400, 415, 422) or broke the server (5xx).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AccessService } from '@app/runtime';
import request from 'supertest';
import { startTestApi, TEST_ADMIN_ID, type TestApi } from '../support/test-api.js';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}
interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  security?: Array<Record<string, unknown>>;
}
interface Description {
  paths: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, Schema>;
    securitySchemes?: Record<string, Record<string, unknown>>;
  };
  security?: Array<Record<string, unknown>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** An answer that says the request was malformed, or that the server broke. */
const malformed = (status: number) => status === 400 || status === 415 || status === 422 || status >= 500;
const PLAN = 'oslo-sv-2024-2027';

describe('the OpenAPI description', () => {
  let api: TestApi;
  let doc: Description;
  let n = 0;

  beforeAll(async () => {
    api = await startTestApi({ demo: true });
    doc = (await request(api.http).get('/docs/openapi.json').expect(200)).body as Description;
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      METHODS.filter((m) => ops[m]).map((method) => ({ path, method, op: ops[method]! })),
    );

  it('declares every path parameter of every route', () => {
    const missing = operations().flatMap(({ path, method, op }) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1]!)
        .filter((name) => !op.parameters?.some((p) => p.in === 'path' && p.name === name && p.required))
        .map((name) => `${method.toUpperCase()} ${path}: {${name}}`),
    );
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThan(50);
  });

  it('has a bearer scheme that every operation may send', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    const bearer = Object.entries(schemes).find(([, s]) => s.type === 'http' && s.scheme === 'bearer');
    expect(bearer).toBeDefined();
    const [name] = bearer!;
    for (const { path, method, op } of operations()) {
      const security = op.security ?? doc.security ?? [];
      expect([`${method} ${path}`, security.some((s) => name in s)]).toEqual([`${method} ${path}`, true]);
    }
  });

  it("describes an amendment's target as a part of the plan, not as a goal's numeric target", () => {
    const schemas = doc.components?.schemas ?? {};
    const filing = resolve(schemas.FileAmendmentDto!, schemas);
    const target = resolve(filing.properties!.target!, schemas);
    expect(Object.keys(target.properties ?? {})).toEqual(
      expect.arrayContaining(['measure', 'goal', 'section', 'lines']),
    );
    expect(target.properties).not.toHaveProperty('metric');
  });

  it('lets every route be called as described, with a token', async () => {
    const refused: string[] = [];
    for (const { path, method, op } of operations()) {
      const world = await worldFor(path);
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(world.param(name)));
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const exampleOf = (p: Parameter) => p.example ?? p.schema?.example;
      const required = new URLSearchParams();
      for (const p of queryParams.filter((q) => q.required))
        required.set(p.name, String(exampleOf(p) ?? valueOf(p.schema ?? {}, doc, world, p.name)));
      // The required parameters alone, else with one of the optional ones the description gives
      // an example for (as someone trying it would fill in one: "from" or "fromAsOf" or "fromPlan").
      const candidates = [
        required,
        ...queryParams
          .filter((p) => !p.required && exampleOf(p) !== undefined)
          .map(
            (p) => new URLSearchParams([...required, [p.name, String(world.field(p.name) ?? exampleOf(p))]]),
          ),
      ];
      let last = '';
      for (const query of candidates) {
        const res = await send(method, `${url}${query.size > 0 ? `?${query}` : ''}`, op, world);
        last = `${method.toUpperCase()} ${url}${query.size > 0 ? `?${query}` : ''}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        if (!malformed(res.status)) {
          last = '';
          break;
        }
      }
      if (last) refused.push(last);
    }
    expect(refused).toEqual([]);
  }, 600_000);

  /** A request built from the operation's description: its first media type, its example body. */
  function send(method: (typeof METHODS)[number], target: string, op: Operation, world: World) {
    let call = request(api.anonymous)[method](target).set('Authorization', `Bearer ${api.adminToken}`);
    const content = op.requestBody?.content;
    if (content) {
      const [type, media] = Object.entries(content)[0]!;
      const body =
        media.example ??
        Object.values(media.examples ?? {})[0]?.value ??
        valueOf(media.schema ?? {}, doc, world, '');
      call = call.set('Content-Type', type).send(withWorld(body, world) as object);
    }
    return call;
  }

  /**
   * Things that exist, for the parameters and body fields that name them: a fresh plan (with a
   * section, a goal and a measure) for each route that changes one, so no route depends on what
   * another did to it, and a fresh meeting with a filed amendment for each meeting route.
   */
  async function worldFor(path: string) {
    const admin = request(api.http);
    const key = ++n;
    const planId = path.startsWith('/plans/{id}') ? `openapi-${key}-2026-2027` : PLAN;
    let sectionId = '';
    let goalId = '';
    let measureId = '';
    if (path.startsWith('/plans/{id}')) {
      await admin
        .post('/plans')
        .send({
          id: planId,
          organisationId: 'oslo-sv',
          title: `Plan ${key}`,
          period: { from: 2026, to: 2027 },
          bodies: [
            { code: 'FS', name: 'Fylkesstyret' },
            { code: 'LL', name: 'Lokallag' },
          ],
        })
        .expect(201);
      sectionId = (await admin.post(`/plans/${planId}/sections`).send({ number: '4.1', title: 'Verving' }))
        .body.sectionId;
      await admin.post(`/plans/${planId}/sections`).send({ number: '4.2', title: 'Skolering' });
      // A successor of the demo's 2020-2023 plan, so the lineage routes have a predecessor.
      await admin.post(`/plans/${planId}/links`).send({ predecessorPlanId: 'oslo-sv-2020-2023' }).expect(200);
      goalId = (await admin.post(`/plans/${planId}/goals`).send({ sectionId, text: 'Flere medlemmer' })).body
        .goalId;
      measureId = (
        await admin
          .post(`/plans/${planId}/measures`)
          .send({ sectionId, text: 'Ringe nye medlemmer', timing: 'Vår 2026', responsible: ['FS'] })
      ).body.measureId;
    }
    const meetingId = `openapi-mote-${key}`;
    if (path.startsWith('/meetings/{id}')) {
      await admin
        .post('/meetings')
        .send({ id: meetingId, organisationId: 'oslo-sv', body: 'ÅM', date: '2026-03-14', planId: PLAN })
        .expect(201);
      await admin
        .post(`/meetings/${meetingId}/amendments`)
        .send({ no: 1, target: { section: '4.1' }, op: 'insert_text', after: 'Oslo', text: ' og omegn' });
    }
    // A token of the administrator's to revoke (a token cannot issue one through the api).
    const token = path.includes('{tokenId}')
      ? (
          await api.app
            .get(AccessService)
            .issueToken(
              { commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() },
              TEST_ADMIN_ID,
              `openapi ${key}`,
            )
        ).tokenId
      : '';
    // Someone else to set a password for or sign out everywhere: doing it to the administrator
    // would end the token the walk uses.
    const userId = path.includes('{userId}')
      ? (
          await api.app
            .get(AccessService)
            .registerUser(
              { commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() },
              { username: `openapi-${key}`, password: 'Et-langt-passord-2026' },
            )
        ).userId
      : TEST_ADMIN_ID;
    const byName: Record<string, string> = {
      sectionId,
      goalId,
      measureId,
      tokenId: token,
      userId,
      no: '1',
      planId,
      fromPlanId: 'oslo-sv-2020-2023',
      fromPlan: 'oslo-sv-2020-2023',
    };
    return {
      param(name: string): string {
        if (name === 'id') {
          if (path.startsWith('/plans/')) return planId;
          if (path.startsWith('/meetings/')) return meetingId;
          if (path.startsWith('/organisations/')) return 'oslo-sv';
          if (path.startsWith('/measures/')) return measureId || firstDemoMeasure;
        }
        if (byName[name] !== undefined && byName[name] !== '') return byName[name]!;
        throw new Error(`No value for the path parameter {${name}} of ${path}`);
      },
      field(name: string): string | undefined {
        const value = byName[name];
        return value === undefined || value === '' ? undefined : value;
      },
    };
  }

  let firstDemoMeasure = '';
  beforeAll(async () => {
    type Section = { measures: Array<{ id: string }>; sections: Section[] };
    const measures = (sections: Section[]): Array<{ id: string }> =>
      sections.flatMap((x) => [...x.measures, ...measures(x.sections)]);
    const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body as { sections: Section[] };
    firstDemoMeasure = measures(plan.sections)[0]!.id;
  });
});

type World = { field(name: string): string | undefined };

function resolve(schema: Schema, schemas: Record<string, Schema>): Schema {
  if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!]!, schemas);
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(s, schemas));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  return schema;
}

/**
 * A value the description offers for a schema: its example, default or first enum value, else
 * one of its type; an object gets its required properties and those the description gives an
 * example for.
 */
function valueOf(schema: Schema, doc: Description, world: World, name: string): unknown {
  const s = resolve(schema, doc.components?.schemas ?? {});
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  const known = world.field(name);
  if (known !== undefined) return known;
  const variant = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (variant) return valueOf(variant, doc, world, name);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        const p = resolve(prop, doc.components?.schemas ?? {});
        if (s.required?.includes(key) || p.example !== undefined || world.field(key) !== undefined)
          out[key] = valueOf(prop, doc, world, key);
      }
      return out;
    }
    case 'array':
      return [valueOf(s.items ?? {}, doc, world, name)];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2026-03-14';
      return 'Eksempel';
    default:
      return {};
  }
}

/** A body with the ids of things that exist put in by field name (the description cannot know them). */
function withWorld(body: unknown, world: World): unknown {
  if (Array.isArray(body)) return body.map((b) => withWorld(b, world));
  if (body && typeof body === 'object') {
    return Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        typeof v === 'string' ? (world.field(k) ?? v) : withWorld(v, world),
      ]),
    );
  }
  return body;
}
