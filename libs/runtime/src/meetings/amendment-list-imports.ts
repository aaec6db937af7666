import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, givenAmendmentFields } from '@app/domain';
import { OffThread } from '@app/off-thread';
import type { AmendmentList, ProtocolAmendment } from '@app/plan-document';
import { ChangeMeetingCommand, type MeetingChange } from '@app/plans';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { PlanQueries } from '../plan-queries.js';
import { MeetingQueries } from './meeting-queries.js';
import { READ_AMENDMENT_LIST } from './read-amendment-list.js';

const NAMESPACE = '8e2d4c6a-1b3f-4e5d-9a7c-2f6e8d0b1c3a';

export interface AmendmentListImportResult {
  readonly meetingId: string;
  /** Numbers of the amendments filed now, or already filed from this same list. */
  readonly filed: number[];
  /** Numbers of the filed amendments whose committee's recommendation (Innstilling) the list gave. */
  readonly recommended: number[];
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
    private readonly meetings: MeetingQueries,
    private readonly plans: PlanQueries,
  ) {}

  /** correlationId: carried by every amendment's events, naming the import they came from (the api logs it). */
  async importList(
    meetingId: string,
    text: string,
    actor: string,
    correlationId?: string,
  ): Promise<AmendmentListImportResult> {
    const { amendments, issues, names, entries } = await this.offThread.run(READ_AMENDMENT_LIST, text);
    await this.checkNames(meetingId, names);
    const unresolved: AmendmentListImportResult['unresolved'] = issues.map((i) => ({ ...i }));
    if (entries === 0)
      unresolved.push({
        no: undefined,
        message:
          'fant ingen forslag: hvert endringsforslag begynner med «Forslag 1» eller «1.» på en egen linje, så Forslagsstiller, Plass, Type forslag og Forslag',
      });
    const filed: number[] = [];
    const recommended: number[] = [];
    const now = new Date().toISOString();
    for (const amendment of amendments) {
      const digest = createHash('sha256').update(JSON.stringify(amendment)).digest('hex');
      const envelope = (step: string) => ({
        commandId: uuidv5(`amendment-list:${meetingId}:${amendment.no}:${digest}${step}`, NAMESPACE),
        actor,
        now,
        ...(correlationId ? { correlationId } : {}),
        cause: {
          kind: 'meeting' as const,
          meetingId,
          amendmentNo: amendment.no,
          reference: 'Endringsforslag (liste)',
        },
      });
      try {
        await this.commandBus.execute(
          new ChangeMeetingCommand(meetingId, fileAmendment(amendment), envelope('')),
        );
        filed.push(amendment.no);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        unresolved.push({ no: amendment.no, message: error.message });
        continue;
      }
      if (amendment.recommendation === undefined) continue;
      try {
        await this.commandBus.execute(
          new ChangeMeetingCommand(
            meetingId,
            {
              type: 'GiveRecommendation',
              no: amendment.no,
              recommendation: amendment.recommendation,
              ...(amendment.modified ? { modified: givenAmendmentFields(amendment.modified) } : {}),
            } as MeetingChange,
            envelope(':recommendation'),
          ),
        );
        recommended.push(amendment.no);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        unresolved.push({ no: amendment.no, message: `ført opp, men ikke innstillingen: ${error.message}` });
      }
    }
    return { meetingId, filed, recommended, unresolved };
  }

  /**
   * A list that names its organisation or plan ("Organisasjon: Oslo SV", "Plan: ...") must name
   * the meeting's: one meant for another meeting is refused whole, filing nothing.
   */
  private async checkNames(meetingId: string, names: AmendmentList['names']): Promise<void> {
    if (!names.organisation && !names.plan) return;
    const meeting = await this.meetings.find(meetingId);
    if (!meeting) return;
    const [organisation, plan] = await Promise.all([
      this.plans.findOrganisation(meeting.organisationId),
      this.plans.findPlan(meeting.planId),
    ]);
    // "Oslo SV" names oslo-sv as well as an organisation called Oslo SV.
    const slug = (text: string) =>
      text
        .trim()
        .toLowerCase()
        .replace(/æ/g, 'ae')
        .replace(/ø/g, 'o')
        .replace(/å/g, 'a')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    const same = (written: string, ...known: Array<string | undefined>) =>
      known.some((k) => k !== undefined && slug(k) === slug(written));
    const problems: string[] = [];
    if (names.organisation && !same(names.organisation.value, meeting.organisationId, organisation?.name))
      problems.push(
        `linje ${names.organisation.line}: listen er for «${names.organisation.value}», møtet for ${organisation?.name ?? meeting.organisationId} (${meeting.organisationId})`,
      );
    if (names.plan && !same(names.plan.value, meeting.planId, plan?.title))
      problems.push(
        `linje ${names.plan.line}: listen gjelder planen «${names.plan.value}», møtet behandler ${plan?.title ?? meeting.planId} (${meeting.planId})`,
      );
    if (problems.length > 0)
      throw new DomainError(
        'LIST_FOR_ANOTHER_MEETING',
        'invalid',
        `Denne forslagslisten er for et annet møte; ingenting ble ført opp: ${problems.join('; ')}`,
        { problems },
      );
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
