import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/** How long requests in flight may take to finish after SIGTERM (Docker stops with SIGKILL after 10 s). */
export const DRAIN_TIMEOUT_MS = 8_000;
const IDLE_SWEEP_MS = 100;

/**
 * The HTTP half of a graceful shutdown. On SIGTERM (enableShutdownHooks) Nest runs the
 * `beforeApplicationShutdown` hooks, then closes the HTTP server (no new connections; Node waits
 * for the requests in flight), and only then the `onApplicationShutdown` hooks, which stop the
 * projections and close the event store and the database. Two things Node's `server.close()`
 * does not do are done here: a keep-alive connection whose request finishes during the drain is
 * closed at once rather than after the keep-alive timeout, and requests still running after
 * `DRAIN_TIMEOUT_MS` have their connections closed, so the process always exits.
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return; // tests that never listen
    this.logger.log('Closing the HTTP server; waiting for the requests in flight');
    const idle = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => {
      this.logger.warn(`Requests still in flight after ${DRAIN_TIMEOUT_MS} ms; closing their connections`);
      server.closeAllConnections();
    }, DRAIN_TIMEOUT_MS);
    idle.unref();
    deadline.unref();
    server.once('close', () => {
      clearInterval(idle);
      clearTimeout(deadline);
    });
  }
}
