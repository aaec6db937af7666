import { transportError, type TransportedError } from './transported-error.js';

export interface TaskMessage {
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly input: unknown;
}

export type TaskReply =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: TransportedError };

/**
 * What a worker thread runs for every task (piscina calls the default export): import the
 * task's module (once per thread; the module system caches it) and call the named function. An
 * error is answered as data, so the caller gets its fields (a document's list of problems)
 * rather than the bare message a structured clone of an Error keeps.
 */
export default async function runTask({ moduleUrl, exportName, input }: TaskMessage): Promise<TaskReply> {
  try {
    const module = (await import(moduleUrl)) as Record<string, unknown>;
    const task = module[exportName];
    if (typeof task !== 'function') throw new Error(`${moduleUrl} has no function ${exportName}`);
    return { ok: true, value: await (task as (input: unknown) => unknown)(input) };
  } catch (error) {
    return { ok: false, error: transportError(error) };
  }
}
