import { BadRequestException, Body, Controller, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { formatPosition } from '@app/event-store';
import { importCommandId } from '@app/plans';
import { ProjectionRunner } from '@app/read-models';
import { PlanImports, type ImportFormat } from '@app/runtime';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength, validate } from 'class-validator';
import type { Request, Response } from 'express';
import { logCommandId } from '../auth/logging.js';
import { actorOf } from '../http/command-envelope.js';
import { assertWellFormedText } from '../http/well-formed-text.js';
import { SLUG } from '../plans/dto/create-plan.dto.js';

const FORMATS = ['auto', 'document', 'text'] as const;

class ImportOptionsQuery {
  @ApiPropertyOptional({
    enum: FORMATS,
    description: 'auto: a mapping with `plan:` is a plan document, anything else plan text',
  })
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: ImportFormat;

  @ApiPropertyOptional({ example: 'oslo-sv-2024-2027' })
  @IsOptional()
  @Matches(SLUG, { message: 'id must be a lower-case slug such as oslo-sv-2024-2027' })
  @MaxLength(100)
  id?: string;

  @ApiPropertyOptional({ example: 'oslo-sv' })
  @IsOptional()
  @Matches(SLUG, { message: 'org must be a lower-case slug such as oslo-sv' })
  @MaxLength(100)
  org?: string;

  @ApiPropertyOptional({ example: 'arbeidsplan-2026.txt' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  sourceName?: string;

  @ApiPropertyOptional({ description: 'Show the plan document and the report without writing anything' })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

class ImportBodyDto extends ImportOptionsQuery {
  @ApiProperty({ description: 'A plan document (YAML or JSON), or the text of a plan document' })
  @IsString()
  @Length(1, 2_000_000)
  content!: string;
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: PlanImports,
    private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Import a plan: a plan document (YAML/JSON) or the text of a plan (the shapes in the seed documents)',
    description:
      'Send JSON `{ content, format?, id?, org?, dryRun? }`, or the raw text with Content-Type text/plain or application/yaml and the options as query parameters. One atomic append: a document with a problem writes nothing; importing the same document again appends nothing.',
  })
  @ApiConsumes('application/json', 'text/plain', 'application/yaml')
  @ApiBody({ type: ImportBodyDto })
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
    // A union: Nest cannot validate it by type, so a JSON body is validated below.
    @Body() body: unknown,
    @Query() query: ImportOptionsQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const fromBody = typeof body === 'object' && body !== null ? await validJsonBody(body) : undefined;
    const content = typeof body === 'string' ? body : fromBody?.content;
    if (typeof content !== 'string' || content.trim() === '') {
      throw new BadRequestException(
        'Send the plan as `content` in a JSON body, or as a text/plain or application/yaml body',
      );
    }
    const options = { ...query, ...(fromBody ? withoutContent(fromBody) : {}) };
    const importRequest = {
      content,
      actor: actorOf(req),
      ...(options.format ? { format: options.format } : {}),
      ...(options.id ? { id: options.id } : {}),
      ...(options.org ? { org: options.org } : {}),
      ...(options.sourceName ? { sourceName: options.sourceName } : {}),
    };
    // Read the document first (nothing written): text the database cannot store, e.g. a NUL
    // written as an escape in the YAML, is refused before the import; and the import's command
    // id, which derives from the document (importCommandId), is in the request log.
    const preview = await this.imports.importContent({ ...importRequest, dryRun: true });
    assertWellFormedText(preview.document, 'document');
    if (options.dryRun === true) {
      res.status(200);
      return {
        planId: preview.planId,
        format: preview.format,
        dryRun: true,
        document: preview.document,
        report: preview.report ?? null,
      };
    }
    logCommandId(req, importCommandId(preview.document));
    const result = await this.imports.importContent({ ...importRequest, dryRun: false });
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

async function validJsonBody(body: object): Promise<ImportBodyDto> {
  const dto = plainToInstance(ImportBodyDto, body);
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
