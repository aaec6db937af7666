import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ChangeMeetingCommand,
  type CommandEnvelope,
  type MeetingChange,
  type MeetingOutcome,
} from '@app/plans';
import { ReadYourWrites } from '@app/read-models';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { logCommandId } from '../../auth/logging.js';
import { isClientCommandId } from '../../http/command-envelope.js';
import { actorOf } from '../page-http.js';
import { meetingRefusal } from './meeting-refusals.js';

/**
 * The meeting's commands from the pages: the same ChangeMeetingCommand as the JSON api, as the
 * signed-in user, answered once the read models have applied it so the next page shows it.
 */
@Injectable()
export class MeetingCommands {
  private readonly logger = new Logger('MeetingPages');

  constructor(
    private readonly commandBus: CommandBus,
    private readonly reads: ReadYourWrites,
  ) {}

  /** Runs the command; the Norwegian reason when the rules refuse it, undefined when done. */
  async run(
    req: Request,
    meetingId: string,
    form: Record<string, string>,
    change: MeetingChange,
  ): Promise<string | undefined> {
    return (await this.attempt(req, meetingId, form, change))?.text;
  }

  /** As `run`, with the domain's code of a refusal, for a caller that tries again on some. */
  async attempt(
    req: Request,
    meetingId: string,
    form: Record<string, string>,
    change: MeetingChange,
  ): Promise<{ text: string; code: string } | undefined> {
    const envelope: CommandEnvelope = {
      // The form carries a fresh id, so a double submit appends once.
      commandId: isClientCommandId(form.commandId) ? form.commandId : randomUUID(),
      actor: actorOf(req),
      now: new Date().toISOString(),
    };
    logCommandId(req, envelope.commandId);
    try {
      await this.commandBus.execute<ChangeMeetingCommand, MeetingOutcome>(
        new ChangeMeetingCommand(meetingId, change, envelope),
      );
    } catch (error) {
      const refusal = meetingRefusal(error);
      if (refusal !== undefined)
        return { text: refusal, code: (error as { code?: string }).code ?? 'CONFLICT' };
      throw error;
    }
    // What the page renders next, or the page it goes back to, shows the change.
    const visibility = await this.reads.beforeRead();
    if (visibility !== 'up_to_date')
      this.logger.warn(`Read models do not show the meeting page action yet: ${visibility}`);
    return undefined;
  }
}
