import type { OrganisationView } from '@app/read-models';
import { html } from '../pages/html.js';
import { layout, type Visitor } from '../pages/views/layout.js';

export interface SignInPage {
  readonly csrfToken: string;
  readonly next: string;
  readonly error?: string;
  readonly username?: string;
  readonly oidc: boolean;
  /** The site header's organisations, as on every page. */
  readonly organisations: readonly OrganisationView[];
  readonly visitor: Visitor;
}

/**
 * The sign-in form (Norwegian bokmål) in the pages' layout: the same header, stylesheet and way
 * back as every page; no inline scripts or styles, so the strict CSP holds.
 */
export function renderSignInPage(page: SignInPage): string {
  const back = page.next === '/' ? 'Tilbake til forsiden' : 'Tilbake til siden du kom fra';
  return layout({
    title: 'Logg inn',
    organisations: page.organisations,
    visitor: page.visitor,
    crumbs: [{ label: 'Forsiden', href: '/' }, { label: 'Logg inn' }],
    body: html`<div class="sign-in-page">
      <h1>Logg inn</h1>
      ${
        page.visitor.principal
          ? html`<p class="notice" role="note">
              Du er allerede logget inn som ${page.visitor.principal.username}. Logg inn under for å bytte
              bruker.
            </p>`
          : html`<p class="lead">
              Alle kan lese de publiserte planene uten å logge inn. Logg inn for å registrere oppfølging eller
              lese interne planer.
            </p>`
      }
      ${page.error ? html`<p class="flash flash-error" role="alert">${page.error}</p>` : ''}
      <form method="post" action="/logg-inn" class="sign-in-form">
        <input type="hidden" name="_csrf" value="${page.csrfToken}" />
        <input type="hidden" name="neste" value="${page.next}" />
        <label for="brukernavn">Brukernavn</label>
        <input
          id="brukernavn"
          name="brukernavn"
          autocomplete="username"
          required
          value="${page.username ?? ''}"
          ${page.error ? '' : html`autofocus`}
        />
        <label for="passord">Passord</label>
        <input
          id="passord"
          name="passord"
          type="password"
          autocomplete="current-password"
          required
          ${page.error ? html`autofocus` : ''}
        />
        <button type="submit">Logg inn</button>
      </form>
      ${
        page.oidc
          ? html`<p>
              <a href="/auth/oidc?neste=${encodeURIComponent(page.next)}"
                >Logg inn med organisasjonens innlogging</a
              >
            </p>`
          : ''
      }
      <p><a href="${page.next}">${back}</a></p>
    </div>`,
  }).value;
}

/** Only a path on this site: never `//other.site` or `https://...` (no open redirect). */
export function safeNext(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  ) {
    return '/';
  }
  return value.slice(0, 500);
}
