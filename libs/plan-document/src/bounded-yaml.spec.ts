import { describe, expect, it } from '@jest/globals';
import { DOCUMENT_LIMITS, parseYamlBounded, yamlToJs, type YamlProblem } from './bounded-yaml.js';

function problemsOf(text: string): readonly YamlProblem[] {
  const parsed = parseYamlBounded(text);
  if (!parsed.ok) return parsed.problems;
  const read = yamlToJs(parsed.doc);
  return read.ok ? [] : read.problems;
}

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
].join('\n');

describe('parseYamlBounded', () => {
  it('reads YAML and JSON as the yaml package does', () => {
    const parsed = parseYamlBounded('plan:\n  id: x\n  period: { from: 2024, to: 2027 }\nlist: [1, 2]\n');
    expect(parsed.ok && yamlToJs(parsed.doc)).toEqual({
      ok: true,
      value: { plan: { id: 'x', period: { from: 2024, to: 2027 } }, list: [1, 2] },
    });
    const json = parseYamlBounded('{"a": {"b": [1, "x"]}}');
    expect(json.ok && yamlToJs(json.doc)).toEqual({ ok: true, value: { a: { b: [1, 'x'] } } });
  });

  it.each([
    ['flow lists', '['.repeat(100_000)],
    ['flow mappings', '{a: '.repeat(50_000)],
    ['JSON', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['compact block lists', `${'- '.repeat(50_000)}x`],
    ['indented block mappings', Array.from({ length: 1_500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
  ])('refuses %s nested deeper than the limit, with the line, without an engine message', (_name, text) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe(
      `the document is nested more than ${DOCUMENT_LIMITS.maxDepth} levels deep`,
    );
    expect(problems[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it('reads a document nested as deep as the limit', () => {
    const depth = DOCUMENT_LIMITS.maxDepth;
    const parsed = parseYamlBounded('['.repeat(depth) + ']'.repeat(depth));
    expect(parsed.ok).toBe(true);
  });

  it('refuses a mapping with more keys than the limit, at the line of the first one too many', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n');
    expect(problemsOf(text)).toEqual([
      { line: DOCUMENT_LIMITS.maxKeys + 1, message: 'a mapping has more than 1,000 keys' },
    ]);
    const flow = `{${Array.from({ length: 5_000 }, (_, i) => `"k${i}": 1`).join(', ')}}`;
    expect(problemsOf(flow)[0]!.message).toBe('a mapping has more than 1,000 keys');
  });

  it('reads lists longer than the key limit: only the keys of one mapping are limited', () => {
    const text = `items:\n${Array.from({ length: 3_000 }, (_, i) => `  - { a: ${i}, b: x }`).join('\n')}`;
    const parsed = parseYamlBounded(text);
    expect(parsed.ok && (yamlToJs(parsed.doc) as { value: { items: unknown[] } }).value.items).toHaveLength(
      3_000,
    );
  });

  it('finds a duplicate key among many, with its line', () => {
    const keys = Array.from({ length: 900 }, (_, i) => `k${i}: v`);
    keys.push('k17: again');
    expect(problemsOf(keys.join('\n'))).toEqual([
      { line: 901, message: 'the key "k17" appears twice in one mapping' },
    ]);
    expect(problemsOf('{"a": 1, "a": 2}')).toEqual([
      { line: 1, message: 'the key "a" appears twice in one mapping' },
    ]);
  });

  it('refuses aliases that expand to too much, and too many aliases, in plain words', () => {
    expect(problemsOf(BILLION_LAUGHS)).toEqual([
      { line: undefined, message: 'the document’s aliases (*name) expand to too much; write the values out' },
    ]);
    const many = `a: &a x\nb: [${Array.from({ length: 150 }, () => '*a').join(', ')}]`;
    expect(problemsOf(many)).toEqual([
      { line: 2, message: 'the document has more than 100 aliases (*name)' },
    ]);
    const few = parseYamlBounded('a: &a { x: 1 }\nb: *a\n');
    expect(few.ok && yamlToJs(few.doc)).toEqual({ ok: true, value: { a: { x: 1 }, b: { x: 1 } } });
  });

  it('refuses text over the length limit before reading it', () => {
    expect(problemsOf('a'.repeat(DOCUMENT_LIMITS.maxLength + 1))).toEqual([
      { line: undefined, message: 'the document is longer than 2,097,152 characters' },
    ]);
  });

  it('reports YAML it cannot read with its line, and more than one document', () => {
    expect(problemsOf('a: 1\nb: [unclosed')[0]!.line).toBe(2);
    expect(problemsOf('a: 1\n---\nb: 2\n')).toEqual([
      { line: undefined, message: 'the text holds more than one YAML document' },
    ]);
  });
});
