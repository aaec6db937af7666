/** A, B, ... Z, AA, AB ...: the letters plans use to label the measures of a section. */
export function labelAt(index: number): string {
  let label = '';
  let n = index;
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

/** The first letter not taken; `from`: the index (labelAt) before which every letter is taken. */
export function nextFreeLabel(taken: ReadonlySet<string>, from = 0): string {
  for (let i = from; ; i++) {
    const label = labelAt(i);
    if (!taken.has(label)) return label;
  }
}
