import type { NextFunction, Request, Response } from 'express';

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
  if (declared > BODY_LIMIT_BYTES) {
    res.setHeader('Connection', 'close');
    res.status(413).json({ statusCode: 413, message: 'The request body is too large' });
    return;
  }
  next();
}
