import { BadRequestException, Injectable, Module } from '@nestjs/common';
import { ProtocolError, type ParsedProtocol } from '@app/plan-document';
import { MeetingProtocols, PlanImports, type PlanContent } from '@app/runtime';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { ImportBodyDto, ImportOptionsQuery } from '../imports/import.dto.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { isMultipart, uploadedFile } from './uploads.js';
import { formCorrections, isReviewField } from '../imports/review-form.js';
import { ReplayQuery } from '../meetings/meeting.dto.js';
import { assertWellFormedText } from './well-formed-text.js';

/** POST /imports as read: its options (query and JSON body) and the plan read from its content. */
export interface RequestedImport {
  readonly options: ImportOptionsQuery;
  /** `reused`: corrections kept from an earlier import of the same file were applied. */
  readonly read: PlanContent & { readonly reused?: boolean };
}

/** The form field a page carries a file in that was uploaded before (base64), where it cannot send the file again. */
export const FILE_BASE64_FIELD = 'fileBase64';

/**
 * The document a request carries (a plan to import, a protocol to replay), read once per
 * request and shared: the access guard authorises what the handler then acts on, from the same
 * parse, and a 2 MB document is parsed once, not once by each. Reading runs on a worker thread
 * (PlanImports, MeetingProtocols), so a large document never holds the event loop. A request's
 * reading is remembered for as long as the request object lives.
 */
@Injectable()
export class RequestDocuments {
  private readonly imports = new WeakMap<Request, Promise<RequestedImport>>();
  private readonly protocols = new WeakMap<Request, Promise<ParsedProtocol>>();
  private readonly replays = new WeakMap<Request, Promise<ReplayQuery>>();

  constructor(
    private readonly planImports: PlanImports,
    private readonly meetingProtocols: MeetingProtocols,
  ) {}

  /**
   * POST /imports: a JSON `{ content, ...options }`, a raw text/YAML body with the options in the
   * query, or a multipart/form-data upload: the file in `file` (or, from a page that has it
   * already, base64 in `fileBase64`) and the options as fields.
   */
  planImport(request: Request): Promise<RequestedImport> {
    return remembered(this.imports, request, async () => {
      if (isMultipart(request)) return this.uploadedImport(request);
      const body = request.body as unknown;
      const query = await valid(ImportOptionsQuery, request.query);
      const fromBody =
        typeof body === 'object' && body !== null ? await valid(ImportBodyDto, body) : undefined;
      const content = typeof body === 'string' ? body : fromBody?.content;
      if (typeof content !== 'string' || content.trim() === '') {
        throw new BadRequestException(
          'Send the plan as `content` in a JSON body, or as a text/plain or application/yaml body',
        );
      }
      const options: ImportOptionsQuery = { ...query, ...(fromBody ? withoutContent(fromBody) : {}) };
      return { options, read: await this.readPlan({ content, ...readOptions(options) }) };
    });
  }

  private async uploadedImport(request: Request): Promise<RequestedImport> {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const review = Object.fromEntries(Object.entries(body).filter(([key]) => isReviewField(key)));
    const {
      [CSRF_FIELD]: _csrf,
      [FILE_BASE64_FIELD]: base64,
      ...fields
    } = Object.fromEntries(Object.entries(body).filter(([key]) => !isReviewField(key)));
    const corrections = fields.corrections;
    if (typeof corrections === 'string') {
      try {
        (fields as Record<string, unknown>).corrections =
          corrections.trim() === '' ? undefined : JSON.parse(corrections);
      } catch {
        throw new BadRequestException('corrections must be a JSON array');
      }
    }
    const options = await valid(ImportOptionsQuery, { ...request.query, ...definedOnly(fields) });
    const file = uploadedFile(request, 'file');
    const bytes = file?.bytes ?? (base64 ? new Uint8Array(Buffer.from(base64, 'base64')) : undefined);
    if (!bytes || bytes.length === 0) {
      throw new BadRequestException(
        'Send the document as the `file` part of the multipart/form-data body (a .docx, .odt, .pdf, .md, .txt, .yaml or .json file)',
      );
    }
    const sourceName = options.sourceName ?? file?.name;
    const named: ImportOptionsQuery = { ...options, ...(sourceName ? { sourceName } : {}) };
    const read = await this.readPlan({ bytes, ...readOptions(named) });
    // The review page's fields: what the editor changed of what it showed, added to the corrections so far.
    const added =
      read.report && Object.keys(review).length > 0
        ? formCorrections(read as Required<PlanContent>, review)
        : [];
    if (added.length === 0) return { options: named, read };
    const all = [...(read.corrections ?? []), ...added];
    const withAll: ImportOptionsQuery = { ...named, corrections: all };
    return { options: withAll, read: await this.readPlan({ bytes, ...readOptions(withAll) }) };
  }

  /**
   * The plan as read, with text the database cannot store (a NUL or a lone surrogate written as
   * an escape in the YAML) refused before anyone acts on it: the guard and the import alike.
   */
  private async readPlan(request: Parameters<PlanImports['read']>[0]): Promise<RequestedImport['read']> {
    const read = await this.planImports.readCorrected(request);
    assertWellFormedText(read.document, 'document');
    return read;
  }

  /**
   * POST /meetings/replay: a protocol as YAML or JSON text (with lines), as `content` in a JSON
   * body, or as a JSON object. A protocol with problems is a 400 listing them all.
   */
  meetingProtocol(request: Request): Promise<ParsedProtocol> {
    return remembered(this.protocols, request, async () => {
      const parsed = await this.readProtocol(request.body as unknown);
      // Text the database cannot store, written as an escape in the YAML: refused before anyone acts on it.
      assertWellFormedText(parsed.protocol, 'protocol');
      return parsed;
    });
  }

  private async readProtocol(body: unknown): Promise<ParsedProtocol> {
    try {
      if (typeof body === 'string') return await this.meetingProtocols.read(body);
      if (typeof body === 'object' && body !== null) {
        const content = (body as { content?: unknown }).content;
        if (typeof content !== 'string') return await this.meetingProtocols.check(body);
        // What a protocol acts on is read from the protocol alone: nothing beside it is taken.
        const beside = Object.keys(body).filter((key) => key !== 'content');
        if (beside.length > 0) {
          throw new BadRequestException(
            `A protocol sent as { content } takes no other fields (got ${beside.slice(0, 5).join(', ')}): the meeting, its organisation and plan are those in the protocol`,
          );
        }
        return await this.meetingProtocols.read(content);
      }
    } catch (error) {
      throw asBadRequest(error);
    }
    throw new BadRequestException(
      'Send the protocol as YAML (application/yaml or text/plain), as JSON, or as `content` in a JSON body',
    );
  }

  /**
   * POST /meetings/replay's options (`dryRun`, `format`), read once: whether it is a dry run (a
   * read) decides what the access guard asks of the caller, so the guard and the handler must
   * see the same answer.
   */
  replayOptions(request: Request): Promise<ReplayQuery> {
    return remembered(this.replays, request, () => valid(ReplayQuery, request.query));
  }
}

/** A protocol's problems as the 400 the api answers, each with amendment, line, field and why. */
export function asBadRequest(error: unknown): unknown {
  if (!(error instanceof ProtocolError)) return error;
  return new BadRequestException({
    statusCode: 400,
    error: error.code,
    message: error.message,
    problems: error.issues,
  });
}

function remembered<T>(
  memo: WeakMap<Request, Promise<T>>,
  request: Request,
  read: () => Promise<T>,
): Promise<T> {
  let reading = memo.get(request);
  if (!reading) {
    reading = read();
    memo.set(request, reading);
  }
  return reading;
}

async function valid<T extends object>(type: new () => T, value: unknown): Promise<T> {
  const dto = plainToInstance(type, value ?? {});
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new BadRequestException(errors.flatMap((e) => Object.values(e.constraints ?? {})));
  }
  return dto;
}

/**
 * The options a JSON body sets: only those it has. (Its class declares every option, so each is
 * an own property, undefined when not sent, and would otherwise hide the query's: a
 * `?dryRun=true` with a JSON body imported for real.)
 */
function withoutContent(body: ImportBodyDto): ImportOptionsQuery {
  const { content: _content, ...options } = body;
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** What the reading takes of an import's options. */
function readOptions(options: ImportOptionsQuery): Parameters<PlanImports['read']>[0] {
  return {
    ...(options.format ? { format: options.format } : {}),
    ...(options.id ? { id: options.id } : {}),
    ...(options.org ? { org: options.org } : {}),
    ...(options.sourceName ? { sourceName: options.sourceName } : {}),
    ...(options.corrections ? { corrections: options.corrections } : {}),
  };
}

/** A form's fields without the empty ones (an empty `id` field is no id). */
function definedOnly(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
}

/** RequestDocuments for the access guard and the controllers alike (one instance: one reading per request). */
@Module({ providers: [RequestDocuments], exports: [RequestDocuments] })
export class RequestDocumentsModule {}
