import type { DiffPart, MeasureStatus, Target } from '@app/domain';

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

/** What happened to an element, as a diff or a report names it. */
export const CHANGE_LABEL_NB = {
  added: 'Lagt til',
  removed: 'Fjernet',
  reworded: 'Omformulert',
  retimed: 'Ny tid',
  reassigned: 'Nytt ansvar',
  moved: 'Flyttet',
  retitled: 'Ny tittel',
  renumbered: 'Nytt nummer',
  targetChanged: 'Nytt måltall',
  unchanged: 'Uendret',
  merged: 'Slått sammen',
  split: 'Delt opp',
  new: 'Nytt',
  dropped: 'Utgått',
} as const;

/** "2026-03-14" -> "14.03.2026"; anything else is returned as it is. */
export function formatDateNb(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** A number with Norwegian digit grouping and decimal comma: 3394 -> "3 394". */
export function formatNumberNb(value: number): string {
  const [whole, fraction] = Math.abs(value).toString().split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${value < 0 ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

export function formatTargetNb(target: Target | null | undefined): string {
  if (!target) return '';
  return `${target.metric}: ${formatNumberNb(target.value)}${target.by ? ` innen ${formatDateNb(target.by)}` : ''}`;
}

/** Text as HTML: every character that could open markup or end an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
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

/** Why a change was made, from an event's cause, in the words of a protocol. */
export function describeCauseNb(cause: Record<string, unknown> | null | undefined): string {
  if (!cause) return '';
  const reference = typeof cause.reference === 'string' ? cause.reference : undefined;
  const meetingId = typeof cause.meetingId === 'string' ? cause.meetingId : undefined;
  const amendmentNo = typeof cause.amendmentNo === 'number' ? cause.amendmentNo : undefined;
  const withReference = (text: string) => (reference ? `${text} ${reference}` : text);
  switch (cause.kind) {
    case 'meeting': {
      const parts = [
        meetingId ? `Møte ${meetingId}` : 'Møtevedtak',
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
      return withReference('Import');
    case 'system':
      return withReference('System');
    case 'command':
      return reference ?? 'Manuell endring';
    default:
      return reference ?? '';
  }
}
