import { Controller, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { formatPosition } from '@app/event-store';
import { ProjectionRunner } from '@app/read-models';
import { PlanImports } from '@app/runtime';
import type { Request, Response } from 'express';
import { logCommandId } from '../auth/logging.js';
import { actorOf } from '../http/command-envelope.js';
import { RequestDocuments } from '../http/request-documents.js';
import { PLAN_DOCUMENT_EXAMPLE } from '../http/openapi-examples.js';
import { ImportBodyDto, ImportOptionsQuery, ImportUploadDto } from './import.dto.js';

@ApiTags('imports')
@ApiExtraModels(ImportBodyDto, ImportUploadDto)
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: PlanImports,
    private readonly documents: RequestDocuments,
    private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Import a plan: a plan document (YAML/JSON), a plan as Word (.docx), ODF (.odt), PDF, Markdown or text',
    description:
      "Send JSON `{ content, format?, id?, org?, dryRun?, corrections? }`, the raw text with Content-Type text/plain or application/yaml and the options as query parameters, or a file as multipart/form-data (`file`, the options as fields, `corrections` as a JSON array). One atomic append: a document with a problem writes nothing; importing the same document again appends nothing. A plan for an organisation not registered yet registers it, named `plan.orgName` (what the document calls it) or else its id. A file's corrections are kept with the import, and applied again when the same file is imported as the same plan without corrections of its own. The dry run shows the plan document, the report (what became of every line of the source) and the source's lines. Authorised on the document as it will be imported: plan_editor in its organisation (and the existing plan's); a dry run needs only a signed-in caller.",
  })
  @ApiConsumes('application/json', 'multipart/form-data', 'text/plain', 'application/yaml')
  @ApiBody({
    schema: { oneOf: [{ $ref: getSchemaPath(ImportBodyDto) }, { $ref: getSchemaPath(ImportUploadDto) }] },
    examples: {
      document: {
        summary: 'A plan document, as a dry run',
        value: { content: PLAN_DOCUMENT_EXAMPLE, dryRun: true },
      },
    },
  })
  @ApiResponse({
    status: 201,
    description: 'Imported (appended=false when the same document was imported before)',
  })
  @ApiResponse({ status: 200, description: 'Dry run: the plan document and the report' })
  @ApiResponse({
    status: 400,
    description: 'A document it cannot read, with every problem (line, field, why)',
  })
  @ApiResponse({ status: 409, description: 'A different plan with this id exists' })
  async import(
    // The body (JSON or raw text) and these options are read by RequestDocuments, once for the
    // access guard and this handler; the parameter is here for the OpenAPI description.
    @Query() _query: ImportOptionsQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { options, read } = await this.documents.planImport(req);
    // The import's command id, which derives from the document, is logged.
    if (options.dryRun === true) {
      res.status(200);
      return {
        planId: read.document.plan.id,
        format: read.format,
        dryRun: true,
        document: read.document,
        report: read.report ?? null,
        // The source's lines as the report numbers them: what was found, beside what it came from.
        sourceLines: read.sourceLines ?? null,
        corrections: read.corrections ?? [],
        // Corrections kept from an earlier import of the same file were applied.
        reusedCorrections: read.reused === true,
        // The plan before the revision the document marks: imported first, then the changes.
        earlierDocument: read.revision?.earlier ?? null,
      };
    }
    const commandId = this.imports.commandIdOf(read);
    logCommandId(req, commandId);
    const result = await this.imports.importRead(read, {
      actor: actorOf(req),
      commandId,
      ...(options.sourceName ? { sourceName: options.sourceName } : {}),
    });
    const outcome = result.outcome!;
    if (outcome.position) await this.projections.caughtUpTo(outcome.position, 10_000).catch(() => undefined);
    res.setHeader('Location', `/plans/${result.planId}`);
    return {
      planId: result.planId,
      format: result.format,
      appended: outcome.appended,
      events: outcome.events,
      revision: Number(outcome.revision),
      position: outcome.position ? formatPosition(outcome.position) : null,
      report: result.report ?? null,
      corrections: read.corrections ?? [],
      reusedCorrections: read.reused === true,
    };
  }
}
