import { type SourceLine } from './source-lines.js';

/**
 * Documents sent to meetings carry their own line numbers, because amendments cite them
 * ("Linje 50 tom 53"). The text extraction glued them to the text: at the end of each line
 * in the Oslo SV 2026 paper ("... 127"), at the start in the Oslo Ap plan ("127 ...").
 *
 * A number is only taken as a printed line number when it continues the sequence (the next
 * number, allowing a small gap or a repeat); otherwise it is text ("tidlig 2027", "Vår 2026")
 * or page furniture (a page number).
 */
const MAX_GAP = 2;

function continues(n: number, last: number | undefined, allowRepeat: boolean): boolean {
  if (last === undefined) return n < 1000;
  return (n > last || (allowRepeat && n === last)) && n <= last + MAX_GAP;
}

/** Strips trailing printed line numbers ("... organisatoriske 28 ") in place. */
export function stripTrailingLineNumbers(lines: SourceLine[]): void {
  let last: number | undefined;
  for (const line of lines) {
    const m = /^(.*?)(?:^|\s)(\d{1,4})$/.exec(line.text);
    if (!m) continue;
    const n = Number(m[2]);
    if (!continues(n, last, false)) continue;
    line.printed = n;
    line.text = (m[1] ?? '').trim();
    last = n;
  }
}

/**
 * Strips leading printed line numbers ("- 161 • Når partiet ...", " 209 viktig ...") in place.
 * The "- " in front is an extraction artefact of numbered list items, not a bullet.
 */
export function stripLeadingLineNumbers(lines: SourceLine[]): void {
  let last: number | undefined;
  for (const line of lines) {
    const m = /^(?:-\s+)?(\d{1,4})(?:\s+(.*))?$/.exec(line.text);
    if (!m) continue;
    const n = Number(m[1]);
    if (!continues(n, last, true)) continue;
    line.printed = n;
    line.text = (m[2] ?? '').trim();
    last = n;
  }
}
