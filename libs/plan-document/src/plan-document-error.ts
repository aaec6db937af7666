/** One problem in a plan document: where (line and field path) and why. */
export interface DocumentIssue {
  /** 1-based line in the text, where it could be found. */
  readonly line: number | undefined;
  /** Field path such as "sections[2].measures[0].text". */
  readonly path: string;
  readonly message: string;
}

/** A plan document that cannot be imported; every problem is listed, nothing is written. */
export class PlanDocumentError extends Error {
  readonly code = 'INVALID_PLAN_DOCUMENT';
  constructor(readonly issues: readonly DocumentIssue[]) {
    super(
      `The plan document has ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}:\n` +
        issues
          .map((i) => `  ${i.line ? `line ${i.line}: ` : ''}${i.path ? `${i.path}: ` : ''}${i.message}`)
          .join('\n'),
    );
    this.name = 'PlanDocumentError';
  }
}
