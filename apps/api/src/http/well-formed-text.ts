import { BadRequestException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { PageProblem } from '../pages/page-http.js';

/** A NUL, a high surrogate without its low half, or a low surrogate without its high half. */
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const MALFORMED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const PAGE_MESSAGE =
  'Teksten inneholder tegn som ikke kan lagres (et NUL-tegn eller et ugyldig Unicode-tegn). Fjern dem og prøv igjen.';
const PAGE_PATHS = /^\/(?:$|plan\/|org\/|logg-inn|logg-ut)/;

/**
 * Where in a parsed value (strings and object keys, at any depth) there is text PostgreSQL
 * cannot store: a NUL character or a lone surrogate (jsonb and text refuse both). Walks
 * without recursion, so a deeply nested body cannot exhaust the stack. Undefined when clean.
 */
export function malformedTextAt(value: unknown, root: string): string | undefined {
  const pending: Array<[unknown, string]> = [[value, root]];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (MALFORMED.test(current)) return path;
    } else if (typeof current === 'object' && current !== null && !Buffer.isBuffer(current)) {
      for (const [key, child] of Object.entries(current)) {
        const at = `${path}.${key}`;
        if (MALFORMED.test(key)) return at;
        pending.push([child, at]);
      }
    }
  }
  return undefined;
}

function describe(path: string): string {
  // The path names the user's own fields; keep it short and printable in the answer.
  return JSON.stringify(path.replace(/[^\x20-\x7e]/g, '?').slice(0, 100));
}

/** For a value parsed out of a request later on (an imported document, a meeting protocol): 400 if it has such text. */
export function assertWellFormedText(value: unknown, what: string): void {
  const at = malformedTextAt(value, what);
  if (at !== undefined) throw malformedTextError(at);
}

function malformedTextError(at: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'MALFORMED_TEXT',
    message: `The request has a NUL character or an unpaired UTF-16 surrogate at ${describe(at)}; send well-formed Unicode text`,
  });
}

/**
 * The first guard of every route (the first APP_GUARD of SecurityModule, before the rate limits
 * and the access guard): a request whose path, query or parsed body holds text that cannot be stored is
 * refused with 400 before any other guard, handler or database sees it, so nothing is appended.
 * On a page the refusal is a page in Norwegian (PageErrorFilter shows a PageProblem's message).
 */
@Injectable()
export class WellFormedTextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const at =
      malformedTextAt(req.params, 'path') ??
      malformedTextAt(req.query, 'query') ??
      malformedTextAt(req.body, 'body');
    if (at === undefined) return true;
    if (PAGE_PATHS.test(req.path)) throw new PageProblem(400, PAGE_MESSAGE);
    throw malformedTextError(at);
  }
}
