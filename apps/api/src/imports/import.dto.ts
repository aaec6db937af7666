import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ImportFormat } from '@app/runtime';
import { CORRECTION_KINDS } from '@app/text-import';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SLUG } from '../plans/dto/create-plan.dto.js';

const FORMATS = ['auto', 'document', 'text'] as const;

/** A responsible party declared a body: see ImportCorrection.declareBody. */
export class DeclareBodyDto {
  @ApiProperty({ example: 'Styret' })
  @IsString()
  @Length(1, 200)
  party!: string;

  @ApiProperty({ example: 'ST' })
  @IsString()
  @Length(1, 20)
  code!: string;
}

/** A plan editor's correction of what was read: see ImportCorrection in @app/text-import. */
export class ImportCorrectionDto {
  @ApiProperty({ description: 'The source line (1-based, as the report numbers them) the element starts on' })
  @IsInt()
  @Min(1)
  line!: number;

  @ApiPropertyOptional({ enum: CORRECTION_KINDS })
  @IsOptional()
  @IsIn(CORRECTION_KINDS)
  kind?: (typeof CORRECTION_KINDS)[number];

  @ApiPropertyOptional({ description: 'Join it to the element before it in its section' })
  @IsOptional()
  @IsBoolean()
  merge?: boolean;

  @ApiPropertyOptional({ description: 'Split it in two where this text starts' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  splitAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  text?: string;

  @ApiPropertyOptional({ description: 'Timing as written; empty for none' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  timing?: string;

  @ApiPropertyOptional({ description: 'Ansvar as written ("FS, lokallagene"); empty for none' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  responsible?: string;

  @ApiPropertyOptional({ description: 'The number of the section it belongs in' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  section?: string;

  @ApiPropertyOptional({
    type: DeclareBodyDto,
    description: 'Declare a responsible party the measure on this line names a body with this code',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeclareBodyDto)
  declareBody?: DeclareBodyDto;
}

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

  @ApiPropertyOptional({
    type: [ImportCorrectionDto],
    description:
      "Corrections of what was read from a plan's text or file, each naming the line it starts on (a JSON array in a form field). Without them, those kept from an earlier import of the same file as the same plan are applied.",
  })
  @IsOptional()
  @IsArray({ message: 'corrections must be a JSON array' })
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ImportCorrectionDto)
  corrections?: ImportCorrectionDto[];
}

/** POST /imports as multipart/form-data: the file, and the options as form fields. */
export class ImportUploadDto extends ImportOptionsQuery {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'A .docx, .odt, .pdf, .md, .txt, .yaml or .json file',
  })
  file!: unknown;
}

export class ImportBodyDto extends ImportOptionsQuery {
  @ApiProperty({ description: 'A plan document (YAML or JSON), or the text of a plan document' })
  @IsString()
  @Length(1, 2_000_000)
  content!: string;
}
