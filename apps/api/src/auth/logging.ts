import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Options } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

type LoggedRequest = IncomingMessage & {
  id?: unknown;
  originalUrl?: string;
  principal?: { actor: string };
  commandId?: string;
  commandActor?: string;
  /** pino-http's logger of this request. */
  log?: Logger;
};

/**
 * Names the command a request runs, for its log lines: the request's closing line (through
 * `customProps`) and every line logged while it runs after this (the request's own pino logger,
 * which nestjs-pino hands to Nest's Logger within the request).
 */
export function logCommandId(request: IncomingMessage, commandId: string, actor?: string): void {
  const r = request as LoggedRequest;
  r.commandId = commandId;
  // A command whose actor is not the request's principal (a token issued for a username and password).
  if (actor !== undefined) r.commandActor = actor;
  // Once per request: a second id (none send one today) goes only on the closing line.
  if (r.log && r.log.bindings().commandId === undefined) r.log.setBindings({ commandId });
}

/**
 * Where the log goes: JSON lines (for a log collector) unless standard output is a terminal,
 * where a person reads it: one pretty line each (pino-pretty), without Nest's start-up listing
 * of every module and route. Both synchronous, so the last lines (shutdown) are written before a
 * SIGTERM ends the process.
 */
export function logDestination(terminal: boolean): DestinationStream {
  if (!terminal) return pino.destination({ dest: 1, sync: true });
  // Loaded only for a terminal (~10 MiB): a deployment logs JSON.
  const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  const pretty = pinoPretty({
    sync: true,
    destination: 1,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat:
      '{if context}[{context}] {end}{msg}{if req.method} {req.method} {req.path} {res.statusCode} ({responseTime} ms){end}',
  });
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const line = chunk.toString();
      if (!STARTUP_LISTING.test(line)) pretty.write(line);
      done();
    },
  });
}

/** Nest's start-up lines for each module and route: noise to a person, kept in the JSON log. */
const STARTUP_LISTING = /"context":"(InstanceLoader|RoutesResolver|RouterExplorer)"/;

function boundCommandId(r: LoggedRequest): boolean {
  return r.log !== undefined && r.log.bindings().commandId === r.commandId;
}

/**
 * One JSON line per request (pino-http): request id (X-Request-Id, echoed back), method, path,
 * status, duration, the actor's id and the command id. Never headers, cookies, bodies, query
 * strings or client addresses: no personal data beyond the actor's id.
 */
export function pinoHttpOptions(level: string): Options {
  return {
    level,
    stream: logDestination(process.stdout.isTTY === true),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req: IncomingMessage) => {
      const r = req as LoggedRequest;
      return {
        ...(r.principal || r.commandActor ? { actor: r.principal?.actor ?? r.commandActor } : {}),
        // Bound to the request's logger already by logCommandId: not twice on the closing line.
        ...(r.commandId && !boundCommandId(r) ? { commandId: r.commandId } : {}),
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
