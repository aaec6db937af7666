import { Inject, Injectable } from '@nestjs/common';
import type { OidcConfig, PlanverkConfig } from '@app/config';
import { CONFIG } from '@app/runtime';
import * as oidc from 'openid-client';

export interface OidcStart {
  /** Where to send the browser: the provider's authorization endpoint with PKCE (S256) and state. */
  readonly url: URL;
  /** Kept in a signed, httpOnly cookie until the callback. */
  readonly codeVerifier: string;
  readonly state: string;
}

export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** A name to suggest for a new account (preferred_username or email), if the provider gives one. */
  readonly suggestedUsername: string | undefined;
}

/**
 * OIDC sign-in (authorization code flow with PKCE) with openid-client, when OIDC_ISSUER,
 * OIDC_CLIENT_ID and OIDC_REDIRECT_URI are set. The provider is discovered at the first
 * sign-in, so the api starts even while the provider is down.
 */
@Injectable()
export class OidcSignIn {
  private configuration: Promise<oidc.Configuration> | undefined;
  readonly options: OidcConfig | undefined;

  constructor(@Inject(CONFIG) config: PlanverkConfig) {
    this.options = config.security.oidc;
  }

  get enabled(): boolean {
    return this.options !== undefined;
  }

  async start(): Promise<OidcStart> {
    const options = this.required();
    const configuration = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: options.redirectUri,
      scope: options.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
    });
    return { url, codeVerifier, state };
  }

  async finish(currentUrl: URL, codeVerifier: string, state: string): Promise<OidcIdentity> {
    const configuration = await this.discover();
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The provider sent no ID token');
    const suggested = [claims.preferred_username, claims.email].find((v) => typeof v === 'string');
    return { issuer: claims.iss, subject: claims.sub, suggestedUsername: suggested as string | undefined };
  }

  private discover(): Promise<oidc.Configuration> {
    const options = this.required();
    this.configuration ??= (async () => {
      const issuer = new URL(options.issuer);
      const local = issuer.protocol === 'http:';
      // The ID token's signature is checked against the provider's JWKS too (openid-client skips
      // that by default for a token fetched from the token endpoint, trusting TLS alone).
      const execute = [oidc.enableNonRepudiationChecks, ...(local ? [oidc.allowInsecureRequests] : [])];
      return oidc.discovery(
        issuer,
        options.clientId,
        options.clientSecret,
        options.clientSecret ? oidc.ClientSecretBasic(options.clientSecret) : oidc.None(),
        { execute },
      );
    })().catch((error: unknown) => {
      this.configuration = undefined; // try again at the next sign-in
      throw error;
    });
    return this.configuration;
  }

  private required(): OidcConfig {
    if (!this.options) throw new Error('OIDC is not configured');
    return this.options;
  }
}
