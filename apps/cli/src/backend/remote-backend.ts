import type { PlanDiffRequest, PlanMoment, ReportRange } from '@app/read-models';
import { ApiError, type ApiClient } from '../remote/api-client.js';
import { LocalOnlyError } from '../target.js';
import type {
  ImportPlanRequest,
  LineageDecision,
  PlanDocumentFormat,
  PlanverkBackend,
  RedlineFormat,
  ReplayAnswer,
  ReplayOutcome,
} from './planverk-backend.js';

/** What the api answers to the request behind a method of the backend. */
type Answer<K extends keyof PlanverkBackend> = Awaited<ReturnType<PlanverkBackend[K]>>;

/**
 * The commands against a Planverk api: each method is one request to the route that answers it
 * (GET /docs/openapi.json describes them), as the token's user. The api checks the roles.
 */
export class RemoteBackend implements PlanverkBackend {
  constructor(private readonly api: ApiClient) {}

  listOrganisations() {
    return this.api.json<Answer<'listOrganisations'>>({ path: ['organisations'] });
  }

  listPlans() {
    return this.api.json<Answer<'listPlans'>>({ path: ['plans'] });
  }

  plan(planId: string) {
    return this.api.json<Answer<'plan'>>({ path: ['plans', planId] });
  }

  planDocument(planId: string, moment: PlanMoment, format: PlanDocumentFormat, lineNumbers: boolean) {
    return this.api.text({
      path: ['plans', planId, 'document'],
      query: { ...moment, format, ...(lineNumbers ? { lineNumbers } : {}) },
    });
  }

  async redline(planId: string, range: { from?: number; to?: number }, format: RedlineFormat) {
    const request = { path: ['plans', planId, 'redline'], query: { ...range, format } };
    return format === 'docx' ? this.api.bytes(request) : this.api.text(request);
  }

  lineage(toPlan: string, fromPlan: string) {
    return this.api.json<Answer<'lineage'>>({ path: ['plans', toPlan, 'lineage'], query: { fromPlan } });
  }

  async decideLineage(toPlan: string, { type, kind, ...link }: LineageDecision): Promise<void> {
    const confirm = type === 'ConfirmLineage';
    await this.api.json({
      method: 'POST',
      path: ['plans', toPlan, 'lineage', confirm ? 'confirm' : 'reject'],
      json: confirm ? { ...link, kind: kind ?? 'reworded' } : link,
    });
  }

  auditReport(toPlan: string, fromPlan: string, format: 'md' | 'html') {
    return this.api.text({ path: ['plans', toPlan, 'audit'], query: { fromPlan, format } });
  }

  auditExport(planId: string) {
    return this.api.text({ path: ['plans', planId, 'audit-export'] });
  }

  diff(planId: string, request: PlanDiffRequest) {
    return this.api.json<Answer<'diff'>>({ path: ['plans', planId, 'diff'], query: { ...request } });
  }

  followUp(planId: string, asOf: string | undefined) {
    return this.api.json<Answer<'followUp'>>({ path: ['plans', planId, 'follow-up'], query: { asOf } });
  }

  followUpReport(planId: string, range: ReportRange, format: 'md' | 'html') {
    return this.api.text({ path: ['plans', planId, 'report'], query: { ...range, format } });
  }

  importPlan({ effectiveAt, ...request }: ImportPlanRequest) {
    if (effectiveAt !== undefined) {
      throw new LocalOnlyError(
        'import --effective-at only works against a database (POST /imports does not take it); ' +
          'put the adoption date in the document instead',
      );
    }
    const { bytes, ...options } = request;
    if (bytes) {
      // The file as it is: the server reads it (and applies corrections kept from its last import).
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), options.sourceName);
      for (const [name, value] of Object.entries(options))
        if (value !== undefined && name !== 'content')
          form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
      return this.api.json<Answer<'importPlan'>>({ method: 'POST', path: ['imports'], form });
    }
    return this.api.json<Answer<'importPlan'>>({ method: 'POST', path: ['imports'], json: options });
  }

  async replay(protocolText: string, dryRun: boolean): Promise<ReplayAnswer> {
    const answer = await this.api.json<ReplayOutcome & { plan?: unknown; markdown?: string }>({
      method: 'POST',
      path: ['meetings', 'replay'],
      query: { dryRun },
      text: { body: protocolText, type: 'application/yaml' },
    });
    const { plan: _plan, markdown, ...outcome } = answer;
    return { outcome, ...(markdown ? { markdown } : {}) };
  }

  async importAmendments(meetingId: string, text: string) {
    try {
      return await this.api.json<Answer<'importAmendments'>>({
        method: 'POST',
        path: ['meetings', meetingId, 'amendments', 'import'],
        text: { body: text, type: 'text/plain' },
      });
    } catch (error) {
      // Nothing filed (422) still names every entry and why: the command prints them and fails.
      const body = error instanceof ApiError ? (error.body as { error?: unknown } | undefined) : undefined;
      if (body?.error === 'NOTHING_FILED') return body as Answer<'importAmendments'>;
      throw error;
    }
  }

  meetings(planId: string | undefined) {
    return this.api.json<Answer<'meetings'>>({ path: ['meetings'], query: { planId } });
  }

  meeting(meetingId: string) {
    return this.api.json<Answer<'meeting'>>({ path: ['meetings', meetingId] });
  }

  protocol(meetingId: string) {
    return this.api.json<Answer<'protocol'>>({
      path: ['meetings', meetingId, 'protocol'],
      query: { format: 'json' },
    });
  }

  preview(meetingId: string, adopt: number[]) {
    return this.api.json<Answer<'preview'>>({
      path: ['meetings', meetingId, 'preview'],
      query: { adopt: adopt.join(',') },
    });
  }

  papers(meetingId: string) {
    return this.api.json<Answer<'papers'>>({ path: ['meetings', meetingId, 'papers'] });
  }
}
