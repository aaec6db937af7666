/**
 * A body's code as plans write it under "Ansvar" and in their abbreviation lists: a capital
 * letter, then at most 19 letters, digits or hyphens (FS, LL, BSG, ÅM, BU-gruppe). The api, the
 * pages and the plan documents the importers write all hold codes to this one rule. A responsible
 * that is not a declared body ("Programkomitéene", "Alle", "Skeive sosialister (FS)") is no code:
 * it is a named party (responsibleParties), taken as written.
 */
export const BODY_CODE = /^\p{Lu}[\p{L}0-9-]{0,19}$/u;

/** The body-code rule in words, for messages that refuse a code. */
export const BODY_CODE_RULE =
  'a capital letter and at most 19 more letters, digits or hyphens, such as FS or BU-gruppe';

export const isBodyCode = (code: string): boolean => BODY_CODE.test(code);
