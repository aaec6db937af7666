/**
 * The import report's wordings that more than one reader gives. The report's messages and
 * left-out reasons are read by board members and secretaries on the review page, so they are
 * Norwegian bokmål, written once; each reader's other messages stand where it finds the case.
 */

/** The reason given for a line no reader took or left out itself. */
export const NOT_READ = 'ikke lest: ingen del av planen ble kjent igjen i linjen';

/** Why a line above the first heading was left out. */
export const BEFORE_FIRST_HEADING = 'tekst før første overskrift';

/** The warning for a line above the first heading, with its text. */
export function textBeforeFirstHeading(text: string): string {
  return `${BEFORE_FIRST_HEADING}: «${text}»`;
}

/** Why a line holding only its printed line number was left out. */
export const ONLY_LINE_NUMBER = 'en tom linje i dokumentet: bare det trykte linjenummeret';

/** The warning for struck text kept out of the live plan. */
export function struckTextLeftOut(text: string): string {
  return `overstrøket tekst utelatt fra den gjeldende planen: «${text}»`;
}
