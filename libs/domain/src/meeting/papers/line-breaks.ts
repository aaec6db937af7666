/**
 * Breaking text into the lines of the papers: greedily at a width (a plan the layout numbers),
 * or into exactly the lines a document printed it on (a plan imported with its own numbers).
 */

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/** The text in lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words(text)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The text over exactly `count` lines, of about equal length: a document's element stood on
 * that many lines, and where it broke them is not kept. Lines beyond the words are empty.
 */
export function spreadText(text: string, count: number): string[] {
  if (count <= 0) return [];
  const all = words(text);
  const total = all.reduce((n, w) => n + w.length + 1, 0);
  const lines: string[] = [];
  let at = 0;
  let used = 0;
  for (let line = 0; line < count; line++) {
    const linesAfter = count - line - 1;
    if (linesAfter === 0) {
      lines.push(all.slice(at).join(' '));
      break;
    }
    // Up to this line's share of the whole, leaving a word for each line still to come.
    const target = (total * (line + 1)) / count;
    const piece: string[] = [];
    while (at < all.length) {
      const word = all[at]!;
      const fits = used + word.length / 2 <= target && all.length - at - 1 >= linesAfter;
      if (piece.length > 0 && !fits) break;
      piece.push(word);
      used += word.length + 1;
      at++;
    }
    lines.push(piece.join(' '));
  }
  return lines;
}

/** A section's introduction as paragraphs and list items ("- " lines), each with its text. */
export function introBlocks(intro: string): Array<{ text: string; bullet: boolean }> {
  const blocks: Array<{ text: string; bullet: boolean }> = [];
  for (const paragraph of intro.split(/\n\s*\n/)) {
    let current: { text: string; bullet: boolean } | undefined;
    for (const raw of paragraph.split('\n')) {
      const line = raw.trim();
      if (line === '') continue;
      const item = /^[-•●]\s+(.*)$/.exec(line);
      if (item) {
        current = { text: item[1]!, bullet: true };
        blocks.push(current);
      } else if (current) current.text = `${current.text} ${line}`;
      else {
        current = { text: line, bullet: false };
        blocks.push(current);
      }
    }
  }
  return blocks;
}
