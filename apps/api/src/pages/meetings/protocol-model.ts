import {
  describeCountsNb,
  describeRedlineCause,
  MEETING_BODY_LABEL_NB,
  recommendationLabel,
  type AmendmentView,
  type Redline,
  type RedlineCause,
  type RedlineSection,
  type RedlineText,
} from '@app/read-models';
import { formatDate } from '../format.js';
import { amendmentRedline, type ChangeLine } from './amendment-change.js';
import type { MeetingContext } from './meeting-page-data.js';
import { amendmentTitle, fieldReason, inVotingOrder, meetingName, resultText } from './views/amendment.js';

/**
 * The meeting's protocol (møteprotokoll) as one model, which the page, the Word file and the PDF
 * all print: each amendment in the order it was decided with its recommendation, result and
 * counts, the vote on the plan, and the adopted plan as a redline against the papers.
 */
export interface ProtocolEntry {
  /** 1 for the first decision; null for an amendment not yet treated. */
  readonly order: number | null;
  readonly no: number;
  readonly heading: string;
  readonly proposer: string | null;
  readonly change: readonly ChangeLine[];
  readonly justification: string | null;
  readonly recommendation: string | null;
  readonly modified: readonly ChangeLine[] | null;
  readonly result: string | null;
}

export interface ProtocolRedlineItem {
  readonly depth: number;
  /** "4.1", "Mål", "A." */
  readonly label: string;
  readonly change: string;
  readonly parts: RedlineText['parts'];
  /** Timing and responsibility of a measure. */
  readonly details: RedlineText['parts'];
  readonly causes: string;
  readonly heading: boolean;
}

export interface ProtocolModel {
  readonly title: string;
  readonly intro: string;
  readonly papers: string;
  readonly entries: readonly ProtocolEntry[];
  readonly pending: readonly ProtocolEntry[];
  readonly planVote: string;
  readonly redline: readonly ProtocolRedlineItem[];
  readonly redlineCounts: string;
}

function entry(a: AmendmentView, ctx: MeetingContext, order: number | null): ProtocolEntry {
  const plans = { now: ctx.plan, papers: ctx.papers };
  const r = a.recommendation;
  return {
    order,
    no: a.no,
    heading: amendmentTitle(a),
    proposer: a.proposer,
    change: amendmentRedline(a, plans).lines,
    justification:
      [fieldReason(a), a.justification ? `Begrunnelse: ${a.justification}` : undefined]
        .filter((x): x is string => x !== undefined)
        .join(' ') || null,
    recommendation: r ? `${recommendationLabel(r.recommendation)}${r.note ? ` – ${r.note}` : ''}` : null,
    modified: r?.modified ? amendmentRedline(a, plans, { ...a.fields, ...r.modified }).lines : null,
    result: a.status === 'filed' ? null : resultText(a),
  };
}

const annotate = (causes: readonly RedlineCause[]): string =>
  [...new Set(causes.map(describeRedlineCause))].join('; ');
const CHANGE_WORD: Record<string, string> = {
  added: 'Ny',
  removed: 'Strøket',
  changed: 'Endret',
  unchanged: '',
};

function redlineItems(r: Redline): ProtocolRedlineItem[] {
  const items: ProtocolRedlineItem[] = [];
  const section = (s: RedlineSection, depth: number): void => {
    items.push({
      depth,
      label: s.number,
      change: CHANGE_WORD[s.change] ?? '',
      parts: s.title.parts,
      details: [],
      causes: s.change === 'unchanged' ? '' : annotate(s.causes),
      heading: true,
    });
    for (const g of s.goals)
      items.push({
        depth,
        label: 'Mål',
        change: CHANGE_WORD[g.change] ?? '',
        parts: g.text.parts,
        details: [],
        causes: g.change === 'unchanged' ? '' : annotate(g.causes),
        heading: false,
      });
    for (const m of s.measures) {
      const details = [
        ...m.timing.parts,
        ...(m.responsible.parts.length > 0 ? [{ op: 'equal' as const, text: '; ' }] : []),
        ...m.responsible.parts,
      ];
      items.push({
        depth,
        label: `${m.label}.`,
        change: CHANGE_WORD[m.change] ?? '',
        parts: m.text.parts,
        details,
        causes: m.change === 'unchanged' ? '' : annotate(m.causes),
        heading: false,
      });
    }
    for (const child of s.sections) section(child, depth + 1);
  };
  for (const s of r.sections) section(s, 0);
  return items;
}

export function protocolModel(ctx: MeetingContext, redline: Redline | undefined): ProtocolModel {
  const { meeting, plan } = ctx;
  const { toVote, decided } = inVotingOrder(meeting);
  const pv = meeting.planVote;
  const counts = pv ? describeCountsNb(pv) : '';
  const body = MEETING_BODY_LABEL_NB[meeting.body] ?? meeting.body;
  return {
    title: `Protokoll: ${meetingName(meeting)}`,
    intro: `${body} ${formatDate(meeting.date)} behandlet ${plan.title}. ${meeting.amendments} endringsforslag ble fremmet; de er ført opp i den rekkefølgen møtet avgjorde dem.`,
    papers: `Sakspapiret er planen slik den var da møtet ble satt opp; linjenumrene i forslagene viser til det.`,
    entries: decided.map((a, i) => entry(a, ctx, i + 1)),
    pending: toVote.map((a) => entry(a, ctx, null)),
    planVote: pv
      ? `Planen som helhet: ${pv.result === 'adopted' ? 'vedtatt' : 'ikke vedtatt'}${counts ? ` (${counts})` : ''}.`
      : 'Møtet har ikke stemt over planen som helhet ennå.',
    redline: redline ? redlineItems(redline) : [],
    redlineCounts: redline
      ? `Lagt til: ${redline.counts.added} · Endret: ${redline.counts.changed} · Strøket: ${redline.counts.removed}`
      : '',
  };
}
