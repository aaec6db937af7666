import { parsePosition, type Position } from '@app/event-store';
import type { ReadYourWrites } from '@app/read-models';
import type { NextFunction, Request, Response } from 'express';

/** The position of a write: sent with every command's answer, and by a reader that wants to see it. */
export const POSITION_HEADER = 'Planverk-Position';
/** Sent with a read that could not wait for the writes it should show: `held_back` or `behind`. */
export const READ_MODELS_HEADER = 'Planverk-Read-Models';

/**
 * The probes answer at once: a readiness or liveness probe must not wait on the read models it
 * reports on. /metrics waits like any read, so its lag after this process's own writes is what
 * a reader of the api would see (0 once they are applied, as when commands waited for them).
 */
const NOT_WAITING = /^\/health(\/|$)/;

/**
 * Whether a request reads the read models before it does anything: every GET and HEAD, and the
 * pages' forms (a plain form post or htmx), which look up what the page showed (the meeting, the
 * amendment) before they send their command. The api's JSON commands decide on the event
 * streams and do not wait.
 */
function readsFirst(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return !NOT_WAITING.test(request.path);
  return (
    request.get('HX-Request') === 'true' ||
    Boolean(request.is(['application/x-www-form-urlencoded', 'multipart/form-data']))
  );
}

/**
 * Before a read (GET, HEAD, a page's form): wait until the read models show every write this process answered
 * and the position the reader names in `Planverk-Position` (a write answered by another replica),
 * so a client always reads its own writes. When they cannot show it yet (reads held back by a
 * transaction elsewhere, or projections behind), the read goes ahead and says so in
 * `Planverk-Read-Models`.
 */
export function readYourWrites(reads: ReadYourWrites) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!readsFirst(request)) {
      next();
      return;
    }
    const header = request.get(POSITION_HEADER);
    let named: Position | undefined;
    try {
      named = header ? parsePosition(header) : undefined;
    } catch {
      response.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        message: `${POSITION_HEADER} must be a position as a command answers it ("commit/prepare"), not "${header}"`,
      });
      return;
    }
    reads.beforeRead(named).then(
      (visibility) => {
        if (visibility !== 'up_to_date') response.setHeader(READ_MODELS_HEADER, visibility);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}
