import { Injectable, Logger } from '@nestjs/common';
import { formatPosition } from '@app/event-store';
import type { CommandOutcome } from '@app/plans';
import { ProjectionRunner } from '@app/read-models';
import type { Response } from 'express';

export interface CommandAccepted {
  readonly revision: number;
  readonly position: string | null;
  readonly appended: boolean;
}

/**
 * Answers a command once the read models have applied its events, so a client that writes
 * and then reads sees its own change (read-your-writes within one process).
 */
@Injectable()
export class CommandResponder {
  private readonly logger = new Logger('Commands');
  constructor(private readonly projections: ProjectionRunner) {}

  async accepted(outcome: CommandOutcome, response: Response): Promise<CommandAccepted> {
    if (outcome.position) {
      await this.projections.caughtUpTo(outcome.position, 5_000).catch((error: unknown) => {
        this.logger.warn(`Read models still behind the command: ${String(error)}`);
      });
    }
    if (outcome.revision >= 0n) response.setHeader('ETag', `"${outcome.revision}"`);
    return {
      revision: Number(outcome.revision),
      position: outcome.position ? formatPosition(outcome.position) : null,
      appended: outcome.appended,
    };
  }
}
