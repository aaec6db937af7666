import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who signs in at the fake provider, and how its ID token should come out. */
export interface FakeSignIn {
  readonly subject: string;
  /** Claims added to the ID token, or replacing its own (iss, aud, exp, nonce, preferred_username...). */
  readonly claims?: Record<string, unknown>;
  /** `tampered`: a claim changed after signing; `foreign-key`: signed by a key not in the JWKS (same kid). */
  readonly idToken?: 'valid' | 'tampered' | 'foreign-key';
}

export interface FakeOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Codes exchanged for tokens, and token requests refused (with why): what the api really sent. */
  readonly exchanged: string[];
  readonly refused: string[];
  /**
   * What the provider does when the browser arrives at its authorization endpoint (the test does not
   * visit it): checks the request, signs the user in, and answers with the redirect back to the
   * client (`redirect_uri?code=...&state=...`).
   */
  authorize(authorizationUrl: string, signIn: FakeSignIn): URL;
  close(): Promise<void>;
}

interface PendingCode {
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly signIn: FakeSignIn;
}

/**
 * A tiny OpenID provider on 127.0.0.1 for tests: discovery, an authorization endpoint driven by
 * the test, a token endpoint (client_secret_basic, PKCE S256, one-use codes) that returns an
 * RS256 ID token, and the JWKS with the key that signs it. Built on node:http and node:crypto only.
 */
export async function startFakeOidcProvider(
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<FakeOidcProvider> {
  const clientId = options.clientId ?? 'planverk';
  const clientSecret = options.clientSecret ?? 'hemmelig-klient';
  const kid = 'test-key-1';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const codes = new Map<string, PendingCode>();
  const exchanged: string[] = [];
  const refused: string[] = [];
  let issuer = '';

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const idTokenFor = (pending: PendingCode): string => {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: issuer,
      sub: pending.signIn.subject,
      aud: clientId,
      iat: now,
      exp: now + 300,
      ...(pending.nonce !== undefined ? { nonce: pending.nonce } : {}),
      ...pending.signIn.claims,
    };
    const mode = pending.signIn.idToken ?? 'valid';
    const token = signJwt(claims, mode === 'foreign-key' ? foreign : privateKey, kid);
    if (mode !== 'tampered') return token;
    const [header, , signature] = token.split('.');
    const changed = base64url(JSON.stringify({ ...claims, sub: `${String(claims.sub)}-admin` }));
    return `${header}.${changed}.${signature}`;
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const form = new URLSearchParams(await bodyOf(req));
    const refuse = (why: string) => {
      refused.push(why);
      json(res, 400, { error: 'invalid_grant', error_description: why });
    };
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = Buffer.from(basic ?? '', 'base64')
      .toString('utf8')
      .split(':')
      .map((s) => decodeURIComponent(s.replace(/\+/g, ' ')));
    if (id !== clientId || secret !== clientSecret) {
      refused.push('client authentication');
      json(res, 401, { error: 'invalid_client' });
      return;
    }
    if (form.get('grant_type') !== 'authorization_code') return refuse('grant_type');
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    codes.delete(code); // one use
    if (!pending) return refuse('unknown or used code');
    if (form.get('redirect_uri') !== pending.redirectUri) return refuse('redirect_uri');
    const verifier = form.get('code_verifier') ?? '';
    if (base64url(createHash('sha256').update(verifier).digest()) !== pending.codeChallenge) {
      return refuse('code_verifier');
    }
    exchanged.push(code);
    json(res, 200, {
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idTokenFor(pending),
    });
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://provider').pathname;
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: ['openid', 'profile', 'email'],
      });
    } else if (req.method === 'GET' && path === '/jwks') {
      json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
    } else if (req.method === 'POST' && path === '/token') {
      token(req, res).catch((error: unknown) => json(res, 500, { error: String(error) }));
    } else {
      // The authorization endpoint is never visited: the test plays the browser (authorize()).
      json(res, 404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const authorizationRequest = (authorizationUrl: string) => {
    const url = new URL(authorizationUrl);
    const params = url.searchParams;
    if (`${url.origin}${url.pathname}` !== `${issuer}/authorize`) {
      throw new Error(`Not this provider's authorization endpoint: ${authorizationUrl}`);
    }
    if (params.get('response_type') !== 'code' || params.get('client_id') !== clientId) {
      throw new Error(`Not a code flow request for ${clientId}: ${authorizationUrl}`);
    }
    if (!params.get('scope')?.split(' ').includes('openid')) throw new Error('scope lacks openid');
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) {
      throw new Error('No PKCE (S256) code challenge');
    }
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) throw new Error('No redirect_uri');
    return { params, redirectUri, back: new URL(redirectUri) };
  };

  return {
    issuer,
    clientId,
    clientSecret,
    exchanged,
    refused,
    authorize(authorizationUrl, signIn) {
      const { params, redirectUri, back } = authorizationRequest(authorizationUrl);
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        redirectUri,
        codeChallenge: params.get('code_challenge')!,
        nonce: params.get('nonce') ?? undefined,
        signIn,
      });
      back.searchParams.set('code', code);
      const state = params.get('state');
      if (state !== null) back.searchParams.set('state', state);
      return back;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const input = `${header}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(sign('sha256', Buffer.from(input), key))}`;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
