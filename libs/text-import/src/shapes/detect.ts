import { UnreadableDocumentError } from '../errors.js';
import { type Shape } from './shape.js';
import { letteredTablesShape } from './lettered-tables.js';
import { tocChaptersShape } from './toc-chapters.js';
import { goalSubgoalShape } from './goal-subgoal.js';
import { lineNumberedProseShape } from './line-numbered-prose.js';
import { ocrListsShape } from './ocr-lists.js';

/**
 * The known shapes, most specific first: the first that recognises the text reads it.
 * Each recognises content (headings, labels, tables), never a file name.
 */
export const SHAPES: readonly Shape[] = [
  letteredTablesShape,
  goalSubgoalShape,
  lineNumberedProseShape,
  ocrListsShape,
  tocChaptersShape,
];

export function detectShape(text: string): Shape {
  const shape = SHAPES.find((s) => s.recognise(text));
  if (!shape) {
    throw new UnreadableDocumentError(
      `no recognisable plan shape: expected one of ${SHAPES.map((s) => `${s.id} (${s.description})`).join('; ')}`,
    );
  }
  return shape;
}
