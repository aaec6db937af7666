import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@app/domain';
import {
  AppendTooLarge,
  EventIdsTaken,
  EventStoreUnavailable,
  ExpectedRevisionConflict,
} from '@app/event-store';
import { isConnectionFailure } from '@app/event-store-postgres';
import { PlanDocumentError } from '@app/plan-document';
import { PlanMomentNotFound } from '@app/read-models';
import { UnreadableDocumentError } from '@app/text-import';
import { UnreadableFileError } from '@app/document-readers';
import type { Response } from 'express';
import { BODY_DEPTH_LIMIT } from './body-limit.js';

const STATUS_OF_KIND = { not_found: 404, invalid: 400, conflict: 409 } as const;

/**
 * Every error as a clear JSON answer: the domain's refusals as 4xx naming the problem,
 * a stale revision as 409
, an unreachable store as 503 with a retry hint, and anything
 * unexpected as a bare 500 (logged, never with a stack or SQL in the response).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      // Answered already: a body that did not arrive in time was answered 408, and its parser
      // gives up when the connection closes. Anything else that fails this late is logged.
      const clientError =
        asExpressClientError(error) ??
        (error instanceof HttpException ? asExpressClientError(error.cause) : undefined);
      if (!clientError)
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return;
    }
    if (error instanceof HttpException) {
      // Nest wraps body-parser's errors; answer them in our words rather than the parser's.
      const parserError = asExpressClientError(error.cause);
      if (parserError) {
        response
          .status(parserError.status)
          .json({ statusCode: parserError.status, message: parserError.message });
        return;
      }
      const body = error.getResponse();
      response
        .status(error.getStatus())
        .json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    if (error instanceof DomainError) {
      const status = STATUS_OF_KIND[error.kind];
      response
        .status(status)
        .json({ statusCode: status, error: error.code, message: error.message, details: error.details });
      return;
    }
    if (error instanceof PlanDocumentError) {
      response
        .status(400)
        .json({ statusCode: 400, error: error.code, message: error.message, issues: error.issues });
      return;
    }
    if (error instanceof UnreadableDocumentError) {
      // The refusal in parts (what was looked for, what to do next, in English and Norwegian).
      response.status(400).json({
        statusCode: 400,
        error: 'UNREADABLE_DOCUMENT',
        message: error.message,
        ...(error.refusal ? { refusal: error.refusal } : {}),
      });
      return;
    }
    if (error instanceof UnreadableFileError) {
      response.status(400).json({
        statusCode: 400,
        error: 'UNREADABLE_FILE',
        message: error.message,
        norwegian: error.norwegian,
      });
      return;
    }
    if (error instanceof PlanMomentNotFound) {
      response.status(404).json({ statusCode: 404, error: error.code, message: error.message });
      return;
    }
    if (error instanceof ExpectedRevisionConflict) {
      response.status(409).json({
        statusCode: 409,
        error: error.code,
        message: 'The plan was changed by someone else; reload it and try again',
        expectedRevision: typeof error.expected === 'bigint' ? Number(error.expected) : error.expected,
        actualRevision: typeof error.actual === 'bigint' ? Number(error.actual) : null,
      });
      return;
    }
    // The command runner answers a reused command id itself (COMMAND_ID_TAKEN); this is for any
    // other writer whose event ids were taken: a conflict, never a 500.
    if (error instanceof EventIdsTaken) {
      response.status(409).json({
        statusCode: 409,
        error: error.code,
        message: 'The ids of this change were used for another change; send it under a new command id',
      });
      return;
    }
    if (error instanceof AppendTooLarge) {
      response.status(413).json({
        statusCode: 413,
        error: error.code,
        message: `The change is too large for the event store to take in one piece${error.maxBytes ? ` (at most ${error.maxBytes} bytes)` : ''}; split it up, e.g. import the plan in parts`,
      });
      return;
    }
    // The read models' database gone too (a query outside the event store, e.g. a token lookup).
    if (error instanceof EventStoreUnavailable || isConnectionFailure(error)) {
      response.setHeader('Retry-After', '5');
      response.status(503).json({
        statusCode: 503,
        error: 'EVENT_STORE_UNAVAILABLE',
        message: 'The event store is unavailable; retry in a few seconds',
      });
      return;
    }
    // The safety net behind refuseMalformedText: text PostgreSQL cannot store (a NUL, a lone
    // surrogate) that reached the database anyway, e.g. an escape inside an imported YAML document.
    if (isUnstorableText(error)) {
      response.status(400).json({
        statusCode: 400,
        error: 'MALFORMED_TEXT',
        message: 'The request has text that cannot be stored (a NUL character or an unpaired surrogate)',
      });
      return;
    }
    const clientError = asExpressClientError(error);
    if (clientError) {
      response
        .status(clientError.status)
        .json({ statusCode: clientError.status, message: clientError.message });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(500).json({ statusCode: 500, message: 'Internal server error' });
  }
}

/** PostgreSQL's untranslatable_character (22P05, jsonb) and character_not_in_repertoire (22021, text). */
const UNSTORABLE_TEXT = new Set(['22P05', '22021']);

function isUnstorableText(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && UNSTORABLE_TEXT.has(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** body-parser's errors (bad JSON, body too large) carry a 4xx status and a safe message. */
function asExpressClientError(error: unknown): { status: number; message: string } | undefined {
  const e = error as { status?: unknown; expose?: unknown; type?: unknown } | undefined;
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
    const messages: Record<string, string> = {
      'entity.parse.failed': 'The request body is not valid JSON',
      'entity.too.large': 'The request body is too large',
      'entity.too.deep': `The request body is nested more than ${BODY_DEPTH_LIMIT} levels deep`,
    };
    return { status: e.status, message: messages[String(e.type)] ?? 'Bad request' };
  }
  return undefined;
}
