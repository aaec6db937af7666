import type { OrganisationView } from '@app/read-models';
import { html, raw, type Html, type HtmlValue } from '../html.js';

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
  /** The CSRF token htmx sends with every request from the page (X-CSRF-Token). */
  readonly csrf?: string | undefined;
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
      <body${page.csrf ? html` hx-headers="${JSON.stringify({ 'X-CSRF-Token': page.csrf })}"` : ''}>
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
        </header>
        ${page.crumbs && page.crumbs.length > 0 ? breadcrumbs(page.crumbs) : ''}
        <main id="innhold" tabindex="-1">${page.body}</main>
        <footer class="site-footer">
          <p>Planverk – arbeidsplaner og oppfølging. Tallene er hentet fra planens hendelseslogg.</p>
        </footer>
      </body>
    </html> `;
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

/** A page of its own for a missing plan, a bad date and the like. */
export function errorPage(status: number, message: string, organisations: readonly OrganisationView[]): Html {
  const heading = status === 404 ? 'Fant ikke siden' : status === 400 ? 'Ugyldig adresse' : 'Noe gikk galt';
  return layout({
    title: heading,
    organisations,
    body: html`<h1>${heading}</h1>
      <p class="error-message">${message}</p>
      <p><a href="/">Til forsiden</a></p>`,
  });
}
