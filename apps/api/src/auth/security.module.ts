import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { PlanverkConfig } from '@app/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { RequestDocumentsModule } from '../http/request-documents.js';
import { WellFormedTextGuard } from '../http/well-formed-text.js';
import { CommandResponder } from '../plans/command-responder.js';
import { AccessController } from './access.controller.js';
import { AccessGuard, CSRF } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { Authenticator } from './authenticator.js';
import { createCsrf } from './csrf.js';
import { pinoHttpOptions } from './logging.js';
import { OidcSignIn } from './oidc.js';
import { OrganisationLocator } from './organisation-locator.js';
import { TargetAccess } from './target-access.js';
import { RateLimitGuard, rateLimitOptions } from './throttle.guard.js';
import { VisibilityInterceptor } from './visibility.interceptor.js';

export interface SecurityOptions {
  readonly config: PlanverkConfig;
  readonly sessionSecret: string;
  /** false: no request log (the tests). */
  readonly logs: boolean;
}

/**
 * Authentication, the access policy, rate limits and request logs, as global guards and an
 * interceptor: controllers need nothing of it except `envelopeFrom`, which reads the principal.
 */
@Module({})
export class SecurityModule {
  static forRoot(options: SecurityOptions): DynamicModule {
    return {
      module: SecurityModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: pinoHttpOptions(options.logs ? options.config.security.logLevel : 'silent'),
        }),
        ThrottlerModule.forRoot(rateLimitOptions(options.config)),
        RequestDocumentsModule,
      ],
      controllers: [AuthController, AccessController],
      providers: [
        { provide: CSRF, useValue: createCsrf(options.sessionSecret) },
        Authenticator,
        OrganisationLocator,
        TargetAccess,
        OidcSignIn,
        CommandResponder,
        // Guards run in this order: text that cannot be stored (a NUL, a lone surrogate) is a 400
        // before anything reads the request further; then rate limits (@nestjs/throttler); then
        // who may do what. (app.useGlobalGuards would put a guard after these, not before.)
        { provide: APP_GUARD, useClass: WellFormedTextGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: VisibilityInterceptor },
      ],
      exports: [CSRF, TargetAccess],
    };
  }
}
