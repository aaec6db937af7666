import { Controller, Param, Post, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, type LineageKind } from '@app/domain';
import { ExpectedRevisionConflict } from '@app/event-store';
import { ChangePlanCommand, type CommandEnvelope, type CommandOutcome, type PlanChange } from '@app/plans';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { logCommandId } from '../auth/logging.js';
import { isClientCommandId } from '../http/command-envelope.js';
import { SLUG, UUID } from './format.js';
import {
  actorOf,
  FORM_SENT_BEFORE,
  PageErrorFilter,
  PageProblem,
  readForm,
  ServerTimingInterceptor,
} from './page-http.js';
import { LineagePage } from './lineage-page.js';
import { linkAnchor } from './views/lineage.js';

const KINDS: readonly LineageKind[] = ['unchanged', 'reworded', 'merged', 'split'];

/** "id,id" from a form field: the elements of one side of a link. */
function ids(value: string | undefined, side: string): string[] {
  const list = (value ?? '').split(',').filter((id) => id !== '');
  if (list.length === 0 || list.length > 50 || !list.every((id) => UUID.test(id)))
    throw new PageProblem(400, `Skjemaet mangler elementene koblingen gjelder (${side}).`);
  return list;
}

/**
 * A plan editor confirms or rejects a suggested lineage link from the lineage page: the same
 * ConfirmLineage and RejectLineage commands as POST /plans/:id/lineage/confirm and /reject, as
 * the signed-in user, answered once the read models have them (a redirect back to the link).
 */
@ApiExcludeController()
@Controller('plan/:id/revisjon')
@UseInterceptors(ServerTimingInterceptor)
@UseFilters(PageErrorFilter)
export class LineageActionsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly page: LineagePage,
  ) {}

  @Post('bekreft')
  async confirm(@Param('id') planId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await readForm(req);
    const kind = form.kind as LineageKind;
    if (!KINDS.includes(kind)) throw new PageProblem(400, 'Ukjent slags kobling.');
    await this.decide(planId, req, res, form, 'bekreftet', (link) => ({
      type: 'ConfirmLineage',
      ...link,
      kind,
    }));
  }

  @Post('avvis')
  async reject(@Param('id') planId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await readForm(req);
    await this.decide(planId, req, res, form, 'avvist', (link) => ({ type: 'RejectLineage', ...link }));
  }

  private async decide(
    planId: string,
    req: Request,
    res: Response,
    form: Record<string, string>,
    done: 'bekreftet' | 'avvist',
    change: (link: { fromPlanId: string; from: string[]; to: string[] }) => PlanChange,
  ): Promise<void> {
    if (!SLUG.test(planId) || planId.length > 100)
      throw new PageProblem(404, `Fant ingen plan med id «${planId}».`);
    const fromPlanId = form.fromPlanId ?? '';
    if (!SLUG.test(fromPlanId)) throw new PageProblem(400, 'Skjemaet mangler planen koblingen kommer fra.');
    const link = { fromPlanId, from: ids(form.from, 'fra'), to: ids(form.to, 'til') };
    const envelope: CommandEnvelope = {
      // The form carries a fresh id, so a double submit appends once.
      commandId: isClientCommandId(form.commandId) ? form.commandId : randomUUID(),
      actor: actorOf(req),
      now: new Date().toISOString(),
      cause: { kind: 'command', reference: 'Vurdering av koblinger til forrige plan' },
    };
    logCommandId(req, envelope.commandId);
    try {
      // The page it goes back to waits for the change, as every read does (ReadYourWrites).
      await this.commandBus.execute<ChangePlanCommand, CommandOutcome>(
        new ChangePlanCommand(planId, change(link), envelope),
      );
    } catch (error) {
      const refused = refusal(error);
      if (refused === undefined) throw error;
      res
        .status(error instanceof DomainError && error.kind === 'not_found' ? 404 : 422)
        .type('text/html; charset=utf-8')
        .send((await this.page.render(planId, req, { kind: 'error', text: refused })).value);
      return;
    }
    const element = form.element === 'mal' ? 'mal' : 'tiltak';
    res.redirect(
      303,
      `/plan/${planId}/revisjon?${done}=${element}#${linkAnchor(element, link.from, link.to)}`,
    );
  }
}

function refusal(error: unknown): string | undefined {
  if (error instanceof ExpectedRevisionConflict)
    return 'Planen ble endret samtidig av noen andre. Prøv igjen.';
  if (!(error instanceof DomainError)) return undefined;
  switch (error.code) {
    case 'NOT_THE_PREDECESSOR':
      return 'Planen koblingen kommer fra, er ikke forrige plan.';
    case 'ELEMENT_NOT_FOUND':
      return 'Et av tiltakene eller målene i koblingen finnes ikke (lenger) i planene.';
    case 'INVALID_LINK':
      return 'En sammenslåing må ha minst to tiltak i forrige plan, en oppdeling minst to i denne.';
    case 'PLAN_NOT_FOUND':
      return 'Fant ikke planen.';
    case 'COMMAND_ID_TAKEN':
      return FORM_SENT_BEFORE;
    default:
      return `Vurderingen ble avvist (${error.code}).`;
  }
}
