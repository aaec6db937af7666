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
import { PlanMomentNotFound } from '@app/read-models';
import type { Request, Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { errorPage } from './views/layout.js';

/** A page's refusal, with the Norwegian message the user sees. */
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

/** Errors on a page as a page in Norwegian (the JSON api keeps its own filter). */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    let status = 500;
    let message = 'Siden kunne ikke vises på grunn av en feil hos oss. Prøv igjen om litt.';
    if (error instanceof PlanMomentNotFound) {
      status = 404;
      message = 'Planen fantes ikke i den revisjonen eller på den datoen.';
    } else if (error instanceof DomainError) {
      status = error.kind === 'not_found' ? 404 : error.kind === 'conflict' ? 409 : 400;
      message = status === 404 ? 'Fant ikke det du lette etter.' : 'Forespørselen kunne ikke utføres.';
    } else if (error instanceof PageProblem) {
      status = error.getStatus();
      message = error.message;
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      message =
        status === 404 ? 'Fant ikke siden.' : status < 500 ? 'Forespørselen kunne ikke utføres.' : message;
    } else {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    response.status(status).type('text/html; charset=utf-8');
    // An htmx request gets a fragment, not a whole page inside the page.
    if (request.header('hx-request') === 'true') {
      response.send(`<p class="flash flash-error" role="alert">${escapeText(message)}</p>`);
      return;
    }
    response.send(errorPage(status, message, []).value);
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One query parameter as a non-empty string (the first, if repeated). */
export function queryString(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/**
 * A posted form (application/x-www-form-urlencoded, as htmx and a plain form send it). The
 * api parses only JSON and text, so the stream is read here; a body parsed by someone else first
 * is used as it is.
 */
export async function readForm(request: Request, limit = 64 * 1024): Promise<Record<string, string>> {
  const parsed = request.body as unknown;
  if (parsed && typeof parsed === 'object' && !Buffer.isBuffer(parsed) && Object.keys(parsed).length > 0) {
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [
        k,
        String(Array.isArray(v) ? v[0] : v),
      ]),
    );
  }
  if (typeof parsed === 'string') return Object.fromEntries(new URLSearchParams(parsed));
  if (request.readableEnded) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PageProblem(413, 'Skjemaet er for stort.');
    chunks.push(chunk as Buffer);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
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
