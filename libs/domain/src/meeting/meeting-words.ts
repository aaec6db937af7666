import type { AmendmentOp, TargetKind } from './meeting.types.js';

/**
 * The Norwegian words the meeting's messages use: members read them in the filing form, the
 * officer on the meeting pages, the hall on the projector.
 */

export const ELEMENT_NOUN: Record<TargetKind, string> = {
  measure: 'tiltak',
  goal: 'mål',
  section: 'kapittel',
  plan: 'planen',
};

/** "tiltak 4.2.J", "mål 3.1.g2", "kapittel 4.1". */
export const describeElement = (kind: TargetKind, address: string): string =>
  kind === 'plan' ? 'planen' : `${ELEMENT_NOUN[kind]} ${address}`;

export const OP_NOUN: Record<AmendmentOp, string> = {
  replace_text: 'en endring av teksten',
  insert_text: 'et tillegg i teksten',
  strike_text: 'en stryking i teksten',
  add_measure: 'et nytt tiltak',
  strike_measure: 'å stryke et tiltak',
  add_goal: 'et nytt mål',
  strike_goal: 'å stryke et mål',
  change_timing: 'ny gjennomføring',
  reassign: 'nytt ansvar',
  add_section: 'et nytt kapittel',
};

/** "linje 53", "linje 50–53". */
export const describeLines = (from: number, to: number): string =>
  from === to ? `linje ${from}` : `linje ${from}–${to}`;

/** "1, 2 og 3". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
