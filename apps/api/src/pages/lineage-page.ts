import { Injectable } from '@nestjs/common';
import type { SuccessorVersion } from '@app/read-models';
import type { Request } from 'express';
import { todayIso } from './format.js';
import type { Html } from './html.js';
import { PageData } from './page-data.js';
import { mayCall } from '../auth/access-policy.js';
import { csrfToken, visitorOf } from './page-http.js';
import { lineagePage, type LineagePageModel } from './views/lineage.js';

/**
 * The lineage page (/plan/:id/revisjon), for its GET and as the answer to a confirmation or a
 * rejection refused on it: the plan against its predecessor, people's decisions, the reports.
 */
@Injectable()
export class LineagePage {
  constructor(private readonly data: PageData) {}

  async render(
    planId: string,
    req: Request,
    flash?: LineagePageModel['flash'],
    version: SuccessorVersion = 'first-adopted',
  ): Promise<Html> {
    const [plan, organisations, reader] = await Promise.all([
      this.data.plan(planId),
      this.data.listOrganisations(),
      this.data.reader(req.principal?.grants),
    ]);
    // An internal predecessor the caller may not read is shown as no predecessor.
    const predecessorId =
      plan.predecessorPlanId && reader(plan.predecessorPlanId) ? plan.predecessorPlanId : undefined;
    const predecessor = predecessorId
      ? await this.data.plan(predecessorId).catch(() => undefined)
      : undefined;
    const lineage = predecessor ? await this.data.lineage(planId, version) : undefined;
    const [reports, actorNames] = await Promise.all([
      this.data.reports(plan, reader, todayIso()),
      this.data.actorNames(lineage?.decisions.map((d) => d.actor) ?? []),
    ]);
    return lineagePage({
      plan,
      predecessor,
      lineage,
      organisations,
      reports,
      // The access policy's own row for the page's decisions, as the guard will decide the post.
      canEdit: mayCall(req.principal?.grants, 'POST', '/plan/:id/revisjon/bekreft', plan.organisationId),
      csrf: csrfToken(req),
      visitor: visitorOf(req),
      actorNames,
      flash,
    });
  }
}
