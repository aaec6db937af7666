import { type Shape } from './shape.js';
import { letteredTablesShape } from './lettered-tables.js';
import { tocChaptersShape } from './toc-chapters.js';
import { goalSubgoalShape } from './goal-subgoal.js';
import { lineNumberedProseShape } from './line-numbered-prose.js';
import { ocrListsShape } from './ocr-lists.js';

/**
 * The seed layouts, most specific first: the first that recognises the text reads it; text
 * none of them recognises goes to the general reader.
 */
export const SHAPES: readonly Shape[] = [
  letteredTablesShape,
  goalSubgoalShape,
  lineNumberedProseShape,
  ocrListsShape,
  tocChaptersShape,
];

export function recogniseShape(text: string): Shape | undefined {
  return SHAPES.find((s) => s.recognise(text));
}
