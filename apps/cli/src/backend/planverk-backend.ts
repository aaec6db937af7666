import type { MeetingProtocol, PlanDocument } from '@app/plan-document';
import type { ReplayResult } from '@app/plans';
import type {
  FollowUpSummary,
  Lineage,
  MeetingPapersView,
  MeetingPreview,
  MeetingSummary,
  MeetingView,
  OrganisationView,
  PlanDiff,
  PlanDiffRequest,
  PlanMoment,
  PlanSummary,
  PlanView,
  ReportRange,
} from '@app/read-models';
import type { AmendmentListImportResult, ImportFormat } from '@app/runtime';
import type { ImportCorrection, ImportReport } from '@app/text-import';

/**
 * What the commands ask of Planverk, answered either from the database of this machine
 * (LocalBackend) or by a Planverk api over HTTP (RemoteBackend). A command is defined once and
 * runs against either; what one side cannot do, it refuses with a clear error.
 *
 * Every method that looks something up throws NotFoundError (or the api's 404) when it is not
 * there: the command exits with 2, as it did before there was a remote mode.
 */
export interface PlanverkBackend {
  listOrganisations(): Promise<OrganisationView[]>;
  listPlans(): Promise<PlanSummary[]>;
  plan(planId: string): Promise<PlanView>;
  /** The plan as a plan document (yaml, json) or Markdown, now, at a revision or on a date. */
  planDocument(
    planId: string,
    moment: PlanMoment,
    format: PlanDocumentFormat,
    lineNumbers: boolean,
  ): Promise<string>;
  redline(
    planId: string,
    range: { from?: number; to?: number },
    format: RedlineFormat,
  ): Promise<string | Uint8Array>;
  /** The links of `toPlan`'s measures and goals to `fromPlan`'s, without the diff behind them. */
  lineage(toPlan: string, fromPlan: string): Promise<LineageLinks>;
  decideLineage(toPlan: string, decision: LineageDecision): Promise<void>;
  auditReport(toPlan: string, fromPlan: string, format: 'md' | 'html'): Promise<string>;
  /** Every event of the plan, hash-chained (the audit export's JSON lines). */
  auditExport(planId: string): Promise<string>;
  diff(planId: string, request: PlanDiffRequest): Promise<PlanDiff>;
  followUp(planId: string, asOf: string | undefined): Promise<FollowUpSummary>;
  followUpReport(planId: string, range: ReportRange, format: 'md' | 'html'): Promise<string>;
  importPlan(request: ImportPlanRequest): Promise<ImportAnswer>;
  /** A meeting protocol's text (YAML or JSON) replayed as commands. */
  replay(protocolText: string, dryRun: boolean): Promise<ReplayAnswer>;
  importAmendments(meetingId: string, text: string): Promise<AmendmentListImportResult>;
  meetings(planId: string | undefined): Promise<MeetingSummary[]>;
  meeting(meetingId: string): Promise<MeetingView>;
  protocol(meetingId: string): Promise<MeetingProtocol>;
  preview(meetingId: string, adopt: number[]): Promise<MeetingPreview>;
  /** The meeting papers: the revision the meeting treats, numbered line by line. */
  papers(meetingId: string): Promise<MeetingPapersView>;
}

export type PlanDocumentFormat = 'yaml' | 'json' | 'md';
export type RedlineFormat = 'md' | 'html' | 'docx';
export type LineageLinks = Omit<Lineage, 'diff'>;

export interface LineageDecision {
  readonly type: 'ConfirmLineage' | 'RejectLineage';
  readonly fromPlanId: string;
  readonly from: string[];
  readonly to: string[];
  readonly note?: string;
  readonly kind?: 'unchanged' | 'reworded' | 'merged' | 'split';
}

export interface ImportPlanRequest {
  /** A plan document or a plan's text; or, instead, `bytes`: a file as it is (Word, ODF, PDF, Markdown, text). */
  readonly content?: string;
  readonly bytes?: Uint8Array;
  readonly format: ImportFormat;
  readonly sourceName: string;
  readonly dryRun: boolean;
  readonly id?: string;
  readonly org?: string;
  readonly effectiveAt?: string;
  /** Corrections of what is read from a file (see ImportCorrection); without them, those kept from its last import. */
  readonly corrections?: readonly ImportCorrection[];
}

/** The import's answer, in the shape POST /imports gives it. */
export type ImportAnswer =
  | {
      readonly planId: string;
      readonly format: 'document' | 'text';
      readonly dryRun: true;
      readonly document: PlanDocument;
      readonly report: ImportReport | null;
      /** The source's lines as the report numbers them (plan texts and files). */
      readonly sourceLines?: readonly string[] | null;
      readonly corrections?: readonly ImportCorrection[];
    }
  | {
      readonly planId: string;
      readonly format: 'document' | 'text';
      readonly dryRun?: false;
      readonly appended: boolean;
      readonly events: number;
      readonly revision: number;
      readonly position: string | null;
      readonly report: ImportReport | null;
    };

export type ReplayOutcome = Omit<ReplayResult, 'planEvents'>;

export interface ReplayAnswer {
  readonly outcome: ReplayOutcome;
  /** In a dry run: the resulting plan as Markdown. */
  readonly markdown?: string;
}

/** Something looked up is not there: the command exits with 2. */
export class NotFoundError extends Error {}
