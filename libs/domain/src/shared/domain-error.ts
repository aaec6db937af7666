/**
 * A command that the rules do not allow. `kind` tells the outside world how to answer
 * (not found -> 404, invalid -> 400, conflict -> 409) without the domain knowing HTTP.
 */
export type DomainErrorKind = 'not_found' | 'invalid' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
