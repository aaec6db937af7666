import { SYSTEM_SCOPE, type RoleGrant } from '@app/domain';
import type { OrganisationView } from '@app/read-models';
import type { Principal } from '../../auth/principal.js';
import { roleLabel } from '../format.js';
import { html, raw, type Html, type HtmlValue } from '../html.js';

/** Who is looking at a page: what the header shows (signed in or not) and what forms may carry. */
export interface Visitor {
  /** The signed-in user (session or token), or undefined for an anonymous visitor. */
  readonly principal: Principal | undefined;
  /** The CSRF token the page's forms and htmx requests carry (X-CSRF-Token); only when signed in. */
  readonly csrf: string | undefined;
  /** This page's path and query: where signing in comes back to. */
  readonly path: string;
}

export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

export interface PageShell {
  readonly title: string;
  readonly organisations: readonly OrganisationView[];
  readonly currentOrgId?: string;
  readonly crumbs?: readonly Crumb[];
  /** Loads Chart.js: only pages that draw a chart. */
  readonly charts?: boolean;
  /** Loads the meeting pages' stylesheet and script. */
  readonly meeting?: boolean;
  readonly body: HtmlValue;
  /** Who is looking (from `visitorOf(request)`): the header's sign-in link, or name, roles and sign-out. */
  readonly visitor: Visitor;
}

/**
 * htmx without eval or injected styles (a strict Content-Security-Policy stays possible), and
 * 422 answers (a refused follow-up) swapped into the page like a success, so the form shows why.
 */
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true, error: false },
    { code: '[45]..', swap: false, error: true },
  ],
});

export function layout(page: PageShell): Html {
  return html`<!doctype html>
    <html lang="nb">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content="${HTMX_CONFIG}" />
        <title>${page.title} – Planverk</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/pages.css" />
        ${page.meeting ? raw('<link rel="stylesheet" href="/assets/meeting.css" />\n') : ''}
        <script src="/assets/htmx.min.js" defer></script>
        ${page.charts ? raw('<script src="/assets/chart.umd.min.js" defer></script>\n') : ''}
        <script src="/assets/pages.js" defer></script>
        ${page.meeting ? raw('<script src="/assets/meeting.js" defer></script>\n') : ''}
      </head>
      <body${page.visitor.csrf ? html` hx-headers="${JSON.stringify({ 'X-CSRF-Token': page.visitor.csrf })}"` : ''}>
        <a class="skip-link" href="#innhold">Hopp til innholdet</a>
        <header class="site-header">
          <a class="brand" href="/">Planverk</a>
          <nav aria-label="Organisasjoner" class="org-nav">
            <ul>
              ${page.organisations.map(
                (o) =>
                  html`<li>
                    <a href="/org/${o.id}" ${o.id === page.currentOrgId ? raw(' aria-current="page"') : ''}
                      >${o.name}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
          ${account(page.visitor, page.organisations)}
        </header>
        ${page.crumbs && page.crumbs.length > 0 ? breadcrumbs(page.crumbs) : ''}
        <main id="innhold" tabindex="-1">${page.body}</main>
        <footer class="site-footer">
          <p>Planverk – arbeidsplaner og oppfølging. Tallene er hentet fra planens hendelseslogg.</p>
        </footer>
      </body>
    </html> `;
}

/** The header's corner: a sign-in link, or who is signed in, with their roles and a sign-out button. */
function account(visitor: Visitor, organisations: readonly OrganisationView[]): Html {
  const principal = visitor.principal;
  if (!principal) {
    const next = visitor.path.startsWith('/logg-inn') ? '' : `?neste=${encodeURIComponent(visitor.path)}`;
    return html`<div class="account">
      <a class="sign-in" href="/logg-inn${next}">Logg inn</a>
    </div>`;
  }
  return html`<div class="account">
    <p class="account-who">
      <span class="visually-hidden">Logget inn som</span>
      <span class="account-name">${principal.username}</span>
      <span class="account-roles">${rolesText(principal.grants, organisations)}</span>
    </p>
    ${
      // Plan editors (and administrators) bring plans in from their documents.
      principal.grants.some((g) => g.role === 'plan_editor' || g.role === 'admin')
        ? html`<a class="account-link" href="/import">Importer en plan</a>`
        : ''
    }
    ${
      principal.via === 'session'
        ? html`<form method="post" action="/logg-ut" class="sign-out">
            ${visitor.csrf ? html`<input type="hidden" name="_csrf" value="${visitor.csrf}" />` : ''}
            <button type="submit">Logg ut</button>
          </form>`
        : ''
    }
  </div>`;
}

/** "Sekretær i Oslo SV, leser i Buskerud SV", "Systemadministrator", or "Ingen roller ennå". */
export function rolesText(grants: readonly RoleGrant[], organisations: readonly OrganisationView[]): string {
  if (grants.length === 0) return 'Ingen roller ennå';
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const text = grants
    .map((g) =>
      g.organisationId === SYSTEM_SCOPE
        ? g.role === 'admin'
          ? 'systemadministrator'
          : `${roleLabel(g.role)} i alle organisasjoner`
        : `${roleLabel(g.role)} i ${names.get(g.organisationId) ?? g.organisationId}`,
    )
    .join(', ');
  return text.charAt(0).toLocaleUpperCase('nb') + text.slice(1);
}

function breadcrumbs(crumbs: readonly Crumb[]): Html {
  return html`<nav aria-label="Brødsmulesti" class="crumbs">
    <ol>
      ${crumbs.map((c, i) =>
        c.href && i < crumbs.length - 1
          ? html`<li><a href="${c.href}">${c.label}</a></li>`
          : html`<li><span aria-current="page">${c.label}</span></li>`,
      )}
    </ol>
  </nav>`;
}

const ERROR_HEADINGS: Record<number, string> = {
  400: 'Ugyldig adresse',
  401: 'Du må logge inn',
  403: 'Ingen tilgang',
  404: 'Fant ikke siden',
  409: 'Endret samtidig',
  422: 'Endringen ble avvist',
};

/** A page of its own for a missing plan, a bad date, a refused form and the like. */
export function errorPage(
  status: number,
  message: string,
  shell: { readonly organisations: readonly OrganisationView[]; readonly visitor: Visitor },
): Html {
  const signIn = !shell.visitor.principal && (status === 401 || status === 403);
  const heading = (signIn ? ERROR_HEADINGS[401] : ERROR_HEADINGS[status]) ?? 'Noe gikk galt';
  return layout({
    title: heading,
    ...shell,
    body: html`<h1>${heading}</h1>
      <p class="error-message">${message}</p>
      ${
        signIn
          ? html`<p><a href="/logg-inn?neste=${encodeURIComponent(shell.visitor.path)}">Logg inn</a></p>`
          : ''
      }
      <p><a href="/">Til forsiden</a></p>`,
  });
}
