/**
 * The plan header read from the text: organisation, period, edition, adoption. Only what the
 * document states; links between plans (predecessor, parent) are made by the caller.
 */

const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

/** The bodies that adopt plans, by the name used in "Vedtatt av ...". */
const ADOPTING_BODIES: Readonly<Record<string, string>> = {
  landsstyret: 'LS',
  landsmøtet: 'LM',
  årsmøtet: 'ÅM',
  fylkesårsmøtet: 'ÅM',
  representantskapet: 'RS',
};

/** "Oslo SV" -> "oslo-sv"; Norwegian letters are spelled out so ids stay ASCII. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const PARTY_SUFFIX: Readonly<Record<string, string>> = { sv: 'sv', arbeiderparti: 'ap', ap: 'ap' };
const ORG = /\b(\p{Lu}\p{Ll}+)\s+(SV|Arbeiderparti|Ap)(?:s|et)?\b/gu;

/** An organisation a text names: its slug ("bergen-rodt") and its name as written ("Bergen Rødt"). */
export interface NamedOrganisation {
  readonly slug: string;
  readonly name: string;
}

/**
 * The organisation named most often among `named` (ties to the first slug in order), with how
 * often, and its name as first written.
 */
export function mostNamed(
  named: Iterable<NamedOrganisation>,
): { readonly org: NamedOrganisation; readonly times: number } | undefined {
  const counts = new Map<string, { org: NamedOrganisation; times: number }>();
  for (const org of named) {
    const seen = counts.get(org.slug);
    counts.set(org.slug, { org: seen?.org ?? org, times: (seen?.times ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.times - a.times || a.org.slug.localeCompare(b.org.slug))[0];
}

/**
 * The organisation: "<Place> SV" / "<Place> Arbeiderparti" in the title, else the one the text
 * names most often; a text about SV that names no place is the national party ("sv"). With its
 * name as written ("Oslo SV").
 */
export function orgFromText(title: string, text: string): NamedOrganisation | undefined {
  const named = (m: RegExpMatchArray): NamedOrganisation => ({
    slug: orgSlug(m[1] ?? '', m[2] ?? ''),
    name: `${m[1] ?? ''} ${m[2] ?? ''}`,
  });
  const inTitle = [...title.matchAll(ORG)][0];
  if (inTitle) return named(inTitle);
  const best = mostNamed([...text.matchAll(ORG)].map(named));
  if (best && best.times >= 3) return best.org;
  if (/\bSVs?\b/.test(text)) return { slug: 'sv', name: 'SV' };
  return undefined;
}

function orgSlug(place: string, party: string): string {
  return `${slug(place)}-${PARTY_SUFFIX[party.toLowerCase()] ?? slug(party)}`;
}

/** "2024-2027" anywhere in the text given. */
export function periodIn(text: string): { from: number; to: number } | undefined {
  const m = /\b(\d{4})\s*[-–]\s*(\d{4})\b/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return to >= from && to - from <= 10 ? { from, to } : undefined;
}

/** "årsutgave for 2026" (Oslo SV) or "Endringene for 2026" (Buskerud SV's revised plan). */
export function editionIn(text: string): string | undefined {
  // \b does not see "å" as a word character, so the start of the word is a lookbehind.
  return (
    /(?<!\p{L})årsutgave(?: for)? (\d{4})\b/iu.exec(text)?.[1] ?? /\bEndringene for (\d{4})\b/.exec(text)?.[1]
  );
}

/** "Vedtatt av landsstyret, 15. januar 2022" -> { body: LS, date: 2022-01-15 }. */
export function adoptedIn(text: string): { body: string; date: string } | undefined {
  const m = /\bvedtatt av (\p{L}+),?\s+(\d{1,2})\.\s*(\p{L}+)\s+(\d{4})/iu.exec(text);
  if (!m) return undefined;
  const body = ADOPTING_BODIES[(m[1] ?? '').toLowerCase()];
  const month = MONTHS.indexOf((m[3] ?? '').toLowerCase()) + 1;
  if (!body || month === 0) return undefined;
  return { body, date: `${m[4]}-${String(month).padStart(2, '0')}-${(m[2] ?? '').padStart(2, '0')}` };
}

/** A title line: "Oslo SVs Arbeidsplan 2020-2023", "Arbeidsplan for Buskerud SV 2024-2027". */
export function isTitleLine(text: string): boolean {
  return (
    text.length <= 100 &&
    !/^https?:|\/\//.test(text) &&
    /\barbeids(?:plan|- og organisasjonsplan)/i.test(text) &&
    periodIn(text) !== undefined &&
    !/[.:]$/.test(text)
  );
}
