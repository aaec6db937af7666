import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Database } from '@app/database';
import { SYSTEM_SCOPE } from '@app/domain';
import { EventStore } from '@app/event-store';
import { AccessCommandRunner } from '@app/plans';
import { planPredecessor } from '@app/read-models';
import { DATABASE, PlanQueries } from '@app/runtime';
import type { Request } from 'express';
import { RequestDocuments } from '../http/request-documents.js';
import type { OrganisationSource, PlanSource } from './access-policy.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * Finds the organisation(s) a request acts on, as the policy row says: from the plan or meeting
 * in the path (from the event store, so never behind), or from the body. `'any'` means the role
 * in any organisation will do. Unknown plans and meetings are 404s: nothing is decided on them.
 */
@Injectable()
export class OrganisationLocator {
  constructor(
    private readonly runner: AccessCommandRunner,
    private readonly store: EventStore,
    private readonly documents: RequestDocuments,
    private readonly queries: PlanQueries,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async organisations(source: OrganisationSource, request: Request): Promise<readonly string[] | 'any'> {
    const params = request.params as Record<string, string | undefined>;
    const body = asRecord(request.body);
    switch (source.from) {
      case 'any':
        return 'any';
      case 'plan-param':
        return [await this.planOrganisation(params[source.param])];
      case 'organisation-param':
        return [requireId(params[source.param], 'organisation id')];
      case 'body-organisation':
        return [requireId(body[source.field], source.field)];
      case 'new-organisation':
        return body.parentId === undefined ? [SYSTEM_SCOPE] : [requireId(body.parentId, 'parentId')];
      case 'meeting-param':
        return this.meetingOrganisations(params[source.param]);
      case 'meeting-body':
        return this.meetingTargets(asRecord(request.body), true);
      case 'protocol': {
        const { meeting } = (await this.documents.meetingProtocol(request)).protocol;
        return this.meetingTargets({ org: meeting.org, plan: meeting.plan }, true);
      }
      case 'import':
        return this.importOrganisations(request);
      default: {
        const unhandled: never = source;
        return unhandled;
      }
    }
  }

  /**
   * The plan a read is about, for its visibility, and how to say "not found" about what was
   * asked for (undefined: nothing to decide on, and the handler answers 404 or 400 itself).
   */
  async planOf(
    source: PlanSource,
    request: Request,
  ): Promise<{ readonly planId: string; readonly notFound: string } | undefined> {
    const params = request.params as Record<string, string | undefined>;
    const query = request.query as Record<string, unknown>;
    const id = (value: unknown): string | undefined =>
      typeof value === 'string' && ID.test(value) ? value : undefined;
    switch (source.from) {
      case 'plan-param': {
        const planId = id(params[source.param]);
        return planId ? { planId, notFound: `Plan "${planId}" not found` } : undefined;
      }
      case 'query-param': {
        const planId = id(query[source.param]);
        return planId ? { planId, notFound: `Plan "${planId}" not found` } : undefined;
      }
      case 'compared-plan': {
        const named = id(query[source.query]);
        const plan = id(params[source.param]);
        const planId = named ?? (plan ? await planPredecessor(this.database.db, plan) : undefined);
        return planId ? { planId, notFound: `Plan "${planId}" not found` } : undefined;
      }
      case 'measure-param': {
        const measureId = id(params[source.param]);
        if (!measureId) return undefined;
        const rows = await this.queries.elementHistory(measureId).catch(() => []);
        const planId = rows[0]?.planId;
        return planId ? { planId, notFound: `Measure "${measureId}" not found` } : undefined;
      }
      case 'meeting-param': {
        const meetingId = id(params[source.param]);
        const [first] = meetingId ? await this.store.readStream(`meeting-${meetingId}`, { maxCount: 1 }) : [];
        const data = asRecord(first?.data);
        const planId = id(data.planId ?? data.plan);
        return planId ? { planId, notFound: `Meeting "${meetingId}" not found` } : undefined;
      }
      default: {
        const unhandled: never = source;
        return unhandled;
      }
    }
  }

  async planOrganisation(planId: unknown): Promise<string> {
    const id = typeof planId === 'string' && ID.test(planId) ? planId : undefined;
    const organisationId = id ? await this.runner.planOrganisation(id) : undefined;
    if (!organisationId) throw new NotFoundException(`Plan "${String(planId).slice(0, 100)}" not found`);
    return organisationId;
  }

  /**
   * A meeting acts on its organisation and on the plan it treats: both, from its first event
   * (a meeting naming one organisation and another's plan needs the role in both).
   */
  private async meetingOrganisations(meetingId: unknown): Promise<readonly string[]> {
    const id = typeof meetingId === 'string' && ID.test(meetingId) ? meetingId : undefined;
    const [first] = id ? await this.store.readStream(`meeting-${id}`, { maxCount: 1 }) : [];
    if (!first) throw new NotFoundException(`Meeting "${String(meetingId).slice(0, 100)}" not found`);
    return this.meetingTargets(asRecord(first.data), false);
  }

  private async meetingTargets(
    data: Record<string, unknown>,
    fromRequest: boolean,
  ): Promise<readonly string[]> {
    const organisations = new Set<string>();
    const organisation = data.organisationId ?? data.org;
    if (organisation !== undefined) organisations.add(requireId(organisation, 'organisationId'));
    const plan = data.planId ?? data.plan;
    if (plan !== undefined) organisations.add(await this.planOrganisation(plan));
    if (organisations.size === 0) {
      if (fromRequest) {
        throw new BadRequestException('Name the meeting’s organisation (organisationId) and plan (planId)');
      }
      throw new NotFoundException('The meeting names no organisation');
    }
    return [...organisations];
  }

  /**
   * An import acts on the organisation its document names and, when the plan exists, on the
   * plan's organisation: the document as read for the import itself (RequestDocuments).
   */
  private async importOrganisations(request: Request): Promise<readonly string[]> {
    const { read } = await this.documents.planImport(request);
    const organisations = new Set<string>([requireId(read.document.plan.org, 'org')]);
    const existing = await this.runner.planOrganisation(read.document.plan.id);
    if (existing) organisations.add(existing);
    return [...organisations];
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function requireId(value: unknown, name: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw new BadRequestException(`${name} must be an id such as oslo-sv`);
  }
  return value;
}
