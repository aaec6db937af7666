import { OCR_LEXICON } from './ocr-lexicon.js';
import { splitGluedWords } from './ocr-repair.js';

/**
 * Text struck through in the annual revision survives the OCR as words joined by hyphens,
 * glued to the word that replaced them: "de-reste-fire-arenevalgperioden" is "de neste fire
 * årene" struck and "valgperioden" written in its place. Ordinary compounds have at most one
 * hyphen ("ikke-medlemmer", "SU-lag"), so a run of three or more hyphen-joined parts is struck.
 *
 * The replacement is the longest ending of the last part that is a listed word; when there is
 * none, the whole run is struck with nothing in its place.
 */
const STRUCK_RUN = /(?<![\p{L}-])\p{L}+(?:-\p{L}*){2,}(?![\p{L}])/gu;

/** A whole goal or measure struck with a note that it is done: "... Stryke, gjennomført". */
export const STRUCK_ITEM_NOTE = /\bStryke\b,?\s*(gjennomf[øo]rt)?\s*$/i;

export interface StruckText {
  readonly struck: string;
  readonly replacement?: string;
}

export function removeStruckText(line: string): { text: string; struck: StruckText[] } {
  const struck: StruckText[] = [];
  const text = line.replace(STRUCK_RUN, (run) => {
    const found = splitRun(run);
    struck.push(found);
    return found.replacement ?? '';
  });
  return { text: text.replace(/\s{2,}/g, ' ').trim(), struck };
}

/**
 * The line as it read before the revision: each struck run in words again ("de-reste-fire-arene"
 * -> "de reste fire arene", glued words apart), its replacement left out. The words are still
 * the scan's; the caller repairs them as any other.
 */
export function restoreStruckText(line: string): string {
  return line
    .replace(STRUCK_RUN, (run) => struckWords(splitRun(run).struck))
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The words of a struck run or a struck item: hyphens as spaces, glued words apart. */
export function struckWords(struck: string): string {
  return splitGluedWords(struck.replace(/-/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** A run split into what was struck and the word written in its place, when there is one. */
function splitRun(run: string): StruckText {
  const parts = run.split('-');
  const last = parts[parts.length - 1] ?? '';
  for (let i = 0; i + 4 <= last.length; i++) {
    const ending = last.slice(i);
    if (OCR_LEXICON.has(ending.toLowerCase())) {
      return { struck: run.slice(0, run.length - ending.length), replacement: ending };
    }
  }
  return { struck: run };
}
