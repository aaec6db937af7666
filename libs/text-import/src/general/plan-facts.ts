import { mostNamed, slug, type NamedOrganisation } from '../plan-header.js';
import {
  ADOPTED_WORDS,
  ADOPTING_BODIES,
  MONTHS,
  PARTIES,
  PLAN_WORDS,
  WORD_END,
  WORD_START,
  alternation,
} from '../vocabulary.js';

/**
 * What any plan says about itself in its title and first lines: that it is a plan, its period,
 * whose it is and when it was adopted. Words from the vocabulary table.
 */
const PLAN_WORD = new RegExp(
  `${WORD_START}(?:\\p{L}+-)?(?:${alternation(PLAN_WORDS)})(?:en|et)?${WORD_END}`,
  'iu',
);

export function namesAPlan(text: string): boolean {
  return PLAN_WORD.test(text) || /(?:plan|program)(?:en|et)?\b/i.test(text);
}

/** "2024-2027", "2025–26", "2025/2026", or a single year ("Årsplan 2026"). */
export function periodOf(text: string): { from: number; to: number } | undefined {
  const range = /(?<!\d)((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2}|\d{2})(?!\d)/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const toRaw = range[2] ?? '';
    const to = toRaw.length === 2 ? Math.floor(from / 100) * 100 + Number(toRaw) : Number(toRaw);
    if (to >= from && to - from <= 10) return { from, to };
  }
  const year = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(text);
  return year ? { from: Number(year[1]), to: Number(year[1]) } : undefined;
}

const PARTY = new RegExp(`${WORD_START}(${alternation(Object.keys(PARTIES))})(?:s|et|en)?${WORD_END}`, 'iu');
const NOT_A_PLACE = new Set([
  'for',
  'för',
  'i',
  'til',
  'og',
  'och',
  'af',
  'av',
  'plan',
  'lokallag',
  'lokallaget',
]);

/**
 * The organisation: a party named in the title with its place before it ("Bergen Rødt",
 * "Nordre Aker SV") or after it ("Vänsterpartiet Malmö"); else the one the text names most.
 */
export function organisationOf(title: string, text: string): NamedOrganisation | undefined {
  const inTitle = organisationIn(title);
  if (inTitle) return inTitle;
  const named = text
    .split('\n')
    .slice(0, 400)
    .map(organisationIn)
    .filter((org) => org !== undefined);
  return mostNamed(named)?.org;
}

function organisationIn(text: string): NamedOrganisation | undefined {
  const m = PARTY.exec(text);
  if (!m) return undefined;
  const party = PARTIES[(m[1] ?? '').toLowerCase()];
  if (!party) return undefined;
  // Party abbreviations count only as written in capitals ("SV", not "sv" in a sentence).
  if (m[1]!.length <= 3 && m[1] !== m[1]!.toUpperCase()) return undefined;
  const place = (words: string[]): string[] => {
    const out: string[] = [];
    for (const w of words) {
      const clean = w.replace(/[,.:;()«»"]/g, '').replace(/([^s])s$/, '$1');
      if (!/^\p{Lu}\p{Ll}+$/u.test(clean) || NOT_A_PLACE.has(clean.toLowerCase()) || namesAPlan(clean)) break;
      out.push(clean);
      if (out.length === 3) break;
    }
    return out;
  };
  const before = place(text.slice(0, m.index).trim().split(/\s+/).reverse()).reverse();
  const after = before.length
    ? []
    : place(
        text
          .slice((m.index ?? 0) + m[0].length)
          .trim()
          .split(/\s+/),
      );
  const where = before.length ? before : after;
  // The party as written ("Rødt", "Vänsterpartiet"; "SVs" without its genitive), with its place
  // where the text puts it.
  const partyWord = m[0] === `${m[1]}s` ? m[1]! : m[0];
  const name = (before.length ? [...before, partyWord] : [partyWord, ...after]).join(' ');
  return where.length
    ? { slug: `${slug(where.join(' '))}-${party}`, name }
    : { slug: party, name: partyWord };
}

const MONTH_INDEX = new Map(MONTHS.flatMap((forms, i) => forms.map((f) => [f, i + 1] as const)));
const ADOPTED = new RegExp(
  `(?:${alternation(ADOPTED_WORDS)})\\s+(\\p{L}+)?[,\\s]*(?:den\\s+)?(?:(\\d{1,2})\\.?\\s*(\\p{L}+)\\s+((?:19|20)\\d{2})|(\\d{1,2})\\.(\\d{1,2})\\.((?:19|20)\\d{2}))`,
  'iu',
);

/** "Vedtatt av årsmøtet 12. mars 2025", "Antagen av årsmötet den 3 mars 2026", "vedteke av årsmøtet 10.02.2026". */
export function adoptionOf(text: string): { body: string; date: string } | undefined {
  const m = ADOPTED.exec(text);
  if (!m) return undefined;
  const body = ADOPTING_BODIES[(m[1] ?? '').toLowerCase()];
  if (!body) return undefined;
  const month = m[3] ? MONTH_INDEX.get(m[3].toLowerCase()) : Number(m[6]);
  const day = Number(m[2] ?? m[5]);
  const year = m[4] ?? m[7];
  if (!month || month > 12 || !day || day > 31 || !year) return undefined;
  return { body, date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

const ADOPTING = new RegExp(
  `(?<![\\p{L}])(${alternation(Object.keys(ADOPTING_BODIES))})\\s+(?:vedtar|vedtek|vedtok|antar|fastställer|vedtager)\\b`,
  'iu',
);

/**
 * The body that adopts the plan, where the text says so without a date: "Fylkesårsmøtet vedtar
 * planen" -> ÅM; or the one a dated adoption names.
 */
export function adoptingBodyOf(text: string): string | undefined {
  const named = ADOPTING.exec(text)?.[1];
  return named ? ADOPTING_BODIES[named.toLowerCase()] : adoptionOf(text)?.body;
}
