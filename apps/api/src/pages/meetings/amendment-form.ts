import type { AmendmentFields, CitedTarget } from '@app/domain';
import { BODY_CODE } from '../format.js';

/**
 * The filing form's kinds of amendment, as amendment lists name them (Endring, Tillegg, Stryking)
 * and the structured ones (a new measure or goal, a new timing, new responsibility).
 */
export const AMENDMENT_KINDS = [
  ['endring', 'Endring: erstatt tekst'],
  ['tillegg', 'Tillegg: sett inn tekst'],
  ['stryking', 'Stryking: stryk tekst'],
  ['stryk', 'Stryk hele tiltaket eller målet'],
  ['nytt-tiltak', 'Nytt tiltak'],
  ['nytt-mal', 'Nytt mål'],
  ['gjennomforing', 'Ny gjennomføring'],
  ['ansvar', 'Nytt ansvar'],
] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number][0];

/** What the filing form sends, as the page reads it. */
export interface AmendmentFormValues {
  readonly [field: string]: string | undefined;
}

export interface FiledAmendment {
  readonly target: CitedTarget;
  readonly op: string;
  readonly fields: AmendmentFields;
  readonly proposer?: string;
  readonly justification?: string;
}

const trim = (value: string | undefined): string => (value ?? '').trim();

function bodies(value: string): string[] | string {
  const codes = value.split(/[,\s]+/).filter((c) => c !== '');
  const bad = codes.filter((c) => !BODY_CODE.test(c));
  return bad.length > 0 ? `Ugyldig organkode: ${bad.join(', ')}.` : codes;
}

/** "measure:4.2.J" (an element clicked or chosen) or lines typed ("50-53", "50 tom 53"). */
function target(form: AmendmentFormValues): CitedTarget | string {
  const lines = trim(form.linjer);
  const element = trim(form.del);
  if (lines && element) return 'Oppgi enten linjer eller en del av planen, ikke begge.';
  if (lines) {
    if (!/^(linje\s*)?\d{1,5}(\s*(-|–|tom|til|\/)\s*\d{1,5})?$/i.test(lines))
      return 'Skriv linjene som et tall eller et spenn, for eksempel 53 eller 50–53.';
    if (form.ny === 'true') return { line: Number(/\d+/.exec(lines)![0]), new: true };
    return { lines };
  }
  const match = /^(measure|goal|section):(.{1,100})$/.exec(element);
  if (!match) return 'Velg linjene eller den delen av planen forslaget gjelder.';
  return { [match[1]!]: match[2]! } as CitedTarget;
}

/**
 * The amendment a filled-in form describes, or the reason it cannot be filed (in Norwegian). The
 * domain checks the rest (the quoted text is there, the lines hold an element...).
 */
export function amendmentFromForm(form: AmendmentFormValues): FiledAmendment | string {
  const where = target(form);
  if (typeof where === 'string') return where;
  const kind = trim(form.type) as AmendmentKind;
  const proposer = trim(form.forslagsstiller);
  const justification = trim(form.begrunnelse);
  if (proposer.length > 200) return 'Forslagsstilleren kan være på høyst 200 tegn.';
  if (justification.length > 5000) return 'Begrunnelsen kan være på høyst 5000 tegn.';
  const base = {
    target: where,
    ...(proposer ? { proposer } : {}),
    ...(justification ? { justification } : {}),
  };
  const need = (value: string, what: string): string | undefined =>
    value === '' ? `Fyll inn ${what}.` : undefined;
  const from = trim(form.fra);
  const to = trim(form.til);
  const text = trim(form.tekst);
  switch (kind) {
    case 'endring':
      return (
        need(from, 'teksten som skal strykes') ??
        need(to, 'den nye teksten') ?? { ...base, op: 'Endring', fields: { from, to } }
      );
    case 'tillegg': {
      const after = trim(form.etter);
      return (
        need(text, 'teksten som skal settes inn') ?? {
          ...base,
          op: 'insert_text',
          fields: { text, ...(after ? { after } : {}) },
        }
      );
    }
    case 'stryking':
      return need(from, 'teksten som skal strykes') ?? { ...base, op: 'strike_text', fields: { text: from } };
    case 'stryk':
      // The justification of a strike is its reason, as the protocol format keeps it.
      return {
        target: where,
        ...(proposer ? { proposer } : {}),
        op: 'Stryking',
        fields: justification ? { reason: justification } : {},
      };
    case 'nytt-tiltak': {
      const responsible = bodies(trim(form.ansvar));
      if (typeof responsible === 'string') return responsible;
      const timing = trim(form.gjennomforing);
      return (
        need(text, 'teksten i det nye tiltaket') ?? {
          ...base,
          op: 'add_measure',
          fields: {
            measure: {
              text,
              ...(timing ? { timing } : {}),
              ...(responsible.length > 0 ? { responsible } : {}),
            },
          },
        }
      );
    }
    case 'nytt-mal':
      return need(text, 'teksten i det nye målet') ?? { ...base, op: 'add_goal', fields: { goal: { text } } };
    case 'gjennomforing': {
      const timing = trim(form.gjennomforing);
      return need(timing, 'ny gjennomføring') ?? { ...base, op: 'change_timing', fields: { timing } };
    }
    case 'ansvar': {
      const responsible = bodies(trim(form.ansvar));
      if (typeof responsible === 'string') return responsible;
      if (responsible.length === 0) return 'Fyll inn ansvarlige organer.';
      return {
        target: where,
        ...(proposer ? { proposer } : {}),
        op: 'reassign',
        fields: { responsible, ...(justification ? { reason: justification } : {}) },
      };
    }
    default:
      return 'Velg hva slags forslag det er.';
  }
}
