import { isTargetExpired, type DiffPart, type LinkKind, type MeasureStatus, type Target } from '@app/domain';

/**
 * Words and escapes shared by the Markdown and HTML the board and the annual meeting read:
 * Norwegian bokmål labels, dates as people write them, and text made safe for each format.
 */

/** Follow-up statuses as the board writes them. */
export const STATUS_LABEL_NB: Readonly<Record<MeasureStatus, string>> = {
  not_started: 'Ikke startet',
  in_progress: 'Pågår',
  done: 'Gjennomført',
  postponed: 'Utsatt',
  dropped: 'Utgår',
};

/**
 * One word for each thing that can happen to an element, on every page, report and export
 * (DESIGN.md's vocabulary). Within a plan, an element taken out of the text is "Strøket" (by a
 * meeting or a board decision); a follow-up status of `dropped` is "Utgår" (STATUS_LABEL_NB);
 * between a plan and its successor, an element not carried on is "Ikke videreført"
 * (LINEAGE_LABEL_NB). No page or report uses another word for any of them.
 */
export const CHANGE_LABEL_NB = {
  added: 'Lagt til',
  removed: 'Strøket',
  reworded: 'Omformulert',
  retimed: 'Ny tid',
  reassigned: 'Nytt ansvar',
  moved: 'Flyttet',
  retitled: 'Ny tittel',
  introRevised: 'Ny innledning',
  renumbered: 'Nytt nummer',
  targetChanged: 'Nytt måltall',
  unchanged: 'Uendret',
} as const;

/** How an element of a plan continues in its successor: one word each, on every page and report. */
export const LINEAGE_LABEL_NB: Readonly<Record<LinkKind, string>> = {
  unchanged: 'Videreført uendret',
  reworded: 'Videreført med ny tekst',
  merged: 'Slått sammen',
  split: 'Delt opp',
  new: 'Nytt',
  dropped: 'Ikke videreført',
};

/** The order the outcomes are listed and counted in. */
export const LINEAGE_KINDS: readonly LinkKind[] = [
  'unchanged',
  'reworded',
  'merged',
  'split',
  'new',
  'dropped',
];

/**
 * "2026-03-14" -> "14.03.2026"; anything else is returned as it is. The one date format of the
 * pages, the reports and the exports.
 */
export function formatDateNb(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/**
 * A plan's period: "2024–2027", or "2026" for a plan of one year. The one period format of the
 * pages, the reports and the exports.
 */
export function formatPeriodNb(period: { readonly from: number; readonly to: number }): string {
  return period.from === period.to ? String(period.from) : `${period.from}–${period.to}`;
}

/**
 * A number with Norwegian digit grouping (a space) and decimal comma: 3394 -> "3 394",
 * -1234.5 -> "−1 234,5". The one number format of the pages, the reports and the exports.
 */
export function formatNumberNb(value: number): string {
  const [whole, fraction] = Math.abs(value).toString().split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${value < 0 ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/**
 * The indicators plans measure and set targets for, in Norwegian: a label for a heading or a
 * column ("Medlemmer"), and the words after a number ("4 000 medlemmer"). The metric ids are
 * those the target rule (goalTargetFromText) and the importer's status figures give.
 */
const METRICS_NB: Readonly<Record<string, { label: string; unit: string }>> = {
  members: { label: 'Medlemmer', unit: 'medlemmer' },
  paying_members: { label: 'Betalende medlemmer', unit: 'betalende medlemmer' },
  new_members: { label: 'Nye medlemmer', unit: 'nye medlemmer' },
  members_removed_for_non_payment: {
    label: 'Slettet for manglende betaling',
    unit: 'medlemmer slettet for manglende betaling',
  },
  members_resigned: { label: 'Utmeldte medlemmer', unit: 'utmeldte medlemmer' },
  new_members_joined_group: {
    label: 'Nye medlemmer i politiske grupper',
    unit: 'nye medlemmer i politiske grupper',
  },
  local_branches: { label: 'Lokallag', unit: 'lokallag' },
  elected_representatives: { label: 'Folkevalgte', unit: 'folkevalgte' },
  share_of_vote: { label: 'Oppslutning (%)', unit: '% oppslutning' },
  members_increase_pct: { label: 'Medlemsvekst (%)', unit: '% flere medlemmer' },
  election_lists_increase_pct: { label: 'Flere valglister (%)', unit: '% flere valglister' },
  county_council_representatives: { label: 'Fylkestingsrepresentanter', unit: 'fylkestingsrepresentanter' },
  active_members: { label: 'Aktive medlemmer', unit: 'aktive medlemmer' },
  active_members_multiplier: {
    label: 'Aktive medlemmer (ganger flere)',
    unit: 'ganger så mange aktive medlemmer',
  },
};

/** A metric id someone typed that no table knows: its words, without the underscores. */
const metricWords = (metric: string): string => metric.replace(/_/g, ' ').trim();

/** "Medlemmer" for `members`: the name of an indicator in a heading or a table column. */
export function metricLabelNb(metric: string): string {
  const known = METRICS_NB[metric]?.label;
  if (known) return known;
  const words = metricWords(metric);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * "4 000 medlemmer innen 31.12.2027": a goal's target as a sentence, the same in every page,
 * report and export. With `today`, a target whose date has passed says so ("(utløpt)").
 */
export function formatTargetNb(target: Target | null | undefined, options: { today?: string } = {}): string {
  if (!target) return '';
  const unit = METRICS_NB[target.metric]?.unit;
  const amount = unit
    ? `${formatNumberNb(target.value)} ${unit}`
    : `${formatNumberNb(target.value)} (${metricWords(target.metric)})`;
  const by = target.by ? ` innen ${formatDateNb(target.by)}` : '';
  const expired = options.today !== undefined && isTargetExpired(target, options.today) ? ' (utløpt)' : '';
  return `${amount}${by}${expired}`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as HTML, in text and in attribute values alike: every character that could open markup or
 * end an attribute is escaped. The one escaping function of the pages, the reports and the exports.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Text as Markdown prose or a table cell: characters Markdown would read as markup are
 * backslash-escaped, raw HTML cannot get through, and a line break does not end a table row.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|#~])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** A word diff in Markdown: deletions struck through, insertions in bold. */
export function diffPartsMarkdown(parts: readonly DiffPart[]): string {
  return parts
    .map((p) => {
      const text = escapeMarkdown(p.text).trim();
      if (text === '') return p.text.replace(/\s+/g, ' ');
      const lead = /^\s/.test(p.text) ? ' ' : '';
      const trail = /\s$/.test(p.text) ? ' ' : '';
      if (p.op === 'delete') return `${lead}~~${text}~~${trail}`;
      if (p.op === 'insert') return `${lead}**${text}**${trail}`;
      return `${lead}${text}${trail}`;
    })
    .join('');
}

/** A word diff in HTML: <del> and <ins>, everything escaped. */
export function diffPartsHtml(parts: readonly DiffPart[]): string {
  return parts
    .map((p) => {
      const text = escapeHtml(p.text);
      if (p.op === 'delete') return `<del>${text}</del>`;
      if (p.op === 'insert') return `<ins>${text}</ins>`;
      return text;
    })
    .join('');
}

/**
 * Who did something, as people say it: a user by their username (looked up by the caller),
 * never "user:<uuid>"; the demo's loader, the system and the command line in words.
 */
export function describeActorNb(actor: string, username?: string): string {
  if (actor.startsWith('user:')) return username ?? 'ukjent bruker';
  if (actor === 'system:demo') return 'demodata';
  if (actor.startsWith('system:')) return 'systemet';
  if (actor.startsWith('cli:')) return `${actor.slice('cli:'.length)} (kommandolinjen)`;
  if (actor === 'anonymous') return 'ukjent bruker';
  return actor;
}

/**
 * An adoption's decision reference as people read it: none where it is only the id of the
 * meeting its cause already names ("ÅM 14.03.2026 · Oslo SVs årsmøte 2026", not "(oslo-sv-am-2026)").
 */
export function decisionReferenceNb(
  decisionRef: unknown,
  cause: object | null | undefined,
): string | undefined {
  if (typeof decisionRef !== 'string' || decisionRef === '') return undefined;
  const meetingId = (cause as { meetingId?: unknown } | null | undefined)?.meetingId;
  return decisionRef === meetingId ? undefined : decisionRef;
}

/** Why a change was made, from an event's cause, in the words of a protocol. */
export function describeCauseNb(
  cause: object | null | undefined,
  /** Meeting ids to their names ("Oslo SVs årsmøte 2026"), where the caller knows them. */
  meetings: ReadonlyMap<string, string> = new Map(),
): string {
  if (!cause) return '';
  const c = cause as Record<string, unknown>;
  const reference = typeof c.reference === 'string' ? c.reference : undefined;
  const meetingId = typeof c.meetingId === 'string' ? c.meetingId : undefined;
  const amendmentNo = typeof c.amendmentNo === 'number' ? c.amendmentNo : undefined;
  const withReference = (text: string) => (reference ? `${text} ${reference}` : text);
  switch (c.kind) {
    case 'meeting': {
      const parts = [
        meetingId ? (meetings.get(meetingId) ?? `Møte ${meetingId}`) : 'Møtevedtak',
        ...(amendmentNo !== undefined ? [`endringsforslag ${amendmentNo}`] : []),
        ...(reference ? [reference] : []),
      ];
      return parts.join(', ');
    }
    case 'board_decision':
      return withReference('Styrevedtak');
    case 'follow_up':
      return withReference('Oppfølging');
    case 'import':
      // The reference is the document's title ("Oslo SVs arbeids- og organisasjonsplan 2024-2027").
      return reference ? `Importert fra ${reference}` : 'Importert';
    case 'system':
      return withReference('System');
    case 'command':
      return reference ?? 'Manuell endring';
    default:
      return reference ?? '';
  }
}
