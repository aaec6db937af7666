/** An error thrown on a worker thread, as it crosses back: its name, message and own data fields. */
export interface TransportedError {
  readonly name: string;
  readonly message: string;
  /** The error's own enumerable fields that survive a structured clone (code, issues, ...). */
  readonly data: Readonly<Record<string, unknown>>;
}

export function transportError(error: unknown): TransportedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), data: {} };
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    try {
      data[key] = structuredClone(value);
    } catch {
      // A field that cannot cross threads (a function, a socket) is left behind.
    }
  }
  return { name: error.name, message: error.message, data };
}
