import { Injectable, Logger } from '@nestjs/common';
import { EventStore, formatPosition } from '@app/event-store';
import type { CommandOutcome } from '@app/plans';
import { ProjectionRunner, waitUntilVisible, type WriteVisibility } from '@app/read-models';
import type { Response } from 'express';

export interface CommandAccepted {
  readonly revision: number;
  readonly position: string | null;
  readonly appended: boolean;
  /**
   * Whether the read models show the change now: `up_to_date`, or not yet because reads are `held_back` by
   * a transaction running elsewhere on the database server (see /health's `heldBack`) or the
   * projections are `behind`. The change is stored either way.
   */
  readonly readModels: WriteVisibility;
}

/**
 * Answers a command once the read models have applied its events, so a client that writes
 * and then reads sees its own change (read-your-writes within one process), or sooner, saying
 * so, when they cannot yet (`waitUntilVisible`).
 */
@Injectable()
export class CommandResponder {
  private readonly logger = new Logger('Commands');
  constructor(
    private readonly projections: ProjectionRunner,
    private readonly store: EventStore,
  ) {}

  async accepted(outcome: CommandOutcome, response: Response): Promise<CommandAccepted> {
    let visibility: WriteVisibility = 'up_to_date';
    if (outcome.position) {
      visibility = await waitUntilVisible(this.projections, this.store, outcome.position);
      if (visibility !== 'up_to_date') {
        this.logger.warn(
          `Read models do not show the command's write at ${formatPosition(outcome.position)} yet: ${visibility}`,
        );
      }
    }
    if (outcome.revision >= 0n) response.setHeader('ETag', `"${outcome.revision}"`);
    return {
      revision: Number(outcome.revision),
      position: outcome.position ? formatPosition(outcome.position) : null,
      appended: outcome.appended,
      readModels: visibility,
    };
  }
}
