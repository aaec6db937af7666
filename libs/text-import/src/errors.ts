/** A text the importer cannot read at all: empty, binary, or of no shape it knows. */
export class UnreadableDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableDocumentError';
  }
}
