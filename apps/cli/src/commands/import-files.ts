import { DOCUMENT_EXTENSIONS } from '@app/document-readers';
import { unzipSync } from 'fflate';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';

/** The files `planverk import` takes, besides the documents: plan documents. */
export const IMPORT_EXTENSIONS: readonly string[] = [...DOCUMENT_EXTENSIONS, '.yaml', '.yml', '.json'];

/** One file to import: its name (as a summary names it) and its bytes. */
export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The most a zip may hold unpacked: a library of plans, not a disk's worth. */
const ZIP_LIMIT_BYTES = 500 * 1024 * 1024;

export function isZip(path: string): boolean {
  return extname(path).toLowerCase() === '.zip';
}

export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/**
 * The documents in a folder (and its subfolders) or in a zip, in name order: Word, ODF, PDF,
 * Markdown, text and plan documents; hidden files, macOS resource forks and other files are
 * passed over. A zip is unpacked in memory with fflate, only the entries that are documents.
 */
export function importFiles(path: string): ImportFile[] {
  const files = isZip(path) ? zipEntries(path) : folderFiles(path, path);
  return files.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

function wanted(name: string): boolean {
  const base = basename(name);
  return (
    !base.startsWith('.') &&
    !name.split('/').includes('__MACOSX') &&
    IMPORT_EXTENSIONS.includes(extname(base).toLowerCase())
  );
}

function folderFiles(root: string, dir: string): ImportFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : folderFiles(root, path);
    const name = relative(root, path);
    return entry.isFile() && wanted(name) ? [{ name, bytes: new Uint8Array(readFileSync(path)) }] : [];
  });
}

function zipEntries(path: string): ImportFile[] {
  let total = 0;
  const entries = unzipSync(new Uint8Array(readFileSync(path)), {
    filter: (file) => {
      if (file.name.endsWith('/') || !wanted(file.name)) return false;
      total += file.originalSize;
      if (total > ZIP_LIMIT_BYTES)
        throw new Error(
          `${basename(path)} unpacks to more than ${ZIP_LIMIT_BYTES / 1024 / 1024} MB of documents`,
        );
      return true;
    },
  });
  return Object.entries(entries).map(([name, bytes]) => ({ name, bytes }));
}
