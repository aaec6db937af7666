import { type BodyCodes } from '../bodies.js';
import { LABELS, alternation } from '../vocabulary.js';
import { namesResponsible, splitParties } from './responsible-parties.js';
import { timingIn } from './timing-phrase.js';

/**
 * One measure as a plan writes it in running text, taken apart: its text, its timing and who
 * is responsible. The Ansvar and timing may stand
 *  - on lines of their own under the measure ("Ansvar: lokallagene", "Frist: 1. juni"),
 *  - in the line, labelled ("(Ansvar: FS, frist: mai)", "... Ansvarlig: styret."),
 *  - at its end after a dash ("Arrangere sommerfest – styret"),
 *  - or, for timing, in the words themselves ("innen 1. juni", "høsten 2026").
 */
export interface MeasureParts {
  readonly text: string;
  readonly timing?: string;
  /** The timing was found in the words ("innen 1. juni"), not under a label: a labelled one beside it wins. */
  readonly timingInWords?: boolean;
  readonly responsible: string[];
  readonly named: string[];
  /** For each input line, what it held: the text, or only a timing or Ansvar label. */
  readonly lineKinds: ('measure' | 'timing' | 'responsible')[];
}

const SEGMENT = new RegExp(
  `(?:^|(?<=[\\s.;,(]))(${alternation([...LABELS.responsible, ...LABELS.timing])})\\s*:\\s*`,
  'giu',
);
const RESPONSIBLE_LABEL = new RegExp(`^(?:${alternation(LABELS.responsible)})$`, 'iu');
const TRAILING_DASH = /\s[–—-]\s+([^–—]{2,60}?)\.?$/u;

export function measureParts(
  lines: readonly string[],
  codes: BodyCodes,
  allowTimingInText = true,
): MeasureParts {
  const text: string[] = [];
  let timing: string | undefined;
  const ansvar: string[] = [];
  const lineKinds: MeasureParts['lineKinds'] = [];

  for (const line of lines) {
    const segments = [...line.matchAll(SEGMENT)];
    const before = segments.length ? line.slice(0, segments[0]!.index) : line;
    segments.forEach((m, k) => {
      const end = k + 1 < segments.length ? segments[k + 1]!.index : line.length;
      const value = line
        .slice((m.index ?? 0) + m[0].length, end)
        .replace(/[\s,;]+$/, '')
        .replace(/\)\s*\.?$/, '')
        .replace(/\.$/, '')
        .trim();
      if (value === '') return;
      if (RESPONSIBLE_LABEL.test(m[1] ?? '')) ansvar.push(value);
      else timing ??= value;
    });
    const own = before.replace(/\(\s*$/, '').trim();
    if (own !== '') {
      text.push(own);
      lineKinds.push('measure');
    } else
      lineKinds.push(
        segments.length && RESPONSIBLE_LABEL.test(segments[0]![1] ?? '') ? 'responsible' : 'timing',
      );
  }

  if (ansvar.length === 0 && text.length) {
    const last = text[text.length - 1]!;
    const dash = TRAILING_DASH.exec(last);
    if (dash && namesResponsible(dash[1] ?? '', codes)) {
      ansvar.push(dash[1]!.trim());
      text[text.length - 1] = last.slice(0, dash.index).trim();
    }
  }
  const joined = joinLines(text);
  const labelled = timing !== undefined;
  timing ??= allowTimingInText ? timingIn(joined) : undefined;
  const parties = ansvar.length ? splitParties(ansvar.join(', '), codes) : { responsible: [], named: [] };
  return {
    text: joined,
    ...(timing ? { timing } : {}),
    ...(timing && !labelled ? { timingInWords: true } : {}),
    responsible: parties.responsible,
    named: parties.named,
    lineKinds,
  };
}

/** Wrapped lines joined; sub-items ("- ...") stay lines of their own. */
function joinLines(lines: readonly string[]): string {
  const out: string[] = [];
  for (const l of lines) {
    if (l.startsWith('- ') || out.length === 0) out.push(l);
    else if (out[out.length - 1]!.startsWith('- ') && !/^\p{Ll}/u.test(l)) out.push(l);
    else out[out.length - 1] = `${out[out.length - 1]} ${l}`;
  }
  return out
    .join('\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** True when any line carries an Ansvar or a timing label ("Ansvar: ...", "(Frist: ...)"). */
export function hasLabelledParts(line: string): boolean {
  return new RegExp(SEGMENT.source, 'iu').test(line);
}
