import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ImportFormat } from '@app/runtime';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { SLUG } from '../plans/dto/create-plan.dto.js';

const FORMATS = ['auto', 'document', 'text'] as const;

export class ImportOptionsQuery {
  @ApiPropertyOptional({
    enum: FORMATS,
    description:
      'auto: a YAML mapping with a top-level `plan:` key, or a JSON object, is a plan document; anything else plan text',
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

export class ImportBodyDto extends ImportOptionsQuery {
  @ApiProperty({ description: 'A plan document (YAML or JSON), or the text of a plan document' })
  @IsString()
  @Length(1, 2_000_000)
  content!: string;
}
