import {
  DEADLINE_WORDS,
  MONTHS,
  RECURRING,
  SEASONS,
  WORD_END,
  WORD_START,
  alternation,
} from '../vocabulary.js';

/**
 * When a measure is carried out, read from its own words: "innen 1. juni", "høsten 2026",
 * "senast i maj 2026", "før årsmøtet", "hver måned". The phrase is kept as written, and the
 * measure's text is left whole (the timing is part of what it says).
 */
const MONTH = alternation(MONTHS.flat());
const SEASON = alternation(SEASONS);
const YEAR = '(?:19|20)\\d{2}(?:\\s*[-–/]\\s*(?:(?:19|20)\\d{2}|\\d{2}))?';
const DATE = `\\d{1,2}\\.?\\s*(?:${MONTH})(?:\\s+${YEAR})?|\\d{1,2}\\.\\d{1,2}\\.(?:\\d{4}|\\d{2})?`;
const EVENT = '(?:årsmøtet|årsmötet|sommerferien|sommarferien|sommerferie|valget|valet|valgkampen|jul|påske)';
const COUNT = '(?:\\d+|en|ett|ei|to|tre|fire|fem|seks|två|fyra|sex)';
const DURATION = `${COUNT}\\s+(?:uke|uker|veke|veker|vecka|veckor|dag|dager|dagar|måned|måneder|månad|månader|år)`;
const POINT = `(?:${DATE}|${DURATION}|(?:${SEASON})(?:\\s+${YEAR})?|(?:${MONTH})(?:\\s+${YEAR})?|${YEAR}|${EVENT}(?:\\s+${YEAR})?)`;
const DEADLINE = `(?:${alternation(DEADLINE_WORDS)})\\s+(?:i\\s+|utgangen av\\s+|slutten av\\s+|udgangen af\\s+)?${POINT}`;
const PHRASE = new RegExp(
  `${WORD_START}(?:${DEADLINE}|(?:${SEASON})\\s+${YEAR}|(?:${MONTH})\\s+${YEAR}|i\\s+(?:(?:${MONTH}|${SEASON})(?:\\s+${YEAR})?|${YEAR})|(?:${COUNT}\\s+)?(?:${alternation(RECURRING)}))${WORD_END}`,
  'iu',
);

export function timingIn(text: string): string | undefined {
  return PHRASE.exec(text)?.[0]?.trim();
}
