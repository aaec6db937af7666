import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { isMultipart, isUploadPath, UPLOAD_LIMIT_BYTES } from './uploads.js';

/** The largest request body the api reads (JSON, form, text/YAML). */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * A request that announces a body over the limit (Content-Length) is answered 413 at once and its
 * connection closed. The body parsers would refuse it too, but only after reading what the client
 * says it sends: a client announcing 100 GB and sending a few bytes held a connection (and
 * waited) until Node's request timeout.
 */
export function refuseOversizedBodies(req: Request, res: Response, next: NextFunction): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  // A document uploaded for import may be larger (uploads.ts reads it within its own limit).
  const limit = isUploadPath(req.path) && isMultipart(req) ? UPLOAD_LIMIT_BYTES : BODY_LIMIT_BYTES;
  if (declared > limit) {
    res.setHeader('Connection', 'close');
    res.status(413).json({ statusCode: 413, message: 'The request body is too large' });
    return;
  }
  next();
}

/** How deep a JSON body may nest objects and arrays (a command's body is three or four levels deep). */
export const BODY_DEPTH_LIMIT = 32;

/**
 * body-parser's `verify` hook for JSON: a body nested deeper than BODY_DEPTH_LIMIT is refused
 * with 400 before it is parsed. JSON.parse would read it, but validation, class-transformer and
 * the handlers walk bodies recursively, and a body 10,000 levels deep overflowed the stack there
 * (a 500). One pass over the bytes, brackets inside strings not counted.
 */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  if (jsonDepthExceeds(body, BODY_DEPTH_LIMIT)) {
    throw Object.assign(new Error(`The request body is nested more than ${BODY_DEPTH_LIMIT} levels deep`), {
      status: 400,
      type: 'entity.too.deep',
    });
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** Whether JSON text (UTF-8) nests objects and arrays deeper than `limit`; malformed JSON is left to the parser. */
export function jsonDepthExceeds(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** How long a client may take to send a request's body, from the moment its headers arrived. */
export const BODY_TIME_LIMIT_MS = 10_000;

/**
 * A body that does not arrive within BODY_TIME_LIMIT_MS is answered 408 and its connection
 * closed: a client that announces a body and sends it slowly, or never, held a connection open
 * (and its parser waiting) for as long as it liked. Node's own request timeout is only checked
 * every 30 s; this one is exact.
 */
export function refuseSlowBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.complete) {
    next();
    return;
  }
  const timer = setTimeout(() => {
    if (req.complete) return;
    if (res.headersSent) {
      // Answered already (a 415, say) while the body still trickles in: stop waiting for it.
      req.socket.destroy();
      return;
    }
    res.setHeader('Connection', 'close');
    res.once('finish', () => req.socket.destroy());
    res.status(408).json({
      statusCode: 408,
      message: `The request body did not arrive within ${BODY_TIME_LIMIT_MS / 1000} s`,
    });
  }, BODY_TIME_LIMIT_MS);
  timer.unref();
  const done = (): void => clearTimeout(timer);
  req.once('end', done);
  req.once('close', done);
  next();
}

/**
 * The same limits at the HTTP server, for what the middleware above cannot see (headers that
 * never complete): Node checks these every 30 s and answers 408.
 */
export function limitRequestTimes(server: Server): void {
  server.headersTimeout = BODY_TIME_LIMIT_MS;
  server.requestTimeout = 2 * BODY_TIME_LIMIT_MS;
}
