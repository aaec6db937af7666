import type { ProtocolAmendment, ProtocolTarget } from '../meeting-protocol/meeting-protocol.js';

/** An entry of the list it could not turn into an amendment, and why. */
export interface AmendmentListIssue {
  readonly no: number | undefined;
  readonly line: number;
  readonly message: string;
}

export interface AmendmentList {
  readonly amendments: ProtocolAmendment[];
  readonly issues: AmendmentListIssue[];
  /** The organisation and plan the list names before its first entry ("Organisasjon: Oslo SV"), if it does. */
  readonly names: { readonly organisation?: NamedIn; readonly plan?: NamedIn };
  /** How many entries it has ("Forslag 1", "1."). */
  readonly entries: number;
}

export interface NamedIn {
  readonly value: string;
  readonly line: number;
}

interface Entry {
  no: number;
  line: number;
  fields: Map<string, { value: string; line: number }>;
}

/** "Forslag 1", "Forslag nr. 12", "Endringsforslag 3", "Forslag 4:" on a line of their own. */
const ENTRY = /^\s*(?:endrings)?forslag\s*(?:nr\.?\s*)?(\d+)\s*:?\s*$/i;
/**
 * "1.", "2)" opening a line, as a web page's numbered list is copied: alone, or with the first
 * label run into it ("1.ForslagsstillerKari Nordmann").
 */
const NUMBERED = /^\s*(\d{1,4})\s*[.)]\s*(.*)$/;
/** The labels of an entry, longest first ("Forslagsstiller" before "Forslag"). */
const LABELS =
  'redaksjonskomiteens innstilling|komiteens innstilling|forslagsstiller|type forslag|innstilling|begrunnelse|forklaring|forslag|plass|type';
/**
 * "Forslagsstiller: Sagene SV", and the same with the label run into its value as a web page's
 * table flattens it ("ForslagsstillerKari Nordmann", "PlassLinje 12/13", "Type forslagTillegg"):
 * without a colon, the value starts with a capital, a digit or a quote, so "Forslaget om ..."
 * in a proposal's text is not read as a label.
 */
const FIELD = new RegExp(
  `^\\s*(${anyCase(LABELS)})(?:\\s*:\\s*|(?=[A-ZÆØÅ0-9«"“])|\\s+(?=[A-ZÆØÅ«"“]))(.*)$`,
);
/** Before the first entry: which organisation and plan the list is for. */
const HEADER = new RegExp(
  `^\\s*(${anyCase('organisasjon|fylkeslag|lokallag|lag|plan')})(?:\\s*:\\s*|(?=[A-ZÆØÅ0-9]))(.+)$`,
);

/** A pattern's letters in either case, so only what follows a label is case-sensitive. */
function anyCase(pattern: string): string {
  return pattern.replace(/\p{L}/gu, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).replace(/ /g, '\\s+');
}
const QUOTED = /[«"“”'‘’]([^«»"“”'‘’]+)[»"“”'‘’]/g;

const FIELD_NAMES: Record<string, string> = {
  forslagsstiller: 'proposer',
  plass: 'place',
  'type forslag': 'type',
  type: 'type',
  forslag: 'proposal',
  forklaring: 'justification',
  begrunnelse: 'justification',
  innstilling: 'recommendation',
  'komiteens innstilling': 'recommendation',
  'redaksjonskomiteens innstilling': 'recommendation',
};

/**
 * Reads an amendment list in the numbered text shape parties circulate (Forslagsstiller,
 * Plass "Linje 38/39" / "Linje 50 tom 53" / "Ny linje 34" / "Tiltak 4.2.B", Type forslag
 * Tillegg / Endring / Stryking, Forslag "Stryke: ... Erstatte med: ...", Forklaring) into
 * protocol amendments that cite lines or elements. Entries it cannot read are reported with
 * their number, line and why; the rest are returned.
 */
export function parseAmendmentList(text: string): AmendmentList {
  const entries: Entry[] = [];
  const names: { organisation?: NamedIn; plan?: NamedIn } = {};
  let current: Entry | undefined;
  let lastField: string | undefined;
  const readField = (raw: string, line: number): boolean => {
    const field = FIELD.exec(raw);
    if (!field || !current) return false;
    lastField = FIELD_NAMES[field[1]!.toLowerCase().replace(/\s+/g, ' ')];
    if (lastField) current.fields.set(lastField, { value: field[2]!.trim(), line });
    return true;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const entry = ENTRY.exec(raw);
    // "3." opens an entry when it is the first or the next number: a numbered line inside a
    // proposal's text ("1. Vi skal ...") is not taken for one.
    const numbered = entry ? undefined : NUMBERED.exec(raw);
    const next = entries.length === 0 ? undefined : entries[entries.length - 1]!.no + 1;
    const opens = numbered && (next === undefined ? true : Number(numbered[1]) === next);
    if (entry || (numbered && opens && (numbered[2] === '' || FIELD.test(numbered[2]!)))) {
      current = { no: Number((entry ?? numbered)![1]), line, fields: new Map() };
      entries.push(current);
      lastField = undefined;
      if (numbered?.[2]) readField(numbered[2], line);
      return;
    }
    if (!current) {
      const header = HEADER.exec(raw);
      if (header) {
        const key = header[1]!.toLowerCase() === 'plan' ? 'plan' : 'organisation';
        names[key] = { value: header[2]!.trim(), line };
      }
      return;
    }
    if (readField(raw, line)) return;
    // A field's text may run over several lines.
    if (lastField && raw.trim() !== '') {
      const previous = current.fields.get(lastField)!;
      current.fields.set(lastField, { value: `${previous.value} ${raw.trim()}`.trim(), line: previous.line });
    }
  });

  const amendments: ProtocolAmendment[] = [];
  const issues: AmendmentListIssue[] = [];
  const seen = new Set<number>();
  for (const entry of entries) {
    const problem = (message: string, line = entry.line): void => {
      issues.push({ no: entry.no, line, message });
    };
    if (seen.has(entry.no)) {
      problem(`nummer ${entry.no} står to ganger`);
      continue;
    }
    seen.add(entry.no);
    const place = entry.fields.get('place');
    const type = entry.fields.get('type');
    const proposal = entry.fields.get('proposal');
    if (!place) {
      problem('mangler «Plass:» (hvilke linjer eller hvilket tiltak forslaget endrer)');
      continue;
    }
    const target = parsePlace(place.value);
    if (!target) {
      problem(
        `forstår ikke plassen «${place.value}» (skriv «Linje 53», «Linje 50 tom 53», «Linje 38/39», «Ny linje 34», «Tiltak 4.2.B», «Mål 3.1.g2» eller «Kapittel 3»)`,
        place.line,
      );
      continue;
    }
    if (!proposal) {
      problem('mangler «Forslag:» (teksten i endringsforslaget)');
      continue;
    }
    const kind = type?.value.toLowerCase().trim() ?? '';
    const change = changeOf(kind, proposal.value, target);
    if (typeof change === 'string') {
      problem(change, (type ?? proposal).line);
      continue;
    }
    const proposer = entry.fields.get('proposer')?.value;
    const justification = entry.fields.get('justification')?.value;
    const recommendation = recommendationOf(entry.fields.get('recommendation')?.value, change.op);
    amendments.push({
      no: entry.no,
      ...(proposer ? { proposer } : {}),
      target,
      ...change,
      ...(justification ? { justification } : {}),
      ...recommendation,
    } as ProtocolAmendment);
  }
  return { amendments, issues, names, entries: entries.length };
}

/**
 * "Innstilling: Vedtas", "Avvises", "Oversendes styret", "Vedta med endring: «...»": the word as
 * written (the meeting's vocabulary reads it, in Norwegian or English), and the committee's text
 * in quotes as the field the amendment's operation changes.
 */
function recommendationOf(
  written: string | undefined,
  op: ProtocolAmendment['op'],
): Pick<ProtocolAmendment, 'recommendation' | 'modified'> {
  if (!written) return {};
  const [text] = quotes(written);
  const word = written
    .replace(QUOTED, '')
    .replace(/[:\s]+$/, '')
    .trim();
  if (text === undefined) return { recommendation: word };
  const modified =
    op === 'replace_text'
      ? { to: text }
      : op === 'insert_text' || op === 'strike_text'
        ? { text }
        : op === 'add_measure'
          ? { measure: { text } }
          : op === 'add_goal'
            ? { goal: { text } }
            : op === 'change_timing'
              ? { timing: text }
              : undefined;
  return { recommendation: word, ...(modified ? { modified } : {}) };
}

/**
 * "Linje 53" | "Linje 50 tom 53" | "Linje 50 t.o.m. 53" | "Linje 50-53" | "Linje 38/39" | "Ny linje 34",
 * or an element: "Tiltak 4.2.B" | "Tiltak 1.2" | "Mål 3.1.g2" | "Kapittel 3".
 */
export function parsePlace(place: string): ProtocolTarget | undefined {
  const text = place.toLowerCase().replace(/\s+/g, ' ').trim();
  const fresh = /^ny(?:e)? linje (\d+)/.exec(text);
  if (fresh) return { line: Number(fresh[1]), new: true };
  const range = /^linje(?:ne)? (\d+) ?(?:tom|t\.o\.m\.?|til og med|-|–|\/) ?(\d+)/.exec(text);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    return { lines: `${Math.min(a, b)}-${Math.max(a, b)}` };
  }
  const single = /^linje (\d+)/.exec(text);
  if (single) return { lines: `${single[1]}-${single[1]}` };
  // A list that cites elements instead of lines: "Tiltak 4.2.B", "Tiltak 1.2" (as the document
  // numbered it), "Mål 3.1.g2", "Kapittel 3". The meeting resolves the address in the plan.
  const element = /^(tiltak|mål|kapittel|kap\.?) (?:nr\.? ?)?(\d[\da-zæøå.]*?)\.?(?=[\s,;:)]|$)/.exec(text);
  if (element) {
    const [, word, ref] = element as unknown as [string, string, string];
    if (word === 'tiltak') return { measure: ref.toUpperCase() };
    if (word === 'mål') return { goal: ref };
    return { section: ref };
  }
  return undefined;
}

const quotes = (text: string): string[] => [...text.matchAll(QUOTED)].map((m) => m[1]!.trim());

/** The operation and its fields, or why the proposal cannot be read. */
function changeOf(
  kind: string,
  proposal: string,
  target: ProtocolTarget,
): Pick<ProtocolAmendment, 'op' | 'from' | 'to' | 'after' | 'text' | 'measure'> | string {
  const lower = proposal.toLowerCase();
  if (kind.startsWith('endring')) {
    // A whole paragraph (or point) replaced: "Erstatte avsnittet med: «...»", "Ny tekst: «...»".
    const whole =
      /^(?:erstatte(?:s)?\s+(?:hele\s+)?(?:avsnittet|punktet|teksten|tiltaket|målet|linjene|linjen)\s+med|ny(?:\s+tekst)?|nytt\s+avsnitt)\s*:?\s*(.+)$/i.exec(
        proposal.trim(),
      );
    if (whole) {
      const to = quotes(whole[1]!)[0] ?? whole[1]!.trim();
      if (!to) return 'en «Endring» av et helt avsnitt trenger den nye teksten';
      return { op: 'replace_text', to };
    }
    const match = /stryke\s*:?\s*(.+?)\s*erstatte(?:s)? med\s*:?\s*(.+)$/i.exec(proposal);
    const from = match ? (quotes(match[1]!)[0] ?? match[1]!.trim()) : undefined;
    const to = match ? (quotes(match[2]!)[0] ?? match[2]!.trim()) : undefined;
    if (!from || !to)
      return 'en «Endring» trenger «Stryke:» med teksten som strykes og «Erstatte med:» med den nye, begge i anførselstegn';
    return { op: 'replace_text', from, to };
  }
  if (kind.startsWith('stryk')) {
    const struck = quotes(proposal);
    if (struck.length > 0) return { op: 'strike_text', text: struck[0]! };
    if (/hele|punktet|tiltaket|linjen|linjene/.test(lower)) return { op: 'strike_measure' };
    return 'en «Stryking» trenger teksten som strykes i anførselstegn, eller «Stryke hele punktet»';
  }
  if (kind.startsWith('tillegg')) {
    const [first, second] = quotes(proposal);
    if (target.new || /nytt (punkt|tiltak|kulepunkt)/.test(lower)) {
      const text = first ?? proposal.replace(/^nytt (punkt|tiltak|kulepunkt)\s*:?\s*/i, '').trim();
      if (!text) return 'et nytt punkt trenger teksten sin';
      return { op: 'add_measure', measure: { text } };
    }
    const after = /etter\s*:?\s*[«"“]([^»"”]+)[»"”]/i.exec(proposal);
    if (after && second) return { op: 'insert_text', after: after[1]!.trim(), text: ` ${second}` };
    if (first) return { op: 'insert_text', text: ` ${first}` };
    return 'et «Tillegg» trenger teksten som legges til i anførselstegn (og teksten den skal stå etter, eller «Ny linje»)';
  }
  return kind
    ? `ukjent forslagstype «${kind}» (Tillegg, Endring eller Stryking)`
    : 'mangler «Type forslag:» (Tillegg, Endring eller Stryking)';
}
