import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { exportNdjson } from '@app/audit-export';
import { EventStore, formatPosition } from '@app/event-store';
import { toJson, toYaml } from '@app/plan-document';
import { ChangePlanCommand, planStreamId, ReplayProtocolCommand, type ReplayResult } from '@app/plans';
import {
  planViewFromEvents,
  planDocumentOf,
  renderAuditReportHtml,
  renderAuditReportMarkdown,
  renderFollowUpReportHtml,
  renderFollowUpReportMarkdown,
  renderPapersText,
  renderPlanMarkdown,
  renderRedlineDocx,
  renderRedlineHtml,
  renderRedlineMarkdown,
  type PlanDiffRequest,
  type PlanMoment,
  type ReportRange,
} from '@app/read-models';
import {
  AmendmentListImports,
  MeetingProtocols,
  MeetingQueries,
  PlanImports,
  PlanQueries,
} from '@app/runtime';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import {
  NotFoundError,
  type ImportAnswer,
  type ImportPlanRequest,
  type LineageDecision,
  type LineageLinks,
  type PlanDocumentFormat,
  type PlanverkBackend,
  type RedlineFormat,
  type ReplayAnswer,
} from './planverk-backend.js';

/** The actor of what the CLI writes on the database directly. */
export const cliActor = (): string => `cli:${userInfo().username}`;

const found = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new NotFoundError(`${what} not found`);
  return value;
};

/** The commands on this machine's database, through the same services as the api. */
export class LocalBackend implements PlanverkBackend {
  constructor(private readonly context: INestApplicationContext) {}

  private get plans(): PlanQueries {
    return this.context.get(PlanQueries);
  }

  private get meetingQueries(): MeetingQueries {
    return this.context.get(MeetingQueries);
  }

  listOrganisations() {
    return this.plans.listOrganisations();
  }

  listPlans() {
    return this.plans.listPlans();
  }

  async plan(planId: string) {
    return found(await this.plans.findPlan(planId), `Plan "${planId}"`);
  }

  async planDocument(planId: string, moment: PlanMoment, format: PlanDocumentFormat, lineNumbers: boolean) {
    const plan = found(await this.plans.findPlan(planId, moment), `Plan "${planId}"`);
    if (format === 'md') {
      const papers = lineNumbers ? await this.plans.papers(planId, moment) : undefined;
      return papers ? renderPapersText(papers) : renderPlanMarkdown(plan);
    }
    const document = planDocumentOf(plan, (await this.plans.findOrganisation(plan.organisationId))?.name);
    return format === 'json' ? toJson(document) : toYaml(document);
  }

  async redline(planId: string, range: { from?: number; to?: number }, format: RedlineFormat) {
    const redline = found(await this.plans.redline(planId, range), `Plan "${planId}"`);
    if (format === 'docx') return renderRedlineDocx(redline);
    return format === 'html' ? renderRedlineHtml(redline) : renderRedlineMarkdown(redline);
  }

  async lineage(toPlan: string, fromPlan: string): Promise<LineageLinks> {
    const { diff: _diff, ...links } = found(await this.plans.lineage(toPlan, fromPlan), `Plan "${toPlan}"`);
    return links;
  }

  async decideLineage(toPlan: string, { type, kind, ...change }: LineageDecision): Promise<void> {
    const envelope = { commandId: randomUUID(), actor: cliActor(), now: new Date().toISOString() };
    await this.context
      .get(CommandBus)
      .execute(
        new ChangePlanCommand(
          toPlan,
          type === 'ConfirmLineage' ? { type, ...change, kind: kind ?? 'reworded' } : { type, ...change },
          envelope,
        ),
      );
  }

  async auditReport(toPlan: string, fromPlan: string, format: 'md' | 'html') {
    const report = found(await this.plans.auditReport(toPlan, fromPlan), `Plan "${toPlan}"`);
    return format === 'html' ? renderAuditReportHtml(report) : renderAuditReportMarkdown(report);
  }

  async auditExport(planId: string) {
    // Once meetings have streams of their own, their ids go here after the plan's.
    const streams = [planStreamId(planId)];
    const store = this.context.get(EventStore);
    const events = (await Promise.all(streams.map((streamId) => store.readStream(streamId)))).flat();
    if (events.length === 0) throw new NotFoundError(`Plan "${planId}" not found`);
    return exportNdjson(events, { planId, streams, exportedAt: new Date().toISOString() });
  }

  async diff(planId: string, request: PlanDiffRequest) {
    return found(await this.plans.planDiff(planId, request), `Plan "${planId}"`);
  }

  async followUp(planId: string, asOf: string | undefined) {
    return found(await this.plans.followUpSummary(planId, asOf), `Plan "${planId}"`);
  }

  async followUpReport(planId: string, range: ReportRange, format: 'md' | 'html') {
    const report = found(await this.plans.followUpReport(planId, range), `Plan "${planId}"`);
    return format === 'html' ? renderFollowUpReportHtml(report) : renderFollowUpReportMarkdown(report);
  }

  async importPlan(request: ImportPlanRequest): Promise<ImportAnswer> {
    const result = await this.context.get(PlanImports).importContent({ ...request, actor: cliActor() });
    const base = { planId: result.planId, format: result.format, report: result.report ?? null };
    if (result.dryRun)
      return {
        ...base,
        dryRun: true,
        document: result.document,
        sourceLines: result.sourceLines ?? null,
        corrections: result.corrections ?? [],
      };
    const outcome = result.outcome!;
    return {
      ...base,
      appended: outcome.appended,
      events: outcome.events,
      revision: Number(outcome.revision),
      position: outcome.position ? formatPosition(outcome.position) : null,
    };
  }

  async replay(protocolText: string, dryRun: boolean): Promise<ReplayAnswer> {
    const parsed = await this.context.get(MeetingProtocols).read(protocolText);
    const now = new Date().toISOString();
    const result: ReplayResult = await this.context.get(CommandBus).execute(
      new ReplayProtocolCommand(parsed.protocol, {
        dryRun,
        actor: cliActor(),
        now,
        lineOf: parsed.lineOf,
        issues: parsed.issues,
      }),
    );
    const { planEvents, ...outcome } = result;
    const plan = result.dryRun ? planViewFromEvents(planEvents, now.slice(0, 10)) : undefined;
    return { outcome, ...(plan ? { markdown: renderPlanMarkdown(plan) } : {}) };
  }

  async importAmendments(meetingId: string, text: string) {
    found(await this.meetingQueries.find(meetingId), `Meeting "${meetingId}"`);
    return this.context.get(AmendmentListImports).importList(meetingId, text, cliActor());
  }

  meetings(planId: string | undefined) {
    return this.meetingQueries.list(planId);
  }

  async meeting(meetingId: string) {
    return found(await this.meetingQueries.find(meetingId), `Meeting "${meetingId}"`);
  }

  async protocol(meetingId: string) {
    return found(await this.meetingQueries.protocol(meetingId), `Meeting "${meetingId}"`);
  }

  async preview(meetingId: string, adopt: number[]) {
    return found(await this.meetingQueries.preview(meetingId, adopt), `Meeting "${meetingId}"`);
  }

  async papers(meetingId: string) {
    return found(await this.meetingQueries.papers(meetingId), `Meeting "${meetingId}"`);
  }
}
