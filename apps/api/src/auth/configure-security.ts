import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PlanverkConfig } from '@app/config';
import type { DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { CSRF } from './access.guard.js';
import { csrfTokenMiddleware } from './csrf.js';
import { isMultipart, isUploadPath, readUploads } from '../http/uploads.js';

/**
 * What the api needs in front of its routes: security headers with a strict Content Security
 * Policy (no inline scripts), signed cookies, form bodies for the pages, CSRF tokens for
 * forms, the proxy setting that makes cookies secure behind https, and the pino request log.
 */
export function configureSecurity(
  app: NestExpressApplication,
  config: PlanverkConfig,
  sessionSecret: string,
  logs: boolean,
): void {
  if (logs) app.useLogger(app.get(Logger));
  app.set('trust proxy', config.security.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // The printable report and the API docs carry their own stylesheet inline.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Sign-in redirects to an OIDC provider; the referrer must not carry the query.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(refuseUnreadableBodies);
  app.use(cookieParser(sessionSecret));
  app.useBodyParser('urlencoded', { limit: '2mb', extended: false });
  // Documents uploaded for import (POST /imports, the import pages), before the CSRF check reads the form.
  app.use(readUploads);
  app.use(csrfTokenMiddleware(app.get<DoubleCsrfUtilities>(CSRF)));
}

const READABLE_BODIES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/yaml',
  'text/yaml',
  'application/x-yaml',
];

/**
 * A write with a body of a type no parser reads (application/xml...) would reach its handler
 * as no body at all, and a command with only optional fields would run: 415 instead.
 */
function refuseUnreadableBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const readable = (type && READABLE_BODIES.includes(type)) || (isUploadPath(req.path) && isMultipart(req));
  if (hasBody && req.method !== 'GET' && req.method !== 'HEAD' && !readable) {
    res.status(415).json({
      statusCode: 415,
      message: `Send the body as ${READABLE_BODIES.slice(0, 2).join(' or ')} (or plain text/YAML where the route says so)`,
    });
    return;
  }
  next();
}
