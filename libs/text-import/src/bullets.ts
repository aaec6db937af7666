/**
 * The bullets the seed documents use: "-" (000), "●" (001), "·" (002), "•", "●", "○" (003),
 * and in the OCR text of 004 "o", "e" and "¢", which is how the scanner read round bullets.
 */
const PRINTED_BULLETS = '-–•·●○◦▪■*';
const OCR_BULLETS = ['o', 'e', '¢', '©', '«'];

export interface BulletOptions {
  /** Also accept the letters OCR produces for bullets ("o ", "e ", "¢ "). */
  readonly ocr?: boolean;
}

/** The item text when the line starts with a bullet, else undefined. */
export function bulletItem(text: string, options: BulletOptions = {}): string | undefined {
  const t = text.trimStart();
  const first = t.charAt(0);
  if (first !== '' && PRINTED_BULLETS.includes(first) && /^.\s+\S/u.test(t)) return t.slice(1).trim();
  if (options.ocr) {
    const m = /^(\S)\s+(\S.*)$/u.exec(t);
    if (m && OCR_BULLETS.includes(m[1] ?? '')) return (m[2] ?? '').trim();
  }
  return undefined;
}

/** "●" alone, "- 72 •" after the number: a bullet with nothing after it. */
export function isEmptyBullet(text: string): boolean {
  const t = text.trim();
  return t.length === 1 && PRINTED_BULLETS.includes(t);
}
