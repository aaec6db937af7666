import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { UnreadableFileError } from './unreadable-file.js';

/**
 * The zip container of Word (.docx) and OpenDocument (.odt) files. Only the named parts are
 * inflated, and none larger than MAX_PART_BYTES: a 100-page plan's document.xml is a few
 * megabytes, so anything near the limit is a zip bomb, not a plan.
 */
const MAX_PART_BYTES = 64 * 1024 * 1024;

export function unzipParts(bytes: Uint8Array, wanted: readonly string[], what: string): Map<string, string> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!wanted.includes(file.name)) return false;
        if (file.originalSize > MAX_PART_BYTES) {
          throw new UnreadableFileError(
            `${what}: ${file.name} would unpack to ${file.originalSize} bytes (at most ${MAX_PART_BYTES})`,
            `${what}: delen ${file.name} er for stor (over ${MAX_PART_BYTES / 1024 / 1024} MB utpakket)`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(
      `${what}: not a readable zip container (${(error as Error).message})`,
      `${what}: filen kan ikke åpnes (den er skadet, eller ikke det filtypen sier)`,
    );
  }
  const decoder = new TextDecoder('utf-8');
  return new Map(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)]));
}

export function parseXml(xml: string, what: string): Element {
  let failure: string | undefined;
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') failure ??= message;
    },
  }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (failure !== undefined || !root) {
    throw new UnreadableFileError(
      `${what}: damaged XML (${failure ?? 'no root element'})`,
      `${what}: filen er skadet og kan ikke leses`,
    );
  }
  return root;
}

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.nodeType === 1;
}

/** The element children of an element, optionally only those in a namespace with a local name. */
export function childElements(el: Element, ns?: string, local?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (!isElement(n)) continue;
    if (ns !== undefined && n.namespaceURI !== ns) continue;
    if (local !== undefined && n.localName !== local) continue;
    out.push(n);
  }
  return out;
}

export function firstChild(el: Element | undefined, ns: string, local: string): Element | undefined {
  return el ? childElements(el, ns, local)[0] : undefined;
}

/** Every descendant element with this namespace and local name, in document order. */
export function descendants(el: Element, ns: string, local: string): Element[] {
  return Array.from(el.getElementsByTagNameNS(ns, local));
}

export function attr(el: Element | undefined, ns: string, local: string): string | undefined {
  if (!el) return undefined;
  const value = el.getAttributeNS(ns, local);
  return value === null || value === '' ? (el.hasAttributeNS(ns, local) ? '' : undefined) : value;
}
