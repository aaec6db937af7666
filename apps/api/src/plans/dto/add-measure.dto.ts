import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CommandIdDto } from './command-id.dto.js';
import { BODY_CODE, MEASURE_LABEL, MEASURE_LABEL_RULE, type AddMeasure } from '@app/domain';
import type { EveryFieldTaken, FieldsNotTaken } from './command-fields.js';

export class AddMeasureDto extends CommandIdDto {
  @ApiProperty({ format: 'uuid', description: 'The section the measure belongs to' })
  @IsUUID()
  sectionId!: string;

  @ApiPropertyOptional({ example: 'A', description: 'Defaults to the next free letter of the section' })
  @IsOptional()
  @Matches(MEASURE_LABEL, { message: `label must be ${MEASURE_LABEL_RULE}` })
  label?: string;

  @ApiProperty({ example: 'Hele Oslo SV (alle lokallag) skal jevnlig banke på dører i 2026-2027.' })
  @IsString()
  @Length(1, 5000)
  text!: string;

  @ApiPropertyOptional({ example: 'Vår 2026', description: 'When ("Gjennomføring"), as written' })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  timing?: string;

  @ApiPropertyOptional({ example: ['FS', 'LL'], description: 'Body codes ("Ansvar"); the first is the lead' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(BODY_CODE, { each: true, message: 'each responsible body must be a code such as FS or LL' })
  responsible?: string[];

  @ApiPropertyOptional({
    example: ['Programkomitéene'],
    description:
      'Who else is responsible, by name, where that is not a declared body ("Programkomitéene", "Alle"); a name of a declared body counts as that body',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 120, { each: true, message: 'each responsible party must be a name of 1-120 characters' })
  responsibleParties?: string[];
}

/**
 * Checked: AddMeasureDto takes every field of AddMeasure but the measure's id (derived from the
 * command id), the organisation's bodies (looked up by the runner), and the lines and the
 * responsible note, which only an imported document gives.
 */
export type AddMeasureDtoIsComplete = EveryFieldTaken<
  FieldsNotTaken<AddMeasureDto, AddMeasure, 'measureId' | 'organisationBodies' | 'lines' | 'responsibleNote'>
>;
