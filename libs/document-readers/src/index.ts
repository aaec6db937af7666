export { readDocx } from './docx-reader.js';
export { PRINTED_BULLETS, leadingMarker, type LeadingMarker } from './markers.js';
export { readMarkdown } from './markdown-reader.js';
export { readOdt } from './odt-reader.js';
export { pdfFromTextItems, readPdf, type PdfTextItem } from './pdf-reader.js';
export {
  DOCUMENT_EXTENSIONS,
  decodeText,
  readDocumentFile,
  type PlainText,
  type ReadFile,
} from './read-document-file.js';
export {
  collapse,
  earlierSource,
  earlierText,
  hasRevisionMarks,
  hasMarks,
  liveText,
  markedText,
  spanText,
  type Block,
  type DocumentFormat,
  type HeadingBlock,
  type LineSpan,
  type ListItemBlock,
  type ParagraphBlock,
  type SourceDocument,
  type Span,
  type TableBlock,
  type TableCell,
  type TableRow,
} from './source-document.js';
export { UnreadableFileError } from './unreadable-file.js';
