import { Controller, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { formatPosition } from '@app/event-store';
import { ProjectionRunner } from '@app/read-models';
import { PlanImports } from '@app/runtime';
import type { Request, Response } from 'express';
import { logCommandId } from '../auth/logging.js';
import { actorOf } from '../http/command-envelope.js';
import { RequestDocuments } from '../http/request-documents.js';
import { PLAN_DOCUMENT_EXAMPLE } from '../http/openapi-examples.js';
import { ImportBodyDto, ImportOptionsQuery } from './import.dto.js';

@ApiTags('imports')
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
      'Import a plan: a plan document (YAML/JSON) or the text of a plan (the shapes in the seed documents)',
    description:
      "Send JSON `{ content, format?, id?, org?, dryRun? }`, or the raw text with Content-Type text/plain or application/yaml and the options as query parameters. One atomic append: a document with a problem writes nothing; importing the same document again appends nothing. Authorised on the document as it will be imported: plan_editor in its organisation (and the existing plan's); a dry run needs only a signed-in caller.",
  })
  @ApiConsumes('application/json', 'text/plain', 'application/yaml')
  @ApiBody({
    type: ImportBodyDto,
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
    };
  }
}
