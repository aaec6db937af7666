import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@app/config';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ACCESS_POLICY, findRule, isWrite } from '../../apps/api/src/auth/access-policy.js';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

describe('the access policy table', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('covers every write route of the OpenAPI description', async () => {
    const openapi = await request(api.anonymous).get('/docs/openapi.json').expect(200);
    const writes: string[] = [];
    for (const [path, operations] of Object.entries(openapi.body.paths as Record<string, object>)) {
      for (const method of Object.keys(operations).filter((m) => WRITE_METHODS.includes(m))) {
        writes.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    expect(writes.length).toBeGreaterThan(20);
    const uncovered = writes.filter((w) => {
      const [method, path] = w.split(' ') as [string, string];
      return findRule(method, path) === undefined;
    });
    expect(uncovered).toEqual([]);
  });

  it('fails closed: a write route without a row has no rule, and every row names a real requirement', () => {
    expect(findRule('POST', '/plans/:id/something-new')).toBeUndefined();
    expect(findRule('DELETE', '/plans/:id')).toBeUndefined();
    expect(findRule('GET', '/plans/:id/anything')?.requires.kind).toBe('read-plan');
    for (const rule of ACCESS_POLICY) {
      if (isWrite(rule.method) && rule.requires.kind === 'public') {
        // Only sign-in and sign-out are open to anyone; their handlers check the credentials.
        expect(['/logg-inn', '/logg-ut', '/auth/tokens']).toContain(rule.path);
      }
    }
  });

  it('sends security headers and a strict Content Security Policy (no inline scripts)', async () => {
    const page = await request(api.anonymous).get('/logg-inn').expect(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-powered-by']).toBeUndefined();
    // The page's scripts are files from this site (the pages' layout); none is inline.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc="\/assets\/)[^>]*>/);
    expect(page.text).toMatch(/Brukernavn/);
  });

  it('answers with a request id, echoing a sensible incoming one', async () => {
    const own = await request(api.anonymous).get('/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(own.headers['x-request-id']).toBe('abc-123');
    const generated = await request(api.anonymous)
      .get('/health')
      .set('X-Request-Id', 'bad id <script>')
      .expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('sessions for the pages', () => {
    const password = 'et-langt-passord-for-kari';
    beforeAll(async () => {
      const created = await request(api.http).post('/users').send({ username: 'kari', password }).expect(201);
      await request(api.http)
        .post('/organisations')
        .send({ id: 'oslo-sv', name: 'Oslo SV', level: 'county' })
        .expect(201);
      await request(api.http)
        .post('/organisations/oslo-sv/roles')
        .send({ userId: created.body.userId, role: 'plan_editor' })
        .expect(200);
    });

    async function signInForm(agent: ReturnType<typeof request.agent>): Promise<string> {
      const page = await agent.get('/logg-inn?neste=/plans').expect(200);
      return /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    }

    it('signs in with a form carrying its CSRF token, into an httpOnly, SameSite=Lax, signed cookie', async () => {
      const agent = request.agent(api.anonymous);
      const csrf = await signInForm(agent);
      const signedIn = await agent
        .post('/logg-inn')
        .type('form')
        .send({ brukernavn: 'kari', passord: password, _csrf: csrf, neste: '/plans' })
        .expect(303);
      expect(signedIn.headers.location).toBe('/plans');
      const cookie = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('pv_session='),
      )!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/^pv_session=s%3A/); // signed
      const me = await agent.get('/auth/me').expect(200);
      expect(me.body).toMatchObject({
        via: 'session',
        roles: [{ organisationId: 'oslo-sv', role: 'plan_editor' }],
      });
    });

    it('refuses a form without its CSRF token, a wrong password, and an open redirect', async () => {
      const agent = request.agent(api.anonymous);
      await agent.post('/logg-inn').type('form').send({ brukernavn: 'kari', passord: password }).expect(403);
      const csrf = await signInForm(agent);
      const wrong = await agent
        .post('/logg-inn')
        .type('form')
        .send({ brukernavn: 'kari', passord: 'feil-feil-feil', _csrf: csrf })
        .expect(401);
      expect(wrong.text).toMatch(/Feil brukernavn eller passord/);
      const redirected = await agent
        .post('/logg-inn')
        .type('form')
        .send({ brukernavn: 'kari', passord: password, _csrf: csrf, neste: '//evil.example/' })
        .expect(303);
      expect(redirected.headers.location).toBe('/');
    });

    it('a session write needs the CSRF token too (X-CSRF-Token), a bearer token does not', async () => {
      const agent = request.agent(api.anonymous);
      const csrf = await signInForm(agent);
      await agent
        .post('/logg-inn')
        .type('form')
        .send({ brukernavn: 'kari', passord: password, _csrf: csrf })
        .expect(303);
      const plan = {
        id: 'oslo-sv-2024-2027',
        organisationId: 'oslo-sv',
        title: 'Plan',
        period: { from: 2024, to: 2027 },
      };
      const before = await countEvents(api.database);
      await agent.post('/plans').send(plan).expect(403);
      expect(await countEvents(api.database)).toBe(before);
      // After sign-in the form token is bound to the new session: fetch a fresh one.
      const fresh = await signInForm(agent);
      await agent.post('/plans').set('X-CSRF-Token', fresh).send(plan).expect(201);
      const events = await request(api.http).get('/plans/oslo-sv-2024-2027/events').expect(200);
      expect(events.body[0].metadata.actor).toMatch(/^user:/);
      expect(events.body[0].metadata.actor).not.toContain('kari');
    });

    it('an internal plan is not there for a signed-out browser or script: 404, as a missing plan', async () => {
      await request(api.http)
        .post('/plans/oslo-sv-2024-2027/visibility')
        .send({ visibility: 'internal' })
        .expect(200);
      const page = await request(api.anonymous).get('/plan/oslo-sv-2024-2027');
      expect(page.status).toBe(404);
      await request(api.anonymous).get('/plans/oslo-sv-2024-2027').expect(404);
    });
  });
});

describe('rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { PLANVERK_RATE_LIMIT_SIGN_IN: '3', PLANVERK_RATE_LIMIT_WRITES: '5' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('limits sign-in attempts and writes per client with 429 and Retry-After; reads are not limited', async () => {
    const attempts = [];
    for (let i = 0; i < 5; i++) {
      attempts.push(
        (await request(api.anonymous).post('/auth/tokens').send({ username: 'x', password: 'y' })).status,
      );
    }
    expect(attempts).toEqual([401, 401, 401, 429, 429]);
    const writes = [];
    for (let i = 0; i < 7; i++) {
      writes.push(
        (
          await request(api.http)
            .post('/organisations')
            .send({ id: `org-${i}`, name: 'O', level: 'county' })
        ).status,
      );
    }
    expect(writes.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    const limited = await request(api.http)
      .post('/organisations')
      .send({ id: 'org-x', name: 'O', level: 'county' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) await request(api.anonymous).get('/plans').expect(200);
  });
});

describe('OIDC sign-in', () => {
  it('is configured by OIDC_* variables, with clear errors', () => {
    expect(loadConfig({}).security.oidc).toBeUndefined();
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'planverk' })).toThrow(
      /OIDC_CLIENT_ID set without OIDC_ISSUER/,
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example' })).toThrow(/OIDC_CLIENT_ID must be set/);
    expect(() =>
      loadConfig({
        OIDC_ISSUER: 'http://id.example',
        OIDC_CLIENT_ID: 'p',
        OIDC_REDIRECT_URI: 'https://a/cb',
      }),
    ).toThrow(ConfigError);
    expect(
      loadConfig({
        OIDC_ISSUER: 'https://id.example/realms/sv',
        OIDC_CLIENT_ID: 'planverk',
        OIDC_CLIENT_SECRET: 's3cret',
        OIDC_REDIRECT_URI: 'https://planverk.example/auth/oidc/callback',
      }).security.oidc,
    ).toEqual({
      issuer: 'https://id.example/realms/sv',
      clientId: 'planverk',
      clientSecret: 's3cret',
      redirectUri: 'https://planverk.example/auth/oidc/callback',
      scope: 'openid profile email',
    });
    expect(() => loadConfig({ PLANVERK_SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PLANVERK_SESSION_SECRET must be set/);
  });

  describe('against a discovery document', () => {
    let provider: Server;
    let api: TestApi;
    let issuer: string;
    beforeAll(async () => {
      provider = createServer((req, res) => {
        if (req.url === '/.well-known/openid-configuration') {
          res.setHeader('Content-Type', 'application/json');
          res.end(
            JSON.stringify({
              issuer,
              authorization_endpoint: `${issuer}/authorize`,
              token_endpoint: `${issuer}/token`,
              jwks_uri: `${issuer}/jwks`,
              response_types_supported: ['code'],
              code_challenge_methods_supported: ['S256'],
            }),
          );
          return;
        }
        res.statusCode = 404;
        res.end();
      });
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
      api = await startTestApi({
        env: {
          OIDC_ISSUER: issuer,
          OIDC_CLIENT_ID: 'planverk',
          OIDC_CLIENT_SECRET: 'hemmelig',
          OIDC_REDIRECT_URI: 'http://localhost:3000/auth/oidc/callback',
        },
      });
    });
    afterAll(async () => {
      await api.close();
      await new Promise((resolve) => provider.close(resolve));
    });

    it('redirects to the provider with the code flow, PKCE (S256) and state, and keeps the verifier in a signed cookie', async () => {
      const page = await request(api.anonymous).get('/logg-inn').expect(200);
      expect(page.text).toMatch(/href="\/auth\/oidc/);
      const started = await request(api.anonymous).get('/auth/oidc?neste=/plans').expect(302);
      const location = new URL(started.headers.location as string);
      expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/authorize`);
      const params = Object.fromEntries(location.searchParams);
      expect(params).toMatchObject({
        response_type: 'code',
        client_id: 'planverk',
        redirect_uri: 'http://localhost:3000/auth/oidc/callback',
        scope: 'openid profile email',
        code_challenge_method: 'S256',
      });
      expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(params.state).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const cookie = (started.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('pv_oidc='),
      )!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(decodeURIComponent(cookie)).not.toContain(params.code_challenge);
    });

    it('refuses a callback that did not start here', async () => {
      await request(api.anonymous).get('/auth/oidc/callback?code=x&state=y').expect(400);
    });
  });
});
