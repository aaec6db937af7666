/** Why a document was refused, in words a secretary can act on (English for the CLI and api, Norwegian for pages). */
export interface Refusal {
  /** Stable: empty, binary, unreadable-file, no-title, no-period, no-organisation, nothing-found. */
  readonly code: string;
  /** What the importer looked for, in plain words. */
  readonly lookedFor: readonly string[];
  readonly lookedForNorwegian: readonly string[];
  /** What to do next. */
  readonly next: readonly string[];
  readonly nextNorwegian: readonly string[];
  /** The whole refusal in Norwegian, for pages. */
  readonly norwegian: string;
}

/** A text the importer cannot read at all: empty, binary, or of no shape it knows. */
export class UnreadableDocumentError extends Error {
  constructor(
    message: string,
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'UnreadableDocumentError';
  }
}
