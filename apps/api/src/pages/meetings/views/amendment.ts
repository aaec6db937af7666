import {
  amendmentOpLabel,
  amendmentStatusLabel,
  describeCountsNb,
  MEETING_BODY_LABEL_NB,
  recommendationLabel,
  type AmendmentView,
  type MeetingView,
  type PlanView,
} from '@app/read-models';
import { formatDate } from '../../format.js';
import { html, raw, type Html } from '../../html.js';
import { headingTag } from '../../views/components.js';
import { redline } from '../../views/history.js';
import { amendmentRedline, type AmendmentRedline } from '../amendment-change.js';

/** The meeting's name as people say it: its title, or "Årsmøtet 14.03.2026". */
export function meetingName(meeting: Pick<MeetingView, 'title' | 'body' | 'date'>): string {
  return (
    meeting.title ?? `${MEETING_BODY_LABEL_NB[meeting.body] ?? meeting.body} ${formatDate(meeting.date)}`
  );
}

export function meetingStatusText(meeting: MeetingView): string {
  if (meeting.planVote?.result === 'adopted') return 'Avsluttet: planen er vedtatt';
  if (meeting.planVote?.result === 'rejected') return 'Avsluttet: planen ble ikke vedtatt';
  const decided = allAmendments(meeting).filter((a) => a.status !== 'filed').length;
  return decided > 0 ? 'Voteringen pågår' : 'Planlagt';
}

/** Every amendment of the meeting, in number order. */
export function allAmendments(meeting: MeetingView): AmendmentView[] {
  return meeting.targets.flatMap((t) => t.amendments).sort((a, b) => a.no - b.no);
}

/** Still to be voted on, in the suggested voting order; then the decided, in the order decided. */
export function inVotingOrder(meeting: MeetingView): { toVote: AmendmentView[]; decided: AmendmentView[] } {
  const byNo = new Map(allAmendments(meeting).map((a) => [a.no, a]));
  const toVote = meeting.toVote.map((no) => byNo.get(no)).filter((a): a is AmendmentView => a !== undefined);
  const decided = [...byNo.values()]
    .filter((a) => a.status !== 'filed')
    .sort((a, b) => (a.decidedAs ?? 0) - (b.decidedAs ?? 0));
  return { toVote, decided };
}

const KIND_LABEL: Record<string, string> = {
  measure: 'Tiltak',
  goal: 'Mål',
  section: 'Kapittel',
  plan: 'Planen',
};

/** "Tiltak 4.2.J", "Mål 3.1.g2", "Kapittel 4.1", "Planen". */
export function targetLabel(a: AmendmentView): string {
  if (a.target.kind === 'plan') return 'Planen';
  return `${KIND_LABEL[a.target.kind] ?? a.target.kind} ${a.target.address}`;
}

/** How the proposer cited the place: "linje 141 tom 142", "ny linje 148", or nothing. */
export function citedLines(a: AmendmentView): string {
  if (a.cited.lines !== undefined) {
    const text = String(a.cited.lines).trim();
    return /^linje/i.test(text) ? text.replace(/^L/, 'l') : `linje ${text}`;
  }
  if (a.cited.line !== undefined) return `${a.cited.new ? 'ny linje' : 'linje'} ${a.cited.line}`;
  return '';
}

/** "Forslag 3: endring, Tiltak 4.2.J (linje 94)": an amendment named as the hall hears it. */
export function amendmentTitle(a: AmendmentView): string {
  const lines = citedLines(a);
  return `Forslag ${a.no}: ${amendmentOpLabel(a.op).toLocaleLowerCase('nb')}, ${targetLabel(a)}${lines ? ` (${lines})` : ''}`;
}

export function amendmentStatusBadge(a: AmendmentView, id?: string): Html {
  return html`<span class="badge amendment-status amendment-${a.status}" ${id ? html`id="${id}"` : ''}
    >${amendmentStatusLabel(a.status)}</span
  >`;
}

/** The change as struck and inserted words, one line per field it changes. */
export function changeLines(change: AmendmentRedline): Html {
  return html`<dl class="change-lines">
    ${change.lines.map(
      (l) =>
        html`<div>
          <dt>${l.field}</dt>
          <dd>${redline(l.parts)}</dd>
        </div>`,
    )}
  </dl>`;
}

/** Why the proposer strikes an element or moves its responsibility: "Begrunnelse for strykingen: ...". */
export function fieldReason(a: AmendmentView): string | undefined {
  if (!a.fields.reason) return undefined;
  const what =
    a.op === 'strike_measure' || a.op === 'strike_goal'
      ? 'strykingen'
      : a.op === 'reassign'
        ? 'nytt ansvar'
        : 'endringen';
  return `Begrunnelse for ${what}: ${a.fields.reason}`;
}

/** "Vedtatt (87 for, 12 mot, 3 avholdende)", "Bortfalt: ...". */
export function resultText(a: AmendmentView): string {
  if (a.status === 'filed') return '';
  const counts = describeCountsNb(a.votes);
  const modified = a.status === 'adopted' && a.modified ? ' med komiteens endring' : '';
  return `${amendmentStatusLabel(a.status)}${modified}${counts ? ` (${counts})` : ''}${a.reason ? `: ${a.reason}` : ''}`;
}

export interface AmendmentCardOptions {
  readonly plans: { readonly now?: PlanView; readonly papers?: PlanView };
  readonly headingLevel: number;
  /** Forms or links shown under the card (the officer's). */
  readonly actions?: Html;
  /** Marks the amendment being treated. */
  readonly current?: boolean;
}

/** One amendment: who, where, what it changes (a redline), why, the committee's view, the result. */
export function amendmentCard(a: AmendmentView, o: AmendmentCardOptions): Html {
  const h = headingTag(o.headingLevel);
  const change = amendmentRedline(a, o.plans);
  const r = a.recommendation;
  const modified = r?.modified ? amendmentRedline(a, o.plans, { ...a.fields, ...r.modified }) : undefined;
  const lines = citedLines(a);
  return html`<article
    class="amendment amendment-${a.status}${o.current ? ' amendment-current' : ''}"
    id="forslag-${a.no}"
    aria-labelledby="forslag-${a.no}-tittel"
  >
    <div class="amendment-head">
      ${raw(`<${h} id="forslag-${a.no}-tittel" class="amendment-title">`)}Forslag ${a.no}:
      ${amendmentOpLabel(a.op).toLocaleLowerCase('nb')},
      ${targetLabel(a)}${lines ? ` (${lines})` : ''}${raw(`</${h}>`)}
      ${amendmentStatusBadge(a, `forslag-${a.no}-status`)}
    </div>
    ${a.proposer ? html`<p class="proposer">Forslagsstiller: ${a.proposer}${a.inMeeting ? ' (fremmet i møtet)' : ''}</p>` : a.inMeeting ? html`<p class="proposer">Fremmet i møtet</p>` : ''}
    ${changeLines(change)}
    ${!change.applies && a.status === 'filed' ? html`<p class="notice">Teksten forslaget endrer, står ikke lenger i planen slik den er nå.</p>` : ''}
    ${fieldReason(a) ? html`<p class="justification">${fieldReason(a)}</p>` : ''}
    ${a.justification ? html`<p class="justification">Begrunnelse: ${a.justification}</p>` : ''}
    ${
      r
        ? html`<div class="recommendation">
            <p>
              <strong>Innstilling: ${recommendationLabel(r.recommendation)}</strong
              >${r.note ? html` – ${r.note}` : ''}
            </p>
            ${a.contested && a.status === 'filed' ? html`<p class="help">Innstillingen er bestridt: forslaget voteres over for seg.</p>` : ''}
            ${a.enBloc ? html`<p class="help">Avgjort da innstillingene ble vedtatt samlet.</p>` : ''}
            ${
              modified
                ? html`<p class="help">Komiteens tekst:</p>
                    ${changeLines(modified)}`
                : ''
            }
          </div>`
        : // Decided without one, there is none to wait for.
          html`<p class="recommendation muted">
            ${a.status === 'filed' ? 'Ingen innstilling ennå.' : 'Ingen innstilling.'}
          </p>`
    }
    ${a.status !== 'filed' ? html`<p class="result result-${a.status}"><strong>Resultat:</strong> ${resultText(a)}</p>` : ''}
    ${o.actions ?? ''}
  </article>`;
}
