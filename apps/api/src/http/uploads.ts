import type { NextFunction, Request, Response } from 'express';

/**
 * A plan's document as a party keeps it (Word, ODF, PDF with its images) is larger than a
 * command: uploads to the import routes may be this large, every other body stays at BODY_LIMIT_BYTES.
 */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** A file sent as a part of a multipart/form-data body. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The routes that take multipart/form-data: the import api and the import pages. */
export function isUploadPath(path: string): boolean {
  return path === '/imports' || path === '/import' || path.startsWith('/import/');
}

export function isMultipart(req: Pick<Request, 'headers'>): boolean {
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
}

const uploads = new WeakMap<Request, ReadonlyMap<string, UploadedFile>>();

/** The file a multipart request sent under `field`, if any. */
export function uploadedFile(req: Request, field: string): UploadedFile | undefined {
  return uploads.get(req)?.get(field);
}

/**
 * Reads a multipart/form-data body on the upload routes, within UPLOAD_LIMIT_BYTES: its text
 * fields become `req.body` (as a form's fields would, so the CSRF check finds `_csrf`) and its
 * files are kept for `uploadedFile`. The parsing is the platform's own (the fetch API's
 * `Response.formData()`), so no parser of ours reads the boundaries.
 */
export async function readUploads(req: Request, res: Response, next: NextFunction): Promise<void> {
  if (req.method !== 'POST' || !isUploadPath(req.path) || !isMultipart(req)) return next();
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > UPLOAD_LIMIT_BYTES) {
        res.setHeader('Connection', 'close');
        res.status(413).json({ statusCode: 413, message: tooLarge() });
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const form = await new Response(Buffer.concat(chunks), {
      headers: { 'content-type': req.headers['content-type']! },
    }).formData();
    const fields: Record<string, string> = {};
    const files = new Map<string, UploadedFile>();
    for (const [key, value] of form) {
      if (typeof value === 'string') {
        if (!(key in fields)) fields[key] = value;
      } else if (!files.has(key) && value.size > 0) {
        files.set(key, { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
      }
    }
    req.body = fields;
    uploads.set(req, files);
    next();
  } catch {
    if (res.headersSent) return;
    res.status(400).json({ statusCode: 400, message: 'The multipart/form-data body could not be read' });
  }
}

/** The 413 of an upload, naming the limit. */
export function tooLarge(): string {
  return `The file is larger than ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB`;
}
