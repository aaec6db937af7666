/**
 * What a document prints before a list item or a numbered heading. One place for the bullet
 * characters and number patterns every reader (text, PDF, the plan reader) recognises.
 *
 * Bullets: "-" (seed 000), "●" (001), "·" (002), "•", "●", "○" (003), and the usual others.
 */
export const PRINTED_BULLETS = '-–•·●○◦▪■*';

/**
 * "1.", "1.1", "1.1.", "2)", "a)", "A.", "IV.", "(3)": a number needs its period or parenthesis
 * unless it has several levels, so that "12 nye medlemmer" and "2026 skal vi" stay text.
 */
const NUMBER_MARKER =
  /^(\(\d{1,3}\)|\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|[a-zA-ZæøåÆØÅ][.)]|[IVX]{1,5}\.)\s+(?=\S)/u;

export interface LeadingMarker {
  /** The marker as printed: "1.1", "a)", "•". */
  readonly marker: string;
  /** The text after it. */
  readonly rest: string;
  readonly bullet: boolean;
}

export function leadingMarker(text: string): LeadingMarker | undefined {
  const t = text.trimStart();
  const first = t.charAt(0);
  if (first !== '' && PRINTED_BULLETS.includes(first) && /^.\s+\S/u.test(t))
    return { marker: first, rest: t.slice(1).trim(), bullet: true };
  const m = NUMBER_MARKER.exec(t);
  if (m) return { marker: m[1] ?? '', rest: t.slice(m[0].length).trim(), bullet: false };
  return undefined;
}
