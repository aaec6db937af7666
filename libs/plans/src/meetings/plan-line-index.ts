import type { ElementLines } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/**
 * The line numbers of a plan's Markdown rendering (the meeting papers) and the element on each:
 * how amendments citing lines are resolved in a plan that was not imported from a line-numbered
 * document. A port: the rendering belongs to the read side, which the runtime wires in.
 */
export abstract class PlanLineIndex {
  /** The plan's events up to the revision the meeting treats. */
  abstract markdownLines(planEvents: readonly RecordedEvent[]): ElementLines[];
}
