import { Injectable } from '@nestjs/common';
import { formatPosition } from '@app/event-store';
import type { CommandOutcome } from '@app/plans';
import type { Response } from 'express';
import { POSITION_HEADER } from '../http/read-your-writes.middleware.js';

export interface CommandAccepted {
  readonly revision: number;
  /**
   * Where the command's events are in the global order ("commit/prepare"), also sent as the
   * `Planverk-Position` header; null when it appended nothing. A read that sends it back (same
   * header) waits until the read models show the write, on any replica.
   */
  readonly position: string | null;
  readonly appended: boolean;
}

/**
 * Answers a command once its events are stored, without waiting for the read models: reads
 * through this process wait for it instead (ReadYourWrites), and a read elsewhere that names the
 * position. So a client that writes and then reads still sees its own change.
 */
@Injectable()
export class CommandResponder {
  accepted(outcome: CommandOutcome, response: Response): CommandAccepted {
    const position = outcome.position ? formatPosition(outcome.position) : null;
    if (position) response.setHeader(POSITION_HEADER, position);
    if (outcome.revision >= 0n) response.setHeader('ETag', `"${outcome.revision}"`);
    return { revision: Number(outcome.revision), position, appended: outcome.appended };
  }
}
