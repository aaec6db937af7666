import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { userIdFor } from '@app/plans';
import { AccessService } from '@app/runtime';
import { tablesOf } from '@app/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  startFakeOidcProvider,
  type FakeOidcProvider,
  type FakeSignIn,
} from '../support/fake-oidc-provider.js';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const REDIRECT_URI = 'http://127.0.0.1:3000/auth/oidc/callback';

/** The cookies a response sets, as `name=value` pairs for a Cookie header. */
function cookiesOf(response: request.Response): string {
  return setCookies(response)
    .map((c) => c.split(';')[0])
    .join('; ');
}

function setCookies(response: request.Response): string[] {
  return (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
}

function sessionCookieOf(response: request.Response): string | undefined {
  return setCookies(response).find((c) => c.startsWith('pv_session='));
}

describe('OIDC sign-in against a provider (code exchange, ID token, account)', () => {
  let provider: FakeOidcProvider;
  let api: TestApi;

  beforeAll(async () => {
    provider = await startFakeOidcProvider();
    api = await startTestApi({
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_REDIRECT_URI: REDIRECT_URI,
      },
    });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.close();
  });

  /** A browser's sign-in: the api's redirect, the provider (played here), the callback with its cookies. */
  async function signIn(
    as: FakeSignIn,
    options: { next?: string; callback?: (url: URL) => URL; cookies?: (cookies: string) => string } = {},
  ) {
    const started = await request(api.anonymous)
      .get(`/auth/oidc?neste=${encodeURIComponent(options.next ?? '/')}`)
      .expect(302);
    const location = started.headers.location as string;
    let back = provider.authorize(location, as);
    if (options.callback) back = options.callback(back);
    const cookies = cookiesOf(started);
    const callback = await request(api.anonymous)
      .get(`${back.pathname}${back.search}`)
      .set('Cookie', options.cookies ? options.cookies(cookies) : cookies);
    return { authorization: new URL(location), back, cookies, callback };
  }

  function me(sessionCookie: string | undefined) {
    return request(api.anonymous)
      .get('/auth/me')
      .set('Cookie', (sessionCookie ?? '').split(';')[0]!);
  }

  /** The events stored after the first `count`, as `<type> <stream>`. */
  async function appendedSince(count: number): Promise<string[]> {
    const rows = await tablesOf(api.database)
      .selectFrom('events')
      .select(['type', 'stream_id'])
      .orderBy('position')
      .offset(count)
      .execute();
    return rows.map((r) => `${r.type} ${r.stream_id}`);
  }

  function userRegistered(userId: string) {
    return tablesOf(api.database)
      .selectFrom('events')
      .select(['type', 'data', 'metadata'])
      .where('stream_id', '=', `user-${userId}`)
      .where('type', '=', 'UserRegistered')
      .execute() as Promise<Array<{ type: string; data: any; metadata: any }>>;
  }

  it('a first sign-in exchanges the code with PKCE, creates an account without roles, sets the session and goes to the page asked for', async () => {
    const before = await countEvents(api.database);
    const { authorization, back, callback } = await signIn(
      { subject: 'kari-0001', claims: { preferred_username: 'Kari.Nordmann', email: 'kari@example.no' } },
      { next: '/plans' },
    );
    expect(authorization.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe(authorization.searchParams.get('state'));

    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/plans');
    expect(provider.refused).toEqual([]); // right client secret, redirect_uri and code_verifier
    expect(provider.exchanged).toHaveLength(1);
    const session = sessionCookieOf(callback);
    expect(session).toMatch(/^pv_session=s%3A/); // signed
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    // The pending sign-in (verifier and state) is spent.
    const spent = setCookies(callback).find((c) => c.startsWith('pv_oidc='));
    expect(spent).toMatch(/^pv_oidc=[^;]*;.*Expires=Thu, 01 Jan 1970/);

    const userId = userIdFor('kari.nordmann');
    const signedIn = await me(session).expect(200);
    expect(signedIn.body).toEqual({
      userId,
      username: 'kari.nordmann',
      actor: `user:${userId}`,
      via: 'session',
      roles: [],
    });
    await request(api.anonymous).get('/auth/me').expect(401);

    const registered = await userRegistered(userId);
    expect(registered).toHaveLength(1);
    expect(registered[0]!.data).toEqual({
      userId,
      username: 'kari.nordmann',
      externalIdentity: { issuer: provider.issuer, subject: 'kari-0001' },
    });
    expect(registered[0]!.metadata.actor).toBe('system:oidc');
    // The account, and the session on the server the cookie names.
    expect(await appendedSince(before)).toEqual([
      `UserRegistered user-${userId}`,
      `SessionStarted user-${userId}`,
    ]);
  });

  it('a second sign-in with the same subject is the same user and appends only its session, even under another name', async () => {
    const before = await countEvents(api.database);
    const { callback } = await signIn(
      { subject: 'kari-0001', claims: { preferred_username: 'kari.gift', email: 'kari.gift@example.no' } },
      { next: '/plans/oslo-sv-2024-2027?fane=tiltak' },
    );
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/plans/oslo-sv-2024-2027?fane=tiltak');
    const userId = userIdFor('kari.nordmann');
    expect((await me(sessionCookieOf(callback)).expect(200)).body.userId).toBe(userId);
    expect(await userRegistered(userId)).toHaveLength(1);
    expect(await userRegistered(userIdFor('kari.gift'))).toHaveLength(0);
    expect(await appendedSince(before)).toEqual([`SessionStarted user-${userId}`]);
  });

  it('a subject whose preferred name is someone else’s gets an account of its own, never theirs', async () => {
    const access = api.app.get(AccessService);
    const envelope = { commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() };
    await access.registerUser(envelope, { username: 'ola', password: 'et-langt-passord-for-ola' });
    const { callback } = await signIn({ subject: 'Ola|42', claims: { preferred_username: 'ola' } });
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/');
    const signedIn = await me(sessionCookieOf(callback)).expect(200);
    expect(signedIn.body.userId).not.toBe(userIdFor('ola'));
    expect(signedIn.body.roles).toEqual([]);
    const [registered] = await userRegistered(signedIn.body.userId as string);
    expect(registered!.data.username).toMatch(/^oidc-ola42-[a-z0-9]+$/);
    expect(registered!.data.externalIdentity).toEqual({ issuer: provider.issuer, subject: 'Ola|42' });
  });

  it('an open redirect asked for is not followed', async () => {
    const { callback } = await signIn({ subject: 'kari-0001' }, { next: '//evil.example/' });
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/');
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refusals: Array<{
    name: string;
    as: FakeSignIn;
    callback?: (url: URL) => URL;
    cookies?: (cookies: string) => string;
    status: number;
    /** Whether the api got as far as exchanging the code at the provider. */
    exchanges: boolean;
  }> = [
    {
      name: 'a state that is not the one the sign-in started with',
      as: { subject: 'mallory-1' },
      callback: (url) => {
        url.searchParams.set('state', 'not-the-state-it-sent');
        return url;
      },
      status: 401,
      exchanges: false,
    },
    {
      name: 'a callback without the cookie the redirect set',
      as: { subject: 'mallory-2' },
      cookies: () => '',
      status: 400,
      exchanges: false,
    },
    {
      name: 'a callback with a forged (unsigned) sign-in cookie',
      as: { subject: 'mallory-3' },
      cookies: () => `pv_oidc=${encodeURIComponent(JSON.stringify({ v: 'x', s: 'y', n: '/' }))}`,
      status: 400,
      exchanges: false,
    },
    {
      // cookie-parser gives `false` for it: it must not pass for a sign-in without state or verifier.
      name: 'a callback whose sign-in cookie has a wrong signature',
      as: { subject: 'mallory-3b' },
      cookies: (cookies) => cookies.replace(/(pv_oidc=[^;]*\.)[^;.]+/, `$1${'A'.repeat(43)}`),
      status: 400,
      exchanges: false,
    },
    {
      name: 'the provider’s error (the user declined)',
      as: { subject: 'mallory-4' },
      callback: (url) => {
        url.searchParams.delete('code');
        url.searchParams.set('error', 'access_denied');
        return url;
      },
      status: 401,
      exchanges: false,
    },
    {
      name: 'an ID token changed after it was signed',
      as: { subject: 'mallory-5', idToken: 'tampered' },
      status: 401,
      exchanges: true,
    },
    {
      name: 'an ID token signed by a key not in the provider’s JWKS',
      as: { subject: 'mallory-6', idToken: 'foreign-key' },
      status: 401,
      exchanges: true,
    },
    {
      name: 'an expired ID token',
      as: { subject: 'mallory-7', claims: { iat: now() - 7200, exp: now() - 3600 } },
      status: 401,
      exchanges: true,
    },
    {
      name: 'an ID token with a nonce the sign-in did not send',
      as: { subject: 'mallory-8', claims: { nonce: 'some-other-sign-in' } },
      status: 401,
      exchanges: true,
    },
    {
      name: 'an ID token for another client (audience)',
      as: { subject: 'mallory-9', claims: { aud: 'another-client' } },
      status: 401,
      exchanges: true,
    },
    {
      name: 'an ID token from another issuer',
      as: { subject: 'mallory-10', claims: { iss: 'http://127.0.0.1:1' } },
      status: 401,
      exchanges: true,
    },
  ];

  it.each(refusals)('refuses $name: no session, nothing appended', async (refusal) => {
    const before = await countEvents(api.database);
    const exchanged = provider.exchanged.length;
    const { callback } = await signIn(refusal.as, {
      next: '/plans',
      ...(refusal.callback ? { callback: refusal.callback } : {}),
      ...(refusal.cookies ? { cookies: refusal.cookies } : {}),
    });
    expect(callback.status).toBe(refusal.status);
    expect(callback.headers.location).toBeUndefined();
    expect(sessionCookieOf(callback)).toBeUndefined();
    expect(provider.exchanged.length).toBe(exchanged + (refusal.exchanges ? 1 : 0));
    expect(await countEvents(api.database)).toBe(before);
    const access = api.app.get(AccessService);
    for (const subject of [refusal.as.subject, `${refusal.as.subject}-admin`]) {
      expect(await access.findExternalUser(provider.issuer, subject)).toBeUndefined();
    }
  });

  it('refuses a callback replayed after it signed someone in (the code is spent)', async () => {
    const first = await signIn({ subject: 'kari-0001' });
    expect(first.callback.status).toBe(303);
    const before = await countEvents(api.database);
    const replay = await request(api.anonymous)
      .get(`${first.back.pathname}${first.back.search}`)
      .set('Cookie', first.cookies);
    expect(replay.status).toBe(401);
    expect(sessionCookieOf(replay)).toBeUndefined();
    expect(provider.refused).toContain('unknown or used code');
    expect(await countEvents(api.database)).toBe(before);
  });
});
