/**
 * Documents and bodies built to hold a server's event loop or overflow its stack (issue 13,
 * points 3 and 4), for the tests that send them to every route that takes a body.
 */

/** A YAML mapping of `count` keys (100,000 keys: about 1 MB). */
export function manyKeysYaml(count: number): string {
  return `${Array.from({ length: count }, (_, i) => `k${i}: v`).join('\n')}\n`;
}

/** A document whose `head` mapping (`plan` for an import, `meeting` for a replay) has `count` keys. */
export function manyKeysUnder(head: 'plan' | 'meeting', count: number): string {
  return `${head}:\n${Array.from({ length: count }, (_, i) => `  k${i}: v`).join('\n')}\n`;
}

/** "Billion laughs": nine aliases of nine aliases, seven levels deep (4.8 billion strings if expanded). */
export const BILLION_LAUGHS_YAML = [
  'plan: { id: lol }',
  'meeting: { id: lol, org: lol, plan: lol, body: ÅM, date: 2026-03-14 }',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'votes: []',
].join('\n');

/** YAML (and JSON) lists nested `depth` deep. */
export function deepYaml(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** A plan document or protocol (`head`) with a field nested `depth` deep (a "nested replay"). */
export function deepUnder(head: 'plan' | 'meeting', depth: number): string {
  return `${head}:\n  id: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\nvotes: []\n`;
}

/** A JSON value nested `depth` deep, as text (JSON.stringify would overflow building it). */
export function deepJsonValue(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Words no answer may carry: engine messages from a stack overflow or an alias bomb. */
export const ENGINE_MESSAGES = /call stack|alias count|resource exhaustion|RangeError|ReferenceError/i;

/**
 * A valid plan document with `measures` measures, a hundred to a section: the "huge valid
 * document" of issue 13 (18,100 measures were 1.9 MB and held the event loop 31 s).
 */
export function largePlanDocument(planId: string, organisationId: string, measures: number): string {
  const lines = [
    'plan:',
    `  id: ${planId}`,
    `  org: ${organisationId}`,
    `  title: Arbeidsplan med ${measures} tiltak`,
    '  period: { from: 2026, to: 2027 }',
    'bodies:',
    '  - { code: FS, name: Fylkesstyret }',
    'sections:',
  ];
  for (let section = 0; section * 100 < measures; section++) {
    lines.push(`  - number: "${section + 1}"`, `    title: Del ${section + 1}`, '    measures:');
    for (let i = section * 100; i < Math.min(measures, (section + 1) * 100); i++) {
      lines.push(
        `      - { text: "Tiltak nummer ${i + 1} i en stor plan.", timing: "2026", responsible: [FS] }`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
