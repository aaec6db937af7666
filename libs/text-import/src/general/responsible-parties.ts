import { type BodyCodes } from '../bodies.js';
import {
  RESPONSIBLE_ENDINGS,
  RESPONSIBLE_JOINS,
  RESPONSIBLE_WORDS,
  WORD_END,
  WORD_START,
  alternation,
} from '../vocabulary.js';

/**
 * Who is responsible, from an Ansvar cell or phrase: the declared bodies (codes of the
 * document's abbreviation list) and the named parties that are not bodies ("styret",
 * "Programkomitéene", "Skeive sosialister (FS)"), each kept as written.
 */
export interface Parties {
  /** Declared body codes, in the order written; the first is the lead. */
  readonly responsible: string[];
  /** Named responsible parties that are not declared bodies. */
  readonly named: string[];
}

const JOIN = new RegExp(
  `\\s*(?:[,;/+&]|${WORD_START}(?:${alternation(RESPONSIBLE_JOINS.filter((j) => /\p{L}/u.test(j)))})${WORD_END})\\s*`,
  'iu',
);

export function splitParties(text: string, codes: BodyCodes): Parties {
  const responsible: string[] = [];
  const named: string[] = [];
  for (const raw of splitOutsideParentheses(text.replace(/\.$/, ''))) {
    const part = raw.trim();
    if (part === '') continue;
    const code = codes.codeOf(part);
    if (code !== undefined) {
      if (!responsible.includes(code)) responsible.push(code);
      continue;
    }
    const name = part.charAt(0).toUpperCase() + part.slice(1);
    if (!named.includes(name)) named.push(name);
  }
  return { responsible, named };
}

/**
 * An Ansvar cell read for its named parties, where its codes are read by the caller: the parts
 * that name no body outside parentheses are parties ("Programkomitéene", "Skeive sosialister
 * (FS)"); the parts that mix a body with other words ("FS (eller SV sentralt)", "I hovedsak
 * BSG") are `mixed`, which only a note can keep.
 */
export function namedParties(text: string, codes: BodyCodes): { named: string[]; mixed: string[] } {
  const named: string[] = [];
  const mixed: string[] = [];
  for (const raw of splitOutsideParentheses(text.replace(/\.$/, ''))) {
    const part = raw.trim();
    if (part === '' || codes.codeOf(part) !== undefined) continue;
    const outside = part
      .replace(/\(.*?\)/g, ' ')
      .split(/[\s/:]+/)
      .filter((t) => t !== '');
    if (outside.some((t) => codes.codeOf(t) !== undefined)) {
      mixed.push(part);
      continue;
    }
    const name = part.charAt(0).toUpperCase() + part.slice(1);
    if (!named.includes(name)) named.push(name);
  }
  return { named, mixed };
}

function splitOutsideParentheses(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  const tokens = text.split(/(\(|\))/);
  for (const token of tokens) {
    if (token === '(') depth++;
    if (token === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && token !== ')' && token !== '(') {
      const pieces = token.split(JOIN);
      current += pieces[0] ?? '';
      for (const piece of pieces.slice(1)) {
        parts.push(current);
        current = piece;
      }
    } else current += token;
  }
  parts.push(current);
  return parts;
}

const WORDS = new Set(RESPONSIBLE_WORDS);
const ENDING = new RegExp(`(?:${alternation(RESPONSIBLE_ENDINGS)})$`, 'iu');
const CODE = /^[A-ZÆØÅ]{2,6}(?:-[\p{L}]+)?$/u;

/** True when a short phrase names who does something: "styret", "AU", "leder og sekretær". */
export function namesResponsible(phrase: string, codes: BodyCodes): boolean {
  const parts = splitOutsideParentheses(phrase)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0 || phrase.length > 60) return false;
  return parts.every((part) => {
    if (codes.codeOf(part) !== undefined || CODE.test(part)) return true;
    const words = part
      .replace(/\(.*?\)/g, '')
      .trim()
      .split(/\s+/);
    const last = (words[words.length - 1] ?? '').toLowerCase();
    return words.length <= 3 && (WORDS.has(last) || ENDING.test(last));
  });
}
