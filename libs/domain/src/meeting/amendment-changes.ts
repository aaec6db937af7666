import { decideSequence } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { planDecider } from '../plan/plan.decide.js';
import type { PlanCommand } from '../plan/plan.commands.js';
import type { PlanEvent } from '../plan/plan.events.js';
import type { ExistingPlan } from '../plan/plan.state.js';
import { checkBodies } from '../plan/decisions/guards.js';
import { currentAddress, quoteField, quotedText, targetText } from './amendment-target.js';
import { insertText, occurrences, replaceText, strikeText } from './amendment-text.js';
import { OP_NOUN, capitalise, describeElement, listWords } from './meeting-words.js';
import type { AmendmentChange } from './meeting.events.js';
import type { AmendmentState, ExistingMeeting } from './meeting.state.js';
import type { AmendmentFields, AmendmentOp, ResolvedTarget } from './meeting.types.js';

const invalid = (code: string, message: string, field: string): DomainError =>
  new DomainError(code, 'invalid', message, { field });

/** What a missing field is called in the filing form. */
const FIELD_WORDS: Record<string, string> = {
  from: 'teksten som skal strykes («Stryke: …»)',
  to: 'den nye teksten («Erstatte med: …»)',
  text: 'teksten',
  'measure.text': 'teksten i det nye tiltaket',
  'goal.text': 'teksten i det nye målet',
  timing: 'ny gjennomføring (for eksempel «Høst 2026»)',
  responsible: 'hvem som skal ha ansvaret (organer fra forkortelseslisten, som FS, LL)',
  'section.number': 'nummeret på det nye kapitlet',
  'section.title': 'tittelen på det nye kapitlet',
};

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/**
 * Checks an amendment's fields against its target in the plan the meeting treats: the quoted
 * text is there (once), the fields its operation needs are given, the bodies it names are known.
 */
export function checkAmendmentFields(
  plan: ExistingPlan,
  target: ResolvedTarget,
  op: AmendmentOp,
  fields: AmendmentFields,
  organisationBodies: readonly string[] = [],
): void {
  const need = (value: string | undefined, field: string): void => {
    if (blank(value))
      throw invalid(
        'MISSING_FIELD',
        `${capitalise(OP_NOUN[op])} trenger ${FIELD_WORDS[field] ?? field}`,
        field,
      );
  };
  switch (op) {
    case 'replace_text':
      need(fields.from, 'from');
      if (fields.to === undefined)
        throw invalid('MISSING_FIELD', `${capitalise(OP_NOUN[op])} trenger ${FIELD_WORDS.to}`, 'to');
      break;
    case 'insert_text':
      need(fields.text, 'text');
      break;
    case 'strike_text':
      need(fields.text, 'text');
      break;
    case 'add_measure':
      need(fields.measure?.text, 'measure.text');
      checkBodiesAt(plan, fields.measure?.responsible ?? [], organisationBodies, 'measure.responsible');
      break;
    case 'add_goal':
      need(fields.goal?.text, 'goal.text');
      break;
    case 'change_timing':
      need(fields.timing, 'timing');
      break;
    case 'reassign':
      if (!fields.responsible || fields.responsible.length === 0)
        throw invalid('MISSING_FIELD', `Nytt ansvar trenger ${FIELD_WORDS.responsible}`, 'responsible');
      checkBodiesAt(plan, fields.responsible, organisationBodies, 'responsible');
      break;
    case 'add_section': {
      need(fields.section?.number, 'section.number');
      need(fields.section?.title, 'section.title');
      const number = fields.section!.number.trim();
      if ([...plan.sections.values()].some((s) => s.number === number))
        throw invalid('SECTION_EXISTS', `Planen har allerede et kapittel ${number}`, 'section.number');
      break;
    }
    case 'strike_measure':
    case 'strike_goal':
      break;
    default: {
      const unhandled: never = op;
      return unhandled;
    }
  }
  const quote = quotedText(op, fields);
  if (quote === undefined || quote === '') return;
  const text = targetText(plan, target) ?? '';
  const found = occurrences(text, quote);
  if (found === 0) {
    throw invalid(
      'TEXT_NOT_FOUND',
      `«${quote}» står ikke i ${describeElement(target.kind, target.address)}, som lyder: «${text}». Kopier teksten nøyaktig fra sakspapirene`,
      quoteField(op),
    );
  }
  if (found > 1) {
    throw invalid(
      'AMBIGUOUS_TEXT',
      `«${quote}» står ${found} ganger i ${describeElement(target.kind, target.address)}; siter flere ord, så det er klart hvilket sted`,
      quoteField(op),
    );
  }
}

function checkBodiesAt(
  plan: ExistingPlan,
  codes: readonly string[],
  organisationBodies: readonly string[],
  field: string,
): void {
  try {
    checkBodies(plan, codes, organisationBodies);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const known = [...new Set([...plan.bodies.keys(), ...organisationBodies])].sort();
    const unknown = codes.filter((code) => !known.includes(code));
    throw new DomainError(
      error.code,
      error.kind,
      `Ukjent organ: ${unknown.join(', ')}. Bruk kodene fra planens forkortelsesliste: ${known.join(', ')}`,
      { ...error.details, field, unknown },
    );
  }
}

export type AmendmentOutcome =
  | { readonly possible: true; readonly changes: AmendmentChange[]; readonly events: PlanEvent[] }
  | { readonly possible: false; readonly reason: string };

export interface ChangeContext {
  readonly now: string;
  /** The id a new measure, goal or section gets. */
  readonly newElementId: string;
  readonly organisationBodies?: readonly string[];
}

/**
 * What adopting an amendment does to the plan as it is now: the plan commands it stands for
 * (and the events they give), or why it cannot be done any more: its text is gone or its
 * target struck by an amendment adopted before it. Such an amendment lapses (bortfaller).
 */
export function amendmentChanges(
  meeting: ExistingMeeting,
  amendment: AmendmentState,
  fields: AmendmentFields,
  plan: ExistingPlan,
  context: ChangeContext,
): AmendmentOutcome {
  const { target, op, no } = amendment;
  const address = currentAddress(plan, target);
  const adoptedOnTarget = [...meeting.amendments.values()]
    .filter((a) => a.no !== no && a.status === 'adopted' && a.target.id === target.id)
    .map((a) => a.no);
  const by = adoptedOnTarget.length > 0 ? ` ved forslag ${listWords(adoptedOnTarget.map(String))}` : '';
  const lapse = (reason: string): AmendmentOutcome => ({ possible: false, reason });

  if (target.kind === 'measure') {
    const measure = plan.measures.get(target.id);
    if (!measure || measure.struck) return lapse(`Tiltak ${address} er strøket${by}`);
  }
  if (target.kind === 'goal') {
    const goal = plan.goals.get(target.id);
    if (!goal || goal.struck) return lapse(`Mål ${address} er strøket${by}`);
  }

  const reason = fields.reason?.trim() || `Forslag ${no}, ${meeting.id}`;
  let changes: AmendmentChange[];
  switch (op) {
    case 'replace_text':
    case 'insert_text':
    case 'strike_text': {
      const text = targetText(plan, target) ?? '';
      const next =
        op === 'replace_text'
          ? replaceText(text, fields.from ?? '', fields.to ?? '')
          : op === 'insert_text'
            ? insertText(text, fields.after, fields.text ?? '')
            : strikeText(text, fields.text ?? '');
      if (next === undefined) {
        const quote = quotedText(op, fields) ?? '';
        return lapse(
          `«${quote}» står ikke lenger i ${describeElement(target.kind, address)}${by ? ` (endret${by})` : ''}`,
        );
      }
      if (next === '') return lapse(`Det ville tømme ${describeElement(target.kind, address)} for tekst`);
      changes = [
        target.kind === 'measure'
          ? { type: 'RewordMeasure', measureId: target.id, text: next }
          : target.kind === 'goal'
            ? { type: 'RewordGoal', goalId: target.id, text: next }
            : { type: 'RetitleSection', sectionId: target.id, title: next },
      ];
      break;
    }
    case 'add_measure': {
      const m = fields.measure!;
      changes = [
        {
          type: 'AddMeasure',
          measureId: context.newElementId,
          sectionId: target.id,
          ...(m.label ? { label: m.label } : {}),
          text: m.text,
          timing: m.timing ?? '',
          responsible: [...(m.responsible ?? [])],
        },
      ];
      break;
    }
    case 'strike_measure':
      changes = [{ type: 'StrikeMeasure', measureId: target.id, reason }];
      break;
    case 'add_goal':
      changes = [
        {
          type: 'AddGoal',
          goalId: context.newElementId,
          sectionId: target.kind === 'goal' ? plan.goals.get(target.id)!.sectionId : target.id,
          ...(target.kind === 'goal' ? { parentGoalId: target.id } : {}),
          text: fields.goal!.text,
        },
      ];
      break;
    case 'strike_goal':
      changes = [{ type: 'StrikeGoal', goalId: target.id, reason }];
      break;
    case 'change_timing':
      changes = [{ type: 'RetimeMeasure', measureId: target.id, timing: fields.timing ?? '' }];
      break;
    case 'reassign':
      changes = [
        {
          type: 'ReassignMeasure',
          measureId: target.id,
          responsible: [...(fields.responsible ?? [])],
          ...(fields.reason?.trim() ? { reason: fields.reason.trim() } : {}),
        },
      ];
      break;
    case 'add_section': {
      const s = fields.section!;
      const number = s.number.trim();
      if ([...plan.sections.values()].some((x) => x.number === number)) {
        return lapse(`Planen har allerede et kapittel ${number}${by ? ` (lagt til${by})` : ''}`);
      }
      changes = [
        {
          type: 'AddSection',
          sectionId: context.newElementId,
          number,
          title: s.title,
          ...(target.kind === 'section' ? { parentSectionId: target.id } : {}),
          ...(s.intro ? { intro: s.intro } : {}),
        },
      ];
      break;
    }
    default: {
      const unhandled: never = op;
      return unhandled;
    }
  }
  // Decide them on the plan as it is now: what the plan would refuse, the amendment cannot do.
  try {
    const commands = changes.map(
      (c) =>
        ({
          ...c,
          now: context.now,
          ...(c.type === 'AddMeasure' || c.type === 'ReassignMeasure'
            ? { organisationBodies: context.organisationBodies ?? [] }
            : {}),
        }) as PlanCommand,
    );
    const events = decideSequence(planDecider, commands, plan);
    return { possible: true, changes, events };
  } catch (error) {
    if (error instanceof DomainError) return lapse(error.message);
    throw error;
  }
}
