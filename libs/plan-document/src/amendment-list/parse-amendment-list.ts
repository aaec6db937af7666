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
}

interface Entry {
  no: number;
  line: number;
  fields: Map<string, { value: string; line: number }>;
}

/** "Forslag 1", "Forslag nr. 12", "Endringsforslag 3", "Forslag 4:" on a line of their own. */
const ENTRY = /^\s*(?:endrings)?forslag\s*(?:nr\.?\s*)?(\d+)\s*:?\s*$/i;
/** "Forslagsstiller: Sagene SV", "Type forslag: Endring", ... */
const FIELD = /^\s*(forslagsstiller|plass|type forslag|type|forslag|forklaring|begrunnelse)\s*:\s*(.*)$/i;
const QUOTED = /[«"“”'‘’]([^«»"“”'‘’]+)[»"“”'‘’]/g;

const FIELD_NAMES: Record<string, string> = {
  forslagsstiller: 'proposer',
  plass: 'place',
  'type forslag': 'type',
  type: 'type',
  forslag: 'proposal',
  forklaring: 'justification',
  begrunnelse: 'justification',
};

/**
 * Reads an amendment list in the numbered text shape parties circulate (Forslagsstiller,
 * Plass "Linje 38/39" / "Linje 50 tom 53" / "Ny linje 34", Type forslag Tillegg / Endring /
 * Stryking, Forslag "Stryke: ... Erstatte med: ...", Forklaring) into protocol amendments that
 * cite lines. Entries it cannot read are reported with their number, line and why; the rest
 * are returned.
 */
export function parseAmendmentList(text: string): AmendmentList {
  const entries: Entry[] = [];
  let current: Entry | undefined;
  let lastField: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const entry = ENTRY.exec(raw);
    if (entry) {
      current = { no: Number(entry[1]), line, fields: new Map() };
      entries.push(current);
      lastField = undefined;
      return;
    }
    if (!current) return;
    const field = FIELD.exec(raw);
    if (field) {
      lastField = FIELD_NAMES[field[1]!.toLowerCase()];
      if (lastField) current.fields.set(lastField, { value: field[2]!.trim(), line });
      return;
    }
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
      problem(`number ${entry.no} appears twice`);
      continue;
    }
    seen.add(entry.no);
    const place = entry.fields.get('place');
    const type = entry.fields.get('type');
    const proposal = entry.fields.get('proposal');
    if (!place) {
      problem('no "Plass:" (which lines it changes)');
      continue;
    }
    const target = parsePlace(place.value);
    if (!target) {
      problem(
        `cannot read the place "${place.value}" (expected "Linje 53", "Linje 50 tom 53", "Linje 38/39" or "Ny linje 34")`,
        place.line,
      );
      continue;
    }
    if (!proposal) {
      problem('no "Forslag:" (the text of the amendment)');
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
    amendments.push({
      no: entry.no,
      ...(proposer ? { proposer } : {}),
      target,
      ...change,
      ...(justification ? { justification } : {}),
    } as ProtocolAmendment);
  }
  return { amendments, issues };
}

/** "Linje 53" | "Linje 50 tom 53" | "Linje 50 t.o.m. 53" | "Linje 50-53" | "Linje 38/39" | "Ny linje 34". */
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
    const match = /stryke\s*:?\s*(.+?)\s*erstatte(?:s)? med\s*:?\s*(.+)$/i.exec(proposal);
    const from = match ? (quotes(match[1]!)[0] ?? match[1]!.trim()) : undefined;
    const to = match ? (quotes(match[2]!)[0] ?? match[2]!.trim()) : undefined;
    if (!from || !to) return 'an "Endring" needs "Stryke: «…» Erstatte med: «…»"';
    return { op: 'replace_text', from, to };
  }
  if (kind.startsWith('stryk')) {
    const struck = quotes(proposal);
    if (struck.length > 0) return { op: 'strike_text', text: struck[0]! };
    if (/hele|punktet|tiltaket|linjen|linjene/.test(lower)) return { op: 'strike_measure' };
    return 'a "Stryking" needs the struck text in quotes, or "Stryke hele punktet"';
  }
  if (kind.startsWith('tillegg')) {
    const [first, second] = quotes(proposal);
    if (target.new || /nytt (punkt|tiltak|kulepunkt)/.test(lower)) {
      const text = first ?? proposal.replace(/^nytt (punkt|tiltak|kulepunkt)\s*:?\s*/i, '').trim();
      if (!text) return 'a new point needs its text';
      return { op: 'add_measure', measure: { text } };
    }
    const after = /etter\s*:?\s*[«"“]([^»"”]+)[»"”]/i.exec(proposal);
    if (after && second) return { op: 'insert_text', after: after[1]!.trim(), text: ` ${second}` };
    if (first) return { op: 'insert_text', text: ` ${first}` };
    return 'a "Tillegg" needs the added text in quotes (and «after» text, or "Ny linje")';
  }
  return kind
    ? `unknown type "${kind}" (expected Tillegg, Endring or Stryking)`
    : 'no "Type forslag:" (Tillegg, Endring or Stryking)';
}
