import { DomainError } from '../../shared/domain-error.js';
import type {
  AdoptPlan,
  CreatePlan,
  DeclareBody,
  LinkPlan,
  RetitlePlan,
  SupersedePlan,
} from '../plan.commands.js';
import type { PlanEvent } from '../plan.events.js';
import type { PlanState } from '../plan.state.js';
import { reassigned } from './measures.js';
import { editablePlan, existingPlan, requireDate, requireText } from './guards.js';

export function createPlan(command: CreatePlan, state: PlanState): PlanEvent[] {
  if (state.status !== 'none') {
    throw new DomainError('PLAN_ALREADY_EXISTS', 'conflict', `Plan "${command.planId}" already exists`, {
      planId: command.planId,
    });
  }
  const { from, to } = command.period;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
    throw new DomainError('INVALID_PERIOD', 'invalid', `The period ${from}-${to} does not run forwards`, {
      field: 'period',
    });
  }
  const codes = (command.bodies ?? []).map((b) => b.code);
  const duplicate = codes.find((code, i) => codes.indexOf(code) !== i);
  if (duplicate) {
    throw new DomainError('DUPLICATE_BODY', 'invalid', `Body "${duplicate}" is declared twice`, {
      field: 'bodies',
      code: duplicate,
    });
  }
  if (command.predecessorPlanId === command.planId || command.parentPlanId === command.planId) {
    throw new DomainError('SELF_LINK', 'invalid', 'A plan cannot succeed or follow up itself');
  }
  return [
    {
      type: 'PlanCreated',
      data: {
        planId: command.planId,
        organisationId: command.organisationId,
        title: requireText(command.title, 'title'),
        period: { from, to },
        ...(command.edition ? { edition: command.edition } : {}),
        bodies: (command.bodies ?? []).map((b) => ({ code: b.code, name: b.name })),
        ...(command.predecessorPlanId ? { predecessorPlanId: command.predecessorPlanId } : {}),
        ...(command.parentPlanId ? { parentPlanId: command.parentPlanId } : {}),
      },
    },
  ];
}

export function retitlePlan(command: RetitlePlan, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const title = requireText(command.title, 'title');
  if (title === plan.title) return [];
  return [{ type: 'PlanRetitled', data: { planId: plan.id, from: plan.title, to: title } }];
}

export function linkPlan(command: LinkPlan, state: PlanState): PlanEvent[] {
  const plan = existingPlan(state);
  if (command.predecessorPlanId === plan.id || command.parentPlanId === plan.id) {
    throw new DomainError('SELF_LINK', 'invalid', 'A plan cannot succeed or follow up itself');
  }
  const predecessor =
    command.predecessorPlanId !== plan.predecessorPlanId ? command.predecessorPlanId : undefined;
  const parent = command.parentPlanId !== plan.parentPlanId ? command.parentPlanId : undefined;
  if (!predecessor && !parent) return [];
  return [
    {
      type: 'PlanLinked',
      data: {
        planId: plan.id,
        ...(predecessor ? { predecessorPlanId: predecessor } : {}),
        ...(parent ? { parentPlanId: parent } : {}),
      },
    },
  ];
}

export function declareBody(command: DeclareBody, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const existing = plan.bodies.get(command.code);
  if (existing && existing.name !== command.name) {
    throw new DomainError(
      'BODY_EXISTS',
      'conflict',
      `Body ${command.code} is already declared as "${existing.name}"`,
      {
        field: 'code',
      },
    );
  }
  const declared: PlanEvent[] = existing
    ? []
    : [
        {
          type: 'BodyDeclared',
          data: { planId: plan.id, code: command.code, name: requireText(command.name, 'name') },
        },
      ];
  const party = command.forParty?.trim();
  if (!party) return declared;
  // The measures that named the party now have the body, in the party's place after their codes.
  const key = party.toLocaleLowerCase('nb');
  const reason = `«${party}» er erklært som organet ${command.code}`;
  const moves = [...plan.measures.values()]
    .filter((m) => !m.struck && m.parties.some((p) => p.toLocaleLowerCase('nb') === key))
    .flatMap((m) =>
      reassigned(
        plan,
        m,
        m.responsible.includes(command.code) ? m.responsible : [...m.responsible, command.code],
        m.parties.filter((p) => p.toLocaleLowerCase('nb') !== key),
        reason,
      ),
    );
  if (moves.length === 0 && declared.length === 0) return [];
  return [...declared, ...moves];
}

export function adoptPlan(command: AdoptPlan, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  const date = requireDate(command.date, 'date');
  const newEdition = command.edition !== undefined && command.edition !== plan.edition;
  if (plan.status === 'adopted' && !plan.changedSinceAdoption && !newEdition) {
    throw new DomainError(
      'NOTHING_TO_ADOPT',
      'conflict',
      `Revision ${plan.adoptedRevision} is already adopted and nothing has changed since`,
    );
  }
  // A title that names the edition ("..., årsutgave for 2026") names the one being adopted.
  const title = newEdition ? titleForEdition(plan.title, command.edition!) : plan.title;
  const retitled: PlanEvent[] =
    title !== plan.title
      ? [{ type: 'PlanRetitled', data: { planId: plan.id, from: plan.title, to: title } }]
      : [];
  return [
    ...retitled,
    {
      type: 'PlanAdopted',
      data: {
        planId: plan.id,
        revision: plan.adoptedRevision + 1,
        body: requireText(command.body, 'body'),
        date,
        ...(command.decisionRef ? { decisionRef: command.decisionRef } : {}),
        ...(command.edition ? { edition: command.edition } : {}),
      },
    },
  ];
}

/** "Arbeidsplan 2024-2027, årsutgave for 2026" with edition 2027: "..., årsutgave for 2027". */
export function titleForEdition(title: string, edition: string): string {
  if (!/^\d{4}$/.test(edition.trim())) return title;
  // \b does not see "å" as a word character, so the start of the word is a lookbehind.
  return title.replace(/(?<!\p{L})(årsutgave(?: for)? )\d{4}\b/iu, `$1${edition.trim()}`);
}

export function supersedePlan(command: SupersedePlan, state: PlanState): PlanEvent[] {
  const plan = editablePlan(state);
  if (command.byPlanId === plan.id)
    throw new DomainError('SELF_LINK', 'invalid', 'A plan cannot supersede itself');
  return [{ type: 'PlanSuperseded', data: { planId: plan.id, byPlanId: command.byPlanId } }];
}
