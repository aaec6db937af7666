import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { Database } from '@app/database';
import { SYSTEM_SCOPE } from '@app/domain';
import { EventStore } from '@app/event-store';
import { ProtocolError } from '@app/plan-document';
import { meetingPlanProblems, meetingStreamId } from '@app/plans';
import { planPredecessor, PlanMomentNotFound } from '@app/read-models';
import { DATABASE, PlanQueries } from '@app/runtime';
import type { Request } from 'express';
import { asBadRequest, RequestDocuments } from '../http/request-documents.js';
import { planNotFoundPage } from '../pages/page-http.js';
import { isPagePath, type OrganisationSource, type PlanSource } from './access-policy.js';
import type { Principal } from './principal.js';
import { planNotFound, TargetAccess, type ContentTargets } from './target-access.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * Finds the organisation(s) a request acts on, as the policy row says: from the plan or meeting
 * in the path (from the event store, so never behind), or from the JSON body the handler's DTO
 * is made of. `'any'` means the role in any organisation will do. Unknown plans and meetings are
 * 404s, and so are those of an internal plan the caller may not read: nothing is decided on them.
 * An import or a protocol acts on what its document or protocol names (contentTargets).
 */
@Injectable()
export class OrganisationLocator {
  constructor(
    private readonly store: EventStore,
    private readonly documents: RequestDocuments,
    private readonly queries: PlanQueries,
    private readonly targets: TargetAccess,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async organisations(
    source: OrganisationSource,
    request: Request,
    principal: Principal | undefined,
  ): Promise<readonly string[] | 'any'> {
    const params = request.params as Record<string, string | undefined>;
    const body = asRecord(request.body);
    switch (source.from) {
      case 'any':
        return 'any';
      case 'plan-param':
        return [await this.visiblePlanOrganisation(params[source.param], principal)];
      case 'organisation-param':
        return [requireId(params[source.param], 'organisation id')];
      case 'body-organisation':
        return [requireId(body[source.field], source.field)];
      case 'new-organisation':
        return body.parentId === undefined ? [SYSTEM_SCOPE] : [requireId(body.parentId, 'parentId')];
      case 'meeting-param':
        return this.meetingOrganisations(params[source.param], principal);
      case 'meeting-body': {
        // POST /meetings: the DTO's organisationId and planId, nothing else of the body.
        if (body.organisationId === undefined || body.planId === undefined) {
          throw new BadRequestException('Name the meeting’s organisation (organisationId) and plan (planId)');
        }
        const organisationId = requireId(body.organisationId, 'organisationId');
        return [...new Set([organisationId, await this.visiblePlanOrganisation(body.planId, principal)])];
      }
      case 'import':
      case 'protocol':
        throw new Error('What an import or a protocol acts on is found by contentTargets');
      default: {
        const unhandled: never = source;
        return unhandled;
      }
    }
  }

  /**
   * What an import or a protocol acts on, from the document or protocol as read for the handler
   * itself (RequestDocuments: one reading per request, whatever shape the body had), never from
   * fields beside it.
   */
  async contentTargets(
    source: Extract<OrganisationSource, { from: 'import' | 'protocol' }>,
    request: Request,
    principal: Principal | undefined,
  ): Promise<ContentTargets> {
    return source.from === 'import'
      ? this.importTargets(request, principal)
      : this.protocolTargets(request, principal);
  }

  /**
   * An import writes in the organisation of the document as it will be imported (its `org` and
   * `id` options applied) and, when that plan exists and the caller may know of it, in the
   * plan's organisation (one the caller may not know of refuses the import itself, as any plan
   * of that id does: 409). The plans it links to must be readable. A dry run only shows what
   * was sent.
   */
  private async importTargets(request: Request, principal: Principal | undefined): Promise<ContentTargets> {
    const { options, read } = await this.documents.planImport(request);
    const plan = read.document.plan;
    if (options.dryRun === true) return { dryRun: true, organisations: [], plans: [] };
    const existing = await this.targets.visiblePlanOrganisation(principal, plan.id);
    return {
      dryRun: false,
      organisations: [requireId(plan.org, 'org'), ...(existing ? [existing] : [])],
      plans: [],
      links: [
        ...(plan.predecessor ? [{ planId: plan.predecessor, field: 'predecessorPlanId' }] : []),
        ...(plan.parent ? [{ planId: plan.parent, field: 'parentPlanId' }] : []),
      ],
    };
  }

  /**
   * A protocol acts on its meeting's organisation and plan and, if a meeting is recorded under
   * its id already, on that meeting's organisation and plan. A plan the caller may not read is
   * not there: the protocol is refused as one naming a missing plan is (400, the same problems).
   * An id recorded for a meeting of a plan the caller may not know of is refused without naming it.
   */
  private async protocolTargets(request: Request, principal: Principal | undefined): Promise<ContentTargets> {
    const [{ protocol, lineOf }, options] = await Promise.all([
      this.documents.meetingProtocol(request),
      this.documents.replayOptions(request),
    ]);
    const [recorded] = await this.store.readStream(meetingStreamId(protocol.meeting.id), { maxCount: 1 });
    const data = asRecord(recorded?.data);
    const recordedPlan = typeof data.planId === 'string' ? data.planId : undefined;
    const organisations = [protocol.meeting.org];
    const plans: string[] = [];
    if (recordedPlan !== undefined) {
      if (!(await this.targets.readable(principal, recordedPlan))) {
        throw new ConflictException(
          `Meeting "${protocol.meeting.id}" is another meeting already; give the protocol another id`,
        );
      }
      plans.push(recordedPlan);
      if (typeof data.organisationId === 'string') organisations.push(data.organisationId);
    }
    if ((await this.targets.visiblePlanOrganisation(principal, protocol.meeting.plan)) === undefined) {
      throw asBadRequest(new ProtocolError(meetingPlanProblems(protocol, recordedPlan, false, lineOf)));
    }
    plans.push(protocol.meeting.plan);
    const dryRun = options.dryRun === true;
    return { dryRun, organisations: dryRun ? [] : organisations, plans };
  }

  /** The plans a command names in these body fields (predecessor, parent, lineage), as sent. */
  linkedPlans(
    fields: readonly string[] | undefined,
    request: Request,
  ): Array<{ readonly planId: string; readonly field: string }> {
    const body = asRecord(request.body);
    return (fields ?? []).flatMap((field) => {
      const planId = body[field];
      // Anything but an id is the DTO's to refuse (400).
      return typeof planId === 'string' && ID.test(planId) ? [{ planId, field }] : [];
    });
  }

  /**
   * The plan a read is about, for its visibility, and the answer the route gives when what was
   * asked for is not there (undefined: nothing to decide on, and the handler answers 404 or 400
   * itself). A plan the caller may not read gets that same answer.
   */
  async planOf(
    source: PlanSource,
    request: Request,
  ): Promise<{ readonly planId: string; readonly notFound: () => Error } | undefined> {
    const params = request.params as Record<string, string | undefined>;
    const query = request.query as Record<string, unknown>;
    const id = (value: unknown): string | undefined =>
      typeof value === 'string' && ID.test(value) ? value : undefined;
    const plan = (planId: string | undefined) =>
      planId
        ? {
            planId,
            notFound: () =>
              isPagePath(request.path)
                ? planNotFoundPage(planId)
                : new NotFoundException(`Plan "${planId}" not found`),
          }
        : undefined;
    // The plan compared with: the read models say "not found" of a missing one this way.
    const compared = (planId: string | undefined) =>
      planId ? { planId, notFound: () => new PlanMomentNotFound(`Plan "${planId}" not found`) } : undefined;
    switch (source.from) {
      case 'plan-param':
        return plan(id(params[source.param]));
      case 'query-param':
        return compared(id(query[source.param]));
      case 'compared-plan': {
        const named = id(query[source.query]);
        const own = id(params[source.param]);
        return compared(named ?? (own ? await planPredecessor(this.database.db, own) : undefined));
      }
      case 'measure-param': {
        const measureId = id(params[source.param]);
        if (!measureId) return undefined;
        const rows = await this.queries.elementHistory(measureId).catch(() => []);
        const planId = rows[0]?.planId;
        return planId
          ? { planId, notFound: () => new NotFoundException(`Measure "${measureId}" not found`) }
          : undefined;
      }
      case 'meeting-param': {
        const meetingId = id(params[source.param]);
        const [first] = meetingId ? await this.store.readStream(`meeting-${meetingId}`, { maxCount: 1 }) : [];
        const data = asRecord(first?.data);
        const planId = id(data.planId ?? data.plan);
        return planId
          ? { planId, notFound: () => new NotFoundException(`Meeting "${meetingId}" not found`) }
          : undefined;
      }
      default: {
        const unhandled: never = source;
        return unhandled;
      }
    }
  }

  /** The plan's organisation; a missing plan and one the caller may not read are the same 404. */
  private async visiblePlanOrganisation(planId: unknown, principal: Principal | undefined): Promise<string> {
    if (typeof planId !== 'string' || !ID.test(planId)) throw planNotFound(String(planId));
    return this.targets.requireVisiblePlan(principal, planId);
  }

  /**
   * A meeting acts on its organisation and on the plan it treats: both, from its first event.
   * The meeting of a plan the caller may not read is not there, as a missing one.
   */
  private async meetingOrganisations(
    meetingId: unknown,
    principal: Principal | undefined,
  ): Promise<readonly string[]> {
    const id = typeof meetingId === 'string' && ID.test(meetingId) ? meetingId : undefined;
    const [first] = id ? await this.store.readStream(`meeting-${id}`, { maxCount: 1 }) : [];
    const notFound = () => new NotFoundException(`Meeting "${String(meetingId).slice(0, 100)}" not found`);
    if (!first) throw notFound();
    const data = asRecord(first.data);
    const organisations = new Set<string>();
    if (typeof data.organisationId === 'string') organisations.add(data.organisationId);
    if (typeof data.planId === 'string') {
      const planOrganisation = await this.targets.visiblePlanOrganisation(principal, data.planId);
      if (planOrganisation === undefined) throw notFound();
      organisations.add(planOrganisation);
    }
    if (organisations.size === 0) throw notFound();
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
