import { type BodyDoc } from '@app/plan-document';

/**
 * Bodies come from the document's own abbreviation list ("Forkortelser benyttet i dokumentet":
 * "● FS: Fylkesstyret"). The same list tells the "Ansvar" column of a flattened table apart
 * from the text and timing columns, and which words of it are body codes.
 */
export function parseAbbreviation(item: string): BodyDoc | undefined {
  const m = /^([\p{L}][\p{L}-]*):\s+(.+)$/u.exec(item.trim());
  if (!m) return undefined;
  const code = m[1] ?? '';
  // Codes are short abbreviations ("FS", "BU-gruppe") or a capitalised collective ("Gruppene").
  if (code.length > 12) return undefined;
  return { code, name: withoutFullStop((m[2] ?? '').replace(/\s+/g, ' ').trim()) };
}

/**
 * A list's sentence-ending full stop off a name ("GD = Gudbrandsdølen Dagningen."), but not an
 * abbreviation's own ("Fylkesstyret m.fl.", "Lokallag osv.").
 */
function withoutFullStop(name: string): string {
  const last = /(\S+)\.$/.exec(name)?.[1];
  return last && last.length > 3 && !last.includes('.') ? name.slice(0, -1) : name;
}

/**
 * A line of an abbreviation list: one body written "FS: Fylkesstyret", "FS – Fylkesstyret" or
 * "FS = fylkesstyret", or several of them separated by commas or semicolons ("FS = fylkesstyret,
 * LL = lokallagene"). Undefined when the line is not such a list.
 */
export function parseAbbreviationLine(line: string): BodyDoc[] | undefined {
  const item = (text: string) => parseAbbreviation(text.trim().replace(/^(\S+?)\s*(?:=|\s[–-])\s*/, '$1: '));
  const parts = line.split(/[,;]/);
  if (parts.length > 1) {
    const each = parts.map(item);
    if (each.every((b) => b !== undefined)) return each as BodyDoc[];
  }
  const one = item(line);
  return one ? [one] : undefined;
}

/**
 * Inflected forms the documents use for a listed code: "BU-grupper og LL" means the
 * "BU-gruppe" body. Only forms that occur in the seeds are listed.
 */
const CODE_FORMS: Readonly<Record<string, string>> = {
  'BU-grupper': 'BU-gruppe',
  'BU-gruppene': 'BU-gruppe',
};

export interface BodyCodes {
  /** The code a token stands for, or undefined. */
  codeOf(token: string): string | undefined;
}

export function bodyCodes(bodies: readonly BodyDoc[]): BodyCodes {
  const codes = new Set(bodies.map((b) => b.code));
  return {
    codeOf(token: string): string | undefined {
      const t = token.replace(/[.:;]+$/, '');
      if (codes.has(t)) return t;
      const form = CODE_FORMS[t];
      return form !== undefined && codes.has(form) ? form : undefined;
    },
  };
}

/** Words that join codes without adding meaning: "FS og LL", "FS/ÅM", "FS, LL". */
const CONNECTORS = new Set(['og', '&']);

export interface Responsibility {
  /** Body codes in the order written; the first is the lead. */
  readonly responsible: string[];
  /** The parts of the Ansvar text that are not just codes, as written. */
  readonly note?: string;
}

/**
 * Splits an "Ansvar" cell: "FS, LL, BSG" -> [FS, LL, BSG]; "FS, fylkessekretær" -> [FS] and
 * note "fylkessekretær"; "FS i samarbeid med LL og BSG" -> [FS, LL, BSG] and the whole phrase
 * as the note, because the relation between the codes is only in the words.
 */
export function splitResponsibility(cell: string, codes: BodyCodes): Responsibility {
  const responsible: string[] = [];
  const noteParts: string[] = [];
  for (const rawPart of splitTopLevelCommas(cell)) {
    const part = rawPart.trim();
    if (part === '') continue;
    const tokens = part.split(/[\s/()]+/).filter((t) => t !== '');
    let pure = true;
    for (const token of tokens) {
      const code = codes.codeOf(token);
      if (code !== undefined) {
        if (!responsible.includes(code)) responsible.push(code);
      } else if (!CONNECTORS.has(token.toLowerCase())) pure = false;
    }
    if (!pure) noteParts.push(part);
  }
  const note = noteParts.join(', ');
  return note ? { responsible, note } : { responsible };
}

function splitTopLevelCommas(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
