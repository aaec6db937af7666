/**
 * List and heading numbers as a word processor prints them: a counter per level, formatted
 * ("decimal" 3, "lowerLetter" c, "upperRoman" III) and put into the level's pattern
 * ("%1.%2." -> "2.3."). Word's numbering.xml and ODF's list styles both describe levels so.
 */
export type NumberFormat =
  'decimal' | 'lowerLetter' | 'upperLetter' | 'lowerRoman' | 'upperRoman' | 'bullet' | 'none';

export interface LevelFormat {
  readonly format: NumberFormat;
  /** "%1.%2." (Word) ; for ODF built from prefix, suffix and display levels. */
  readonly pattern: string;
  readonly start: number;
}

export function formatNumber(n: number, format: NumberFormat): string {
  switch (format) {
    case 'decimal':
      return String(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'bullet':
      return '•';
    case 'none':
      return '';
  }
}

function letters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let k = n;
  for (const [value, symbol] of table) {
    while (k >= value) {
      out += symbol;
      k -= value;
    }
  }
  return out;
}

/** Counters of one list (or of the heading outline): next(level) gives the marker of the next item. */
export class ListCounter {
  private readonly counts: number[] = [];

  constructor(private readonly levels: (level: number) => LevelFormat | undefined) {}

  /** The marker of the next item at this level (0-based); deeper levels restart. */
  next(level: number): string | undefined {
    const format = this.levels(level);
    if (!format) return undefined;
    for (let l = 0; l < level; l++) this.counts[l] ??= this.levels(l)?.start ?? 1;
    this.counts[level] = this.counts[level] === undefined ? format.start : this.counts[level] + 1;
    this.counts.length = level + 1;
    if (format.format === 'bullet') return '•';
    const marker = format.pattern.replace(/%(\d)/g, (_all, d: string) => {
      const l = Number(d) - 1;
      const f = this.levels(l);
      return f ? formatNumber(this.counts[l] ?? f.start, f.format) : '';
    });
    return marker.trim() === '' ? undefined : marker.trim();
  }
}
