/**
 * Joins the lines of one wrapped paragraph, bullet or table cell into one string.
 * A line ending in a hyphen or slash continues without a space ("«Borgen-" + "programmet»",
 * "programprosessen/" + "-komiteen)"): the hyphen is kept, as the word is hyphenated in print.
 */
export function joinWrapped(parts: readonly string[]): string {
  let out = '';
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    if (out === '') out = part;
    else if (/[-/]$/.test(out) && !/\s[-/]$/.test(out)) out += part;
    else if (/\s-$/.test(out) && /^\p{L}/u.test(part)) out += part;
    else out += ` ${part}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Joins paragraphs of prose: lines separated by blank lines are separate paragraphs,
 * unless the first stops mid-sentence (a page break in the middle of a paragraph).
 */
export function joinParagraphs(paragraphs: readonly string[]): string {
  const out: string[] = [];
  for (const p of paragraphs) {
    const text = p.trim();
    if (text === '') continue;
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      !prev.startsWith('- ') &&
      !text.startsWith('- ') &&
      !/[.!?:;)»”"]$/.test(prev)
    ) {
      out[out.length - 1] = `${prev} ${text}`;
    } else out.push(text);
  }
  return out.join('\n\n');
}

/** Keeps consecutive "- " list items in one block, so joinParagraphs does not space them apart. */
export function groupListItems(parts: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last !== undefined && /^\s*- /.test(p) && /^\s*- /.test(last.split('\n').pop() ?? '')) {
      out[out.length - 1] = `${last}\n${p}`;
    } else out.push(p);
  }
  return out;
}
