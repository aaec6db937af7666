import { Composer, isCollection, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, visit } from 'yaml';
import type { CST, Document } from 'yaml';

/**
 * What a YAML (or JSON) document sent to Planverk may hold. Checked while the text is read,
 * before any node is built, so a hostile document costs time in proportion to what was read up
 * to the limit: a plan document's mappings have a dozen known fields and its nesting is a few
 * levels deep, so these leave a hundred times the room any real document needs.
 */
export interface YamlLimits {
  /** Characters of text. */
  readonly maxLength: number;
  /** Mappings and lists inside one another. */
  readonly maxDepth: number;
  /** Keys of one mapping (lists may be as long as the text allows). */
  readonly maxKeys: number;
  /** Alias nodes (`*name`), and how far they may expand (yaml's maxAliasCount). */
  readonly maxAliases: number;
}

export const DOCUMENT_LIMITS: YamlLimits = {
  maxLength: 2 * 1024 * 1024,
  maxDepth: 32,
  maxKeys: 1_000,
  maxAliases: 100,
};

/** Something wrong with the text as YAML, or over a limit: where (1-based line) and why. */
export interface YamlProblem {
  readonly line: number | undefined;
  readonly message: string;
}

export type BoundedYaml =
  | { readonly ok: true; readonly doc: Document.Parsed; readonly lineCounter: LineCounter }
  | { readonly ok: false; readonly problems: readonly YamlProblem[] };

class LimitExceeded extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses one YAML (or JSON) document within `limits`. Depth and keys per mapping are checked on
 * the parser's stack after every token, so a document nested 100,000 deep or with 100,000 keys
 * is refused after the first few kilobytes, and the composer (which recurses) only ever sees a
 * document of bounded depth. Keys are checked for duplicates here, in one pass, instead of by
 * the yaml package's `uniqueKeys`, which compares each key with every earlier one of its
 * mapping (10,000 keys took 2.7 s, 30,000 took 23 s). Never throws for bad input.
 */
export function parseYamlBounded(text: string, limits: YamlLimits = DOCUMENT_LIMITS): BoundedYaml {
  if (text.length > limits.maxLength) {
    return refused(
      undefined,
      `the document is longer than ${limits.maxLength.toLocaleString('en')} characters`,
    );
  }
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  // Parser.parse() marks the first line itself; boundedTokens drives the parser token by token.
  lineCounter.addNewLine(0);
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
  let doc: Document.Parsed | undefined;
  let documents = 0;
  try {
    for (const composed of composer.compose(boundedTokens(text, parser, limits), true, text.length)) {
      documents++;
      doc ??= composed;
    }
  } catch (error) {
    if (error instanceof LimitExceeded) return refused(lineCounter.linePos(error.offset).line, error.message);
    throw error;
  }
  if (!doc) return refused(undefined, 'the document is empty');
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    line: lineOf(e.pos[0]),
    message: e.message.split('\n')[0] ?? e.message,
  }));
  if (documents > 1)
    problems.push({ line: undefined, message: 'the text holds more than one YAML document' });
  if (problems.length === 0) problems.push(...keyProblems(doc, limits, lineOf));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, doc, lineCounter };
}

/**
 * The document as plain values, with aliases expanded at most `maxAliases` times over (yaml's
 * maxAliasCount): a "billion laughs" document is a problem, not an engine error.
 */
export function yamlToJs(
  doc: Document.Parsed,
  limits: YamlLimits = DOCUMENT_LIMITS,
):
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problems: readonly YamlProblem[] } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: limits.maxAliases }) as unknown };
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return refused(undefined, 'the document’s aliases (*name) expand to too much; write the values out');
    }
    throw error;
  }
}

/** A field's place in a document: keys of mappings and indexes of lists, from the top. */
export type YamlPath = ReadonlyArray<string | number>;

/**
 * The line of every node of a document by its path (see `lineFinder`): plain data, so it can
 * cross threads with what was read, where the document itself cannot.
 */
export function nodeLines(doc: Document.Parsed, lineCounter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  const pending: Array<[unknown, YamlPath]> = [[doc.contents, []]];
  while (pending.length > 0) {
    const [node, path] = pending.pop()!;
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) lines.set(JSON.stringify(path), lineCounter.linePos(range[0]).line);
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key === 'string' || typeof key === 'number') pending.push([pair.value, [...path, key]]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => pending.push([item, [...path, i]]));
    }
  }
  return lines;
}

/** The line of the field at a path, or of the nearest enclosing one there is (a missing field: its parent's). */
export function lineFinder(lines: ReadonlyMap<string, number>): (path: YamlPath) => number | undefined {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const line = lines.get(JSON.stringify(path.slice(0, n)));
      if (line !== undefined) return line;
    }
    return undefined;
  };
}

/** The parser's tokens, checking its stack (the nodes being built, innermost last) after every lexeme. */
function* boundedTokens(text: string, parser: Parser, limits: YamlLimits): Generator<CST.Token> {
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    const stack = parser.stack;
    if (stack.length > limits.maxDepth && collectionsIn(stack) > limits.maxDepth) {
      throw new LimitExceeded(
        parser.offset,
        `the document is nested more than ${limits.maxDepth} levels deep`,
      );
    }
    const top = stack[stack.length - 1];
    if (top && isMapping(top) && top.items.length > limits.maxKeys) {
      throw new LimitExceeded(
        parser.offset,
        `a mapping has more than ${limits.maxKeys.toLocaleString('en')} keys`,
      );
    }
  }
  yield* parser.end();
}

function collectionsIn(stack: readonly CST.Token[]): number {
  let n = 0;
  for (const token of stack) {
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') n++;
  }
  return n;
}

function isMapping(token: CST.Token): token is CST.BlockMap | CST.FlowCollection {
  return token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
}

/** Duplicate keys (each mapping's keys in a set: one pass) and too many aliases. */
function keyProblems(
  doc: Document.Parsed,
  limits: YamlLimits,
  lineOf: (offset: number) => number,
): YamlProblem[] {
  const problems: YamlProblem[] = [];
  let aliases = 0;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        // Scalars compare by value, as yaml's own check does; a collection as a key is unique by identity.
        const value = isScalar(key) ? key.value : key;
        if (seen.has(value)) {
          const offset = isScalar(key) || isCollection(key) ? key.range?.[0] : undefined;
          problems.push({
            line: offset === undefined ? undefined : lineOf(offset),
            message: `the key ${JSON.stringify(String(value)).slice(0, 80)} appears twice in one mapping`,
          });
        }
        seen.add(value);
      }
    },
    Alias(_key, alias) {
      aliases++;
      if (aliases === limits.maxAliases + 1) {
        problems.push({
          line: alias.range ? lineOf(alias.range[0]) : undefined,
          message: `the document has more than ${limits.maxAliases} aliases (*name)`,
        });
      }
    },
  });
  return problems;
}

function refused(line: number | undefined, message: string): { ok: false; problems: YamlProblem[] } {
  return { ok: false, problems: [{ line, message }] };
}
