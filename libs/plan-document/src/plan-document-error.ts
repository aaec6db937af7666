/** One problem in a plan document: where (line and field path) and why. */
export interface DocumentIssue {
  /** 1-based line in the text, where it could be found. */
  readonly line: number | undefined;
  /** Field path such as "sections[2].measures[0].text". */
  readonly path: string;
  readonly message: string;
}

/** The problems an answer lists at most: a document with 100,000 bad measures is answered with the first ones. */
export const MAX_LISTED_PROBLEMS = 100;

/** The first MAX_LISTED_PROBLEMS problems, and one saying how many more there are. */
export function listedProblems<T>(problems: readonly T[], more: (count: number) => T): readonly T[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), more(problems.length - MAX_LISTED_PROBLEMS)];
}

const moreProblems = (count: number): string => `and ${count.toLocaleString('en')} more problems`;

/** A plan document that cannot be imported; every problem is listed (the first hundred), nothing is written. */
export class PlanDocumentError extends Error {
  readonly code = 'INVALID_PLAN_DOCUMENT';
  readonly issues: readonly DocumentIssue[];
  /** How many problems there are (issues lists the first MAX_LISTED_PROBLEMS). */
  readonly total: number;
  /** `total`: given when `issues` are the listed ones already (the error read back from a worker thread). */
  constructor(issues: readonly DocumentIssue[], total?: number) {
    const listed =
      total !== undefined
        ? issues
        : listedProblems(issues, (n): DocumentIssue => ({
            line: undefined,
            path: '',
            message: moreProblems(n),
          }));
    super(
      `The plan document has ${total ?? issues.length} ${(total ?? issues.length) === 1 ? 'problem' : 'problems'}:\n` +
        listed
          .map((i) => `  ${i.line ? `line ${i.line}: ` : ''}${i.path ? `${i.path}: ` : ''}${i.message}`)
          .join('\n'),
    );
    this.issues = listed;
    this.total = total ?? issues.length;
    this.name = 'PlanDocumentError';
  }
}
