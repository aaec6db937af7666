import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, givenAmendmentFields } from '@app/domain';
import { OffThread } from '@app/off-thread';
import type { ProtocolAmendment } from '@app/plan-document';
import { ChangeMeetingCommand, type MeetingChange } from '@app/plans';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { READ_AMENDMENT_LIST } from './read-amendment-list.js';

const NAMESPACE = '8e2d4c6a-1b3f-4e5d-9a7c-2f6e8d0b1c3a';

export interface AmendmentListImportResult {
  readonly meetingId: string;
  /** Numbers of the amendments filed now, or already filed from this same list. */
  readonly filed: number[];
  /** Entries that could not be read or resolved against the draft, with number, line and why. */
  readonly unresolved: Array<{ no: number | undefined; line?: number; message: string }>;
}

/**
 * Files the amendments of a list in the text shape parties circulate against a meeting's draft:
 * each is its own command (so one bad entry does not stop the others), with an id derived from
 * its text, so importing the same list again files nothing twice.
 */
@Injectable()
export class AmendmentListImports {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly offThread: OffThread,
  ) {}

  /** correlationId: carried by every amendment's events, naming the import they came from (the api logs it). */
  async importList(
    meetingId: string,
    text: string,
    actor: string,
    correlationId?: string,
  ): Promise<AmendmentListImportResult> {
    const { amendments, issues } = await this.offThread.run(READ_AMENDMENT_LIST, text);
    const unresolved: AmendmentListImportResult['unresolved'] = issues.map((i) => ({ ...i }));
    const filed: number[] = [];
    const now = new Date().toISOString();
    for (const amendment of amendments) {
      const digest = createHash('sha256').update(JSON.stringify(amendment)).digest('hex');
      try {
        await this.commandBus.execute(
          new ChangeMeetingCommand(meetingId, fileAmendment(amendment), {
            commandId: uuidv5(`amendment-list:${meetingId}:${amendment.no}:${digest}`, NAMESPACE),
            actor,
            now,
            ...(correlationId ? { correlationId } : {}),
            cause: {
              kind: 'meeting',
              meetingId,
              amendmentNo: amendment.no,
              reference: 'Endringsforslag (liste)',
            },
          }),
        );
        filed.push(amendment.no);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        unresolved.push({ no: amendment.no, message: error.message });
      }
    }
    return { meetingId, filed, unresolved };
  }
}

function fileAmendment(a: ProtocolAmendment): MeetingChange {
  const fields = givenAmendmentFields(a);
  return {
    type: 'FileAmendment',
    no: a.no,
    ...(a.proposer ? { proposer: a.proposer } : {}),
    target: { ...(a.target ?? {}) },
    op: a.op,
    fields,
    ...(a.justification ? { justification: a.justification } : {}),
  } as MeetingChange;
}
