import { type ImportIssue } from '../types.js';
import { ACTION_OPENINGS, alternation } from '../vocabulary.js';

/** A line that opens as an action: "Arrangere ...", "Vi skal ...", "Det skal ...". */
export const ACTION = new RegExp(`^(?:${alternation(ACTION_OPENINGS)})`, 'iu');

export interface ActionCount {
  /** Items that open as an action. */
  readonly actions: number;
  readonly items: number;
}

/** How many items of a list open as actions. */
export function countActions(items: readonly string[]): ActionCount {
  return { actions: items.filter((t) => ACTION.test(t.trim())).length, items: items.length };
}

/**
 * A list read as text looks like measures when at least a third of its items open as actions
 * (a list of discussion questions or qualities with one "Lage ..." among them does not).
 */
export function looksLikeMeasures(items: readonly string[]): ActionCount | undefined {
  const count = countActions(items);
  return count.actions > 0 && count.actions * 3 >= count.items ? count : undefined;
}

/**
 * The warning for a list a reader kept as text although its items read as actions: it may be
 * measures the document did not label, and a person should look.
 */
export function listLooksLikeMeasures(sectionNumber: string, count: ActionCount, line: number): ImportIssue {
  return {
    line,
    message: `en liste i kapittel ${sectionNumber} ser ut som tiltak (${count.actions} av ${count.items} punkter leses som handlinger), men står ikke under «Tiltak:»; beholdt i innledningen`,
  };
}
