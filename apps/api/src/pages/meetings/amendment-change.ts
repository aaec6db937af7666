import {
  insertText,
  replaceText,
  strikeText,
  wordDiff,
  type AmendmentFields,
  type DiffPart,
} from '@app/domain';
import {
  flattenGoals,
  flattenMeasures,
  flattenSections,
  type AmendmentView,
  type PlanView,
} from '@app/read-models';

/** One part of what an amendment changes, as struck and inserted words. */
export interface ChangeLine {
  /** What is changed: "Tekst", "Gjennomføring", "Ansvar", "Nytt tiltak"... */
  readonly field: string;
  readonly parts: DiffPart[];
}

export interface AmendmentRedline {
  readonly lines: ChangeLine[];
  /**
   * False when the quoted text is no longer in the element (an adopted amendment changed it) or
   * the element is gone: the change is then shown against the text in the papers.
   */
  readonly applies: boolean;
}

const inserted = (text: string): DiffPart[] => (text ? [{ op: 'insert', text }] : []);
const deleted = (text: string): DiffPart[] => (text ? [{ op: 'delete', text }] : []);

interface ElementNow {
  readonly text: string;
  readonly timing?: string;
  readonly responsible?: readonly string[];
}

/** The element an amendment targets, as it is in `plan` (undefined when it is not, or struck). */
function elementNow(plan: PlanView | undefined, a: AmendmentView): ElementNow | undefined {
  if (!plan) return undefined;
  switch (a.target.kind) {
    case 'measure': {
      const m = flattenMeasures(plan.sections).find((x) => x.id === a.target.id);
      return m ? { text: m.text, timing: m.timing, responsible: m.responsible } : undefined;
    }
    case 'goal': {
      const g = flattenGoals(plan.sections).find((x) => x.id === a.target.id);
      return g ? { text: g.text } : undefined;
    }
    case 'section': {
      const s = flattenSections(plan.sections).find((x) => x.id === a.target.id);
      return s ? { text: s.title } : undefined;
    }
    default:
      return undefined;
  }
}

/** The text after a text operation, or undefined when its quote is not in `text`. */
function applied(op: string, fields: AmendmentFields, text: string): string | undefined {
  switch (op) {
    case 'replace_text':
      return replaceText(text, fields.from ?? '', fields.to ?? '');
    case 'insert_text':
      return insertText(text, fields.after, fields.text ?? '');
    case 'strike_text':
      return strikeText(text, fields.text ?? '');
    default:
      return undefined;
  }
}

/**
 * What an amendment changes, as a redline against the text it would change: the plan as it is now
 * for an amendment still to be voted on (so the hall sees it against the current text), the text
 * in the papers (the plan the meeting received) for one already decided. `fields` may be the
 * committee's modified wording.
 */
export function amendmentRedline(
  a: AmendmentView,
  plans: { readonly now?: PlanView | undefined; readonly papers?: PlanView | undefined },
  fields: AmendmentFields = a.fields,
): AmendmentRedline {
  const now = a.status === 'filed' ? elementNow(plans.now, a) : undefined;
  const papers: ElementNow = elementNow(plans.papers, a) ?? { text: a.target.text ?? '' };
  const base = now ?? papers;
  switch (a.op) {
    case 'replace_text':
    case 'insert_text':
    case 'strike_text': {
      const after = applied(a.op, fields, base.text);
      if (after !== undefined)
        return { lines: [{ field: 'Tekst', parts: wordDiff(base.text, after) }], applies: true };
      // The quote is gone from the current text: show the change as filed, on the papers' text.
      const onPapers = applied(a.op, fields, papers.text);
      return {
        lines: [
          {
            field: 'Tekst',
            parts: onPapers !== undefined ? wordDiff(papers.text, onPapers) : quoteParts(a.op, fields),
          },
        ],
        applies: false,
      };
    }
    case 'add_measure': {
      const m = fields.measure;
      const lines: ChangeLine[] = [{ field: 'Nytt tiltak', parts: inserted(m?.text ?? '') }];
      if (m?.timing) lines.push({ field: 'Gjennomføring', parts: inserted(m.timing) });
      if (m?.responsible && m.responsible.length > 0)
        lines.push({ field: 'Ansvar', parts: inserted(m.responsible.join(', ')) });
      return { lines, applies: true };
    }
    case 'add_goal':
      return { lines: [{ field: 'Nytt mål', parts: inserted(fields.goal?.text ?? '') }], applies: true };
    case 'add_section': {
      const s = fields.section;
      const lines: ChangeLine[] = [
        { field: 'Nytt kapittel', parts: inserted(`${s?.number ?? ''} ${s?.title ?? ''}`.trim()) },
      ];
      if (s?.intro) lines.push({ field: 'Innledning', parts: inserted(s.intro) });
      return { lines, applies: true };
    }
    case 'strike_measure':
    case 'strike_goal':
      return {
        lines: [
          { field: a.op === 'strike_goal' ? 'Mål strykes' : 'Tiltak strykes', parts: deleted(base.text) },
        ],
        applies: a.status !== 'filed' || now !== undefined,
      };
    case 'change_timing': {
      const from = base.timing ?? '';
      const to = fields.timing ?? '';
      return {
        lines: [{ field: 'Gjennomføring', parts: from ? wordDiff(from, to) : inserted(to) }],
        applies: true,
      };
    }
    case 'reassign': {
      const from = (base.responsible ?? []).join(', ');
      const to = (fields.responsible ?? []).join(', ');
      return { lines: [{ field: 'Ansvar', parts: from ? wordDiff(from, to) : inserted(to) }], applies: true };
    }
    default:
      return { lines: [], applies: true };
  }
}

/** A text operation shown from its fields alone: struck quote, inserted words. */
function quoteParts(op: string, fields: AmendmentFields): DiffPart[] {
  if (op === 'replace_text')
    return [...deleted(fields.from ?? ''), { op: 'equal', text: ' ' }, ...inserted(fields.to ?? '')];
  if (op === 'strike_text') return deleted(fields.text ?? '');
  return inserted(fields.text ?? '');
}
