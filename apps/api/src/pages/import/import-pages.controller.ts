import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Post,
  Req,
  Res,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UnreadableFileError } from '@app/document-readers';
import { PlanDocumentError } from '@app/plan-document';
import { ProjectionRunner } from '@app/read-models';
import { PlanImports, PlanQueries } from '@app/runtime';
import { UnreadableDocumentError } from '@app/text-import';
import type { Request, Response } from 'express';
import { mayCall } from '../../auth/access-policy.js';
import { logCommandId } from '../../auth/logging.js';
import { RequestDocuments } from '../../http/request-documents.js';
import { uploadedFile } from '../../http/uploads.js';
import { actorOf, PageErrorFilter, ServerTimingInterceptor, visitorOf } from '../page-http.js';
import { importPage, type ImportPageShell, type ImportProblem } from './views/import-page.js';
import { reviewPage } from './views/review-page.js';

const HTML = 'text/html; charset=utf-8';

/** The route of the import itself, as the access policy names it. */
export const IMPORT_SAVE_ROUTE = '/import/lagre';

/**
 * The import pages for plan editors: upload a plan's file (/import), review what was read beside
 * the source and correct it (/import/gjennomgang), then import it as corrected (/import/lagre,
 * authorised as POST /imports is: plan_editor in the plan's organisation). Reading and importing
 * go through RequestDocuments and PlanImports, as the api's POST /imports does.
 */
@ApiExcludeController()
@Controller('import')
@UseInterceptors(ServerTimingInterceptor)
@UseFilters(PageErrorFilter)
export class ImportPagesController {
  constructor(
    private readonly documents: RequestDocuments,
    private readonly imports: PlanImports,
    private readonly queries: PlanQueries,
    private readonly projections: ProjectionRunner,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async page(@Req() req: Request): Promise<string> {
    return importPage(await this.shell(req)).value;
  }

  @Post('gjennomgang')
  async review(@Req() req: Request, @Res() res: Response): Promise<void> {
    const shell = await this.shell(req);
    let requested;
    try {
      requested = await this.documents.planImport(req);
    } catch (error) {
      const problem = problemOf(
        error,
        uploadedFile(req, 'file')?.name ?? fieldOf(req, 'sourceName') ?? 'filen',
      );
      if (!problem) throw error;
      res.status(422).type(HTML).send(importPage(shell, problem).value);
      return;
    }
    const { options, read } = requested;
    const bytes = uploadedFile(req, 'file')?.bytes;
    const fileBase64 = bytes ? Buffer.from(bytes).toString('base64') : (fieldOf(req, 'fileBase64') ?? '');
    res
      .status(200)
      .type(HTML)
      .send(
        reviewPage(shell, {
          document: read.document,
          ...(read.report ? { report: read.report } : {}),
          sourceLines: read.sourceLines ?? [],
          corrections: read.corrections ?? [],
          reused: read.reused === true,
          fileBase64,
          sourceName: options.sourceName ?? 'dokumentet',
          ...(options.org ? { org: options.org } : {}),
          ...(options.id ? { id: options.id } : {}),
          mayImport: mayCall(req.principal?.grants, 'POST', IMPORT_SAVE_ROUTE, read.document.plan.org),
        }).value,
      );
  }

  @Post('lagre')
  async save(@Req() req: Request, @Res() res: Response): Promise<void> {
    // Read (and authorised) by the access guard from the same form: the same reading is imported.
    const { read } = await this.documents.planImport(req);
    const commandId = this.imports.commandIdOf(read);
    logCommandId(req, commandId);
    const result = await this.imports.importRead(read, { actor: actorOf(req), commandId });
    const position = result.outcome?.position;
    if (position) await this.projections.caughtUpTo(position, 10_000).catch(() => undefined);
    res.redirect(303, `/plan/${encodeURIComponent(result.planId)}`);
  }

  private async shell(req: Request): Promise<ImportPageShell> {
    return { organisations: await this.queries.listOrganisations(), visitor: visitorOf(req) };
  }
}

function fieldOf(req: Request, name: string): string | undefined {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What the page says when an upload cannot be read; undefined for errors that are not the upload's. */
function problemOf(error: unknown, file: string): ImportProblem | undefined {
  if (error instanceof UnreadableDocumentError) {
    return error.refusal
      ? { kind: 'refusal', refusal: error.refusal, file }
      : { kind: 'message', message: `Planverk kunne ikke lese «${file}»: filen er tom eller ikke tekst.` };
  }
  if (error instanceof UnreadableFileError) return { kind: 'message', message: error.norwegian };
  if (error instanceof PlanDocumentError) {
    return {
      kind: 'message',
      message: `Plandokumentet «${file}» har feil som må rettes før det kan importeres:`,
      details: error.issues.map(
        (i) => `${i.line ? `Linje ${i.line}: ` : ''}${i.path ? `${i.path}: ` : ''}${i.message}`,
      ),
    };
  }
  if (error instanceof BadRequestException) {
    return {
      kind: 'message',
      message: 'Velg en fil (Word, LibreOffice, PDF, Markdown eller tekst) og prøv igjen.',
    };
  }
  return undefined;
}
