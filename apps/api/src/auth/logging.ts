import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino } from 'pino';
import type { Options } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

type LoggedRequest = IncomingMessage & {
  id?: unknown;
  originalUrl?: string;
  principal?: { actor: string };
  commandId?: string;
};

/**
 * One JSON line per request (pino-http): request id (X-Request-Id, echoed back), method, path,
 * status, duration, the actor's id and the command id. Never headers, cookies, bodies, query
 * strings or client addresses: no personal data beyond the actor's id.
 */
export function pinoHttpOptions(level: string): Options {
  return {
    level,
    // Synchronous: the last lines (shutdown) are written before a SIGTERM ends the process.
    stream: pino.destination({ dest: 1, sync: true }),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req: IncomingMessage) => {
      const r = req as LoggedRequest;
      return {
        ...(r.principal ? { actor: r.principal.actor } : {}),
        ...(r.commandId ? { commandId: r.commandId } : {}),
      };
    },
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: err.message }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
}
