/**
 * The lines `npm start` ends its start-up with, in a box so they stand out from the log above:
 * where the api answers and, on the demo's first start, the administrator's one-time password.
 */
export function startupBanner(lines: readonly string[]): string {
  const width = Math.max(...lines.map((l) => [...l].length));
  const rule = '─'.repeat(width + 2);
  return [`┌${rule}┐`, ...lines.map((l) => `│ ${l}${' '.repeat(width - [...l].length)} │`), `└${rule}┘`].join(
    '\n',
  );
}
