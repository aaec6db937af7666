import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEASURE_STATUSES, type MeasureStatus } from '@app/domain';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommandIdDto } from './command-id.dto.js';

export class ChangeMeasureStatusDto extends CommandIdDto {
  @ApiProperty({ enum: MEASURE_STATUSES, example: 'in_progress' })
  @IsIn(MEASURE_STATUSES, { message: `status must be one of ${MEASURE_STATUSES.join(', ')}` })
  status!: MeasureStatus;

  @ApiPropertyOptional({ example: 'Startet i Sagene og Gamle Oslo' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;

  @ApiPropertyOptional({
    example: '2026',
    description: 'The period reported on, for continuous and annual measures',
  })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  period?: string;
}
