import { NOT_READ } from './report-messages.js';
import { type LineAccount, type LineKind } from './types.js';

export { NOT_READ };

/**
 * The account of every line of a source: a reader takes each line it uses into the plan with
 * what it became, and leaves out the others with the reason. Whatever no reader touched is
 * left out as "not read", so the report never drops a line without saying so.
 */
export class LineLedger {
  private readonly accounts = new Map<number, LineAccount>();

  constructor(private readonly lines: readonly string[]) {}

  /**
   * Records what a line became; the first account of a line stands (a later one does not
   * overwrite it), but a further goal or measure that begins on it is added to it (`also`).
   */
  take(line: number | undefined, kind: LineKind, ref?: string): void {
    if (line === undefined || line < 1 || line > this.lines.length) return;
    const account = this.accounts.get(line);
    if (!account) {
      this.accounts.set(line, { line, kind, ...(ref !== undefined ? { ref } : {}) });
      return;
    }
    if (!isElement(kind) || !isElement(account.kind) || ref === undefined || account.ref === undefined)
      return;
    if (account.ref === ref || account.also?.some((a) => a.ref === ref)) return;
    (account.also ??= []).push({ kind, ref });
  }

  takeRange(from: number, to: number, kind: LineKind, ref?: string): void {
    for (let l = from; l <= to; l++) this.take(l, kind, ref);
  }

  leaveOut(line: number | undefined, reason: string): void {
    if (line === undefined || line < 1 || line > this.lines.length || this.accounts.has(line)) return;
    this.accounts.set(line, { line, kind: 'left-out', reason });
  }

  has(line: number): boolean {
    return this.accounts.has(line);
  }

  /** Every line, in order: blank ones as blank, untouched ones left out as not read. */
  finish(): LineAccount[] {
    return this.lines.map((text, i) => {
      const line = i + 1;
      const account = this.accounts.get(line);
      if (account) return account;
      if (text.trim() === '') return { line, kind: 'blank' };
      return { line, kind: 'left-out', reason: NOT_READ };
    });
  }
}

const isElement = (kind: LineKind): kind is 'goal' | 'measure' => kind === 'goal' || kind === 'measure';
