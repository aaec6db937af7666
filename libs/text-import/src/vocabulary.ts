/**
 * The words plans are written with, in one table: what a label, a column header or a phrase in
 * the text means to the importer. Bokmål, nynorsk, Swedish and Danish side by side. Every
 * pattern the readers use is built from this table; a new word goes here and nowhere else.
 *
 * Words are written in lower case, as whole phrases; matching ignores case and a trailing colon.
 */

export type Role =
  /** A list of goals follows ("Mål:"), or the column of goals in a table. */
  | 'goals'
  /** A list of measures follows ("Tiltak:"), or the column of measures in a table. */
  | 'measures'
  /** Who is responsible ("Ansvar: FS"), or the column of it. */
  | 'responsible'
  /** When it is carried out ("Frist: 1. juni"), or the column of it. */
  | 'timing'
  /** Follow-up status or comments: a column that is not part of the plan's text. */
  | 'status'
  /** The number or letter of a row. */
  | 'number';

export const LABELS: Readonly<Record<Role, readonly string[]>> = {
  goals: [
    'mål',
    'delmål',
    'hovedmål',
    'hovudmål',
    'målsetting',
    'målsettinger',
    'målsetjing',
    'målsetjingar',
    'målsetning',
    'målsetninger',
    'våre mål',
    'mål for perioden',
    'overordnede mål',
    'overordna mål',
    'målsättning',
    'målsättningar',
    'mål för perioden',
    'vores mål',
    'målsætning',
    'målsætninger',
  ],
  measures: [
    'tiltak',
    'konkrete tiltak',
    'tiltak som bør gjennomføres',
    'aktiviteter',
    'aktivitet',
    'aktivitetar',
    'vi skal',
    'vi vil',
    'handlinger',
    'handling',
    'handlingar',
    'oppgaver',
    'oppgåver',
    'oppgave',
    'oppgåve',
    'åtgärder',
    'åtgärd',
    'aktiviteter och åtgärder',
    'vad',
    'hva',
    'kva',
    'hvad',
    'indsatser',
    'initiativer',
    'tiltak/aktivitet',
    'beskrivelse',
    'beskriving',
    'beskrivning',
  ],
  responsible: [
    'ansvar',
    'ansvarlig',
    'ansvarlige',
    'ansvarleg',
    'ansvarlege',
    'hvem',
    'kven',
    'ansvarig',
    'ansvariga',
    'vem',
    'hvem gjør det',
    'ansvarlig organ',
    'ansvaret',
    'hovedansvar',
    'hovudansvar',
  ],
  timing: [
    'frist',
    'tidsfrist',
    'når',
    'tidspunkt',
    'gjennomføring',
    'gjennomføres',
    'gjennomføring (når)',
    'tid',
    'tidsplan',
    'tidsrom',
    'tidsramme',
    'periode',
    'dato',
    'deadline',
    'gjennomføringstid',
    'tidpunkt',
    'när',
    'tidsperiod',
    'senast',
    'klart',
    'klar til',
    'ferdig',
    'tidsramme/frist',
    'hvornår',
  ],
  status: [
    'status',
    'oppfølging',
    'oppfølgjing',
    'uppföljning',
    'opfølgning',
    'kommentar',
    'kommentarer',
    'merknad',
    'notat',
  ],
  number: ['nr', 'nr.', '#', 'nummer', 'id'],
};

/** Words that name a plan in its title ("Handlingsplan for ... 2026"). */
export const PLAN_WORDS: readonly string[] = [
  'arbeidsplan',
  'arbeids- og organisasjonsplan',
  'handlingsplan',
  'årsplan',
  'arbeidsprogram',
  'aktivitetsplan',
  'virksomhetsplan',
  'verksemdsplan',
  'organisasjonsplan',
  'strategiplan',
  'verksamhetsplan',
  'handlingsplan',
  'arbetsplan',
  'aktivitetsplan',
  'arbejdsplan',
  'virksomhedsplan',
];

/** Seasons, as they open a timing phrase ("høsten 2026"). */
export const SEASONS: readonly string[] = [
  'vår',
  'våren',
  'høst',
  'høsten',
  'haust',
  'hausten',
  'vinter',
  'vinteren',
  'sommer',
  'sommeren',
  'sommar',
  'sommaren',
  'höst',
  'hösten',
  'efterår',
  'efteråret',
  'forår',
  'foråret',
  'nyåret',
  'nyttår',
  'nyttåret',
  'jul',
  'julen',
  'påske',
  'påsken',
  'første halvår',
  'andre halvår',
  'første halvdel',
  'andre halvdel',
  'tidlig',
  'slutten av',
  'starten av',
];

export const MONTHS: readonly (readonly string[])[] = [
  ['januar', 'januari', 'jan'],
  ['februar', 'februari', 'feb'],
  ['mars', 'marts', 'mar'],
  ['april', 'apr'],
  ['mai', 'maj'],
  ['juni', 'jun'],
  ['juli', 'jul'],
  ['august', 'augusti', 'aug'],
  ['september', 'sep', 'sept'],
  ['oktober', 'okt'],
  ['november', 'nov'],
  ['desember', 'december', 'des', 'dec'],
];

/** Timing without a date: recurring or ongoing work. */
export const RECURRING: readonly string[] = [
  'kontinuerlig',
  'kontinuerleg',
  'kontinuerligt',
  'løpende',
  'løpande',
  'löpande',
  'løbende',
  'fortløpende',
  'årlig',
  'årleg',
  'årligen',
  'årligt',
  'hvert år',
  'kvart år',
  'varje år',
  'hvert halvår',
  'kvart halvår',
  'månedlig',
  'månadleg',
  'månatligen',
  'månedligt',
  'hver måned',
  'kvar månad',
  'varje månad',
  'hver uke',
  'kvar veke',
  'varje vecka',
  'ukentlig',
  'vekentleg',
  'veckovis',
  'ved behov',
  'vid behov',
  'ganger i året',
  'gang i året',
  'gonger i året',
  'gånger per år',
  'gange om året',
  'ganger i måneden',
  'gang i måneden',
  'annenhver uke',
  'annenhver måned',
  'annakvar veke',
  'annakvar månad',
  'varannan vecka',
  'varannan månad',
  'hver lørdag',
  'kvar laurdag',
  'i måneden',
  'i månaden',
  'i uka',
  'i veka',
  'hele perioden',
  'heile perioden',
  'hela perioden',
  'gjennom året',
  'gjennom heile året',
  'hele året',
  'hela året',
];

/** Words that put a deadline before a date or season ("innen 1. juni", "senast i maj"). */
export const DEADLINE_WORDS: readonly string[] = [
  'innen',
  'innan',
  'inom',
  'senest',
  'seinast',
  'senast',
  'inden',
  'før',
  'föra',
  'före',
  'i løpet av',
  'i løpet av',
  'i løbet af',
  'under',
];

/**
 * Words that say who does something, for "– styret" at the end of a measure: a tail is taken
 * as the Ansvar only when it is one of these or ends like them.
 */
export const RESPONSIBLE_WORDS: readonly string[] = [
  'styret',
  'styre',
  'utvalg',
  'gruppe',
  'komité',
  'komite',
  'leder',
  'leiar',
  'leiaren',
  'lederen',
  'nestleder',
  'nestleiar',
  'sekretær',
  'sekretæren',
  'kasserer',
  'kassereren',
  'kassør',
  'lokallag',
  'lokallaget',
  'lokallagene',
  'lokallaga',
  'lokallagsleder',
  'fylkesstyret',
  'fylkeslaget',
  'fylkessekretær',
  'fylkessekretæren',
  'arbeidsutvalget',
  'alle',
  'medlemmene',
  'gruppa',
  'gruppen',
  'gruppene',
  'bystyregruppa',
  'kommunestyregruppa',
  'komiteen',
  'komitéen',
  'utvalget',
  'valgkomiteen',
  'nominasjonskomiteen',
  'programkomiteen',
  'kontoret',
  'sekretariatet',
  'ungdomslaget',
  'organisasjonssekretær',
  'organisasjonssekretæren',
  'valgkampleder',
  'valkampleiar',
  'medlemsansvarlig',
  'styrelsen',
  'ordförande',
  'ordföranden',
  'sekreterare',
  'kassör',
  'föreningen',
  'avdelningen',
  'lokalavdelningen',
  'distriktet',
  'kretsen',
  'bestyrelsen',
  'formand',
  'formanden',
  'afdelingen',
];

/** Endings of a word that names who is responsible ("kommunikasjonsansvarlig", "valgkomiteen"). */
export const RESPONSIBLE_ENDINGS: readonly string[] = [
  'ansvarlig',
  'ansvarleg',
  'ansvarig',
  'gruppa',
  'gruppen',
  'gruppene',
  'komiteen',
  'komitéen',
  'utvalget',
  'styret',
  'laget',
  'lagene',
  'laga',
  'leder',
  'leiar',
  'sekretær',
  'kontoret',
  'styrelsen',
  'kommittén',
  'avdelningen',
  'bestyrelsen',
  'udvalget',
];

/** Joins between responsible parties: "FS og LL", "styret/leder", "AU och styrelsen". */
export const RESPONSIBLE_JOINS: readonly string[] = [
  'og',
  'og/eller',
  'eller',
  'och',
  '&',
  '+',
  'i samarbeid med',
  'i samarbeid med',
  'i samarbete med',
  'sammen med',
  'saman med',
  'med hjelp fra',
];

/** "Vedtatt av årsmøtet 12. mars 2025": the bodies that adopt a plan, by the name used, and their code. */
export const ADOPTING_BODIES: Readonly<Record<string, string>> = {
  landsstyret: 'LS',
  landsmøtet: 'LM',
  årsmøtet: 'ÅM',
  årsmøte: 'ÅM',
  fylkesårsmøtet: 'ÅM',
  representantskapet: 'RS',
  medlemsmøtet: 'ÅM',
  årsmötet: 'ÅM',
  medlemsmötet: 'ÅM',
  generalforsamlingen: 'ÅM',
  landsmödet: 'LM',
  kongressen: 'LM',
};

/** Words that say a plan was adopted: "vedtatt av", "vedteke av" (nynorsk), "antagen av" (Swedish), "vedtaget af". */
export const ADOPTED_WORDS: readonly string[] = [
  'vedtatt av',
  'vedtatt på',
  'vedteke av',
  'vedteken av',
  'vedtatt i',
  'antagen av',
  'antagen på',
  'fastställd av',
  'vedtaget af',
  'vedtaget på',
];

/** Infinitives and openings that make a line read as an action to carry out (a measure). */
export const ACTION_OPENINGS: readonly string[] = [
  'vi skal',
  'vi vil',
  'laget skal',
  'styret skal',
  'lokallaget skal',
  'lokallagene skal',
  'alle skal',
  'det skal',
  'arrangere',
  'arrangera',
  'lage',
  'laga',
  'gjennomføre',
  'gjennomføra',
  'genomföra',
  'etablere',
  'etablera',
  'verve',
  'verva',
  'värva',
  'invitere',
  'invitera',
  'holde',
  'halde',
  'hålla',
  'delta',
  'skolere',
  'skolera',
  'starte',
  'starta',
  'sende',
  'senda',
  'skicka',
  'publisere',
  'publisera',
  'organisere',
  'organisera',
  'jobbe',
  'jobba',
  'arbeide',
  'arbeta',
  'bidra',
  'følge opp',
  'fylgje opp',
  'följa upp',
  'oppdatere',
  'oppdatera',
  'planlegge',
  'planleggje',
  'planera',
  'utarbeide',
  'utarbeida',
  'ta fram',
  'sørge for',
  'sørgje for',
  'se till',
  'styrke',
  'styrkja',
  'stärka',
  'ha ',
  'skipe',
  'skipa',
  'ordne',
  'ordna',
  'anordna',
  'bjuda in',
  'rekruttere',
  'rekruttera',
  'stå på stand',
  'dele ut',
  'dela ut',
  'kartlegge',
  'kartleggje',
  'kartlägga',
  'samle',
  'samla',
  'lansere',
  'lansera',
  'besøke',
  'besøkje',
  'besöka',
  'kontakte',
  'kontakta',
  'tilby',
  'erbjuda',
  'afholde',
  'udarbejde',
];

/** Matching helpers built from the table: lower case, whitespace collapsed, trailing colon off. */
export function normaliseLabel(text: string): string {
  return text
    .replace(/[*_]+/g, '')
    .replace(/[:.]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const ROLE_OF = new Map<string, Role>();
for (const [role, words] of Object.entries(LABELS) as [Role, readonly string[]][])
  for (const w of words) if (!ROLE_OF.has(w)) ROLE_OF.set(w, role);

/** The role of a label or column header ("Tiltak:", "Ansvarlig", "Når?"), or undefined. */
export function roleOf(text: string): Role | undefined {
  const t = normaliseLabel(text).replace(/\?$/, '');
  return ROLE_OF.get(t);
}

/** A label and what follows it on the line; `number` when the document numbers the element there. */
export interface Labelled {
  readonly role: Role;
  readonly label: string;
  readonly value: string;
  /** "1.2" of "Tiltak 1.2: Stand hver lørdag": the document's own number of a goal or measure. */
  readonly number?: string;
}

/**
 * "Tiltak 1.2: Stand", "Mål 3 – Flere medlemmer", "Aktivitet nr. 4. Sommerfest": a goal or
 * measure label with the document's number and a separator (colon, dash, or the number's own
 * full stop), then the element's text. Without a separator ("Tiltak 3 ganger i året") it is prose.
 */
const NUMBERED_LABEL =
  /^\s*(?:\*\*)?([\p{L}][\p{L} ]{0,24}?)\s+(?:nr\.?\s*)?(\d{1,3}(?:\.\d{1,3}){0,3})(?:\s*[:–—-]|\.)(?:\*\*)?\s+(\S.*)$/u;

/**
 * "Ansvar: styret" -> { role: responsible, value: "styret" }: a label and what follows it on the
 * line; "Tiltak 1.2: Stand hver lørdag" -> { role: measures, value: "Stand hver lørdag", number: "1.2" }.
 */
export function labelled(text: string): Labelled | undefined {
  const m = /^\s*(?:\*\*)?([\p{L}][\p{L} /()-]{0,40}?)(?:\*\*)?\s*[:]\s*(.*)$/u.exec(text);
  const role = m ? roleOf(m[1] ?? '') : undefined;
  if (m && role) return { role, label: (m[1] ?? '').trim(), value: (m[2] ?? '').trim() };
  const n = NUMBERED_LABEL.exec(text);
  const numberedRole = n ? roleOf(n[1] ?? '') : undefined;
  if (!n || (numberedRole !== 'goals' && numberedRole !== 'measures')) return undefined;
  return { role: numberedRole, label: (n[1] ?? '').trim(), value: (n[3] ?? '').trim(), number: n[2]! };
}

/**
 * Labels of a measure's description under its numbered title ("Tiltak 1.1: Verving" then
 * "Beskrivelse: Vi står på stand ..."): the description goes on the same measure.
 */
export const DESCRIPTION_LABELS: ReadonlySet<string> = new Set([
  'beskrivelse',
  'beskriving',
  'beskrivning',
  'hva',
  'kva',
  'hvad',
  'vad',
]);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
export const alternation = (words: readonly string[]): string =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

/** A word boundary that knows æ, ø and å are letters. */
export const WORD_START = '(?<![\\p{L}\\p{N}])';
export const WORD_END = '(?![\\p{L}\\p{N}])';

/**
 * Parties, as their names appear in a plan's title ("Bergen Rødt", "Vänsterpartiet Malmö"),
 * with the short form used in organisation ids (oslo-sv, bergen-rodt, malmo-v).
 */
export const PARTIES: Readonly<Record<string, string>> = {
  sv: 'sv',
  'sosialistisk venstreparti': 'sv',
  ap: 'ap',
  arbeiderpartiet: 'ap',
  arbeiderparti: 'ap',
  arbeidarpartiet: 'ap',
  rødt: 'rodt',
  raudt: 'rodt',
  mdg: 'mdg',
  'miljøpartiet de grønne': 'mdg',
  venstre: 'v',
  høyre: 'h',
  høgre: 'h',
  krf: 'krf',
  senterpartiet: 'sp',
  senterparti: 'sp',
  sp: 'sp',
  frp: 'frp',
  fremskrittspartiet: 'frp',
  su: 'su',
  'sosialistisk ungdom': 'su',
  auf: 'auf',
  vänsterpartiet: 'v',
  socialdemokraterna: 's',
  miljöpartiet: 'mp',
  centerpartiet: 'c',
  enhedslisten: 'el',
  socialdemokratiet: 's',
  sf: 'sf',
};

/**
 * Words a chapter heading may number itself with ("Kapittel 1: Organisasjon", "Del II – Valg",
 * "Kap. 3 Skolering", "Innsatsområde 2: Politikk", "Tema 4 – Valg"): the number is the section's,
 * the rest its title.
 */
export const CHAPTER_WORDS: readonly string[] = [
  'kapittel',
  'kap.',
  'kap',
  'del',
  'kapitel',
  'avsnitt',
  'innsatsområde',
  'satsingsområde',
  'satsområde',
  'fokusområde',
  'hovedområde',
  'hovudområde',
  'område',
  'tema',
];

/** Headings of a list of abbreviations ("Forkortelser: FS – Fylkesstyret"). */
export const ABBREVIATION_HEADINGS: readonly string[] = [
  'forkortelser',
  'forkortingar',
  'forkortinger',
  'förkortningar',
  'forkortelser benyttet i dokumentet',
  'forkortelser brukt i planen',
];

/**
 * A table's header flattened into one line ("Tiltak Gjennomføring Ansvar", "Tiltak: Tidspunkt
 * Ansvarlig", "Aktivitet Frist Hvem"): the role of each column in order, or undefined when the
 * line is not such a header (it needs a column of measures and one of timing or Ansvar).
 */
export function flatTableHeader(line: string): Role[] | undefined {
  const words = line
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length < 2 || words.length > 5) return undefined;
  const roles = words.map((w) => roleOf(w));
  if (roles.some((r) => r === undefined)) return undefined;
  const known = roles as Role[];
  return known.includes('measures') && (known.includes('timing') || known.includes('responsible'))
    ? known
    : undefined;
}
