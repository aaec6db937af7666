import { withRuntime } from '../cli-context.js';
import { ApiClient } from '../remote/api-client.js';
import { currentTarget } from '../target.js';
import { LocalBackend } from './local-backend.js';
import type { PlanverkBackend } from './planverk-backend.js';
import { RemoteBackend } from './remote-backend.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Runs `work` against the target of this run: the api over HTTP with --server (or
 * PLANVERK_SERVER), otherwise this machine's database inside the api's own wiring.
 */
export async function withBackend<T>(work: (backend: PlanverkBackend) => Promise<T>): Promise<T> {
  const target = currentTarget();
  if (target.kind === 'local') return withRuntime((context) => work(new LocalBackend(context)));
  if (
    target.token !== undefined &&
    target.server.protocol === 'http:' &&
    !LOOPBACK.test(target.server.hostname)
  ) {
    console.error(
      `planverk: warning: the token goes to ${target.server.host} unencrypted (http://); use https://`,
    );
  }
  return work(new RemoteBackend(new ApiClient(target.server, target.token)));
}
