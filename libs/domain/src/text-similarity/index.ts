export { normaliseNorwegian } from './normalise.js';
export { coverage, similarity } from './similarity.js';
export {
  DEFAULT_LINK_THRESHOLD,
  type LinkKind,
  type LinkSuggestion,
  type MeasureText,
  PreparedMeasures,
  prepareMeasures,
  suggestLinks,
} from './suggest-links.js';
