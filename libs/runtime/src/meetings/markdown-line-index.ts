import { Injectable } from '@nestjs/common';
import type { ElementLines } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { PlanLineIndex } from '@app/plans';
import { planMarkdownLineIndex, planViewFromEvents } from '@app/read-models';

/** Line numbers of the plan's Markdown rendering (`export --format md --line-numbers`), element by element. */
@Injectable()
export class MarkdownPlanLineIndex extends PlanLineIndex {
  markdownLines(planEvents: readonly RecordedEvent[]): ElementLines[] {
    const view = planViewFromEvents(
      planEvents.map((e) => ({
        revision: Number(e.revision),
        type: e.type,
        data: { ...e.data },
        effectiveAt: e.metadata.effectiveAt,
        actor: e.metadata.actor,
        commandId: e.metadata.commandId,
        cause: e.metadata.cause ? { ...e.metadata.cause } : null,
        recordedAt: e.metadata.recordedAt,
      })),
      new Date().toISOString().slice(0, 10),
    );
    return view ? planMarkdownLineIndex(view).map(({ kind, id, from, to }) => ({ kind, id, from, to })) : [];
  }
}
