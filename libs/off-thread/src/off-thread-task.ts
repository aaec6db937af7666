import type { TransportedError } from './transported-error.js';

/**
 * A function run on a worker thread: a named export of a module that the worker imports by
 * URL. Its input and result cross threads by structured clone (plain data, Maps, Sets, Dates,
 * typed arrays; no functions or class instances), and so do its errors, as TransportedErrors
 * that `revive` turns back into the caller's own error classes.
 *
 * Define a task in the module that holds the function, so the URL is the module's own, as
 * built or (under jest) as written:
 *
 *     export function readPlanContent(input: ReadInput): ReadOutput { ... }
 *     export const READ_PLAN_CONTENT = offThreadTask<ReadInput, ReadOutput>(import.meta.url, 'readPlanContent');
 *
 * The module is imported once per worker thread, so it should import nothing it does not use
 * (no Nest, no database): only what the function needs.
 */
export interface OffThreadTask<Input, Output> {
  readonly moduleUrl: string;
  readonly exportName: string;
  /** The caller's error for one thrown on the worker; undefined leaves it an OffThreadTaskError. */
  readonly revive?: (error: TransportedError) => Error | undefined;
  /** Only for type inference: never set. */
  readonly types?: { readonly input: Input; readonly output: Output };
}

export function offThreadTask<Input, Output>(
  moduleUrl: string | URL,
  exportName: string,
  options: { readonly revive?: (error: TransportedError) => Error | undefined } = {},
): OffThreadTask<Input, Output> {
  return { moduleUrl: String(moduleUrl), exportName, ...(options.revive ? { revive: options.revive } : {}) };
}
