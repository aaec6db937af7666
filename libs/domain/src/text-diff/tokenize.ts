/**
 * Splits text into the units a reader sees change: words (letters with their accents and
 * digits, so "dørbank", "Sámi" and "2026" are one token each), runs of whitespace, and
 * each punctuation mark on its own, so "SV-møter" -> "“Ny i SV”-møter" changes by two
 * quote marks, not by one long word.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function isWhitespace(token: string): boolean {
  return /^\s+$/.test(token);
}
