import { isoDate } from './calendar.js';
import { parseWindowPhrase } from './parse-window.js';
import type { Timing, TimingContext } from './timing.types.js';
import { foldNorwegian } from './vocabulary.js';

type Every = Extract<Timing, { kind: 'recurring' }>['every'];

/**
 * Recurrence words, matched in folded text. Whichever occurs first wins, so
 * "Årlig/ved behov" is yearly and "Kontinuerlig, spesielt høst" is continuous.
 * \b keeps "arlig" from matching inside "halvarlig", and "i lopet av" (during) is not "lopende".
 */
const RECURRENCES: [Every, RegExp][] = [
  [
    'continuous',
    /\b(kontinuerlig\w*|kontinuering|(?:fort)?l[og]pende|jevnlig|hele (?:aret|perioden)|gjennom (?:hele )?(?:aret|perioden))\b/,
  ],
  [
    'half_year',
    /\b(halvarlig\w*|halvarige?|hvert halvar|(?:i|per|pr\.?) halvar(?:et)?|to ganger (?:i|per|pr\.?) ar(?:et)?)\b/,
  ],
  ['year', /\b(arlig\w*|hvert ar|(?:en|ett|1) gang (?:i|per|pr\.?) ar(?:et)?|(?:per|pr\.?) ar)\b/],
  ['quarter', /\b(kvartalsvis|hvert kvartal|(?:i|per|pr\.?) kvartal(?:et)?)\b/],
  ['month', /\b(manedlig\w*|hver maned|(?:i|per|pr\.?) maned(?:en)?)\b/],
];

/** Events a measure can be tied to without a date: the annual meeting, an election, a need. */
const ANCHORS: [string, RegExp][] = [
  ['annual_meeting', /\b(am|(?:fylkes)?arsmot\w*)\b/],
  // Compounds too ("lokalvalget", "fylkestingsvalget"), but not a committee ("utvalget").
  ['election', /(?<!ut)valg(?:et|ene|dagen|kampen|kamp)?\b/],
  ['as_needed', /\b(?:ved|etter) behov\b/],
];

/** Any other "after X" / "before X": the anchor is X, in the plan's own words. */
const GENERIC_ANCHOR =
  /^(?:umiddelbart |rett |like |straks )?(?:etter|i etterkant av|i forkant av|for|innen|til)\s+(.+)$/;

/**
 * Parse the timing text of a measure. Never rejects: text it cannot read is 'unparsed',
 * and the raw text is kept on every result.
 * @param context the plan period, which bounds continuous and recurring measures
 */
export function parseTiming(raw: string, context: TimingContext = {}): Timing {
  const original = clean(raw).toLowerCase();
  // Remarks in brackets ("Årlig (I 2026 ble dette gjennomført i januar)") comment on the
  // timing rather than set it: they would otherwise turn a yearly measure into a window.
  const lower = original
    .replace(/\([^)]*\)?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const text = foldNorwegian(lower);
  if (text === '') return { kind: 'unparsed', raw };

  const every = firstRecurrence(text);
  if (every) return { kind: 'recurring', raw, every, ...periodBounds(context) };

  for (const [anchor, pattern] of ANCHORS) {
    if (pattern.test(text)) return { kind: 'relative', raw, anchor, description: clean(raw) };
  }

  const window = parsePhases(text, lower);
  if (window) return { kind: 'window', raw, ...window };

  const generic = GENERIC_ANCHOR.exec(text);
  if (generic && (!text.startsWith('for ') || lower.startsWith('før '))) {
    const anchor = lower.slice(lower.length - generic[1]!.length);
    return { kind: 'relative', raw, anchor, description: clean(raw) };
  }
  return { kind: 'unparsed', raw };
}

/** Trimmed, single-spaced, without bullets or trailing punctuation. */
function clean(raw: string): string {
  return raw
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[-*•●·]\s*/, '')
    .replace(/[\s.,;:!?]+$/, '');
}

function firstRecurrence(text: string): Every | undefined {
  let best: { every: Every; at: number } | undefined;
  for (const [every, pattern] of RECURRENCES) {
    const at = pattern.exec(text)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { every, at };
  }
  return best?.every;
}

function periodBounds(context: TimingContext): { from?: string; to?: string } {
  const bounds: { from?: string; to?: string } = {};
  if (Number.isInteger(context.periodFrom)) bounds.from = isoDate(context.periodFrom!, 1, 1);
  if (Number.isInteger(context.periodTo)) bounds.to = isoDate(context.periodTo!, 12, 31);
  return bounds;
}

/**
 * Texts with several phases ("Planlegge høst 2026, gjennomføre tidlig 2027", "vår og høst
 * 2026", "høst 2026 - vår 2027") are due over the span of all of them: from the start of
 * the first phase to the end of the last, since the measure is not done before its last
 * phase is. A phase without a year borrows the nearest year after it, else before it.
 */
function parsePhases(text: string, lower: string): { from: string; to: string } | undefined {
  const separator = /\s*(?:,|;|\bog\b|\bsamt\b|\s-\s)\s*/g;
  const phases: { text: string; original: string }[] = [];
  let start = 0;
  for (const m of text.matchAll(separator)) {
    phases.push({ text: text.slice(start, m.index), original: lower.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  phases.push({ text: text.slice(start), original: lower.slice(start) });

  const years = phases.map((p) => /\b(\d{4})\b/.exec(p.text)?.[1]);
  let from: string | undefined;
  let to: string | undefined;
  phases.forEach((phase, i) => {
    if (phase.text === '') return;
    const window = parseWindowPhrase(phase.text, phase.original, yearNear(years, i));
    if (!window) return;
    if (from === undefined || window.from < from) from = window.from;
    if (to === undefined || window.to > to) to = window.to;
  });
  return from !== undefined && to !== undefined ? { from, to } : undefined;
}

function yearNear(years: (string | undefined)[], i: number): number | undefined {
  const later = years.slice(i).find((y) => y !== undefined);
  const earlier = years
    .slice(0, i)
    .reverse()
    .find((y) => y !== undefined);
  const year = later ?? earlier;
  return year === undefined ? undefined : Number(year);
}
