import { type BodyCodes } from './bodies.js';
import { bulletItem } from './bullets.js';
import { type SourceLine } from './source-lines.js';
import { joinWrapped } from './text-join.js';
import { scanTiming } from './timing.js';

/**
 * The lettered tables of the Oslo SV 2026 paper have three columns, "Tiltak / Gjennomføring /
 * Ansvar", which the PDF extraction flattened into running text: a row is its letter ("A."),
 * the measure text wrapped over several lines, then the timing and the responsible bodies,
 * usually on one line ("Vår 2026 FS, LL"), sometimes wrapped over several ("Umiddelbart etter" /
 * "ÅM" / "FS og Faglig" / "gruppe"), and sometimes even in the middle of the text when the row
 * was split by a page break.
 *
 * Each row is read line by line with a small state machine:
 *  text    -> the measure text, until a line (or the end of the label line) opens a timing phrase
 *  timing  -> timing lines, while the phrase is incomplete or the line does not start with a body
 *  ansvar  -> short lines continue the Ansvar column (the column is narrow: at most ~24 characters)
 *  after   -> a line continuing across a page break (extraction starts it with a space) is text again
 *  stray   -> any other long line: not part of the row (a note under the table); reported
 */
export interface TableRow {
  readonly label: string;
  readonly text: string;
  readonly timing?: string;
  readonly ansvar?: string;
  readonly lines: readonly SourceLine[];
  /** What each of `lines` held, by its first column: the text, the timing or the Ansvar; or a stray line. */
  readonly roles: readonly RowLineRole[];
  /** Lines after the row that belong to none of its columns. */
  readonly stray: readonly SourceLine[];
}

export type RowLineRole = 'measure' | 'timing' | 'responsible' | 'stray';

export interface TableRead {
  readonly rows: TableRow[];
  /** Lines before the first lettered row. */
  readonly unplaced: SourceLine[];
}

/** The widest line the Ansvar column wraps to in the seed ("kvinnepolitisk leder."). */
const ANSVAR_COLUMN_WIDTH = 24;

const LABEL = /^([A-ZÆØÅ])\.\s+(.*)$/u;

export function readLetteredTable(lines: readonly SourceLine[], codes: BodyCodes): TableRead {
  const rows: TableRow[] = [];
  const unplaced: SourceLine[] = [];
  let current: { label: string; first: string; lines: SourceLine[] } | undefined;
  let expected = 'A';
  for (const line of lines) {
    const m = LABEL.exec(line.text);
    if (m && m[1] === expected) {
      if (current) rows.push(readRow(current.label, current.first, current.lines, codes));
      current = { label: m[1], first: m[2] ?? '', lines: [line] };
      expected = String.fromCharCode(expected.charCodeAt(0) + 1);
    } else if (current) current.lines.push(line);
    else unplaced.push(line);
  }
  if (current) rows.push(readRow(current.label, current.first, current.lines, codes));
  return { rows, unplaced };
}

type State = 'text' | 'timing' | 'ansvar' | 'after' | 'stray';

function readRow(label: string, first: string, lines: readonly SourceLine[], codes: BodyCodes): TableRow {
  const text: string[] = [];
  const timing: string[] = [];
  const ansvar: string[] = [];
  const stray: SourceLine[] = [];
  const roles: RowLineRole[] = [];
  let state: State = 'text';
  let depth = 0;
  let incomplete = false;

  const startsAnsvar = (s: string): boolean => {
    const firstToken = s.split(/[\s,/]+/)[0] ?? '';
    return codes.codeOf(firstToken) !== undefined || /^\p{Lu}/u.test(s);
  };
  const beginTail = (scan: { timing: string; rest: string; depth: number; incomplete: boolean }): void => {
    timing.push(scan.timing);
    depth = scan.depth;
    incomplete = scan.incomplete;
    if (scan.rest !== '') {
      ansvar.push(scan.rest);
      state = 'ansvar';
    } else state = 'timing';
  };

  lines.forEach((line, i) => {
    const before = [text.length, timing.length, ansvar.length];
    read(line, i, i === 0 ? first : line.text);
    // What the line began with: its text, else its timing, else its Ansvar; or none of them.
    roles.push(
      text.length > before[0]!
        ? 'measure'
        : timing.length > before[1]!
          ? 'timing'
          : ansvar.length > before[2]!
            ? 'responsible'
            : 'stray',
    );
  });

  function read(line: SourceLine, i: number, content: string): void {
    switch (state) {
      case 'text': {
        if (i === 0) {
          const split = splitLabelLine(content, startsAnsvar);
          if (split) {
            text.push(split.text);
            beginTail(split.scan);
          } else text.push(content);
          return;
        }
        const scan = scanTiming(content);
        if (scan && (scan.rest === '' || startsAnsvar(scan.rest))) beginTail(scan);
        else text.push(content);
        return;
      }
      case 'timing': {
        const firstToken = content.split(/[\s,/]+/)[0] ?? '';
        const isBody = codes.codeOf(firstToken) !== undefined;
        if (incomplete || !isBody) {
          const scan = scanTiming(content, { depth, prev: timing[timing.length - 1]?.split(' ').pop() });
          timing.push(scan?.timing ?? content);
          depth = scan?.depth ?? depth;
          incomplete = scan?.incomplete ?? incomplete;
          if (scan && scan.rest !== '') {
            ansvar.push(scan.rest);
            state = 'ansvar';
          }
        } else {
          ansvar.push(content);
          state = 'ansvar';
        }
        return;
      }
      case 'ansvar': {
        if (line.leadingSpace) {
          state = 'after';
          text.push(content);
        } else if (bulletItem(content) !== undefined || content.length > ANSVAR_COLUMN_WIDTH) {
          state = 'stray';
          stray.push(line);
        } else ansvar.push(content);
        return;
      }
      case 'after':
        text.push(content);
        return;
      case 'stray':
        stray.push(line);
        return;
    }
  }

  const timingText = joinWrapped(timing);
  const ansvarText = joinCell(ansvar);
  return {
    label,
    text: measureText(text),
    ...(timingText ? { timing: timingText } : {}),
    ...(ansvarText ? { ansvar: ansvarText } : {}),
    lines,
    roles,
    stray,
  };
}

/** "Det skal tilbys opplæring i dørbanking. Kontinuerlig FS, LL": the tail after a sentence. */
function splitLabelLine(
  line: string,
  startsAnsvar: (s: string) => boolean,
): { text: string; scan: NonNullable<ReturnType<typeof scanTiming>> } | undefined {
  for (const m of line.matchAll(/[.!?»”)]\s+/g)) {
    const at = (m.index ?? 0) + m[0].length;
    const scan = scanTiming(line.slice(at));
    if (scan && scan.rest !== '' && startsAnsvar(scan.rest)) return { text: line.slice(0, at).trim(), scan };
  }
  return undefined;
}

/**
 * Joins the wrapped lines of the Ansvar column. The column is so narrow that a word may be cut
 * without a hyphen ("FS/fylkessekretæ" / "r, Gruppene"): a lone letter that is not a Norwegian
 * one-letter word continues the word before it.
 */
function joinCell(parts: readonly string[]): string {
  let out = '';
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    if (
      out !== '' &&
      /\p{L}$/u.test(out) &&
      /^\p{Ll}(?:[,.)]|$|\s)/u.test(part) &&
      !/^[iåoe]\b/u.test(part)
    ) {
      out += part;
    } else out = joinWrapped([out, part]);
  }
  return out;
}

/**
 * The measure text. Bullets inside a cell (a list of days to mark) stay list items, one per
 * line; a sentence that follows the list starts a new line.
 */
function measureText(parts: readonly string[]): string {
  const out: string[] = [];
  let inList = false;
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const item = bulletItem(part);
    if (item !== undefined) {
      out.push(`- ${item}`);
      inList = true;
      continue;
    }
    const last = out[out.length - 1];
    if (last === undefined) out.push(part);
    else if (inList && /[.!?:]$/.test(last) && /^\p{Lu}/u.test(part)) {
      out.push(part);
      inList = false;
    } else out[out.length - 1] = joinWrapped([last, part]);
  }
  return out.join('\n');
}
