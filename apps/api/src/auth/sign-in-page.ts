const escape = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface SignInPage {
  readonly csrfToken: string;
  readonly next: string;
  readonly error?: string;
  readonly username?: string;
  readonly oidc: boolean;
}

/** The sign-in form (Norwegian bokmål): no scripts and no inline styles, so the strict CSP holds. */
export function renderSignInPage(page: SignInPage): string {
  return [
    '<!doctype html>',
    '<html lang="nb">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Logg inn – Planverk</title></head>',
    '<body>',
    '<main>',
    '<h1>Logg inn</h1>',
    page.error ? `<p role="alert">${escape(page.error)}</p>` : '',
    '<form method="post" action="/logg-inn">',
    `<input type="hidden" name="_csrf" value="${escape(page.csrfToken)}">`,
    `<input type="hidden" name="neste" value="${escape(page.next)}">`,
    '<p><label for="brukernavn">Brukernavn</label><br>',
    `<input id="brukernavn" name="brukernavn" autocomplete="username" required value="${escape(page.username ?? '')}"></p>`,
    '<p><label for="passord">Passord</label><br>',
    '<input id="passord" name="passord" type="password" autocomplete="current-password" required></p>',
    '<p><button type="submit">Logg inn</button></p>',
    '</form>',
    page.oidc
      ? `<p><a href="/auth/oidc?neste=${encodeURIComponent(page.next)}">Logg inn med organisasjonens innlogging</a></p>`
      : '',
    '</main>',
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
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
