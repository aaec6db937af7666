import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsIsoDate } from '../../http/is-iso-date.js';

export class PlanMomentQuery {
  @ApiPropertyOptional({ example: 1, description: 'An adopted revision: 1 for the first adoption' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'revision must be a whole number' })
  @Min(1)
  @Max(10_000)
  revision?: number;

  @ApiPropertyOptional({ example: '2025-06-01', description: 'The plan as it stood on this date' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

export const DOCUMENT_FORMATS = ['yaml', 'json', 'md', 'html'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export class PlanDocumentQuery extends PlanMomentQuery {
  @ApiPropertyOptional({
    enum: DOCUMENT_FORMATS,
    description: 'yaml and json are the plan document format; md is for reading',
  })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS, { message: `format must be one of ${DOCUMENT_FORMATS.join(', ')}` })
  format?: DocumentFormat;

  @ApiPropertyOptional({
    description:
      'md and html: the meeting papers, every line numbered as amendments cite them (the numbers of a document imported with its own, else the papers layout)',
  })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean({ message: 'lineNumbers must be true or false' })
  lineNumbers?: boolean;
}
