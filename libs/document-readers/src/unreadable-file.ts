/** A file no reader can open: not the format its name or first bytes claim, damaged, or too large. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    /** Norwegian, for pages. */
    readonly norwegian: string,
  ) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}
