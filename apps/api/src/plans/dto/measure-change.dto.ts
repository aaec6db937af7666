import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CommandIdDto } from './command-id.dto.js';
import { BODY_CODE, MEASURE_LABEL, MEASURE_LABEL_RULE } from '@app/domain';

export class MoveMeasureDto extends CommandIdDto {
  @ApiProperty({ format: 'uuid', description: 'The section to move it to' })
  @IsUUID()
  sectionId!: string;

  @ApiPropertyOptional({ example: 'K', description: 'Defaults to the next free letter there' })
  @IsOptional()
  @Matches(MEASURE_LABEL, { message: `label must be ${MEASURE_LABEL_RULE}` })
  label?: string;
}

export class RetimeMeasureDto extends CommandIdDto {
  @ApiProperty({ example: 'Høst 2026', description: 'As written; never rejected' })
  @IsString()
  @Length(0, 300)
  timing!: string;
}

export class ReassignMeasureDto extends CommandIdDto {
  @ApiProperty({ example: ['FS', 'LL'], description: 'Body codes; the first is the lead' })
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(BODY_CODE, { each: true, message: 'each responsible body must be a code such as FS or LL' })
  responsible!: string[];

  @ApiPropertyOptional({
    example: ['Programkomitéene'],
    description:
      'Who else is responsible, by name, where that is not a declared body ("Programkomitéene", "Alle"); a name of a declared body counts as that body; absent: the named parties stay as they are',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 120, { each: true, message: 'each responsible party must be a name of 1-120 characters' })
  responsibleParties?: string[];

  @ApiPropertyOptional({ example: 'Fylkesstyret overtar ansvaret etter vedtak 12.05.2026' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class ProgressNoteDto extends CommandIdDto {
  @ApiProperty({ example: 'Fire lokallag har gjennomført dørbank' })
  @IsString()
  @Length(1, 5000)
  note!: string;

  @ApiPropertyOptional({
    example: '2026',
    description: 'The period reported on, for continuous and annual measures',
  })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  period?: string;
}
