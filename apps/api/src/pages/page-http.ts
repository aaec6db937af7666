import {
  Catch,
  HttpException,
  Injectable,
  Logger,
  type ArgumentsHost,
  type CallHandler,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { DomainError } from '@app/domain';
import { PlanMomentNotFound, type OrganisationView } from '@app/read-models';
import { PlanQueries } from '@app/runtime';
import type { Request, Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { rolesFor } from '../auth/access-policy.js';
import { routeOf } from '../auth/access-log.js';
import { safeNext } from '../auth/sign-in-page.js';
import { roleLabel } from './format.js';
import { html, type Html } from './html.js';
import { errorPage, type Visitor } from './views/layout.js';

/** A page's refusal, with the Norwegian message the user sees. */
/**
 * A form sent again with other values under the command id it was sent with before (the
 * browser's back button, then a changed form): the api's COMMAND_ID_TAKEN, as every page says it.
 */
export const FORM_SENT_BEFORE =
  'Dette skjemaet er allerede sendt, med annet innhold. Last siden på nytt og fyll det ut igjen.';

export class PageProblem extends HttpException {
  constructor(status: 400 | 403 | 404 | 413 | 422, message: string) {
    super(message, status);
  }
}

/** A plan that is not there, or that the caller may not read: one answer for both. */
export function planNotFoundPage(planId: string): PageProblem {
  return new PageProblem(404, `Fant ingen plan med id «${planId.slice(0, 100)}».`);
}

/** Server time of a page in a `Server-Timing` header, which bench/pages.mjs reads. */
@Injectable()
export class ServerTimingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = process.hrtime.bigint();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap(() => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (!response.headersSent) response.setHeader('Server-Timing', `app;dur=${ms.toFixed(1)}`);
      }),
    );
  }
}

/**
 * Errors on a page as a page in Norwegian (the JSON api keeps its own filter), and a refused
 * form (not signed in, no access, an expired form) as a message the page shows: htmx gets the
 * message alone, which pages.js puts next to the form that was sent.
 */
@Catch()
@Injectable()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(private readonly queries: PlanQueries) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const { status, message } = this.describe(error, request);
    if (response.headersSent) return;
    response.status(status).type('text/html; charset=utf-8');
    const visitor = visitorOf(request);
    // An htmx request gets a fragment, not a whole page inside the page.
    if (request.header('hx-request') === 'true') {
      response.send(
        html`<p class="flash flash-error" role="alert">
          ${message}${signInNeeded(status, visitor) ? html` ${signInLink(visitor)}` : ''}
        </p>`.value,
      );
      return;
    }
    const organisations = await this.queries.listOrganisations().catch((): OrganisationView[] => []);
    response.send(errorPage(status, message, { organisations, visitor }).value);
  }

  private describe(error: unknown, request: Request): { status: number; message: string } {
    if (error instanceof PlanMomentNotFound)
      return { status: 404, message: 'Planen fantes ikke i den revisjonen eller på den datoen.' };
    if (error instanceof DomainError) {
      const status = error.kind === 'not_found' ? 404 : error.kind === 'conflict' ? 409 : 400;
      return {
        status,
        message: status === 404 ? 'Fant ikke det du lette etter.' : 'Forespørselen kunne ikke utføres.',
      };
    }
    if (error instanceof PageProblem) return { status: error.getStatus(), message: error.message };
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return { status, message: refusalMessage(status, error, request) };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return {
      status: 500,
      message: 'Siden kunne ikke vises på grunn av en feil hos oss. Prøv igjen om litt.',
    };
  }
}

/** What a person is told when the api refuses a page or a form (the guard's messages are English). */
function refusalMessage(status: number, error: HttpException, request: Request): string {
  switch (status) {
    case 401:
      return request.principal
        ? 'Innloggingen din ble ikke godtatt. Logg inn på nytt og prøv igjen.'
        : NOT_SIGNED_IN;
    case 403: {
      const body = error.getResponse() as { error?: unknown };
      // A form from a session that has since ended fails its CSRF check: say what happened.
      if (body && typeof body === 'object' && body.error === 'CSRF')
        return request.principal
          ? 'Skjemaet er utløpt eller kom ikke fra denne siden. Last siden på nytt og prøv igjen.'
          : NOT_SIGNED_IN;
      const roles = rolesFor(request.method, routeOf(request));
      return roles.length > 0
        ? `Du har ikke tilgang til dette: det krever rollen ${roles.map(roleLabel).join(' eller ')} i planens organisasjon.`
        : 'Du har ikke tilgang til dette.';
    }
    case 404:
      return 'Fant ikke siden.';
    case 409:
      return 'Planen ble endret samtidig av noen andre. Last siden på nytt og prøv igjen.';
    case 413:
      return 'Skjemaet er for stort.';
    case 429:
      return 'For mange forsøk på kort tid. Vent litt og prøv igjen.';
    default:
      return status < 500
        ? 'Forespørselen kunne ikke utføres.'
        : 'Siden kunne ikke vises på grunn av en feil hos oss. Prøv igjen om litt.';
  }
}

const NOT_SIGNED_IN = 'Du er ikke logget inn (eller innloggingen er utløpt). Logg inn og prøv igjen.';

/** A refusal that signing in could mend: shown with a sign-in link. */
export function signInNeeded(status: number, visitor: Visitor): boolean {
  return !visitor.principal && (status === 401 || status === 403);
}

/** "Logg inn", back to the page the visitor is on (or posted from). */
export function signInLink(visitor: Visitor): Html {
  return html`<a href="/logg-inn?neste=${encodeURIComponent(visitor.path)}">Logg inn</a>`;
}

/**
 * Who is looking at the page: the principal the access guard set, the CSRF token for their forms
 * (only when signed in: an anonymous visitor gets no forms), and where signing in comes back to
 * (this page; after a refused form post, the page the form was on).
 */
export function visitorOf(request: Request): Visitor {
  const principal = request.principal;
  return {
    principal,
    csrf: principal?.via === 'session' ? csrfToken(request) : undefined,
    path: request.method === 'GET' ? safeNext(request.originalUrl) : refererPath(request),
  };
}

/** The page a form was posted from: only its path (safeNext keeps it on this site). */
function refererPath(request: Request): string {
  const referer = request.header('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return safeNext(url.pathname + url.search);
  } catch {
    return '/';
  }
}

/** One query parameter as a non-empty string (the first, if repeated). */
export function queryString(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/**
 * A posted form (application/x-www-form-urlencoded, as htmx and a plain form send it), every
 * value of a repeated field kept (ticked checkboxes). The api parses only JSON and text, so the
 * stream is read here; a body parsed by someone else first is used as it is.
 */
export async function readFormFields(request: Request, limit = 64 * 1024): Promise<URLSearchParams> {
  const parsed = request.body as unknown;
  if (parsed && typeof parsed === 'object' && !Buffer.isBuffer(parsed) && Object.keys(parsed).length > 0) {
    const fields = new URLSearchParams();
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>))
      for (const v of Array.isArray(value) ? value : [value]) fields.append(key, String(v));
    return fields;
  }
  if (typeof parsed === 'string') return new URLSearchParams(parsed);
  if (request.readableEnded) return new URLSearchParams();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PageProblem(413, 'Skjemaet er for stort.');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** A posted form, one value per field (the first of a repeated one). */
export async function readForm(request: Request, limit = 64 * 1024): Promise<Record<string, string>> {
  const fields = await readFormFields(request, limit);
  const form: Record<string, string> = {};
  for (const [key, value] of fields) if (!(key in form)) form[key] = value;
  return form;
}

/**
 * The CSRF token for the page's forms, when the api issues them (`req.csrfToken`, set by the
 * security middleware); undefined without it, and the forms then post without one.
 */
export function csrfToken(request: Request): string | undefined {
  const issue = (request as { csrfToken?: () => string }).csrfToken;
  return typeof issue === 'function' ? issue.call(request) : undefined;
}

/** Who a page action acts as: the signed-in principal the access guard set, or anonymous. */
export function actorOf(request: Request): string {
  const principal = (request as { principal?: { actor?: unknown } }).principal;
  return typeof principal?.actor === 'string' ? principal.actor : 'anonymous';
}
